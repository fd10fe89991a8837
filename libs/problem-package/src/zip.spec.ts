import { createWriteStream } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { rawZip, type RawEntry } from './__fixtures__/raw-zip';
import { MINIMAL, TempDirs } from './__fixtures__/tree';
import { loadProblemPackage, PackageError, readZipFiles, type LoadOptions } from './index';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

/** Entries of the minimal package below `prefix`. */
function minimalEntries(prefix = ''): RawEntry[] {
  return Object.entries(MINIMAL).map(([name, data]) => ({ name: prefix + name, data: data as string }));
}

async function writeYazl(file: string, build: (zip: ZipFile) => void): Promise<string> {
  const zip = new ZipFile();
  build(zip);
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(file));
  return file;
}

/** A temporary folder holding the archive, and an empty one to extract into. */
async function setup(): Promise<{ dir: string; extractDir: string }> {
  const dir = await temp.make('zip-src-');
  const extractDir = await temp.make('zip-out-');
  return { dir, extractDir };
}

async function rawZipFile(entries: RawEntry[], name = 'hello.zip'): Promise<{ file: string; extractDir: string }> {
  const { dir, extractDir } = await setup();
  const file = path.join(dir, name);
  await writeFile(file, rawZip(entries));
  return { file, extractDir };
}

async function loadError(file: string, options: LoadOptions): Promise<PackageError> {
  const error: unknown = await loadProblemPackage(file, options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PackageError);
  // Nothing is left behind in the extraction folder after a refusal.
  if (options.extractDir) expect(await readdir(options.extractDir)).toEqual([]);
  return error as PackageError;
}

describe('zip packages', () => {
  it('extracts into a folder only its owner may enter: the answers are unreachable by path for other users', async () => {
    const { dir, extractDir } = await setup();
    const file = await writeYazl(path.join(dir, 'sumtwo.zip'), (zip) => {
      for (const [name, data] of Object.entries(MINIMAL)) zip.addBuffer(Buffer.from(data as string), name);
    });
    const problem = await loadProblemPackage(file, { extractDir });
    try {
      expect((await stat(path.dirname(problem.root))).mode & 0o777).toBe(0o700);
    } finally {
      await problem.dispose();
    }
  });

  it('loads an archive with problem.yaml at its root and removes the extraction on dispose', async () => {
    const { dir, extractDir } = await setup();
    const file = await writeYazl(path.join(dir, 'sumtwo.zip'), (zip) => {
      for (const [name, data] of Object.entries(MINIMAL)) zip.addBuffer(Buffer.from(data as string), name);
      zip.addBuffer(Buffer.from('#!/bin/sh\n'), 'output_validators/v/build', { mode: 0o100755 });
    });
    const problem = await loadProblemPackage(file, { extractDir });
    expect(problem.shortName).toBe('sumtwo');
    expect(problem.archiveFolder).toBeNull();
    expect(problem.name).toBe('Hello World');
    expect(problem.root.startsWith(extractDir)).toBe(true);
    expect(path.basename(problem.root)).toBe('sumtwo');
    expect(await readFile(problem.data.groups[1].tests[0].inputPath, 'utf8')).toBe('5 6\n');
    expect((await stat(path.join(problem.root, 'problem.yaml'))).mode & 0o777).toBe(0o644);
    expect((await stat(path.join(problem.root, 'output_validators/v/build'))).mode & 0o777).toBe(0o755);
    expect((await stat(path.join(problem.root, 'data'))).mode & 0o777).toBe(0o755);
    expect(problem.submissions.map((s) => path.relative(problem.root, s.path))).toEqual([
      'submissions/accepted/sol.py',
    ]);

    await problem.dispose();
    expect(await readdir(extractDir)).toEqual([]);
  });

  it('loads an archive holding a single top folder, ignoring macOS metadata', async () => {
    const { file, extractDir } = await rawZipFile(
      [{ name: 'hello/' }, ...minimalEntries('hello/'), { name: '__MACOSX/hello/._problem.yaml', data: 'junk' }],
      'hello-v2.kpp',
    );
    const problem = await loadProblemPackage(file, { extractDir });
    expect(problem.shortName).toBe('hello-v2');
    // The folder names the problem whatever the archive was renamed to (the API's identity of an upload).
    expect(problem.archiveFolder).toBe('hello');
    expect(problem.data.groups.map((g) => g.tests.length)).toEqual([1, 1]);
    expect(await readdir(problem.root)).not.toContain('__MACOSX');
    await problem.dispose();
  });

  it('says where problem.yaml was expected', async () => {
    const { file, extractDir } = await rawZipFile([...minimalEntries('a/'), ...minimalEntries('b/')]);
    const error = await loadError(file, { extractDir });
    expect(error.code).toBe('PROBLEM_YAML_MISSING');
    expect(error.message).toBe(
      "hello.zip: no problem.yaml (or Polygon's problem.xml) at the root of the archive or inside a single top folder",
    );
  });

  it('refuses a file that is not a zip archive', async () => {
    const { dir, extractDir } = await setup();
    const file = path.join(dir, 'broken.zip');
    await writeFile(file, 'this is not a zip');
    const error = await loadError(file, { extractDir });
    expect(error.code).toBe('ZIP_INVALID');
    expect(error.message).toMatch(/^broken\.zip: not a readable zip archive/);
  });
});

describe('unsafe zip entries', () => {
  it.each([
    ['/etc/cron.d/evil', 'absolute path'],
    ['C:/Windows/evil', 'absolute path'],
    ['../evil', '".." path component'],
    ['data/../../evil', '".." path component'],
    ['data\\..\\..\\evil', 'backslash in name'],
    ['data//evil', 'empty path component'],
  ])('refuses %j (%s)', async (name, why) => {
    const { file, extractDir } = await rawZipFile([...minimalEntries(), { name, data: 'x' }]);
    const error = await loadError(file, { extractDir });
    expect(error.code).toBe('ZIP_UNSAFE_ENTRY');
    expect(error.message).toBe(`hello.zip: unsafe entry ${JSON.stringify(name)}: ${why}`);
  });

  it('refuses a symbolic link entry', async () => {
    const { dir, extractDir } = await setup();
    const file = await writeYazl(path.join(dir, 'hello.zip'), (zip) => {
      for (const [name, data] of Object.entries(MINIMAL)) zip.addBuffer(Buffer.from(data as string), name);
      zip.addBuffer(Buffer.from('/etc/passwd'), 'data/secret/2.in', { mode: 0o120777 });
    });
    const error = await loadError(file, { extractDir });
    expect(error.code).toBe('ZIP_UNSAFE_ENTRY');
    expect(error.message).toBe('hello.zip: unsafe entry "data/secret/2.in": symbolic link entries are not allowed');
  });

  it.each([
    [0o010644, 'named pipe'],
    [0o020644, 'character device'],
    [0o060644, 'block device'],
    [0o140644, 'socket'],
  ])('refuses special file mode %o (%s)', async (mode, kind) => {
    const { file, extractDir } = await rawZipFile([...minimalEntries(), { name: 'dev', mode }]);
    const error = await loadError(file, { extractDir });
    expect(error.message).toBe(`hello.zip: unsafe entry "dev": ${kind} entries are not allowed`);
  });

  it('refuses duplicated names and a name used as file and folder', async () => {
    const duplicate = await rawZipFile([...minimalEntries(), { name: 'problem.yaml', data: 'name: Other\n' }]);
    const error = await loadError(duplicate.file, { extractDir: duplicate.extractDir });
    expect(error.code).toBe('ZIP_UNSAFE_ENTRY');
    expect(error.message).toBe('hello.zip: unsafe entry "problem.yaml": duplicated name');

    const clash = await rawZipFile([
      ...minimalEntries(),
      { name: 'data/secret/x', data: '1' },
      { name: 'data/secret/x/y' },
    ]);
    const clashError = await loadError(clash.file, { extractDir: clash.extractDir });
    expect(clashError.message).toBe('hello.zip: unsafe entry "data/secret/x": the same name is also used as a folder');
  });
});

describe('zip size limits', () => {
  it('refuses an archive file over maxZipBytes', async () => {
    const { file, extractDir } = await rawZipFile(minimalEntries());
    const error = await loadError(file, { extractDir, maxZipBytes: 100 });
    expect(error.code).toBe('ZIP_TOO_LARGE');
    expect(error.message).toMatch(/^hello\.zip: archive is \d+ bytes, over the limit of 100$/);
  });

  it('refuses too many entries', async () => {
    const { file, extractDir } = await rawZipFile(minimalEntries());
    const error = await loadError(file, { extractDir, maxEntries: 3 });
    expect(error.code).toBe('ZIP_TOO_LARGE');
    expect(error.message).toBe('hello.zip: archive has 6 entries, over the limit of 3');
  });

  it('refuses declared sizes over maxUncompressedBytes, naming the entry', async () => {
    const big = Buffer.alloc(100_000, 'a');
    const { file, extractDir } = await rawZipFile([...minimalEntries(), { name: 'data/secret/big.in', data: big }]);
    const error = await loadError(file, { extractDir, maxUncompressedBytes: 50_000 });
    expect(error.code).toBe('ZIP_TOO_LARGE');
    expect(error.message).toBe(
      'hello.zip: entry "data/secret/big.in" brings the declared uncompressed size over the limit of 50000 bytes',
    );
  });

  it('stops an entry that inflates past its declared size', async () => {
    const bomb = Buffer.alloc(10 * 1024 * 1024);
    const { file, extractDir } = await rawZipFile([
      ...minimalEntries(),
      { name: 'data/secret/bomb.in', data: bomb, declaredSize: 10 },
    ]);
    const error = await loadError(file, { extractDir });
    expect(error.code).toBe('ZIP_TOO_LARGE');
    expect(error.message).toBe('hello.zip: entry "data/secret/bomb.in" inflates to more than its declared 10 bytes');
  });
});

describe('readZipFiles (a run’s additional files, in memory)', () => {
  const limits = { maxZipBytes: 64 * 1024, maxUncompressedBytes: 1024, maxEntries: 8 };

  it('answers the files with their paths and modes, folders left out', async () => {
    const zip = rawZip([
      { name: 'data/' },
      { name: 'data/in.txt', data: '1 2\n' },
      { name: 'run.sh', data: 'echo\n', mode: 0o100755 },
    ]);
    const files = await readZipFiles(zip, limits);
    expect(files.map((f) => [f.name, f.content.toString(), f.mode])).toEqual([
      ['data/in.txt', '1 2\n', 0o644],
      ['run.sh', 'echo\n', 0o755],
    ]);
  });

  it('refuses what the package loader refuses: .., absolute paths, links, and entries past their sizes', async () => {
    const refusals: [RawEntry[], string][] = [
      [[{ name: '../x', data: 'x' }], 'ZIP_UNSAFE_ENTRY'],
      [[{ name: '/etc/x', data: 'x' }], 'ZIP_UNSAFE_ENTRY'],
      [[{ name: 'link', data: '/etc/passwd', mode: 0o120777 }], 'ZIP_UNSAFE_ENTRY'],
      [[{ name: 'big', data: 'x'.repeat(2048) }], 'ZIP_TOO_LARGE'],
      [[{ name: 'bomb', data: 'x'.repeat(900), declaredSize: 10 }], 'ZIP_TOO_LARGE'],
    ];
    for (const [entries, code] of refusals) {
      await expect(readZipFiles(rawZip(entries), limits)).rejects.toMatchObject({ code });
    }
    await expect(readZipFiles(Buffer.from('not a zip'), limits)).rejects.toMatchObject({ code: 'ZIP_INVALID' });
  });
});
