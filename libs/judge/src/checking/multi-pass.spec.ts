import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCase } from '@judge/problem-package';
import type { CheckOutcome } from './checker-protocol';
import { runPasses, type PassOutcome } from './multi-pass';
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

const ok = (over: Partial<Parameters<typeof ran>[0]> = {}) => ran({ status: 'ok', exitCode: 0, ...over });
const accepted = (nextPass?: string): CheckOutcome => ({
  verdict: 'AC',
  score: null,
  feedback: 'fine',
  ...(nextPass === undefined ? {} : { nextPass: Buffer.from(nextPass) }),
});

/** Passes answered in order by `outcomes`; records each pass's input file content and whether it followed. */
function scripted(outcomes: PassOutcome[]) {
  const seen: { input: string; following: boolean }[] = [];
  const runPass = async (input: TestCase, following: boolean): Promise<PassOutcome> => {
    seen.push({ input: await readFile(input.inputPath, 'utf8'), following });
    const next = outcomes.shift();
    if (!next) throw new Error('no more passes scripted');
    return next;
  };
  return { seen, runPass };
}

describe('multi-pass tests', () => {
  it("runs again on the validator's nextpass.in until it gives none; the last pass decides", async () => {
    const wrong: CheckOutcome = { verdict: 'WA', score: null, feedback: 'pass 2 was wrong' };
    const { seen, runPass } = scripted([
      { run: ok({ cpuTimeMs: 300, memoryBytes: 5 << 20, wallTimeMs: 400 }), check: accepted('decode 4\n') },
      { run: ok({ cpuTimeMs: 100, memoryBytes: 9 << 20, wallTimeMs: 900 }), check: wrong },
    ]);
    const outcome = await runPasses(test, 3, runPass);
    expect(seen).toEqual([
      { input: '3\n', following: false },
      { input: 'decode 4\n', following: true },
    ]);
    expect(outcome.passes).toBe(2);
    expect(outcome.check).toEqual(wrong);
    // Each pass has the limits on its own: the largest of each figure is reported.
    expect(outcome.run).toMatchObject({ cpuTimeMs: 300, memoryBytes: 9 << 20, wallTimeMs: 900 });
  });

  it('stops at a pass the submission fails (TLE, RE, ...), with that run', async () => {
    const { runPass } = scripted([
      { run: ok(), check: accepted('again\n') },
      { run: ran({ status: 'cpu-time-limit', cpuTimeMs: 1100 }), check: null },
    ]);
    const outcome = await runPasses(test, 2, runPass);
    expect(outcome).toMatchObject({ passes: 2, check: null, run: { status: 'cpu-time-limit', cpuTimeMs: 1100 } });
  });

  it('a single pass when the validator asks for no other', async () => {
    const { seen, runPass } = scripted([{ run: ok(), check: accepted() }]);
    expect(await runPasses(test, 2, runPass)).toMatchObject({ passes: 1, check: { verdict: 'AC' } });
    expect(seen).toHaveLength(1);
  });

  it('asking for more passes than validation_passes is a problem fault (JE)', async () => {
    const { runPass } = scripted([
      { run: ok(), check: accepted('2\n') },
      { run: ok(), check: accepted('3\n') },
    ]);
    await expect(runPasses(test, 2, runPass)).rejects.toThrow(
      'output validator asked for pass 3, more than limits.validation_passes (2)',
    );
  });

  it('writing nextpass.in and rejecting is a problem fault (JE), as the spec says', async () => {
    const { runPass } = scripted([
      { run: ok(), check: { verdict: 'WA', score: null, feedback: '', nextPass: Buffer.from('x\n') } },
    ]);
    await expect(runPasses(test, 2, runPass)).rejects.toThrow(/wrote nextpass\.in but rejected the output/);
  });
});

describe("the validator's feedback folder in a multi-pass problem", () => {
  const multiPass = { ...problemOfType('pass-fail'), multiPass: true };

  it('is emptied before the first pass and kept for the next, except nextpass.in, which is read', async () => {
    let calls = 0;
    const box = new FakeBox((_spec, self) => {
      if (calls++ === 0) {
        self.files.set('feedback/judgemessage.txt', Buffer.from('pass 1 ok'));
        self.files.set('feedback/state', Buffer.from('kept'));
        self.files.set('feedback/nextpass.in', Buffer.from('second input\n'));
      }
      return ran({ exitCode: 42 });
    });
    const checker = new OutputChecker(multiPass, builtValidator('kattis'), box);

    const first = await checker.check(test, Buffer.from('1\n'), []);
    expect(first.nextPass).toEqual(Buffer.from('second input\n'));
    const second = await checker.check(test, Buffer.from('2\n'), [], undefined, true);
    expect(second.nextPass).toBeUndefined();
    expect(second.feedback).toBe('pass 1 ok');
    expect(box.files.get('feedback/state')).toEqual(Buffer.from('kept'));
    expect(box.log).toEqual(['mkdir feedback', 'clear feedback', 'run', 'remove feedback/nextpass.in', 'run']);
  });

  it('nextpass.in means nothing in a problem that is not multi-pass', async () => {
    const box = new FakeBox((_spec, self) => {
      self.files.set('feedback/nextpass.in', Buffer.from('ignored\n'));
      return ran({ exitCode: 42 });
    });
    const checker = new OutputChecker(problemOfType('pass-fail'), builtValidator('kattis'), box);
    expect((await checker.check(test, Buffer.from('1\n'), [])).nextPass).toBeUndefined();
  });
});
