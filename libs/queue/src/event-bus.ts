import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import { reportToStderr, type QueueErrorHandler } from './judge-events';

export type BusListener = (message: unknown) => void;

/**
 * What one API process tells every API process, itself included: changes that live views (scoreboards, grade
 * views) must hear wherever they are open. Messages are small JSON values; one process's are delivered in the
 * order it published them. Delivery is at most once: a process that lost its connection for a while misses what
 * was said meanwhile, which views take in with the next change.
 */
export interface EventBus {
  publish(topic: string, message: unknown): void;
  subscribe(topic: string, listener: BusListener): () => void;
  /** Resolves once what is published from now on is heard here. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** One process: an EventEmitter, delivering at once. */
export class LocalEventBus implements EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(topic: string, message: unknown): void {
    this.emitter.emit(topic, message);
  }

  subscribe(topic: string, listener: BusListener): () => void {
    this.emitter.on(topic, listener);
    return () => this.emitter.off(topic, listener);
  }

  ready(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.emitter.removeAllListeners();
    return Promise.resolve();
  }
}

export interface RedisEventBusOptions {
  redisUrl: string;
  /** Keeps deployments (and test suites) sharing one Redis apart, as the queue's prefix does. */
  prefix?: string;
  onError?: QueueErrorHandler;
}

/**
 * Every API process of a deployment: Redis pub/sub on one channel per prefix. A process hears its own messages
 * through Redis as well, so every process sees one process's messages in the same order.
 */
export class RedisEventBus implements EventBus {
  private readonly local = new LocalEventBus();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly channel: string;
  private readonly subscribed: Promise<void>;
  private readonly onError: QueueErrorHandler;
  private closed = false;

  constructor(options: RedisEventBusOptions) {
    this.channel = `${options.prefix ?? 'judge'}:events`;
    this.onError = options.onError ?? reportToStderr;
    this.publisher = new Redis(options.redisUrl);
    // A subscribed connection can do nothing else: one of its own (ioredis subscribes again after a reconnect).
    this.subscriber = new Redis(options.redisUrl);
    for (const connection of [this.publisher, this.subscriber]) connection.on('error', this.onError);
    this.subscriber.on('message', (channel: string, text: string) => {
      if (channel === this.channel) this.deliver(text);
    });
    this.subscribed = this.subscriber.subscribe(this.channel).then(() => undefined);
    this.subscribed.catch(this.onError);
  }

  publish(topic: string, message: unknown): void {
    // A change made while the process stops is for the processes that go on: they hear it from the database.
    if (this.closed) return;
    this.publisher.publish(this.channel, JSON.stringify({ topic, message })).catch(this.onError);
  }

  subscribe(topic: string, listener: BusListener): () => void {
    return this.local.subscribe(topic, listener);
  }

  ready(): Promise<void> {
    return this.subscribed;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.local.close();
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }

  private deliver(text: string): void {
    let parsed: { topic?: unknown; message?: unknown };
    try {
      parsed = JSON.parse(text) as { topic?: unknown; message?: unknown };
    } catch {
      return; // not ours
    }
    if (typeof parsed.topic === 'string') this.local.publish(parsed.topic, parsed.message);
  }
}

/** The bus of a deployment: Redis when REDIS_URL is set (several API processes), else this process alone. */
export function createEventBus(options: { redisUrl?: string; prefix?: string; onError?: QueueErrorHandler }): EventBus {
  return options.redisUrl
    ? new RedisEventBus({ redisUrl: options.redisUrl, prefix: options.prefix, onError: options.onError })
    : new LocalEventBus();
}
