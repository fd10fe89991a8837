import type { JudgeJobPayload, JudgeJobResult, RunJobSpec, RunOutcome } from '@judge/contract';
import { failedRun, type JudgeEngine } from '@judge/judge';
import type { ReportProgress } from '@judge/queue';
import type { RunnerLog } from './runner-log';

export interface RunJobDeps {
  engine: JudgeEngine;
  runnerId: string;
  log: RunnerLog;
}

/**
 * A job of the kind `run`: the program compiled and run once by the engine (JudgeEngine.execute), no package.
 * Every outcome is a result; the engine classifies failures as it does a judgement's.
 */
export async function runJob(
  deps: RunJobDeps,
  payload: JudgeJobPayload & { run: RunJobSpec },
  reportProgress: ReportProgress,
  signal: AbortSignal,
): Promise<JudgeJobResult> {
  const started = Date.now();
  // The API shows the run as running from here; a report that fails changes nothing else.
  await reportProgress({ type: 'compiling' }).catch((error: unknown) =>
    deps.log.error(`run ${payload.submissionId}: progress not reported: ${(error as Error).message}`),
  );
  let run: RunOutcome;
  try {
    run = await deps.engine.execute({
      source: payload.files ? { files: payload.files } : { fileName: payload.fileName, code: payload.source },
      language: payload.language,
      entryPoint: payload.entryPoint,
      stdin: payload.run.stdin,
      args: payload.run.args,
      limits: payload.run.limits,
      compilerOptions: payload.run.compilerOptions,
      redirectStderrToStdout: payload.run.redirectStderrToStdout,
      additionalFiles: payload.run.additionalFiles,
      numberOfRuns: payload.run.numberOfRuns,
      syntaxCheck: payload.run.syntaxCheck,
      signal,
    });
  } catch (error) {
    run = failedRun('JE', '', payload.run.limits.outputChars, `judge: ${(error as Error).message}`);
  }
  const durationMs = Date.now() - started;
  deps.log.info(`run ${payload.submissionId}: ${run.verdict} in ${durationMs} ms`, {
    verdict: run.verdict,
    durationMs,
  });
  const attempt = payload.attempt === undefined ? {} : { attempt: payload.attempt };
  return {
    submissionId: payload.submissionId,
    // The summary a consumer that knows submissions only can read.
    result: {
      verdict: run.verdict === 'OK' ? 'AC' : run.verdict,
      score: 0,
      maxScore: null,
      compileOutput: run.compileOutput,
      tests: [],
      groups: [],
      ...(run.judgeError === undefined ? {} : { judgeError: run.judgeError }),
    },
    run,
    runnerId: deps.runnerId,
    ...attempt,
  };
}
