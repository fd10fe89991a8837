import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JudgeResult, RunnerView } from '@judge/contract';
import { priorityClassOfNumber, PRIORITY_CLASSES, type JudgeQueue } from '@judge/queue';

/** What /metrics asks of the rest of the API when it is scraped (the queue and the runners table). */
export interface MetricsSources {
  queue: JudgeQueue;
  runners: () => Promise<{ runners: RunnerView[]; heartbeatSeconds: number }>;
}

/** Buckets of the queue wait (seconds): from an idle judge to a contest's backlog. */
const WAIT_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800];
/** Buckets of one test's CPU time (seconds): time limits run from a fraction of a second to about ten. */
const TEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];
/** Buckets of HTTP latency (seconds): prom-client's defaults, which fit an API. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Jobs enqueued by this process whose first progress has not come yet; beyond this, the oldest are forgotten. */
const MAX_PENDING_WAITS = 100_000;

/**
 * This process's Prometheus metrics (prom-client), in a registry of its own so that several APIs in one process
 * (the tests) keep theirs apart. Counters and histograms count what this process saw: with several API
 * processes, Prometheus scrapes each one and sums (docs/operations.md). Gauges of shared state (the queue, the
 * runners) are read from it at each scrape, so every process reports the same values.
 */
export class Metrics {
  readonly registry = new Registry();
  private sources: MetricsSources | null = null;
  /** Enqueue times of jobs, by job id, until a runner reports progress on them. */
  private readonly pendingWaits = new Map<string, { at: number; priorityClass: string }>();

  private readonly queueWait = new Histogram({
    name: 'judge_queue_wait_seconds',
    help: 'Time from enqueueing a job in this process to a runner reporting its first progress, by priority class',
    labelNames: ['class'],
    buckets: WAIT_BUCKETS,
    registers: [this.registry],
  });

  private readonly judgements = new Counter({
    name: 'judge_judgements_total',
    help: 'Final verdicts stored by this process, by verdict and language',
    labelNames: ['verdict', 'language'],
    registers: [this.registry],
  });

  private readonly testTime = new Histogram({
    name: 'judge_test_cpu_seconds',
    help: 'CPU time of each test of the judgements stored by this process, by language',
    labelNames: ['language'],
    buckets: TEST_BUCKETS,
    registers: [this.registry],
  });

  private readonly runs = new Counter({
    name: 'judge_runs_total',
    help: 'Runs (a program on an input of its own) finished and stored by this process, by verdict',
    labelNames: ['verdict'],
    registers: [this.registry],
  });

  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests answered by this process, by method, route pattern and status (event streams excepted)',
    labelNames: ['method', 'route', 'status'],
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  private readonly sseConnections = new Gauge({
    name: 'judge_sse_connections',
    help: 'Server-sent event streams open on this process, by route pattern',
    labelNames: ['route'],
    registers: [this.registry],
  });

  private readonly scoreboardReads = new Counter({
    name: 'judge_scoreboard_reads_total',
    help: 'Contests read by this process to compute scoreboards (once per change for the whole deployment)',
    registers: [this.registry],
  });

  private readonly scoreboardsComputed = new Counter({
    name: 'judge_scoreboards_computed_total',
    help: 'Scoreboard views computed by this process (each kept for every process of the deployment to send)',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // The gauges' collect() runs with `this` bound to the gauge.
    const source = () => this.source();
    new Gauge({
      name: 'judge_queue_jobs',
      help: 'Judge queue jobs by state: waiting (not taken yet), active (being judged), delayed (to be retried)',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        const counts = await source().queue.counts();
        this.set({ state: 'waiting' }, counts.waiting);
        this.set({ state: 'active' }, counts.active);
        this.set({ state: 'delayed' }, counts.delayed);
      },
    });
    new Gauge({
      name: 'judge_queue_waiting_jobs',
      help: 'Judge queue jobs not taken yet, by priority class',
      labelNames: ['class'],
      registers: [this.registry],
      async collect() {
        const counts = await source().queue.counts();
        const byClass = new Map<string, number>(PRIORITY_CLASSES.map((c) => [c, 0]));
        for (const [priority, count] of Object.entries(counts.waitingByPriority)) {
          const name = priorityClassOfNumber(Number(priority)) ?? 'other';
          byClass.set(name, (byClass.get(name) ?? 0) + count);
        }
        for (const [name, count] of byClass) this.set({ class: name }, count);
      },
    });
    new Gauge({
      name: 'judge_queue_paused',
      help: '1 while judging is paused (POST /api/admin/queue/pause), else 0',
      registers: [this.registry],
      async collect() {
        this.set((await source().queue.isPaused()) ? 1 : 0);
      },
    });
    new Gauge({
      name: 'judge_runners',
      help: 'Runners that sent a heartbeat within three heartbeat intervals',
      registers: [this.registry],
      async collect() {
        const { runners, heartbeatSeconds } = await source().runners();
        this.set(runners.filter((r) => r.lastHeartbeatAgeSeconds <= 3 * heartbeatSeconds).length);
      },
    });
    new Gauge({
      name: 'judge_runner_last_heartbeat_age_seconds',
      help: 'Seconds since each runner heard from in the last day sent its last heartbeat',
      labelNames: ['runner'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const r of (await source().runners()).runners) this.set({ runner: r.runnerId }, r.lastHeartbeatAgeSeconds);
      },
    });
    new Gauge({
      name: 'judge_runner_jobs_done',
      help: 'Jobs each runner heard from in the last day has finished since it started, as its last heartbeat said',
      labelNames: ['runner'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const r of (await source().runners()).runners) this.set({ runner: r.runnerId }, r.jobsDone);
      },
    });
  }

  /** Where the gauges read the queue and the runners: set once the API's services exist. */
  setSources(sources: MetricsSources): void {
    this.sources = sources;
  }

  /** The text Prometheus scrapes. */
  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** A job was enqueued by this process: its wait runs until a runner reports progress on it. */
  enqueued(jobId: string, priority: number): void {
    // A job enqueued again while it waits keeps its first time.
    if (this.pendingWaits.has(jobId)) return;
    if (this.pendingWaits.size >= MAX_PENDING_WAITS) {
      const oldest = this.pendingWaits.keys().next();
      if (!oldest.done) this.pendingWaits.delete(oldest.value);
    }
    this.pendingWaits.set(jobId, { at: performance.now(), priorityClass: priorityClassOfNumber(priority) ?? 'other' });
  }

  /** A runner reported progress on a job: if this process enqueued it, its wait ends now. */
  taken(jobId: string): void {
    const pending = this.pendingWaits.get(jobId);
    if (!pending) return;
    this.pendingWaits.delete(jobId);
    this.queueWait.observe({ class: pending.priorityClass }, (performance.now() - pending.at) / 1000);
  }

  /** A job finished without progress (a package that would not load...): no wait is known. */
  finished(jobId: string): void {
    this.pendingWaits.delete(jobId);
  }

  /** A final verdict was stored (by this process: each judgement is stored once among all API processes). */
  judged(language: string, result: JudgeResult): void {
    this.judgements.inc({ verdict: result.verdict, language });
    for (const test of result.tests) this.testTime.observe({ language }, test.timeMs / 1000);
  }

  runFinished(verdict: string): void {
    this.runs.inc({ verdict });
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  scoreboardRead(): void {
    this.scoreboardReads.inc();
  }

  scoreboardComputed(): void {
    this.scoreboardsComputed.inc();
  }

  /** An event stream opened; the returned function closes it (call it once). */
  streamOpened(route: string): () => void {
    this.sseConnections.inc({ route });
    let open = true;
    return () => {
      if (open) this.sseConnections.dec({ route });
      open = false;
    };
  }

  private source(): MetricsSources {
    if (!this.sources) throw new Error('metrics read before the API started');
    return this.sources;
  }
}
