import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCase } from '@judge/problem-package';
import { OutputChecker } from './output-checker';
import { builtValidator, FakeBox, makeTest, problemOfType, ran } from './__fixtures__/fake-box';

let test: TestCase;
let dispose: () => Promise<void>;

beforeEach(async () => {
  ({ test, dispose } = await makeTest('7\n'));
});

afterEach(async () => {
  await dispose();
});

describe('checking an output', () => {
  it('a Kattis validator gets input, answer, feedback folder and flags, the output on stdin', async () => {
    const box = new FakeBox((_spec, self) => {
      self.files.set('feedback/judgemessage.txt', Buffer.from('expected 7\n'));
      return ran({ exitCode: 43 });
    });
    const checker = new OutputChecker(problemOfType('pass-fail'), builtValidator('kattis'), box);

    const outcome = await checker.check(test, Buffer.from('8\n'), ['case_sensitive']);

    expect(outcome).toEqual({ verdict: 'WA', score: null, feedback: 'expected 7' });
    expect(box.runs[0]).toMatchObject({
      argv: ['./main', '{file:0}', '{file:1}', '/box/feedback/', 'case_sensitive'],
      cwd: '/validator',
      files: [test.inputPath, test.answerPath],
      stdin: { kind: 'buffer', data: Buffer.from('8\n') },
      boxWritable: true,
    });
    expect(box.runs[0].mounts).toContainEqual({ hostPath: '/cache/validators/0123', sandboxPath: '/validator' });
  });

  it("each Kattis check starts from an empty feedback folder: one test's messages never reach the next", async () => {
    let calls = 0;
    const box = new FakeBox((_spec, self) => {
      if (calls++ === 0) self.files.set('feedback/teammessage.txt', Buffer.from('too big'));
      return ran({ exitCode: 42 });
    });
    const checker = new OutputChecker(problemOfType('pass-fail'), builtValidator('kattis'), box);

    expect((await checker.check(test, Buffer.from('7\n'), [])).feedback).toBe('too big');
    expect((await checker.check(test, Buffer.from('7\n'), [])).feedback).toBe('');
    expect(box.log).toEqual(['mkdir feedback', 'clear feedback', 'run', 'clear feedback', 'run']);
  });

  it('a testlib checker gets input, the output as a file, and answer; its points count in a scoring problem', async () => {
    const box = new FakeBox(() => ran({ exitCode: 7, stderr: Buffer.from('points 3 almost') }));
    const checker = new OutputChecker(problemOfType('scoring'), builtValidator('testlib'), box);

    const outcome = await checker.check(test, Buffer.from('8\n'), ['ignored']);

    expect(outcome).toEqual({ verdict: 'AC', score: 3, feedback: 'points 3 almost' });
    expect(box.files.get('team.out')).toEqual(Buffer.from('8\n'));
    expect(box.runs[0]).toMatchObject({
      argv: ['./main', '{file:0}', '/box/team.out', '{file:1}'],
      stdin: { kind: 'null' },
    });
    expect(box.log).toEqual(['write team.out', 'run']);
  });

  it('test files box users may not read are copied into the box', async () => {
    const hidden = await makeTest('7\n', { private: true });
    try {
      const box = new FakeBox(() => ran({ exitCode: 42 }));
      const checker = new OutputChecker(problemOfType('pass-fail'), builtValidator('kattis'), box);
      await checker.check(hidden.test, Buffer.from('7\n'), []);
      expect(box.runs[0].argv.slice(1, 3)).toEqual(['/box/judge/input', '/box/judge/answer']);
      expect(box.runs[0].files).toEqual([]);
      expect(box.files.get('judge/answer')).toEqual(Buffer.from('7\n'));
    } finally {
      await hidden.dispose();
    }
  });

  it('without a validator, the built-in default validator decides in this process', async () => {
    const checker = new OutputChecker(problemOfType('pass-fail'), null, null);
    expect(await checker.check(test, Buffer.from(' 7 '), [])).toEqual({ verdict: 'AC', score: null, feedback: '' });
    expect(await checker.check(test, Buffer.from('8'), [])).toMatchObject({ verdict: 'WA', score: null });
    await expect(checker.check(test, Buffer.from('7'), ['no_such_flag'])).rejects.toThrow(/no_such_flag/);
  });
});
