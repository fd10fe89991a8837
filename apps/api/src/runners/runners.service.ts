import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { QueuePriorityClass, QueueView, RunnerHeartbeat, RunnerList } from '@judge/contract';
import { priorityClassOfNumber, PRIORITY_CLASSES, type JudgeQueue } from '@judge/queue';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JUDGE_QUEUE } from '../tokens';

interface RunnerRow {
  id: string;
  host: string;
  engine: string;
  languages: string[];
  concurrency: number;
  jobs_done: number;
  started_at: Date;
  last_heartbeat_at: Date;
  age_seconds: number;
}

/**
 * The runners (their heartbeats, kept in the database so that every API process sees them all) and the judge
 * queue, for the runners page and /metrics.
 */
@Injectable()
export class RunnersService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(JUDGE_QUEUE) private readonly queue: JudgeQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Stores a heartbeat. A jobs count lower than the stored one means the runner restarted under the same id:
   * its start time is then the heartbeat's. The database's clock dates it, so API hosts' clocks do not matter.
   */
  async heartbeat(beat: RunnerHeartbeat): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO runners (id, host, engine, languages, concurrency, jobs_done, started_at, last_heartbeat_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, now(), now())
       ON CONFLICT (id) DO UPDATE SET host = EXCLUDED.host, engine = EXCLUDED.engine,
         languages = EXCLUDED.languages, concurrency = EXCLUDED.concurrency, jobs_done = EXCLUDED.jobs_done,
         started_at = CASE WHEN EXCLUDED.jobs_done < runners.jobs_done THEN now() ELSE runners.started_at END,
         last_heartbeat_at = now()`,
      [beat.runnerId, beat.host, beat.engine, JSON.stringify(beat.languages), beat.concurrency, beat.jobsDone],
    );
  }

  /** Runners heard from in the last day, the most recently heard first (older ones are gone for good). */
  async list(): Promise<RunnerList> {
    const rows = await this.dataSource.query<RunnerRow[]>(
      `SELECT *, extract(epoch FROM now() - last_heartbeat_at)::float8 AS age_seconds FROM runners
        WHERE last_heartbeat_at > now() - interval '1 day' ORDER BY last_heartbeat_at DESC, id`,
    );
    return {
      heartbeatSeconds: this.config.RUNNER_HEARTBEAT_SECONDS,
      runners: rows.map((r) => ({
        runnerId: r.id,
        host: r.host,
        engine: r.engine,
        languages: r.languages,
        concurrency: r.concurrency,
        jobsDone: r.jobs_done,
        startedAt: new Date(r.started_at).toISOString(),
        lastHeartbeatAt: new Date(r.last_heartbeat_at).toISOString(),
        lastHeartbeatAgeSeconds: Math.max(0, r.age_seconds),
      })),
    };
  }

  async queueView(): Promise<QueueView> {
    const [counts, paused] = await Promise.all([this.queue.counts(), this.queue.isPaused()]);
    const waitingByClass = Object.fromEntries(PRIORITY_CLASSES.map((c) => [c, 0])) as Record<
      QueuePriorityClass,
      number
    >;
    for (const [priority, count] of Object.entries(counts.waitingByPriority)) {
      const priorityClass = priorityClassOfNumber(Number(priority));
      if (priorityClass) waitingByClass[priorityClass] += count;
    }
    return {
      paused,
      waiting: counts.waiting,
      active: counts.active,
      delayed: counts.delayed,
      waitingByClass,
      // As createQueue() chooses: no Redis, the API judges itself.
      driver: this.config.REDIS_URL ? 'bullmq' : 'in-process',
    };
  }

  /** Pauses judging for every runner (and every API process); submissions are still accepted and wait. */
  async pause(): Promise<QueueView> {
    await this.queue.pause();
    return this.queueView();
  }

  async resume(): Promise<QueueView> {
    await this.queue.resume();
    return this.queueView();
  }
}
