import { describe, expect, it } from 'vitest';
import {
  joinSubmissionFiles,
  SUBMISSION_LIMITS,
  submissionFileLines,
  submissionFilesProblem,
  type SubmissionFile,
} from './submission-files';

const file = (name: string, content = 'x'): SubmissionFile => ({ name, content });

describe('the files of a submission', () => {
  it('may be plain names of letters, digits and _ - + .', () => {
    expect(submissionFilesProblem([file('main.cc'), file('message.hpp'), file('Big_Int-2.c++')])).toBeNull();
  });

  it.each([
    ['../etc/passwd', '"../etc/passwd": ".." is not allowed in a file name'],
    ['/abs/main.c', '"/abs/main.c": an absolute path is not a file name'],
    ['dir\\main.c', '"dir\\\\main.c": a backslash is not allowed in a file name'],
    ['src/main.c', '"src/main.c": folders are not allowed in this language, only plain names'],
    [
      '.hidden.c',
      '".hidden.c": names are made of letters, digits, "_", "-", "+" and ".", and do not start with "." or "-"',
    ],
    ['-rf.c', '"-rf.c": names are made of letters, digits, "_", "-", "+" and ".", and do not start with "." or "-"'],
    ['a b.c', '"a b.c": names are made of letters, digits, "_", "-", "+" and ".", and do not start with "." or "-"'],
    ['', 'a file has an empty name'],
  ])('refuse %j, naming it', (name, message) => {
    expect(submissionFilesProblem([file('ok.c'), file(name)])).toBe(message);
  });

  it('may have folders where the language allows them, but never .. or empty parts', () => {
    const rules = { folders: true };
    expect(submissionFilesProblem([file('__main__.py'), file('pkg/util.py')], rules)).toBeNull();
    expect(submissionFilesProblem([file('pkg/../x.py')], rules)).toBe(
      '"pkg/../x.py": ".." is not allowed in a file name',
    );
    expect(submissionFilesProblem([file('pkg//x.py')], rules)).toMatch(/^"pkg\/\/x\.py": names are made of/);
    expect(submissionFilesProblem([file('pkg'), file('pkg/x.py')], rules)).toBe('pkg: is both a file and a folder');
  });

  it('are unique, at least one, and within the caps', () => {
    expect(submissionFilesProblem([file('a.c'), file('a.c')])).toBe('a.c: two files have this name');
    expect(submissionFilesProblem([])).toBe('a submission needs at least one file');
    const many = Array.from({ length: SUBMISSION_LIMITS.maxFiles + 1 }, (_, i) => file(`f${i}.c`));
    expect(submissionFilesProblem(many)).toBe(`101 files: a submission has at most ${SUBMISSION_LIMITS.maxFiles}`);
    // UTF-8 bytes count, not characters: 'é' is two bytes.
    const half = 'é'.repeat(SUBMISSION_LIMITS.maxTotalBytes / 4);
    expect(submissionFilesProblem([file('a.c', half), file('b.c', half)])).toBeNull();
    expect(submissionFilesProblem([file('a.c', half), file('b.c', `${half}!`)])).toBe(
      `the files add up to ${SUBMISSION_LIMITS.maxTotalBytes + 1} bytes: a submission has at most ${SUBMISSION_LIMITS.maxTotalBytes}`,
    );
  });
});

describe('the joined text of a submission', () => {
  const files = [file('a.py', 'import b\nb.go()'), file('b.py', 'def go():\n    print(1)\n'), file('empty.py', '')];

  it('puts the files one after another, each ending with a newline', () => {
    expect(joinSubmissionFiles(files)).toBe('import b\nb.go()\ndef go():\n    print(1)\n');
  });

  it('says on which line of it each file starts', () => {
    expect(submissionFileLines(files)).toEqual([
      { name: 'a.py', firstLine: 1, lines: 2 },
      { name: 'b.py', firstLine: 3, lines: 2 },
      { name: 'empty.py', firstLine: 5, lines: 0 },
    ]);
  });
});
