import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RUN_OUTPUT_CHARS, type RunLimitsSpec } from '@judge/contract';
import type { RunOnceRequest } from '@judge/judge';
import { ENGINES, openHarness, type Harness } from './support/harness';

/** JudgeEngine.execute (the runs core) on both sandbox engines: one program, one input, no problem. */

const limits: RunLimitsSpec = {
  cpuTimeMs: 1000,
  wallTimeMs: 3000,
  memoryBytes: 128 << 20,
  outputBytes: 64 << 10,
  outputChars: DEFAULT_RUN_OUTPUT_CHARS,
};

const request = (language: string, code: string, more: Partial<RunOnceRequest> = {}): RunOnceRequest => ({
  source: { fileName: `main.${language === 'python' ? 'py' : 'c'}`, code },
  language,
  stdin: '',
  args: [],
  limits,
  ...more,
});

describe.each(ENGINES)('runs on the %s engine', (engineName) => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await openHarness(engineName);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('a Python program reads stdin and its arguments: OK', async () => {
    const outcome = await harness.engine.execute(
      request('python', 'import sys\nprint(input()[::-1], sys.argv[1:])\n', { stdin: 'abc\n', args: ['x y'] }),
    );
    expect(outcome).toMatchObject({ verdict: 'OK', stdout: "cba ['x y']\n", exitCode: 0 });
  });

  it('C: CE with the compiler message, RE by signal, TLE, OLE', async () => {
    const ce = await harness.engine.execute(request('c', 'int main() { return nope; }\n'));
    expect(ce.verdict).toBe('CE');
    expect(ce.compileOutput).toContain('nope');
    const re = await harness.engine.execute(request('c', 'int main() { volatile int *p = 0; return *p; }\n'));
    expect(re).toMatchObject({ verdict: 'RE', signal: 11 });
    const tle = await harness.engine.execute(request('c', 'int main() { for (volatile int i = 0;; i++); }\n'));
    expect(tle.verdict).toBe('TLE');
    const ole = await harness.engine.execute(
      request('c', '#include <stdio.h>\nint main() { for (;;) puts("spam"); }\n', {
        limits: { ...limits, outputBytes: 1024 },
      }),
    );
    expect(ole.verdict).toBe('OLE');
  });

  it('a program of several files runs from its entry point', async () => {
    const outcome = await harness.engine.execute({
      ...request('python', ''),
      source: {
        files: [
          { name: 'main.py', content: 'from helper import twice\nprint(twice(21))\n' },
          { name: 'helper.py', content: 'def twice(x):\n    return 2 * x\n' },
        ],
      },
      entryPoint: 'main.py',
    });
    expect(outcome).toMatchObject({ verdict: 'OK', stdout: '42\n' });
  });
});
