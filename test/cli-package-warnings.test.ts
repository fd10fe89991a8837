import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from './support/harness';

const CLI = join(REPO, 'apps', 'cli', 'dist', 'main.js');

let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'judge-cli-warnings-'));
  await chmod(work, 0o755);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('judge verify and problem.yaml keys the format does not know', () => {
  it('prints each as a warning with the key probably meant, and still verifies the package', async () => {
    // One test and one accepted submission, with a time limit of its own: quick to verify.
    const problem = join(work, 'typos');
    const files: Record<string, string> = {
      'problem.yaml': 'name: Typos\nlimts:\n  memory: 256\ntimelimit: 2\n',
      '.timelimit': '1\n',
      'data/sample/1.in': '1 2\n',
      'data/sample/1.ans': '3\n',
      'data/secret/1.in': '5 6\n',
      'data/secret/1.ans': '11\n',
      'submissions/accepted/sum.py': 'print(sum(map(int, input().split())))\n',
    };
    for (const [name, text] of Object.entries(files)) {
      await mkdir(join(problem, name, '..'), { recursive: true });
      await writeFile(join(problem, name), text);
    }
    const { stdout } = await promisify(execFile)('node', [CLI, 'verify', problem], {
      env: { ...process.env, JUDGE_CACHE_DIR: join(work, 'cache'), NO_COLOR: '1' },
      maxBuffer: 16 << 20,
      timeout: 120_000,
    });
    expect(stdout).toContain('warning: problem.yaml: limts: unknown key, ignored (did you mean limits?)');
    expect(stdout).toContain(
      'warning: problem.yaml: timelimit: unknown key, ignored (did you mean limits.time_limit?)',
    );
    expect(stdout).toContain('1 as expected');
    expect(stdout).toContain('2 package warnings');
  });
});
