import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProblemPackage, type LoadedPackage } from '@judge/problem-package';
import type { RunEvent, RunResult, SandboxEngine } from '@judge/sandbox';
import { JudgeEngine } from './judge-engine';
import type { LanguageRegistry } from './languages/language-registry';
import { scriptedSandbox } from './__fixtures__/scripted-sandbox';
import { shellLanguageRegistry } from './__fixtures__/shell-language';
import { SecurityEventLog } from './security-events';

const HELLO = join(__dirname, '..', '..', '..', 'examples', 'problems', 'hello');

const run = (status: RunResult['status'], events: RunEvent[]): RunResult => ({
  status,
  exitCode: status === 'ok' ? 0 : null,
  signal: null,
  cpuTimeMs: 1,
  wallTimeMs: 1,
  memoryBytes: 1 << 20,
  stdout: Buffer.alloc(0),
  stderr: Buffer.alloc(0),
  events,
});

describe('SecurityEventLog', () => {
  it("keeps each run's events with its test, and is absent from the result when nothing happened", () => {
    const log = new SecurityEventLog();
    expect(log.result()).toEqual({});
    log.add(run('ok', []), 'secret/01');
    log.add(run('ok', [{ kind: 'process-limit', detail: 'refused', count: 7 }]), null);
    log.add({}, 'secret/02');
    expect(log.result()).toEqual({
      securityEvents: [{ kind: 'process-limit', test: null, detail: 'refused', count: 7 }],
    });
  });
});

describe("a judgement's security events", () => {
  let dir: string;
  let problem: LoadedPackage;
  let languages: LanguageRegistry;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'judge-events-'));
    // A compiled language whose tool every host has; the sandbox below only pretends to run it.
    languages = await shellLanguageRegistry(dir, { compile: true });
    problem = await loadProblemPackage(HELLO);
  });

  afterAll(async () => {
    await problem?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  /** A sandbox whose compiler run hits the process limit and whose every test run floods its output. */
  function sandbox(): SandboxEngine {
    return scriptedSandbox((spec) =>
      spec.boxWritable
        ? run('ok', [{ kind: 'process-limit', detail: 'compiler forks', count: 2 }])
        : run('output-limit', [{ kind: 'output-flood', detail: 'flood', count: 1 }]),
    );
  }

  it('names the test of each run, null for compilation, one event per kind and run', async () => {
    const engine = new JudgeEngine({ sandbox: sandbox(), languages, cacheDir: dir });
    const result = await engine.judge({ problem, source: { fileName: 'a.sh', code: 'echo' }, timeLimitMs: 1000 });
    expect(result.verdict).toBe('OLE');
    // The first test's output limit ends the judgement: the compilation and the sample's run.
    expect(result.securityEvents).toEqual([
      { kind: 'process-limit', test: null, detail: 'compiler forks', count: 2 },
      { kind: 'output-flood', test: result.tests[0].name, detail: 'flood', count: 1 },
    ]);
    expect(result.tests[0].name).toBe('sample/01');
  });
});
