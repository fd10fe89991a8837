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
      100,
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
      100,
    );
    expect(await text(set, 'sample/01')).toBe('missing');
    expect(await text(set, 'secret/01')).toBe('missing');
  });

  it('an answer over the limit is reported by size, unread', async () => {
    const set = await AnswerSet.open({ path: await folder({ 'secret/02.out': '123456' }) }, TESTS, 100);
    expect(await set.read(test('secret/02'), 5)).toEqual({ kind: 'too-large', bytes: 6 });
  });

  it('refuses two answers to one test, links, and too many files', async () => {
    await expect(
      AnswerSet.open({ path: await folder({ 'secret/02.out': '1', '02.ans': '2' }) }, TESTS, 100),
    ).rejects.toMatchObject({
      code: 'ANSWERS_INVALID',
      message: 'two answers for test secret/02: 02.ans and secret/02.out',
    });
    await rm(dir, { recursive: true });
    await mkdir(dir);
    await symlink('/etc/passwd', path.join(dir, '02.out'));
    await expect(AnswerSet.open({ path: dir }, TESTS, 100)).rejects.toMatchObject({ code: 'ANSWERS_INVALID' });
    await rm(dir, { recursive: true });
    await mkdir(dir);
    await expect(
      AnswerSet.open({ path: await folder({ '1.out': '', '2.out': '', '3.out': '' }) }, TESTS, 2),
    ).rejects.toMatchObject({ code: 'ANSWERS_INVALID', message: 'more than 2 answer files' });
  });

  it('one file answers a problem with one test whatever its name, else the test it is named after', async () => {
    const only = await AnswerSet.open({ fileName: 'answer.txt', code: '42\n' }, [test('secret/1')], 100);
    expect(await text(only, 'secret/1')).toBe('42\n');
    const named = await AnswerSet.open({ fileName: '07.out', code: '7\n' }, TESTS, 100);
    expect(await text(named, 'secret/group1/07')).toBe('7\n');
    expect(await text(named, 'secret/02')).toBe('missing');
    await expect(AnswerSet.open({ fileName: 'sum.c', code: 'int main;' }, TESTS, 100)).rejects.toMatchObject({
      code: 'ANSWERS_INVALID',
      message:
        'sum.c: this problem has 4 tests; submit a folder with one answer file per test, named after it (for example sample/01.out)',
    });
  });
});
