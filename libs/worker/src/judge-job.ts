import type { JudgeJobPayload, JudgeJobProgress, JudgeJobResult, JudgeResult } from '@judge/contract';
import { JudgeRequestError, type JudgeEngine, type JudgeEvent } from '@judge/judge';
import type { JudgeJobHandler, ReportProgress } from '@judge/queue';
import type { LoadedPackages } from './loaded-packages';
import { PackageUnavailableError } from './package-source';
import type { RunnerLog } from './runner-log';

export interface JudgeJobDeps {
  engine: JudgeEngine;
  packages: LoadedPackages;
  runnerId: string;
  log: RunnerLog;
}

/** Bad requests that are the submission's doing: the user sees why as a compilation error. */
const SUBMISSION_FAULTS = new Set<JudgeRequestError['code']>([
  'UNKNOWN_LANGUAGE',
  'LANGUAGE_UNAVAILABLE',
  'SOURCE_TOO_LARGE',
  'SOURCE_NOT_TEXT',
]);

/**
 * Judges one job: the package by hash, the engine's judgement, progress on the way. Every outcome is a result
 * (STYLE.md 9: one catch at the top) except a package that cannot be fetched now, which throws so that the queue
 * tries the job again later, maybe on another runner.
 */
export function judgeJobHandler(deps: JudgeJobDeps): JudgeJobHandler {
  return async (payload, reportProgress, signal) => {
    const { submissionId } = payload;
    const progress = new ProgressRelay(reportProgress, (error) =>
      deps.log.error(`submission ${submissionId}: progress not reported: ${error.message}`),
    );
    const started = Date.now();
    let result: JudgeResult;
    try {
      result = await judge(deps, payload, progress, signal);
    } catch (error) {
      if (error instanceof PackageUnavailableError) {
        deps.log.error(`submission ${submissionId}: ${error.message}; the job will be retried`);
        throw error;
      }
      result = judgeError(null, `judge: ${(error as Error).message}`);
    }
    // The last test's progress reaches the producers before the result does.
    await progress.flush();
    deps.log.info(
      `submission ${submissionId}: ${result.verdict}${result.judgeError ? ` (${result.judgeError})` : ''} in ${Date.now() - started} ms`,
    );
    return { submissionId, result, runnerId: deps.runnerId } satisfies JudgeJobResult;
  };
}

async function judge(
  deps: JudgeJobDeps,
  payload: JudgeJobPayload,
  progress: ProgressRelay,
  signal: AbortSignal,
): Promise<JudgeResult> {
  let lease;
  try {
    lease = await deps.packages.acquire(payload.packageHash);
  } catch (error) {
    if (error instanceof PackageUnavailableError) throw error;
    // The package was fetched but does not load: the problem's fault, and a retry would change nothing.
    return judgeError(null, `problem package: ${(error as Error).message}`);
  }
  try {
    return await deps.engine.judge({
      problem: lease.problem,
      source: { fileName: payload.fileName, code: payload.source },
      language: payload.language,
      timeLimitMs: payload.timeLimitMs,
      onProgress: (event) => progress.fromEngine(event),
      signal,
    });
  } catch (error) {
    const maxScore = deps.engine.maxScore(lease.problem);
    if (error instanceof JudgeRequestError && SUBMISSION_FAULTS.has(error.code)) {
      return { verdict: 'CE', score: 0, maxScore, compileOutput: error.message, tests: [], groups: [] };
    }
    return judgeError(maxScore, `judge: ${(error as Error).message}`);
  } finally {
    await lease.release();
  }
}

function judgeError(maxScore: number | null, message: string): JudgeResult {
  return { verdict: 'JE', score: 0, maxScore, compileOutput: '', tests: [], groups: [], judgeError: message };
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
