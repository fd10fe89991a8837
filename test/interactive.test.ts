import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interactiveRunLimits, verifyProblem } from '@judge/judge';
import { loadProblemPackage, type LoadedPackage } from '@judge/problem-package';
import { ENGINES, openHarness, REPO, type Harness } from './support/harness';

/** An interactor that answers a question every fifth of a millisecond, and submissions that flood it or never talk. */
const SLOW_ORACLE = join(REPO, 'test', 'fixtures', 'interactive-flood-problem');

describe.each(ENGINES)('interactive problems on the %s engine', (engineName) => {
  let harness: Harness;
  let problem: LoadedPackage;

  beforeAll(async () => {
    harness = await openHarness(engineName);
    problem = await loadProblemPackage(SLOW_ORACLE);
  });

  afterAll(async () => {
    await problem?.dispose();
    await harness?.close();
  });

  const judge = (file: string) =>
    harness.engine.judge({ problem, source: { path: join(problem.root, 'submissions', file) } });
  const submissionLimits = () => interactiveRunLimits(problem.limits, problem.limits.timeLimitMs ?? 0).submission;

  it('every submission of the fixture gets the verdict of its folder', async () => {
    const report = await verifyProblem(harness.engine, problem, { parallel: 1 });
    expect(report.submissions.map((s) => [s.path.slice(problem.root.length + 1), s.result.verdict])).toEqual([
      ['submissions/accepted/binary_search.c', 'AC'],
      ['submissions/time_limit_exceeded/floods.c', 'TLE'],
      ['submissions/time_limit_exceeded/sleeps.c', 'TLE'],
      ['submissions/wrong_answer/guesses_once.c', 'WA'],
    ]);
  });

  it('a submission that writes faster than its interactor reads blocks, and is stopped at its wall limit', async () => {
    const result = await judge('time_limit_exceeded/floods.c');
    // Not OLE: what it writes waits in the pipe, never in the judge.
    expect(result.verdict).toBe('TLE');
    const [test] = result.tests;
    expect(test.feedback).toMatch(/^wall time limit exceeded/);
    // Blocked, not busy: far from its CPU limit.
    expect(test.timeMs).toBeLessThan(problem.limits.timeLimitMs ?? 0);
    // Stopped at its wall limit, not after the interactor has worked through a backlog.
    expect(test.wallMs).toBeLessThan(submissionLimits().wallTimeMs + 1000);
  });

  it('a submission that never talks to its interactor is TLE', async () => {
    const result = await judge('time_limit_exceeded/sleeps.c');
    expect(result.verdict).toBe('TLE');
    expect(result.tests[0].wallMs).toBeLessThan(submissionLimits().wallTimeMs + 1000);
  });
});
