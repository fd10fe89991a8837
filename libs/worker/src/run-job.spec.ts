import { describe, expect, it } from 'vitest';
import type { JudgeJobPayload, JudgeJobProgress, RunOutcome } from '@judge/contract';
import type { JudgeEngine, RunOnceRequest } from '@judge/judge';
import { judgeJobHandler } from './judge-job';
import { LoadedPackages } from './loaded-packages';
import type { RunnerLog } from './runner-log';

const LIMITS = { cpuTimeMs: 1000, wallTimeMs: 3000, memoryBytes: 64 << 20, outputBytes: 1 << 20, outputChars: 100 };

const payload: JudgeJobPayload = {
  submissionId: '7f1c9d2e-0000-4000-8000-0000000000aa',
  packageHash: '',
  language: 'python',
  fileName: 'main.py',
  source: 'print(input())',
  attempt: 1,
  run: { stdin: 'hi\n', args: ['-v'], limits: LIMITS },
};

const OK: RunOutcome = {
  verdict: 'OK',
  compileOutput: '',
  stdout: 'hi\n',
  stderr: '',
  exitCode: 0,
  signal: null,
  timeMs: 10,
  wallMs: 20,
  memoryKb: 4000,
  stdoutTruncated: false,
  stderrTruncated: false,
  compileOutputTruncated: false,
};

function setup(execute: (request: RunOnceRequest) => Promise<RunOutcome>) {
  const requests: RunOnceRequest[] = [];
  const engine = {
    execute: (request: RunOnceRequest) => {
      requests.push(request);
      return execute(request);
    },
    judge: () => Promise.reject(new Error('a run job is not judged')),
  } as unknown as JudgeEngine;
  // A run needs no package: any attempt to fetch one fails the test.
  const packages = new LoadedPackages({ get: () => Promise.reject(new Error('no package for a run')) });
  const logs: string[] = [];
  const log: RunnerLog = { info: (m) => logs.push(m), error: (m) => logs.push(`error: ${m}`) };
  const handler = judgeJobHandler({
    engine,
    packages,
    timeLimits: {
      storedTimeLimit: () => Promise.reject(new Error('unused')),
      offerTimeLimit: () => Promise.reject(new Error('unused')),
    },
    runnerId: 'runner-1',
    log,
  });
  const progress: JudgeJobProgress[] = [];
  const report = (p: JudgeJobProgress) => {
    progress.push(p);
    return Promise.resolve();
  };
  return { run: () => handler(payload, report, new AbortController().signal), requests, progress, logs };
}

describe('run jobs', () => {
  it('go to the engine with their input, arguments and limits, and come back with the outcome', async () => {
    const { run, requests, progress } = setup(() => Promise.resolve(OK));
    const result = await run();
    expect(requests).toEqual([
      {
        source: { fileName: 'main.py', code: 'print(input())' },
        language: 'python',
        entryPoint: undefined,
        stdin: 'hi\n',
        args: ['-v'],
        limits: LIMITS,
        signal: expect.any(AbortSignal) as AbortSignal,
      },
    ]);
    expect(progress).toEqual([{ type: 'compiling' }]);
    expect(result).toMatchObject({ submissionId: payload.submissionId, run: OK, runnerId: 'runner-1', attempt: 1 });
    // The summary a consumer of submission results reads.
    expect(result.result).toMatchObject({ verdict: 'AC', tests: [] });
  });

  it('end in JE when the engine throws, never in a lost job', async () => {
    const { run, logs } = setup(() => Promise.reject(new Error('sandbox gone')));
    const result = await run();
    expect(result.run).toMatchObject({ verdict: 'JE', judgeError: 'judge: sandbox gone' });
    expect(result.result.verdict).toBe('JE');
    expect(logs.some((l) => l.includes('JE'))).toBe(true);
  });
});
