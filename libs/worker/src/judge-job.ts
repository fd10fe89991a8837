import type { JudgeJobProgress, JudgeJobResult, JudgeResult } from '@judge/contract';
import { failedJudgement, needsDerivedTimeLimit, type JudgeEngine, type JudgeEvent } from '@judge/judge';
import type { ProblemPackage } from '@judge/problem-package';
import type { JudgeJobHandler, ReportProgress } from '@judge/queue';
import { withOwnLogFields } from './log/log-context';
import type { LoadedPackages, PackageLease } from './loaded-packages';
import { PackageUnavailableError, type DerivedTimeLimitStore } from './package-source';
import type { RunnerLog } from './runner-log';
import { runJob } from './run-job';

export interface JudgeJobDeps {
  engine: JudgeEngine;
  packages: LoadedPackages;
  /** Derived time limits, kept by the API: one per package version for every runner. */
  timeLimits: DerivedTimeLimitStore;
  runnerId: string;
  log: RunnerLog;
}

/**
 * Judges one job: the package by hash, the engine's judgement, progress on the way. Every outcome is a result,
 * classified as the engine classifies its own failures (errors.ts), except a package that cannot be fetched
 * now, which throws so that the queue tries the job again later, maybe on another runner.
 */
export function judgeJobHandler(deps: JudgeJobDeps): JudgeJobHandler {
  const timeLimits = new SharedTimeLimits(deps);
  // Every line logged while a job is judged names it, its runner and the request that queued it (log-context.ts),
  // and nothing of the context the queue happened to start it in.
  return (payload, reportProgress, signal) =>
    withOwnLogFields(
      {
        ...(payload.run ? { runId: payload.submissionId } : { submissionId: payload.submissionId }),
        jobId: payload.submissionId,
        runnerId: deps.runnerId,
        ...(payload.requestId === undefined ? {} : { requestId: payload.requestId }),
      },
      () => judge(payload, reportProgress, signal),
    );

  async function judge(...[payload, reportProgress, signal]: Parameters<JudgeJobHandler>): Promise<JudgeJobResult> {
    const { submissionId, run } = payload;
    // A job of the kind `run`: one program, one input, no package.
    if (run) return runJob(deps, { ...payload, run }, reportProgress, signal);
    const progress = new ProgressRelay(reportProgress, (error) =>
      deps.log.error(`submission ${submissionId}: progress not reported: ${error.message}`),
    );
    const started = Date.now();
    let result: JudgeResult;
    let lease: PackageLease | null = null;
    try {
      lease = await deps.packages.acquire(payload.packageHash);
      result = await deps.engine.judge({
        problem: lease.problem,
        source: payload.files ? { files: payload.files } : { fileName: payload.fileName, code: payload.source },
        entryPoint: payload.entryPoint,
        language: payload.language,
        // A package that writes no limit: the one the API keeps for its version.
        timeLimitMs: payload.timeLimitMs ?? (await timeLimits.of(payload.packageHash, lease.problem)),
        onProgress: (event) => progress.fromEngine(event),
        signal,
        // A bad request is the submission's (CE) or ours (JE), never a reason to retry.
        onBadRequest: 'verdict',
      });
    } catch (error) {
      if (error instanceof PackageUnavailableError) {
        deps.log.error(`submission ${submissionId}: ${error.message}; the job will be retried`);
        throw error;
      }
      // The package was fetched but does not load (the problem's fault: a retry would change nothing), or the
      // engine itself failed.
      result = failedJudgement(error, lease ? deps.engine.maxScore(lease.problem) : null);
    } finally {
      await lease?.release();
    }
    // The last test's progress reaches the producers before the result does.
    await progress.flush();
    const durationMs = Date.now() - started;
    deps.log.info(
      `submission ${submissionId}: ${result.verdict}${result.judgeError ? ` (${result.judgeError})` : ''} in ${durationMs} ms`,
      { verdict: result.verdict, durationMs },
    );
    const attempt = payload.attempt === undefined ? {} : { attempt: payload.attempt };
    return { submissionId, result, runnerId: deps.runnerId, ...attempt } satisfies JudgeJobResult;
  }
}

/**
 * The time limit of packages that write none, for jobs sent before it was derived: asked from the API, or, when
 * none is stored yet, measured here and offered to it; the one the API keeps (the first runner's) is used, so
 * every runner judges a package version with the same limit. Jobs of one package on this runner share one
 * lookup; nothing is cached here beyond it, the API's copy is the only one.
 */
class SharedTimeLimits {
  private readonly pending = new Map<string, Promise<number>>();

  constructor(private readonly deps: JudgeJobDeps) {}

  /** Undefined when the package writes its limit or has nothing to derive one from: the engine then decides. */
  async of(hash: string, problem: ProblemPackage): Promise<number | undefined> {
    if (!needsDerivedTimeLimit(problem)) return undefined;
    let pending = this.pending.get(hash);
    if (!pending) {
      pending = this.resolve(hash, problem).finally(() => this.pending.delete(hash));
      this.pending.set(hash, pending);
    }
    return pending;
  }

  private async resolve(hash: string, problem: ProblemPackage): Promise<number> {
    const { timeLimits, engine, runnerId, log } = this.deps;
    let stored = await timeLimits.storedTimeLimit(hash);
    if (stored.timeLimitMs === null) {
      const measured = await engine.measureTimeLimit(problem);
      log.info(
        `package ${hash}: derived a time limit of ${measured.timeLimitMs} ms ` +
          `(slowest accepted test ${measured.slowestAcceptedMs} ms); offering it to the API`,
      );
      stored = await timeLimits.offerTimeLimit(hash, { ...measured, runnerId });
    }
    if (stored.timeLimitMs === null) throw new Error(`the API kept no time limit for package ${hash}`);
    log.info(`package ${hash}: time limit ${stored.timeLimitMs} ms, derived by ${stored.derivedBy ?? 'unknown'}`);
    return stored.timeLimitMs;
  }
}

/**
 * Turns the engine's events into job progress and sends them one after another, without holding up the
 * judgement: a report that fails is logged, and the judgement goes on.
 */
class ProgressRelay {
  private chain: Promise<void> = Promise.resolve();
  private running = false;

  constructor(
    private readonly report: ReportProgress,
    private readonly onError: (error: Error) => void,
  ) {}

  fromEngine(event: JudgeEvent): void {
    switch (event.type) {
      case 'compile-started':
        this.send({ type: 'compiling' });
        break;
      case 'test-started':
        // The engine tells the number of tests with the first one.
        if (!this.running) this.send({ type: 'running', total: event.total });
        this.running = true;
        break;
      case 'test-finished':
        this.send({ type: 'test', index: event.index, total: event.total, result: event.result });
        break;
      case 'compile-finished':
        break;
    }
  }

  flush(): Promise<void> {
    return this.chain;
  }

  private send(progress: JudgeJobProgress): void {
    this.chain = this.chain.then(() => this.report(progress)).catch((error: unknown) => this.onError(error as Error));
  }
}
