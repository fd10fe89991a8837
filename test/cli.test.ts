import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, REPO } from './support/harness';

const execFileAsync = promisify(execFile);
const CLI = join(REPO, 'apps', 'cli', 'dist', 'main.js');
const HELLO = join(EXAMPLES, 'hello');
/** One second of time limit, two tests that print "ok". */
const LIMITS_PROBLEM = join(REPO, 'test', 'fixtures', 'limits-problem');

let work: string;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `judge` command as a user would. */
async function judge(...args: string[]): Promise<CliResult> {
  return judgeWithEnv({}, ...args);
}

async function judgeWithEnv(env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await execFileAsync('node', [CLI, ...args], {
      env: { ...process.env, JUDGE_CACHE_DIR: join(work, 'cache'), NO_COLOR: '1', ...env },
      maxBuffer: 16 << 20,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function expectCleanError(result: CliResult, code: number, ...fragments: string[]) {
  expect(result.code).toBe(code);
  for (const f of fragments) expect(result.stderr).toContain(f);
  // A message, never a stack trace.
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'judge-cli-'));
  await chmod(work, 0o755);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A copy of an example problem that a test may break. */
async function copyProblem(name: string): Promise<string> {
  const target = join(work, `${name}-${Math.random().toString(36).slice(2, 8)}`);
  await cp(join(EXAMPLES, name), target, { recursive: true });
  return target;
}

describe('judge run', () => {
  it('--json prints exactly one JSON object and exits 0 on a wrong answer', async () => {
    const result = await judge('run', HELLO, join(HELLO, 'submissions/wrong_answer/overflow32.cpp'), '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown> & { tests: Record<string, unknown>[] };
    expect(json.verdict).toBe('WA');
    expect(json).toHaveProperty('score', 0);
    expect(json).toHaveProperty('compileOutput');
    expect(json.tests.length).toBeGreaterThan(0);
    for (const t of json.tests) {
      for (const key of ['name', 'group', 'verdict', 'timeMs', 'wallMs', 'memoryKb', 'feedback'])
        expect(t).toHaveProperty(key);
    }
    expect(json.tests.at(-1)).toMatchObject({ verdict: 'WA' });
    expect(String(json.tests.at(-1)?.feedback)).toContain('expected');
  });

  it('shows progress while tests run and ends with a table', async () => {
    const result = await judge('run', HELLO, join(HELLO, 'submissions/accepted/sum.c'));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('[1/5] sample/01 AC');
    expect(result.stdout).toMatch(/test\s*│\s*group\s*│\s*verdict\s*│\s*time\s*│\s*memory\s*│\s*feedback/);
    expect(result.stdout).toContain('verdict AC (Accepted)');
  });

  it('reports a compile error with the compiler output, exit 0', async () => {
    const result = await judge('run', HELLO, join(HELLO, 'submissions/compile_error/missing_semicolon.c'), '--json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { verdict: string; compileOutput: string; tests: unknown[] };
    expect(json.verdict).toBe('CE');
    expect(json.compileOutput).toMatch(/error/);
    expect(json.tests).toEqual([]);

    // As people read it: the verdict and the compiler's message, with no table of zero tests.
    const text = await judge('run', HELLO, join(HELLO, 'submissions/compile_error/missing_semicolon.c'));
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^verdict CE \(Compilation Error\)\n.*error/s);
    expect(text.stdout).not.toMatch(/[┌│└]/);
  });

  it('--time-limit overrides the package', async () => {
    const source = join(work, 'slow.c');
    await writeFile(
      source,
      '#include <stdio.h>\n#include <time.h>\nint main(void){long long a,b;scanf("%lld %lld",&a,&b);while(clock()<(clock_t)(1.3*CLOCKS_PER_SEC));printf("%lld\\n",a+b);return 0;}\n',
    );
    const strict = JSON.parse((await judge('run', HELLO, source, '--json')).stdout) as { verdict: string };
    expect(strict.verdict).toBe('TLE');
    const relaxed = JSON.parse((await judge('run', HELLO, source, '--json', '--time-limit', '4')).stdout) as {
      verdict: string;
    };
    expect(relaxed.verdict).toBe('AC');
  });

  it('--wall-time-factor and JUDGE_WALL_TIME_FACTOR set the wall clock of tests', async () => {
    // Sleeps 4 s and answers: past the default wall clock of a 1 s limit (1.5 × 1 s + 1 s), within 5 × 1 s + 1 s.
    // The fixture's own limit is 3 s; --time-limit makes it 1 s.
    const source = join(work, 'sleepy.c');
    await writeFile(source, '#include <stdio.h>\n#include <unistd.h>\nint main(void){sleep(4);puts("ok");return 0;}\n');
    const verdict = async (env: Record<string, string>, ...args: string[]) =>
      (
        JSON.parse(
          (await judgeWithEnv(env, 'run', LIMITS_PROBLEM, source, '--json', '--time-limit', '1', ...args)).stdout,
        ) as {
          verdict: string;
        }
      ).verdict;
    expect(await verdict({})).toBe('TLE');
    expect(await verdict({}, '--wall-time-factor', '5')).toBe('AC');
    expect(await verdict({ JUDGE_WALL_TIME_FACTOR: '5' })).toBe('AC');
    const bad = await judge('run', LIMITS_PROBLEM, source, '--wall-time-factor', '0.5');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('from 1 to 10');
  });

  it('--language overrides the file extension', async () => {
    const source = join(work, 'solution.txt');
    await writeFile(source, 'a, b = map(int, input().split())\nprint(a + b)\n');
    const result = await judge('run', HELLO, source, '--language', 'python', '--json');
    expect(JSON.parse(result.stdout)).toMatchObject({ verdict: 'AC' });
  });
});

describe('bad input gets a clear error', () => {
  it('an unknown language lists the available ones', async () => {
    expectCleanError(
      await judge('run', HELLO, join(HELLO, 'submissions/accepted/sum.c'), '-l', 'cobol'),
      2,
      'unknown language "cobol"',
      'c, cpp, python',
    );
  });

  it('a source file with an unknown extension asks for --language', async () => {
    const source = join(work, 'solution.xyz');
    await writeFile(source, 'print(1)\n');
    expectCleanError(await judge('run', HELLO, source), 2, '--language');
  });

  it('a source over 256 KiB is refused', async () => {
    const source = join(work, 'huge.c');
    await writeFile(source, `int main(void){return 0;}\n${'// padding\n'.repeat(30_000)}`);
    expectCleanError(await judge('run', HELLO, source), 2, 'limit is 262144');
  });

  it('a source that is not UTF-8 text is refused', async () => {
    const source = join(work, 'binary.c');
    await writeFile(source, Buffer.from([0x69, 0x6e, 0x74, 0xff, 0xfe, 0x00, 0x80]));
    expectCleanError(await judge('run', HELLO, source), 2, 'not UTF-8');
  });

  it('a missing problem.yaml is named', async () => {
    const problem = await copyProblem('hello');
    await rm(join(problem, 'problem.yaml'));
    expectCleanError(await judge('run', problem, join(HELLO, 'submissions/accepted/sum.c')), 2, 'problem.yaml');
  });

  it('a malformed problem.yaml names the file and the field', async () => {
    const problem = await copyProblem('hello');
    await writeFile(join(problem, 'problem.yaml'), 'name: Broken\nlimits:\n  memory: lots\n');
    expectCleanError(
      await judge('run', problem, join(HELLO, 'submissions/accepted/sum.c')),
      2,
      'problem.yaml',
      'limits.memory',
    );
  });

  it('an input without its answer file is named', async () => {
    const problem = await copyProblem('hello');
    await rm(join(problem, 'data/secret/02.ans'));
    expectCleanError(await judge('run', problem, join(HELLO, 'submissions/accepted/sum.c')), 2, '02.in');
  });

  it('an empty test folder is an error', async () => {
    const problem = await copyProblem('hello');
    await rm(join(problem, 'data'), { recursive: true });
    await mkdir(join(problem, 'data/sample'), { recursive: true });
    await mkdir(join(problem, 'data/secret'), { recursive: true });
    const result = await judge('run', problem, join(HELLO, 'submissions/accepted/sum.c'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no test cases|empty/i);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing solution file is named', async () => {
    expectCleanError(await judge('run', HELLO, join(work, 'nope.c')), 2, 'nope.c');
  });

  it('a bad --time-limit is a usage error', async () => {
    const result = await judge('run', HELLO, join(HELLO, 'submissions/accepted/sum.c'), '--time-limit', 'soon');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('seconds');
  });
});

describe('zipped packages', () => {
  it('judges a package from a zip with one top folder', async () => {
    const zip = join(work, 'hello.zip');
    await execFileAsync('python3', ['-m', 'zipfile', '-c', zip, HELLO]);
    const result = await judge('run', zip, join(HELLO, 'submissions/accepted/sum.py'), '--json');
    expect(JSON.parse(result.stdout)).toMatchObject({ verdict: 'AC' });
  });

  it('judges a folder as one submission, with the entry point given or the one submissions.json names', async () => {
    const fixture = join(REPO, 'test', 'fixtures', 'multifile-problem');
    const folder = join(fixture, 'submissions', 'accepted', 'python-entry');
    // Named by the package for its own submission; named on the command line for any folder.
    expect(JSON.parse((await judge('run', fixture, folder, '--json')).stdout)).toMatchObject({ verdict: 'AC' });
    const copy = join(work, 'entry-copy');
    await cp(folder, copy, { recursive: true });
    expect(JSON.parse((await judge('run', fixture, copy, '--json')).stdout)).toMatchObject({ verdict: 'WA' });
    const named = await judge('run', fixture, copy, '--entry-point', 'solve.py', '--json');
    expect(JSON.parse(named.stdout)).toMatchObject({ verdict: 'AC' });
  });

  it('refuses an archive over the configured size, and a bad setting by name', async () => {
    const zip = join(work, 'hello-big.zip');
    await execFileAsync('python3', ['-m', 'zipfile', '-c', zip, HELLO]);
    const source = join(HELLO, 'submissions/accepted/sum.py');
    const tooBig = await judgeWithEnv({ JUDGE_PACKAGE_MAX_BYTES: '1000' }, 'run', zip, source);
    expect(tooBig.code).toBe(2);
    expect(tooBig.stderr).toMatch(/hello-big\.zip/);
    expect(tooBig.stderr).not.toMatch(/\n\s+at /);
    expectCleanError(
      await judgeWithEnv({ JUDGE_PACKAGE_MAX_BYTES: 'lots' }, 'run', zip, source),
      2,
      'JUDGE_PACKAGE_MAX_BYTES',
    );
  });
});

describe('private test files', () => {
  it('a validator still gets test files that box users may not read (mode 0600)', async () => {
    const problem = await copyProblem('sum-pair');
    await execFileAsync('find', [join(problem, 'data'), '-type', 'f', '-exec', 'chmod', '600', '{}', '+']);
    const result = await judge(
      'run',
      problem,
      join(problem, 'submissions/accepted/one_and_rest.cpp'),
      '--json',
      '-t',
      '2',
    );
    expect(JSON.parse(result.stdout)).toMatchObject({ verdict: 'AC' });
    const wrong = await judge(
      'run',
      problem,
      join(problem, 'submissions/wrong_answer/halves.cpp'),
      '--json',
      '-t',
      '2',
    );
    expect(JSON.parse(wrong.stdout)).toMatchObject({ verdict: 'WA' });
  });
});

describe('judge verify', () => {
  it('passes a correct package and exits 0', async () => {
    const result = await judge('verify', join(EXAMPLES, 'sum-pair'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('0 differ');
  });

  it('reports a submission whose verdict differs from its folder, exit 1', async () => {
    const problem = await copyProblem('sum-pair');
    await cp(
      join(problem, 'submissions/wrong_answer/halves.cpp'),
      join(problem, 'submissions/accepted/not_really.cpp'),
    );
    const result = await judge('verify', problem, '--parallel', '2');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ accepted\/not_really\.cpp expected AC, got WA/);
    expect(result.stdout).toContain('1 differ');
  });

  it('skips a language this host cannot run, or fails on it with --require-all-languages', async () => {
    const problem = await copyProblem('sum-pair');
    await writeFile(join(problem, 'submissions/accepted/sum.cob'), 'DISPLAY "3".\n');
    // The shipped list plus a language whose compiler is installed nowhere.
    const languages = join(problem, 'languages.yaml');
    const shipped = await readFile(join(REPO, 'libs/judge/languages.yaml'), 'utf8');
    await writeFile(
      languages,
      `${shipped}\n- id: cobol\n  name: COBOL\n  extensions: [cob]\n` +
        `  tools: { cobc: [/usr/bin/no-such-cobc] }\n  source: main.cob\n  run: ['{tool:cobc}']\n`,
    );
    const env = { JUDGE_LANGUAGES_FILE: languages };

    const lenient = await judgeWithEnv(env, 'verify', problem);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(/- accepted\/sum\.cob skipped: language "cobol" is not available/);
    expect(lenient.stdout).toContain('0 differ, 1 skipped');

    const strict = await judgeWithEnv(env, 'verify', problem, '--require-all-languages');
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/✗ accepted\/sum\.cob cannot be judged here: language "cobol" is not available/);
    expect(strict.stdout).toContain('0 differ, 1 cannot be judged here, 0 skipped');

    const json = await judgeWithEnv(env, 'verify', problem, '--require-all-languages', '--json');
    const report = JSON.parse(json.stdout) as { submissions: { path: string; ok: boolean; unavailable?: string }[] };
    expect(report.submissions.find((s) => s.path.endsWith('sum.cob'))).toMatchObject({
      ok: false,
      unavailable: expect.stringContaining('cobc not found') as unknown,
    });
  });

  it('an @EXPECTED_RESULTS@ line overrides the folder', async () => {
    const problem = await copyProblem('sum-pair');
    const source = join(problem, 'submissions/accepted/mixed.py');
    await writeFile(source, '# @EXPECTED_RESULTS@: WRONG-ANSWER, RUN-ERROR\nprint(0, 0)\n');
    const result = await judge('verify', problem, '--json');
    const report = JSON.parse(result.stdout) as { submissions: { path: string; ok: boolean; expected: string[] }[] };
    const entry = report.submissions.find((s) => s.path.endsWith('mixed.py'));
    expect(entry).toMatchObject({ ok: true, expected: ['WA', 'RE'] });
  });
});

describe('judge languages', () => {
  it('lists the shipped languages and which are available here', async () => {
    const result = await judge('languages', '--json');
    expect(result.code).toBe(0);
    const languages = JSON.parse(result.stdout) as { id: string; available: boolean; version?: string }[];
    expect(languages.map((l) => l.id)).toEqual(
      expect.arrayContaining(['c', 'cpp', 'python', 'java', 'javascript', 'rust', 'go', 'kotlin']),
    );
    for (const id of ['c', 'cpp', 'python', 'java', 'javascript'])
      expect(languages.find((l) => l.id === id)?.available).toBe(true);
    // Every installed toolchain says its version (in CI: every language).
    for (const l of languages.filter((x) => x.available)) expect(l.version, l.id).toMatch(/\d+\.\d+/);
    expect(languages.find((l) => l.id === 'python')?.version).toMatch(/^Python 3\.\d+/);
  });

  it('fits an 80-column terminal', async () => {
    const result = await judge('languages');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+name\s+extensions\s+version$/);
    expect(lines.find((line) => line.startsWith('python '))).toMatch(/Python 3\s+\.py\s+3\.\d+/);
    expect(lines.filter((line) => line.length > 80)).toEqual([]);
  });

  it('npx judge --help works from the repository root', async () => {
    const { stdout } = await execFileAsync('npx', ['judge', '--help'], { cwd: REPO });
    expect(stdout).toContain('Usage: judge');
    expect(stdout).toContain('verify');
  });
});

/** The 2025-09 package the loader's tests use (libs/problem-package/src/__fixtures__/packages/thirds). */
const THIRDS = join(REPO, 'libs', 'problem-package', 'src', '__fixtures__', 'packages', 'thirds');

/** A small legacy package written for one test: a + b, two tests, and the files given. */
async function writeProblem(files: Record<string, string>): Promise<string> {
  const root = join(work, `pkg-${Math.random().toString(36).slice(2, 8)}`);
  const tree: Record<string, string> = {
    'problem.yaml': 'name: Add\n',
    '.timelimit': '2\n',
    'data/sample/1.in': '1 2\n',
    'data/sample/1.ans': '3\n',
    'data/secret/1.in': '20 22\n',
    'data/secret/1.ans': '42\n',
    'submissions/accepted/add.py': 'a, b = map(int, input().split())\nprint(a + b)\n',
    ...files,
  };
  for (const [rel, content] of Object.entries(tree)) {
    await mkdir(dirname(join(root, rel)), { recursive: true });
    await writeFile(join(root, rel), content);
  }
  return root;
}

describe('packages as DOMjudge and Kattis write them', () => {
  it('an unknown tag is a warning on its submission in verify, and never stops judge run on another file', async () => {
    const problem = await writeProblem({
      'submissions/check_manually/odd.py': '# @EXPECTED_RESULTS@: CHECK-MANUALLY\nprint(0)\n',
      'submissions/accepted/unsure.py': '# @EXPECTED_RESULTS@: CORRECT, MAYBE\nprint(sum(map(int, input().split())))\n',
    });
    const verify = await judge('verify', problem);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('✓ accepted/add.py expected AC, got AC');
    expect(verify.stdout).toContain('✓ accepted/unsure.py expected AC, got AC');
    expect(verify.stdout).toContain(
      'warning: submissions/accepted/unsure.py: @EXPECTED_RESULTS@: unknown result "MAYBE", ignored',
    );
    // Nothing to compare with: reported with what it got, marked `?`, and not counted as a difference.
    expect(verify.stdout).toContain('? check_manually/odd.py got WA');
    expect(verify.stdout).toContain('warning: submissions/check_manually/odd.py: @EXPECTED_RESULTS@: unknown result');
    expect(verify.stdout).toContain('3 as expected, 0 differ, 0 skipped, 2 with warnings');

    const run = await judge('run', problem, join(problem, 'submissions/accepted/add.py'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/verdict AC/);
  });

  it("loads a package whose problem.pdf links outside it (DOMjudge's examples), refuses a test linked outside", async () => {
    const problem = await writeProblem({});
    await symlink('../../../doc/examples/add.pdf', join(problem, 'problem.pdf'));
    const run = await judge('run', problem, join(problem, 'submissions/accepted/add.py'));
    expect(run.code).toBe(0);

    await symlink('/etc/hostname', join(problem, 'data/secret/2.in'));
    const refused = await judge('run', problem, join(problem, 'submissions/accepted/add.py'));
    expectCleanError(refused, 2, 'data/secret/2.in: symbolic link leads outside the package');
  });

  it('verifies a 2025-09 package: per-test validator arguments, submissions.yaml rules, languages', async () => {
    const result = await judge('verify', THIRDS, '--parallel', '2');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('warning: problem.yaml: constants: not substituted');
    expect(result.stdout).toContain('✓ wrong_answer/rounded.py expected WA, got WA');
    expect(result.stdout).toContain('✓ rejected/crash.py expected WA or TLE or MLE or OLE or RE, got RE');
    expect(result.stdout).toContain(
      '- accepted/exact.go skipped: this problem takes submissions in python, c only, not go',
    );
    expect(result.stdout).toContain('time limit 2 s (problem.yaml); 5 as expected, 0 differ, 1 skipped');

    // The same submission against a rule it breaks: the rule is named.
    const copy = join(work, `thirds-${Math.random().toString(36).slice(2, 8)}`);
    await cp(THIRDS, copy, { recursive: true });
    await writeFile(
      join(copy, 'submissions/submissions.yaml'),
      'wrong_answer/rounded.py:\n  secret:\n    permitted: [AC]\n',
    );
    await rm(join(copy, 'submissions/time_limit_exceeded'), { recursive: true });
    const broken = await judge('verify', copy);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('✗ wrong_answer/rounded.py expected WA, got WA');
    expect(broken.stdout).toContain('submissions.yaml: wrong_answer/rounded.py > secret: permitted AC, got WA');
  });

  it('scores a 2025-09 scoring package by its max_score, and checks @EXPECTED_SCORE@', async () => {
    const problem = await writeProblem({
      'problem.yaml': 'problem_format_version: 2025-09\nname: Echo\ntype: scoring\nlimits:\n  time_limit: 2\n',
      'data/sample/1.in': '5\n',
      'data/sample/1.ans': '5\n',
      'data/secret/group1/test_group.yaml': 'max_score: 30\n',
      'data/secret/group1/1.in': '1\n',
      'data/secret/group1/1.ans': '1\n',
      'data/secret/group1/2.in': '2\n',
      'data/secret/group1/2.ans': '2\n',
      'data/secret/group2/test_group.yaml': 'max_score: 70\nscore_aggregation: sum\n',
      'data/secret/group2/3.in': '3\n',
      'data/secret/group2/3.ans': '3\n',
      'data/secret/group2/more/4.in': '4\n',
      'data/secret/group2/more/4.ans': '4\n',
      'submissions/accepted/add.py': 'print(input())\n',
      // Wrong on 4 only: group1 keeps its 30, group2 half of its 70.
      'submissions/partially_accepted/most.py': '# @EXPECTED_SCORE@: 65\nn = int(input())\nprint(0 if n == 4 else n)\n',
    });
    // The helper's secret/1 test does not belong in a package whose secret/ has test data groups.
    await rm(join(problem, 'data/secret/1.in'));
    await rm(join(problem, 'data/secret/1.ans'));
    const result = await judge('verify', problem);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ accepted/add.py expected AC, got AC (score 100/100)');
    expect(result.stdout).toContain('✓ partially_accepted/most.py expected AC, score 65, got WA (score 65/100)');
  });

  it('judge run refuses a language the problem does not take, naming the ones it does', async () => {
    const result = await judge('run', THIRDS, join(THIRDS, 'submissions/accepted/exact.go'));
    expectCleanError(result, 2, 'this problem takes submissions in python, c only, not go');
  });
});
