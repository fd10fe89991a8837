import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JudgeResult } from '@judge/contract';
import { verifyProblem } from '@judge/judge';
import { loadProblemPackage, type LoadedPackage } from '@judge/problem-package';
import { openHarness, REPO, type Harness } from './support/harness';
import { polygonPackage, zipAtRoot } from './support/polygon-fixtures';

/**
 * Polygon packages judged on the real namespace sandbox: every tagged solution of each fixture gets the verdict
 * its tag expects, the scored one gets the points its groups give, and `judge verify` takes Polygon's zip.
 */
const execFileAsync = promisify(execFile);
const CLI = join(REPO, 'apps', 'cli', 'dist', 'main.js');

let harness: Harness;
let work: string;

beforeAll(async () => {
  harness = await openHarness('namespace');
  work = await mkdtemp(join(tmpdir(), 'judge-polygon-'));
  await chmod(work, 0o755);
});

afterAll(async () => {
  await harness?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function load(name: string): Promise<LoadedPackage> {
  return loadProblemPackage(await polygonPackage(name, work));
}

async function verify(name: string) {
  const problem = await load(name);
  const report = await verifyProblem(harness.engine, problem, { parallel: 2, requireAllLanguages: true });
  return { problem, report };
}

function byFile(report: Awaited<ReturnType<typeof verify>>['report']): Record<string, JudgeResult> {
  return Object.fromEntries(report.submissions.map((s) => [basename(s.path), s.result]));
}

function wrong(report: Awaited<ReturnType<typeof verify>>['report']): string[] {
  return report.submissions
    .filter((s) => !s.ok)
    .map(
      (s) =>
        `${basename(s.path)}: expected ${s.expected.join('/')}, got ${s.result.verdict} ${s.result.judgeError ?? ''}`,
    );
}

describe('Polygon packages on the namespace engine', () => {
  it('sum: a testlib checker; main, accepted, wrong-answer, time-limit-exceeded, memory-limit-exceeded and rejected solutions', async () => {
    const { report } = await verify('sum');
    expect(wrong(report)).toEqual([]);
    expect(report.timeLimitMs).toBe(1000);
    expect(report.timeLimitSource).toBe('problem.xml');
    const results = byFile(report);
    expect(Object.fromEntries(Object.entries(results).map(([file, r]) => [file, r.verdict]))).toEqual({
      'sum.cpp': 'AC',
      'sum.py': 'AC',
      'difference.c': 'WA',
      'spin.cpp': 'TLE',
      'hoard.cpp': 'MLE',
      'crash.py': 'RE',
    });
    // The checker's own message comes back as the feedback of the first failing test.
    expect(results['difference.c'].tests[0].feedback).toContain('token 1 differs: expected "3", found "-1"');
  });

  it('scored: points per test and per group, all or nothing where the group says so, and a group dependency', async () => {
    const { report } = await verify('scored');
    expect(wrong(report)).toEqual([]);
    const results = byFile(report);
    const groups = (r: JudgeResult) => r.groups.map((g) => [g.name, g.verdict, g.score, g.maxScore]);
    expect(results['sum.cpp']).toMatchObject({ verdict: 'AC', score: 100, maxScore: 100 });
    // 32 bits: groups 0 and 1 (30), test 6 of group 3 (10); group 2 and test 7 overflow.
    expect(results['int32.cpp']).toMatchObject({ verdict: 'WA', score: 40, maxScore: 100 });
    expect(groups(results['int32.cpp'])).toEqual([
      ['0', 'AC', 0, 0],
      ['1', 'AC', 30, 30],
      ['2', 'WA', 0, 50],
      ['3', 'WA', 10, 20],
    ]);
    // Wrong on test 2 only: group 1 fails, so group 2 scores nothing though all its tests pass; group 3 gives 20.
    expect(results['no-single.py']).toMatchObject({ verdict: 'WA', score: 20, maxScore: 100 });
    expect(groups(results['no-single.py'])).toEqual([
      ['0', 'AC', 0, 0],
      ['1', 'WA', 0, 30],
      ['2', 'AC', 0, 50],
      ['3', 'AC', 20, 20],
    ]);
    // complete-group stops at the group's first failure: test 3 is not run.
    expect(results['no-single.py'].tests.map((t) => t.name)).toEqual(['01', '02', '04', '05', '06', '07']);
  });

  it('guess: a testlib interactor, then the checker on what it wrote', async () => {
    const { report } = await verify('guess');
    expect(wrong(report)).toEqual([]);
    const results = byFile(report);
    expect(results['bisect.cpp'].verdict).toBe('AC');
    expect(results['bisect.cpp'].tests.map((t) => t.feedback)).toEqual([
      'ok 4 guesses',
      expect.stringMatching(/^ok \d+ guesses$/),
      expect.stringMatching(/^ok \d+ guesses$/),
    ]);
    // The interactor accepts linear search; the checker finds 7 guesses where 4 are allowed.
    expect(results['linear.py'].tests[0]).toMatchObject({
      verdict: 'WA',
      feedback: 'wrong answer 7 guesses, at most 4 allowed',
    });
    // The interactor rejects: the guesses ended before the number was found.
    expect(results['gives-up.cpp'].tests[0].verdict).toBe('WA');
    expect(results['gives-up.cpp'].tests[0].feedback).toContain('unexpected end of file');
    expect(results['thinks.cpp'].verdict).toBe('TLE');
  });

  it('judge verify takes the zip Polygon builds and refuses a package of generator scripts', async () => {
    const zip = join(work, 'sum-of-two-3$linux.zip');
    await writeFile(zip, await zipAtRoot(await polygonPackage('sum', join(work, 'zipped'))));
    const cache = join(work, 'cli-cache');
    const run = (...args: string[]) =>
      execFileAsync('node', [CLI, ...args], { env: { ...process.env, JUDGE_CACHE_DIR: cache, NO_COLOR: '1' } }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const verified = await run('verify', zip);
    expect(verified.stderr).not.toMatch(/\n\s+at /);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('✓ solutions/sum.cpp expected AC, got AC');
    expect(verified.stdout).toContain('time limit 1 s (problem.xml); 6 as expected, 0 differ, 0 skipped');

    const refused = await run('verify', await polygonPackage('generator-only', work));
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('build a full package in Polygon');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });
});
