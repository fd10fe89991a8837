import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCase } from '@judge/problem-package';
import { AnswerSet } from './answers';

const test = (name: string): TestCase => ({
  name,
  group: name.slice(0, name.lastIndexOf('/')),
  inputPath: `/p/data/${name}.in`,
  answerPath: `/p/data/${name}.ans`,
  sample: name.startsWith('sample/'),
});
const TESTS = ['sample/01', 'secret/01', 'secret/02', 'secret/group1/07'].map(test);
const LIMITS = { answerBytes: 100, maxFiles: 100, zipBytes: 1000 };

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'answers-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function folder(files: Record<string, string>): Promise<string> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

async function text(set: AnswerSet, name: string, max = 1000): Promise<string> {
  const answer = await set.read(test(name), max);
  return answer.kind === 'answer' ? answer.data.toString() : answer.kind;
}

describe('the answers of a submit-answer submission', () => {
  it('finds each test by its path, or by its base name when no other test has it; .ans counts too', async () => {
    const set = await AnswerSet.open(
      { path: await folder({ 'sample/01.out': 'a', 'secret/01.ans': 'b', '02.out': 'c', '07.out': 'd' }) },
      TESTS,
      LIMITS,
    );
    expect(await text(set, 'sample/01')).toBe('a');
    expect(await text(set, 'secret/01')).toBe('b');
    expect(await text(set, 'secret/02')).toBe('c');
    expect(await text(set, 'secret/group1/07')).toBe('d');
  });

  it('an ambiguous base name answers nothing; files that answer no test are left alone', async () => {
    const set = await AnswerSet.open(
      { path: await folder({ '01.out': 'x', 'notes.txt': 'y', 'x/9.out': 'z' }) },
      TESTS,
      LIMITS,
    );
    expect(await text(set, 'sample/01')).toBe('missing');
    expect(await text(set, 'secret/01')).toBe('missing');
  });

  it('an answer over the limit is reported by size, unread', async () => {
    const set = await AnswerSet.open({ path: await folder({ 'secret/02.out': '123456' }) }, TESTS, LIMITS);
    expect(await set.read(test('secret/02'), 5)).toEqual({ kind: 'too-large', bytes: 6 });
  });

  it('refuses two answers to one test, links, and too many files', async () => {
    await expect(
      AnswerSet.open({ path: await folder({ 'secret/02.out': '1', '02.ans': '2' }) }, TESTS, LIMITS),
    ).rejects.toMatchObject({
      code: 'ANSWERS_INVALID',
      message: 'two answers for test secret/02: 02.ans and secret/02.out',
    });
    await rm(dir, { recursive: true });
    await mkdir(dir);
    await symlink('/etc/passwd', path.join(dir, '02.out'));
    await expect(AnswerSet.open({ path: dir }, TESTS, LIMITS)).rejects.toMatchObject({ code: 'ANSWERS_INVALID' });
    await rm(dir, { recursive: true });
    await mkdir(dir);
    await expect(
      AnswerSet.open({ path: await folder({ '1.out': '', '2.out': '', '3.out': '' }) }, TESTS, {
        ...LIMITS,
        maxFiles: 2,
      }),
    ).rejects.toMatchObject({ code: 'ANSWERS_INVALID', message: 'more than 2 answer files' });
  });

  it('one file answers a problem with one test whatever its name, else the test it is named after', async () => {
    const only = await AnswerSet.open({ fileName: 'answer.txt', code: '42\n' }, [test('secret/1')], LIMITS);
    expect(await text(only, 'secret/1')).toBe('42\n');
    const named = await AnswerSet.open({ fileName: '07.out', code: '7\n' }, TESTS, LIMITS);
    expect(await text(named, 'secret/group1/07')).toBe('7\n');
    expect(await text(named, 'secret/02')).toBe('missing');
    await expect(AnswerSet.open({ fileName: 'sum.c', code: 'int main;' }, TESTS, LIMITS)).rejects.toMatchObject({
      code: 'ANSWERS_INVALID',
      message:
        'sum.c: this problem has 4 tests; submit a folder with one answer file per test, named after it (for example sample/01.out)',
    });
  });

  it('reads a zip like a folder, keeping only the size of an answer over the limit', async () => {
    await folder({ 'secret/01.out': 'b', '02.out': 'x'.repeat(150), 'secret/group1/07.ans': 'd' });
    const zip = path.join(os.tmpdir(), `answers-${process.pid}.zip`);
    execFileSync('python3', ['-m', 'zipfile', '-c', zip, 'secret', '02.out'], { cwd: dir });
    try {
      const set = await AnswerSet.open({ path: zip }, TESTS, LIMITS);
      expect(await text(set, 'secret/01')).toBe('b');
      expect(await text(set, 'secret/group1/07')).toBe('d');
      expect(await set.read(test('secret/02'), 100)).toEqual({ kind: 'too-large', bytes: 150 });
      expect(await text(set, 'sample/01')).toBe('missing');
      await expect(AnswerSet.open({ path: zip }, TESTS, { ...LIMITS, zipBytes: 1 })).rejects.toMatchObject({
        code: 'ANSWERS_INVALID',
        message: expect.stringContaining('the answers add up to more than 1 bytes') as unknown,
      });
    } finally {
      await rm(zip, { force: true });
    }
  });
});
