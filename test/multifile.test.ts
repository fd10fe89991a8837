import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBMISSION_LIMITS } from '@judge/contract';
import { JudgeRequestError, verifyProblem } from '@judge/judge';
import { loadProblemPackage, type LoadedPackage } from '@judge/problem-package';
import { openHarness, REPO, type Harness } from './support/harness';

/**
 * Submissions of several files on the real sandbox: folders in submissions/ (one submission each), entry points
 * from each language's rule and from submissions.json, a package's include/ files, and the files a submission may
 * not have. The fixtures' folders say the verdict each submission must get.
 */
const FIXTURES = join(REPO, 'test', 'fixtures');

async function verified(harness: Harness, name: string): Promise<{ path: string; expected: string; got: string }[]> {
  const problem = await loadProblemPackage(join(FIXTURES, name));
  try {
    const report = await verifyProblem(harness.engine, problem, { parallel: 2 });
    const available = await harness.engine.languages.availableIds();
    // On a host with all the languages, nothing is skipped; elsewhere only what this host lacks may be.
    for (const s of report.submissions.filter((x) => x.skipped)) {
      expect(s.skipped).toMatch(/not available on this machine/);
      expect(available.length).toBeLessThan(harness.engine.languages.definitions.length);
    }
    return report.submissions
      .filter((s) => !s.ok)
      .map((s) => ({
        path: relative(problem.root, s.path),
        expected: s.expected.join('/'),
        got: `${s.result.verdict} ${s.result.compileOutput.slice(0, 300)} ${s.result.judgeError ?? ''}`,
      }));
  } finally {
    await problem.dispose();
  }
}

describe('submissions of several files, on the namespace engine', () => {
  let harness: Harness;
  let work: string;
  let sum: LoadedPackage;

  beforeAll(async () => {
    harness = await openHarness('namespace');
    work = await mkdtemp(join(tmpdir(), 'judge-multifile-'));
    sum = await loadProblemPackage(join(FIXTURES, 'multifile-problem'));
  });

  afterAll(async () => {
    await sum?.dispose();
    await rm(work, { recursive: true, force: true });
    await harness?.close();
  });

  it('a folder per language family gets the verdict of its folder', async () => {
    expect(await verified(harness, 'multifile-problem')).toEqual([]);
  });

  it("a package's include/<language>/ files join every submission in that language, replacing its own", async () => {
    expect(await verified(harness, 'include-problem')).toEqual([]);
  });

  it('files in memory keep their names, and the entry point they name starts the program', async () => {
    const files = [
      { name: 'adder.py', content: 'def add(a, b):\n    return a + b\n' },
      { name: 'run.py', content: 'from adder import add\nprint(add(*map(int, input().split())))\n' },
    ];
    const named = await harness.engine.judge({ problem: sum, source: { files }, entryPoint: 'run.py' });
    expect(named.verdict).toBe('AC');
    // Without it, the first file by name starts the program: adder.py prints nothing.
    const unnamed = await harness.engine.judge({ problem: sum, source: { files } });
    expect(unnamed.verdict).toBe('WA');
  });

  async function folder(name: string, files: Record<string, string | Buffer>): Promise<string> {
    const dir = join(work, name);
    for (const [file, content] of Object.entries(files)) {
      await mkdir(join(dir, file, '..'), { recursive: true });
      await writeFile(join(dir, file), content);
    }
    return dir;
  }

  const refusal = async (source: Parameters<Harness['engine']['judge']>[0]['source']) => {
    const error = await harness.engine.judge({ problem: sum, source }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JudgeRequestError);
    return error as JudgeRequestError;
  };

  it('refuses a link in a folder, naming it, and reads nothing through it', async () => {
    const dir = await folder('with-link', { 'main.c': 'int main(void) { return 0; }\n' });
    await symlink('/etc/passwd', join(dir, 'passwd.h'));
    expect(await refusal({ path: dir })).toMatchObject({
      code: 'FILES_INVALID',
      message: 'passwd.h: a link is not a file of a submission',
    });
  });

  it('refuses folders where the language has plain names only, .. and absolute names', async () => {
    const dir = await folder('c-with-folder', { 'main.c': 'int main(void) { return 0; }\n', 'lib/x.c': '' });
    expect(await refusal({ path: dir })).toMatchObject({
      code: 'FILES_INVALID',
      message: '"lib/x.c": folders are not allowed in this language, only plain names',
    });
    const main = { name: 'main.py', content: 'print(3)\n' };
    expect(await refusal({ files: [main, { name: '../x.py', content: '' }] })).toMatchObject({
      code: 'FILES_INVALID',
      message: '"../x.py": ".." is not allowed in a file name',
    });
    expect(await refusal({ files: [main, { name: '/tmp/x.py', content: '' }] })).toMatchObject({
      message: '"/tmp/x.py": an absolute path is not a file name',
    });
  });

  it('refuses too many files, too many bytes, and a binary file, naming it', async () => {
    const many = Object.fromEntries(
      Array.from({ length: SUBMISSION_LIMITS.maxFiles + 1 }, (_, i) => [`f${String(i).padStart(3, '0')}.py`, '']),
    );
    expect(await refusal({ path: await folder('many', many) })).toMatchObject({
      code: 'FILES_INVALID',
      message: expect.stringMatching(/more than 100 files/) as unknown,
    });
    const half = 'x'.repeat(SUBMISSION_LIMITS.maxTotalBytes / 2 + 1);
    expect(await refusal({ path: await folder('large', { 'a.py': half, 'b.py': half }) })).toMatchObject({
      code: 'SOURCE_TOO_LARGE',
      message: expect.stringMatching(/at b\.py/) as unknown,
    });
    const binary = await folder('binary', {
      'main.cpp': 'int main() {}\n',
      'adder.o': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0xff, 0xfe]),
    });
    expect(await refusal({ path: binary })).toMatchObject({
      code: 'SOURCE_NOT_TEXT',
      message: 'adder.o is not UTF-8 text',
    });
  });

  it('leaves out hidden files of a folder, as the package format does', async () => {
    const dir = await folder('hidden', {
      'main.py': 'print(sum(map(int, input().split())))\n',
      '.secret.py': 'this is not Python',
      '.git/config': '[core]\n',
    });
    expect((await harness.engine.judge({ problem: sum, source: { path: dir } })).verdict).toBe('AC');
  });
});

describe('submissions of several files, on the docker engine', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await openHarness('docker');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('a Python package with a subfolder is all in the box and runs from __main__.py', async () => {
    const problem = await loadProblemPackage(join(FIXTURES, 'multifile-problem'));
    try {
      const path = join(problem.root, 'submissions', 'accepted', 'python-package');
      const result = await harness.engine.judge({ problem, source: { path } });
      expect(result.verdict).toBe('AC');
    } finally {
      await problem.dispose();
    }
  });
});
