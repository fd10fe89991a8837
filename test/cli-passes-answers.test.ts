import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, REPO } from './support/harness';

const execFileAsync = promisify(execFile);
const CLI = join(REPO, 'apps', 'cli', 'dist', 'main.js');
const FACTOR_HUNT = join(EXAMPLES, 'factor-hunt');
const RELAY = join(EXAMPLES, 'relay');

let work: string;

interface JsonResult {
  verdict: string;
  tests: { name: string; verdict: string; feedback: string; passes?: number }[];
}

/** `judge run --json` as a user runs it; the result and the exit code. */
async function run(...args: string[]): Promise<{ code: number; json: JsonResult | null; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync('node', [CLI, 'run', '--json', ...args], {
      env: { ...process.env, JUDGE_CACHE_DIR: join(work, 'cache'), NO_COLOR: '1' },
    });
    return { code: 0, json: JSON.parse(stdout) as JsonResult, stderr };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, json: null, stderr: e.stderr };
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'judge-cli-answers-'));
  await chmod(work, 0o755);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('judge run on a submit-answer problem', () => {
  it('judges a zip of answers, each test by the validator', async () => {
    const zip = join(work, 'answers.zip');
    await execFileAsync('python3', ['-m', 'zipfile', '-c', zip, 'sample', 'secret'], {
      cwd: join(FACTOR_HUNT, 'submissions', 'accepted', 'other-factors'),
    });
    const { code, json } = await run(FACTOR_HUNT, zip);
    expect(code).toBe(0);
    expect(json?.verdict).toBe('AC');
    expect(json?.tests.map((t) => t.verdict)).toEqual(['AC', 'AC', 'AC', 'AC', 'AC']);
    expect(json?.tests[0].feedback).toBe('13 divides 91');
  });

  it('a test without an answer is WA, saying which file was looked for', async () => {
    const { json } = await run(FACTOR_HUNT, join(FACTOR_HUNT, 'submissions', 'wrong_answer', 'missing-test'));
    expect(json?.verdict).toBe('WA');
    expect(json?.tests.at(-1)).toMatchObject({
      name: 'secret/03',
      verdict: 'WA',
      feedback: 'no answer for test secret/03 (a file named secret/03.out)',
    });
  });

  it('a program is refused as a usage error (exit 2) with a message', async () => {
    const { code, stderr } = await run(FACTOR_HUNT, join(EXAMPLES, 'hello', 'submissions', 'accepted', 'sum.c'));
    expect(code).toBe(2);
    expect(stderr).toContain('this problem has 5 tests; submit a folder with one answer file per test');
  });
});

describe('judge run on a multi-pass problem', () => {
  it('reports the passes of each test, and the verdict of the last', async () => {
    const { json } = await run(RELAY, join(RELAY, 'submissions', 'wrong_answer', 'same_direction.c'));
    expect(json?.verdict).toBe('WA');
    expect(json?.tests).toEqual([
      expect.objectContaining({
        name: 'sample/01',
        verdict: 'WA',
        passes: 2,
        feedback: 'encode: relay became sfmbz\ndecode: expected relay, got tgnca',
      }),
    ]);
  });
});
