import { describe, expect, it } from 'vitest';
import type {
  DerivedTimeLimitOffer,
  JudgeJobPayload,
  JudgeJobProgress,
  JudgeResult,
  StoredTimeLimit,
  TestCaseResult,
} from '@judge/contract';
import { JudgeRequestError, ProblemFaultError, type JudgeEngine, type JudgeRequest } from '@judge/judge';
import { PackageError, type LoadedPackage } from '@judge/problem-package';
import { judgeJobHandler } from './judge-job';
import { LoadedPackages } from './loaded-packages';
import { PackageUnavailableError, type DerivedTimeLimitStore, type PackageSource } from './package-source';
import type { RunnerLog } from './runner-log';

const HASH = 'c'.repeat(64);

const payload: JudgeJobPayload = {
  submissionId: '7f1c9d2e-0000-4000-8000-000000000001',
  packageHash: HASH,
  language: 'python',
  fileName: 'solution.py',
  source: 'print(input())',
  timeLimitMs: 2000,
};

function test(name: string): TestCaseResult {
  return { name, group: 'secret', verdict: 'AC', timeMs: 5, wallMs: 9, memoryKb: 900, score: null, feedback: '' };
}

const ACCEPTED: JudgeResult = {
  verdict: 'AC',
  score: 1,
  maxScore: 1,
  compileOutput: '',
  tests: [test('secret/1'), test('secret/2')],
  groups: [],
};

/** An engine that replays the events of a two-test judgement, or fails as told. */
function fakeEngine(behaviour: { fail?: Error; measure?: () => Promise<{ timeLimitMs: number }> } = {}) {
  const requests: JudgeRequest[] = [];
  let measured = 0;
  const engine = {
    measureTimeLimit: async () => {
      measured++;
      if (!behaviour.measure) throw new Error('nothing to measure');
      return { slowestAcceptedMs: 0, ...(await behaviour.measure()) };
    },
    judge: (request: JudgeRequest) => {
      requests.push(request);
      if (behaviour.fail) return Promise.reject(behaviour.fail);
      const emit = request.onProgress ?? (() => {});
      emit({ type: 'compile-started', language: 'python' });
      emit({ type: 'compile-finished', ok: true, timeMs: 10 });
      ACCEPTED.tests.forEach((t, index) => {
        emit({ type: 'test-started', name: t.name, group: t.group, index, total: 2 });
        emit({ type: 'test-finished', result: t, index, total: 2 });
      });
      return Promise.resolve(ACCEPTED);
    },
    maxScore: () => 1,
  };
  return { engine: engine as unknown as JudgeEngine, requests, measured: () => measured };
}

/** The API's keeping of derived time limits, in memory: the first offer is kept. */
function memoryTimeLimits(): DerivedTimeLimitStore & { offers: DerivedTimeLimitOffer[] } {
  let stored: StoredTimeLimit = { timeLimitMs: null, derivedBy: null };
  const offers: DerivedTimeLimitOffer[] = [];
  return {
    offers,
    storedTimeLimit: () => Promise.resolve(stored),
    offerTimeLimit: (_hash, offer) => {
      offers.push(offer);
      if (stored.timeLimitMs === null) stored = { timeLimitMs: offer.timeLimitMs, derivedBy: offer.runnerId };
      return Promise.resolve(stored);
    },
  };
}

/** A package that writes no time limit and has an accepted submission to derive one from. */
const UNLIMITED = {
  limits: { timeLimitMs: null },
  submissions: [{ path: '/p/submissions/accepted/a.py', folder: 'accepted', expected: ['AC'] }],
};

function setup(
  options: {
    engine?: JudgeEngine;
    source?: PackageSource;
    loadError?: Error;
    timeLimits?: DerivedTimeLimitStore;
    runnerId?: string;
    problem?: object;
  } = {},
) {
  const disposed: string[] = [];
  const source: PackageSource = options.source ?? { get: (hash) => Promise.resolve(`/cache/${hash}.zip`) };
  const packages = new LoadedPackages(source, {
    loadPackage: (zip) =>
      options.loadError
        ? Promise.reject(options.loadError)
        : Promise.resolve({
            root: zip,
            ...options.problem,
            dispose: () => void disposed.push(zip),
          } as unknown as LoadedPackage),
  });
  const logs: string[] = [];
  const log: RunnerLog = { info: (m) => logs.push(m), error: (m) => logs.push(`error: ${m}`) };
  const fake = fakeEngine();
  const handler = judgeJobHandler({
    engine: options.engine ?? fake.engine,
    packages,
    timeLimits: options.timeLimits ?? memoryTimeLimits(),
    runnerId: options.runnerId ?? 'runner-1',
    log,
  });
  const progress: JudgeJobProgress[] = [];
  const record = (p: JudgeJobProgress) => {
    progress.push(p);
    return Promise.resolve();
  };
  const run = (report: (p: JudgeJobProgress) => Promise<void> = record, job: JudgeJobPayload = payload) =>
    handler(job, report, new AbortController().signal);
  return { run, progress, logs, requests: fake.requests, packages, disposed };
}

describe('judge job handler', () => {
  it('judges the payload on its package and reports compiling, running with the total, and each test', async () => {
    const { run, progress, requests } = setup();
    const result = await run();
    expect(result).toEqual({ submissionId: payload.submissionId, result: ACCEPTED, runnerId: 'runner-1' });
    expect(requests[0]).toMatchObject({
      problem: { root: `/cache/${HASH}.zip` },
      source: { fileName: 'solution.py', code: 'print(input())' },
      language: 'python',
      timeLimitMs: 2000,
    });
    expect(progress).toEqual([
      { type: 'compiling' },
      { type: 'running', total: 2 },
      { type: 'test', index: 0, total: 2, result: test('secret/1') },
      { type: 'test', index: 1, total: 2, result: test('secret/2') },
    ]);
  });

  it('returns the judging attempt the job names, so that the API stores one verdict per attempt', async () => {
    const { run } = setup();
    const result = await run(undefined, { ...payload, attempt: 3 });
    expect(result).toEqual({ submissionId: payload.submissionId, result: ACCEPTED, runnerId: 'runner-1', attempt: 3 });
  });

  it('judges the files of a submission of several files, with the entry point it names', async () => {
    const { run, requests } = setup();
    const files = [
      { name: 'adder.py', content: 'def add(a, b): return a + b\n' },
      { name: 'solve.py', content: 'from adder import add\n' },
    ];
    await run(undefined, { ...payload, source: files.map((f) => f.content).join(''), files, entryPoint: 'solve.py' });
    expect(requests[0]).toMatchObject({ source: { files }, entryPoint: 'solve.py' });
  });

  it('turns a request the submission got wrong into CE with the reason as compiler output', async () => {
    for (const error of [
      new JudgeRequestError('UNKNOWN_LANGUAGE', 'unknown language "cobol"; available here: c, cpp'),
      new JudgeRequestError('SOURCE_TOO_LARGE', 'solution.py is 300000 bytes; the limit is 262144'),
      new JudgeRequestError('SOURCE_NOT_TEXT', 'solution.py is not UTF-8 text'),
    ]) {
      const { run } = setup({ engine: fakeEngine({ fail: error }).engine });
      const { result } = await run();
      expect(result).toEqual({
        verdict: 'CE',
        score: 0,
        maxScore: 1,
        compileOutput: error.message,
        tests: [],
        groups: [],
      });
    }
  });

  it('turns any other failure into JE with the reason for operators', async () => {
    const { run } = setup({ engine: fakeEngine({ fail: new Error('cgroup vanished') }).engine });
    const { result } = await run();
    expect(result).toMatchObject({ verdict: 'JE', score: 0, judgeError: 'judge: cgroup vanished' });
  });

  it('turns a package that does not load into JE, without a retry', async () => {
    const { run } = setup({ loadError: new PackageError('PROBLEM_YAML_MISSING', 'problem.yaml: missing') });
    const { result } = await run();
    expect(result).toMatchObject({ verdict: 'JE', judgeError: 'problem package: problem.yaml: missing' });
  });

  it('throws when the package cannot be fetched, so that the queue tries again', async () => {
    const source: PackageSource = { get: (hash) => Promise.reject(new PackageUnavailableError(hash, 'HTTP 503')) };
    const { run, logs } = setup({ source });
    await expect(run()).rejects.toBeInstanceOf(PackageUnavailableError);
    expect(logs.join('\n')).toMatch(/HTTP 503; the job will be retried/);
  });

  it('keeps judging when progress cannot be reported, and logs it', async () => {
    const { run, logs } = setup();
    const { result } = await run(() => Promise.reject(new Error('Redis went away')));
    expect(result.verdict).toBe('AC');
    expect(logs.filter((l) => l.includes('progress not reported: Redis went away'))).toHaveLength(4);
  });

  it('releases the package after the judgement, whatever its outcome', async () => {
    const { run, packages, disposed } = setup({ engine: fakeEngine({ fail: new Error('boom') }).engine });
    await run();
    // Released: closing disposes it at once; one still lent out would be disposed only on its release.
    await packages.close();
    expect(disposed).toEqual([`/cache/${HASH}.zip`]);
  });

  describe('a package that writes no time limit, in a job sent before one was derived', () => {
    const unlimitedJob: JudgeJobPayload = { ...payload, timeLimitMs: undefined };

    it('two runners that measure differently both judge with the first measurement, which the API keeps', async () => {
      const store = memoryTimeLimits();
      const fast = fakeEngine({ measure: () => Promise.resolve({ timeLimitMs: 1000 }) });
      const slow = fakeEngine({ measure: () => Promise.resolve({ timeLimitMs: 3000 }) });
      const a = setup({ engine: fast.engine, timeLimits: store, runnerId: 'runner-a', problem: UNLIMITED });
      const b = setup({ engine: slow.engine, timeLimits: store, runnerId: 'runner-b', problem: UNLIMITED });
      await a.run(undefined, unlimitedJob);
      // runner-b has a stored limit to read: it measures nothing.
      await b.run(undefined, unlimitedJob);
      expect(fast.requests.map((r) => r.timeLimitMs)).toEqual([1000]);
      expect(slow.requests.map((r) => r.timeLimitMs)).toEqual([1000]);
      expect([fast.measured(), slow.measured()]).toEqual([1, 0]);
      expect(store.offers).toEqual([{ timeLimitMs: 1000, slowestAcceptedMs: 0, runnerId: 'runner-a' }]);
      expect(b.logs).toContain(`package ${HASH}: time limit 1000 ms, derived by runner-a`);
    });

    it('runners measuring at the same time: the second offer gets the first one back and judges with it', async () => {
      const store = memoryTimeLimits();
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      let slowStarted = () => {};
      const measuring = new Promise<void>((resolve) => (slowStarted = resolve));
      const fast = fakeEngine({ measure: () => Promise.resolve({ timeLimitMs: 1000 }) });
      const slow = fakeEngine({
        measure: () => {
          slowStarted();
          return gate.then(() => ({ timeLimitMs: 3000 }));
        },
      });
      const a = setup({ engine: fast.engine, timeLimits: store, runnerId: 'runner-a', problem: UNLIMITED });
      const b = setup({ engine: slow.engine, timeLimits: store, runnerId: 'runner-b', problem: UNLIMITED });
      const slowJob = b.run(undefined, unlimitedJob);
      // runner-b found nothing stored and is measuring when runner-a starts.
      await measuring;
      await a.run(undefined, unlimitedJob);
      release();
      await slowJob;
      expect(store.offers.map((o) => o.timeLimitMs)).toEqual([1000, 3000]);
      expect(slow.requests.map((r) => r.timeLimitMs)).toEqual([1000]);
    });

    it('concurrent jobs of one package on one runner measure once', async () => {
      const engine = fakeEngine({ measure: () => Promise.resolve({ timeLimitMs: 2000 }) });
      const { run } = setup({ engine: engine.engine, problem: UNLIMITED });
      await Promise.all([run(undefined, unlimitedJob), run(undefined, unlimitedJob)]);
      expect(engine.measured()).toBe(1);
      expect(engine.requests.map((r) => r.timeLimitMs)).toEqual([2000, 2000]);
    });

    it('a package that writes its limit, or has no accepted submission, is left to the engine', async () => {
      for (const problem of [
        { ...UNLIMITED, limits: { timeLimitMs: 1500 } },
        { ...UNLIMITED, submissions: [] },
      ]) {
        const engine = fakeEngine();
        const { run } = setup({ engine: engine.engine, problem });
        await run(undefined, unlimitedJob);
        expect(engine.requests[0].timeLimitMs).toBeUndefined();
        expect(engine.measured()).toBe(0);
      }
    });

    it('no accepted submission passes here: JE, the package at fault', async () => {
      const engine = fakeEngine({
        measure: () =>
          Promise.reject(new ProblemFaultError('cannot derive the time limit: no accepted submission passed here')),
      });
      const { run } = setup({ engine: engine.engine, problem: UNLIMITED });
      const { result } = await run(undefined, unlimitedJob);
      expect(result).toMatchObject({
        verdict: 'JE',
        judgeError: 'problem package: cannot derive the time limit: no accepted submission passed here',
      });
    });

    it('the API cannot say now: the job is retried', async () => {
      const timeLimits: DerivedTimeLimitStore = {
        storedTimeLimit: (hash) => Promise.reject(new PackageUnavailableError(hash, 'HTTP 502')),
        offerTimeLimit: (hash) => Promise.reject(new PackageUnavailableError(hash, 'HTTP 502')),
      };
      const { run } = setup({ timeLimits, problem: UNLIMITED });
      await expect(run(undefined, unlimitedJob)).rejects.toBeInstanceOf(PackageUnavailableError);
    });
  });
});
