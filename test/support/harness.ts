import { mkdtemp, chmod, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JudgeEngine, LanguageRegistry } from '@judge/judge';
import { createSandboxEngine, type SandboxEngine } from '@judge/sandbox';

/** The tests' own box users and folder, so that a judge running beside them on the host cannot blur the checks. */
const TEST_SANDBOX = { boxRoot: '/var/lib/judge/test-boxes', uidBase: 3_100_000, uidCount: 64 };

export const REPO = join(__dirname, '..', '..');
export const EXAMPLES = join(REPO, 'examples', 'problems');

export interface Harness {
  engine: JudgeEngine;
  sandbox: SandboxEngine;
  cacheDir: string;
  close(): Promise<void>;
}

/** A real engine on the real sandbox, with a cache folder of its own that box users can reach. */
export async function openHarness(): Promise<Harness> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'judge-test-cache-'));
  await chmod(cacheDir, 0o755);
  const sandbox = createSandboxEngine('namespace', { namespace: TEST_SANDBOX });
  const problems = await sandbox.check();
  if (problems.length > 0) throw new Error(`sandbox unavailable: ${problems.join('; ')}`);
  const engine = new JudgeEngine({ sandbox, languages: await LanguageRegistry.load(), cacheDir });
  return {
    engine,
    sandbox,
    cacheDir,
    close: async () => {
      await sandbox.close();
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
}

/** Host processes running as a box user; there must be none once a judgement has returned. */
export async function boxProcesses(): Promise<number[]> {
  const { uidBase, uidCount } = TEST_SANDBOX;
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    // Zombies are dead and hold nothing; they wait for the host's init to reap them.
    if (/^State:\s+Z/m.test(status)) continue;
    const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? -1);
    if (uid >= uidBase && uid < uidBase + uidCount) found.push(Number(entry));
  }
  return found;
}

/** Box folders still on disk. */
export async function leftoverBoxes(): Promise<string[]> {
  return (await readdir(TEST_SANDBOX.boxRoot).catch(() => [])).filter((n) => /^\d+$/.test(n));
}
