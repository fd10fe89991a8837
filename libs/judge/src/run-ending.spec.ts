import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_STDERR_BYTES } from '@judge/contract';
import { loadProblemPackage, type LoadedPackage } from '@judge/problem-package';
import type { RunResult } from '@judge/sandbox';
import { JudgeEngine } from './judge-engine';
import type { LanguageRegistry } from './languages/language-registry';
import { scriptedSandbox } from './__fixtures__/scripted-sandbox';
import { shellLanguageRegistry } from './__fixtures__/shell-language';

const HELLO = join(__dirname, '..', '..', '..', 'examples', 'problems', 'hello');

/** A run that did not end well, with what it wrote to stderr. */
const failed = (ending: Pick<RunResult, 'status' | 'exitCode' | 'signal'>, stderr: string): RunResult => ({
  ...ending,
  cpuTimeMs: 3,
  wallTimeMs: 4,
  memoryBytes: 1 << 20,
  stdout: Buffer.from('partial output\n'),
  stderr: Buffer.from(stderr),
  events: [],
});

describe('a runtime error on a sample', () => {
  let dir: string;
  let problem: LoadedPackage;
  let languages: LanguageRegistry;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'judge-run-ending-'));
    languages = await shellLanguageRegistry(dir);
    problem = await loadProblemPackage(HELLO);
  });

  afterAll(async () => {
    await problem?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  /** A sandbox whose every run of the submission ends as `result` says. */
  function judge(result: RunResult) {
    const sandbox = scriptedSandbox(() => result);
    const engine = new JudgeEngine({ sandbox, languages, cacheDir: dir });
    return engine.judge({ problem, source: { fileName: 'a.sh', code: 'exit 3' }, timeLimitMs: 1000 });
  }

  it("keeps the program's exit code and its stderr, with no checker message", async () => {
    const result = await judge(failed({ status: 'nonzero-exit', exitCode: 3, signal: null }, 'ValueError: bad\n'));
    expect(result.verdict).toBe('RE');
    expect(result.tests[0]).toMatchObject({
      name: 'sample/01',
      verdict: 'RE',
      exitCode: 3,
      stderr: 'ValueError: bad\n',
      output: 'partial output\n',
      feedback: 'exit code 3',
    });
    expect(result.tests[0].signal).toBeUndefined();
  });

  it('names the signal that killed it, and bounds the stderr it keeps', async () => {
    const long = 'x'.repeat(SAMPLE_STDERR_BYTES + 100);
    const result = await judge(failed({ status: 'signaled', exitCode: null, signal: 11 }, long));
    expect(result.tests[0]).toMatchObject({ verdict: 'RE', signal: 11, feedback: 'killed by signal 11 (SIGSEGV)' });
    expect(result.tests[0].exitCode).toBeUndefined();
    expect(result.tests[0].stderr).toHaveLength(SAMPLE_STDERR_BYTES);
  });
});
