import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUEST_SUBSET } from './cgroup-v2/subset';

/**
 * This machine mounts cgroup v1; most hosts that run the judge mount v2. This test boots Debian's stock
 * kernel under QEMU (test/cgroup-v2/boot.sh: the host's root read-only over 9p under a tmpfs layer, a
 * cgroup2 root, swap on) and runs there, for the namespace engine, a subset of the sandbox's run and attack
 * suites (test/cgroup-v2/subset.ts says which and why) and checks of what the v2 driver did
 * (test/cgroup-v2/cgroup-v2.guest.ts). The guest's vitest report comes
 * back through a shared folder; this test reads it.
 */
const BOOT = join(__dirname, 'cgroup-v2', 'boot.sh');
/** The guest runs under software emulation, on a machine that may be busy: generous. */
const GUEST_TIMEOUT_MS = 60 * 60 * 1000;

interface VitestReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: {
    name: string;
    assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
  }[];
}

describe('the namespace engine on a cgroup v2 host (QEMU guest)', () => {
  let results: string;
  let exitCode: number;
  let guestLog: string;
  let report: VitestReport | null;

  beforeAll(async () => {
    results = await mkdtemp(join(tmpdir(), 'judge-cgroup-v2-'));
    exitCode = await promisify(execFile)('bash', [BOOT, results], { timeout: GUEST_TIMEOUT_MS }).then(
      () => 0,
      (error: { code?: number }) => error.code ?? -1,
    );
    guestLog = await readFile(join(results, 'guest.log'), 'utf8').catch(async () =>
      // No guest log: the guest never reached guest-run.sh; the console says why.
      readFile(join(results, 'console.log'), 'utf8').catch(() => ''),
    );
    report = await readFile(join(results, 'vitest.json'), 'utf8').then(
      (text) => JSON.parse(text) as VitestReport,
      () => null,
    );
  }, GUEST_TIMEOUT_MS);

  afterAll(async () => {
    if (results) await rm(results, { recursive: true, force: true });
  });

  /** Where the guest's failures are shown when an assertion below fails. */
  function failures(): string {
    const failed = (report?.testResults ?? [])
      .flatMap((file) => file.assertionResults)
      .filter((test) => test.status === 'failed')
      .map((test) => `${test.fullName}\n${test.failureMessages.join('\n')}`);
    return failed.length > 0 ? failed.join('\n\n') : guestLog.slice(-4000);
  }

  it('booted a kernel whose cgroup2 root offers memory, pids and cpu, with swap', () => {
    expect(guestLog).toMatch(/cgroup2 controllers: .*\bcpu\b.*\bmemory\b.*\bpids\b/);
    expect(guestLog).toMatch(/swap on \/dev\/vda/);
  });

  it('passed the run and attack suites and the v2 checks there', () => {
    expect(report, failures()).not.toBeNull();
    expect(report!.numFailedTests, failures()).toBe(0);
    expect(exitCode, failures()).toBe(0);
    const files = report!.testResults.map((file) => file.name.replace(/^.*\/test\//, 'test/')).sort();
    expect(files).toEqual([
      'test/cgroup-v2/cgroup-v2.guest.ts',
      'test/sandbox-attacks.test.ts',
      'test/sandbox-runs.test.ts',
    ]);
  });

  it('ran the chosen tests of those suites, every check of the v2 driver and nothing else', () => {
    const tests = report!.testResults.flatMap((file) => file.assertionResults);
    const passed = tests.filter((test) => test.status === 'passed').map((test) => test.fullName);
    const checks = tests
      .map((test) => test.fullName)
      .filter((name) => name.startsWith('the namespace engine under cgroup v2 '));
    expect(checks).toEqual(
      expect.arrayContaining([
        'the namespace engine under cgroup v2 chose the v2 driver',
        'the namespace engine under cgroup v2 gives each run a group with its memory limit, no swap and its process limit',
        'the namespace engine under cgroup v2 stops a program that needs more than its memory limit, although swap could hold the rest',
      ]),
    );
    expect([...passed].sort()).toEqual([...GUEST_SUBSET, ...checks].sort());
  });
});
