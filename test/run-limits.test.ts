import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProblemPackage, type LoadedPackage } from '@judge/problem-package';
import { boxProcesses, ENGINES, openHarness, type Harness } from './support/harness';

const FIXTURE = join(__dirname, 'fixtures', 'limits-problem');

/**
 * Programs at the edges of the run limits (libs/judge/src/limits.ts), judged on the real sandbox: each
 * submission of test/fixtures/limits-problem gets the verdict of its folder. A sleep past the time limit is a
 * wall-time kill and TLE; threads get a small default stack while the main thread recurses 160 MiB; a static
 * array larger than the memory limit compiles and is MLE when used.
 */
describe.each(ENGINES)('the %s engine', (engineName) => {
  let harness: Harness;
  let problem: LoadedPackage;

  beforeAll(async () => {
    harness = await openHarness(engineName);
    problem = await loadProblemPackage(FIXTURE);
  });

  afterAll(async () => {
    await problem?.dispose();
    await harness?.close();
    expect(await boxProcesses()).toEqual([]);
  });

  const submissions = [
    'accepted/threads-and-deep-main.c',
    'time_limit_exceeded/sleep-then-exit.c',
    'time_limit_exceeded/right-answer-then-sleep.py',
    'memory_limit_exceeded/large-initialised-array.c',
    'memory_limit_exceeded/large-zero-array.cpp',
  ];

  it('the list below is every submission of the fixture', () => {
    const paths = problem.submissions.map((s) => relative(join(FIXTURE, 'submissions'), s.path)).sort();
    expect(paths).toEqual([...submissions].sort());
  });

  it.each(submissions)('%s gets the verdict of its folder', async (path) => {
    const submission = problem.submissions.find((s) => s.path === join(FIXTURE, 'submissions', path));
    const result = await harness.engine.judge({ problem, source: { path: join(FIXTURE, 'submissions', path) } });
    expect(result.compileOutput === '' || result.verdict !== 'CE', result.compileOutput).toBe(true);
    expect(submission?.expected).toContain(result.verdict);
    if (result.verdict === 'TLE') expect(result.tests[0].feedback).toMatch(/^wall time limit exceeded/);
  });
});
