import { readdirSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyProblem } from '@judge/judge';
import { loadProblemPackage } from '@judge/problem-package';
import { ENGINES, EXAMPLES, openHarness, type Harness } from './support/harness';

/**
 * Every example problem is verified like a setter would before a contest: each submission in
 * submissions/<expected verdict>/ must get that verdict on the real sandbox.
 */
describe.each(ENGINES)('the %s engine', (engineName) => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await openHarness(engineName);
  });

  afterAll(async () => {
    await harness?.close();
  });

  const problems = readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);

  describe.each(problems)('examples/problems/%s', (name) => {
    it('every submission gets the verdict of its folder', async () => {
      const problem = await loadProblemPackage(join(EXAMPLES, name));
      try {
        // In CI every shipped language is installed (scripts/setup.sh): one that cannot run fails, never skips.
        const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';
        const report = await verifyProblem(harness.engine, problem, { parallel: 2, requireAllLanguages: inCi });
        const wrong = report.submissions
          .filter((s) => !s.ok)
          .map(
            (s) =>
              `${relative(problem.root, s.path)}: expected ${s.expected.join('/')}, got ${s.result.verdict} ${s.unavailable ?? s.result.judgeError ?? ''}`,
          );
        expect(wrong).toEqual([]);
        // Only languages missing on this host may be skipped, never one that is installed.
        const available = await harness.engine.languages.availableIds();
        for (const s of report.submissions.filter((x) => x.skipped)) {
          const language = harness.engine.languages.byFileName(s.path);
          expect(language && available.includes(language.id)).toBeFalsy();
        }
        expect(report.submissions.filter((s) => !s.skipped).length).toBeGreaterThan(0);
      } finally {
        await problem.dispose();
      }
    });
  });

  describe('coverage of the example submissions', () => {
    const folders = [
      'accepted',
      'wrong_answer',
      'time_limit_exceeded',
      'run_time_error',
      'memory_limit_exceeded',
      'output_limit_exceeded',
      'compile_error',
    ];
    // The first languages have a solution per verdict; the languages of DOMjudge's examples added since have an
    // accepted, a wrong and a compile error (every one of them compiles or checks its syntax first).
    const everyVerdict = ['.c', '.cpp', '.py', '.java', '.js', '.rs', '.go', '.kt'];
    const threeVerdicts = ['.pas', '.bash', '.sh', '.pl', '.awk', '.rb', '.php', '.lua', '.r', '.hs', '.ml', '.plg'];
    threeVerdicts.push('.adb', '.f95', '.cs', '.scala', '.lisp', '.mjs');

    it('hello has one solution per verdict in each shipped language', () => {
      for (const folder of folders) {
        const files = readdirSync(join(EXAMPLES, 'hello', 'submissions', folder));
        const expected = ['accepted', 'wrong_answer', 'compile_error'].includes(folder)
          ? [...everyVerdict, ...threeVerdicts]
          : everyVerdict;
        expect(files.map((f) => extname(f).toLowerCase()).sort(), folder).toEqual([...expected].sort());
      }
    });

    it('every shipped language has examples', () => {
      const shipped = harness.engine.languages.definitions.map((l) => l.id);
      const covered = [...everyVerdict, ...threeVerdicts].map((e) => harness.engine.languages.byFileName(`x${e}`)?.id);
      expect([...covered].sort()).toEqual([...shipped].sort());
    });
  });

  describe('scoring with groups', () => {
    it('a solution that solves only the first subtask gets its points and per-group results', async () => {
      const problem = await loadProblemPackage(join(EXAMPLES, 'subtasks'));
      try {
        const result = await harness.engine.judge({
          problem,
          source: { path: join(problem.root, 'submissions', 'partially_accepted', 'quadratic.cpp') },
        });
        expect(result.score).toBe(30);
        expect(result.maxScore).toBe(100);
        const groups = Object.fromEntries(result.groups.map((g) => [g.name, g]));
        expect(groups['secret/group1']).toMatchObject({ verdict: 'AC', score: 30, maxScore: 30 });
        expect(groups['secret/group2']).toMatchObject({ verdict: 'TLE', score: 0, maxScore: 70 });
        // Scoring problems run every test instead of stopping at the first failure.
        expect(result.tests.filter((t) => t.group === 'secret/group2').length).toBe(6);
      } finally {
        await problem.dispose();
      }
    });
  });

  describe('interactive problems', () => {
    it("the interactor's rejection message reaches the test's feedback", async () => {
      const problem = await loadProblemPackage(join(EXAMPLES, 'guess'));
      try {
        const result = await harness.engine.judge({
          problem,
          source: { path: join(problem.root, 'submissions', 'wrong_answer', 'linear_search.cpp') },
        });
        expect(result.verdict).toBe('WA');
        expect(result.tests.at(-1)?.feedback).not.toBe('');
      } finally {
        await problem.dispose();
      }
    });
  });
});
