import { mkdtemp, chmod, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JudgeEngine, LanguageRegistry, languageRuntime } from '@judge/judge';
import {
  BOX_LABEL,
  OWNER_LABEL,
  buildRuntimeImages,
  createSandboxEngine,
  DockerEngine,
  type SandboxEngine,
  type SandboxEngineName,
} from '@judge/sandbox';

/** The tests' own box users and folder, so that a judge running beside them on the host cannot blur the checks. */
const TEST_SANDBOX = { boxRoot: '/var/lib/judge/test-boxes', uidBase: 3_100_000, uidCount: 64 };
/** The same for the docker engine: its own container names, users and owner label. */
export const TEST_DOCKER = { namePrefix: 'judge-test-box', uidBase: 3_400_000, slots: 32, owner: 'judge-tests' };

/** Every engine the sandbox suites run against; in CI both must work (a missing daemon fails, never skips). */
export const ENGINES: SandboxEngineName[] = ['namespace', 'docker'];

export const REPO = join(__dirname, '..', '..');
export const EXAMPLES = join(REPO, 'examples', 'problems');

export interface Harness {
  engine: JudgeEngine;
  sandbox: SandboxEngine;
  cacheDir: string;
  close(): Promise<void>;
}

/** A real engine on the real sandbox, with a cache folder of its own that box users can reach. */
export async function openHarness(engineName: SandboxEngineName = 'namespace'): Promise<Harness> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'judge-test-cache-'));
  await chmod(cacheDir, 0o755);
  const sandbox = createSandboxEngine(engineName, { namespace: TEST_SANDBOX, docker: TEST_DOCKER });
  const languages = await LanguageRegistry.load();
  if (sandbox instanceof DockerEngine) {
    // No registry here: the runtime images are built on the local daemon, as `judge images build` does.
    await buildRuntimeImages(sandbox.docker, languages.definitions.map(languageRuntime));
  }
  const problems = await sandbox.check();
  if (problems.length > 0) throw new Error(`${engineName} sandbox unavailable: ${problems.join('; ')}`);
  const engine = new JudgeEngine({ sandbox, languages, cacheDir });
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

/** Host processes running as a box user of either engine; there must be none once a judgement has returned. */
export async function boxProcesses(): Promise<number[]> {
  const ranges = [
    [TEST_SANDBOX.uidBase, TEST_SANDBOX.uidBase + TEST_SANDBOX.uidCount],
    [TEST_DOCKER.uidBase, TEST_DOCKER.uidBase + 2 * TEST_DOCKER.slots],
  ];
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    // Zombies are dead and hold nothing; they wait for the host's init to reap them.
    if (/^State:\s+Z/m.test(status)) continue;
    const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? -1);
    if (ranges.some(([low, high]) => uid >= low && uid < high)) found.push(Number(entry));
  }
  return found;
}

/** Boxes still there: namespace box folders on disk, docker box containers of the tests. */
export async function leftoverBoxes(sandbox?: SandboxEngine): Promise<string[]> {
  const folders = (await readdir(TEST_SANDBOX.boxRoot).catch(() => [])).filter((n) => /^\d+$/.test(n));
  if (!(sandbox instanceof DockerEngine)) return folders;
  const containers = await sandbox.docker.listContainers({
    all: true,
    filters: { label: [`${BOX_LABEL}=1`, `${OWNER_LABEL}=${TEST_DOCKER.owner}`] },
  });
  return [...folders, ...containers.map((c) => c.Names[0])];
}
