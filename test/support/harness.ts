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
  NamespaceEngine,
  type SandboxEngine,
  type SandboxEngineName,
  type SandboxEngineOptions,
} from '@judge/sandbox';

/** The tests' own box users and folder, so that a judge running beside them on the host cannot blur the checks. */
const TEST_SANDBOX = { boxRoot: '/var/lib/judge/test-boxes', uidBase: 3_100_000, uidCount: 64 };
/**
 * The same for the docker engine: its own container names, users and owner label; its pool of started containers
 * on, as by default, unless JUDGE_DOCKER_POOL=0 runs the suites without it.
 */
export const TEST_DOCKER = {
  namePrefix: 'judge-test-box',
  uidBase: 3_400_000,
  slots: 32,
  owner: 'judge-tests',
  pool: Number(process.env.JUDGE_DOCKER_POOL ?? 2),
};

/** Every engine the sandbox suites run against; in CI both must work (a missing daemon fails, never skips). */
export const ENGINES: SandboxEngineName[] = ['namespace', 'docker'];

/** An engine as a suite sets it up: which one, named how in the suite's tests, and what of its options differs. */
export interface SandboxSetup {
  engine: SandboxEngineName;
  label: string;
  options?: SandboxEngineOptions;
}

/**
 * The attack suite's setups: both engines as they run by default, and each with the speed-ups that keep sandboxes
 * made ahead switched off (JUDGE_PREBUILT_BOXES=off with JUDGE_SPARE_BOXES=0, JUDGE_DOCKER_POOL=0), which must be exactly as safe.
 */
export const SANDBOX_SETUPS: SandboxSetup[] = [
  { engine: 'namespace', label: 'namespace engine' },
  { engine: 'docker', label: 'docker engine' },
  {
    engine: 'namespace',
    label: 'namespace engine without pre-built or spare boxes',
    options: { namespace: { prebuiltBoxes: false, spareBoxes: 0 } },
  },
  { engine: 'docker', label: 'docker engine without its warm pool', options: { docker: { pool: 0 } } },
];

export const REPO = join(__dirname, '..', '..');
export const EXAMPLES = join(REPO, 'examples', 'problems');

export interface Harness {
  engine: JudgeEngine;
  sandbox: SandboxEngine;
  cacheDir: string;
  close(): Promise<void>;
}

/** A real engine on the real sandbox, with a cache folder of its own that box users can reach. */
export async function openHarness(
  engineName: SandboxEngineName = 'namespace',
  /** JUDGE_CPUS as the engine takes it: runs pinned to these. */
  cpuList?: number[],
  /** Options of the engine that differ from its defaults (SandboxSetup). */
  options: SandboxEngineOptions = {},
): Promise<Harness> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'judge-test-cache-'));
  await chmod(cacheDir, 0o755);
  const pin = cpuList ? { cpuList } : {};
  const sandbox = createSandboxEngine(engineName, {
    namespace: { ...TEST_SANDBOX, ...pin, ...options.namespace },
    docker: { ...TEST_DOCKER, ...pin, ...options.docker },
  });
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

/**
 * Host processes running as a box user of either engine (or as the one user `uid`); there must be none once a
 * judgement has returned, but for the spare boxes (made ahead, never handed out) of the namespace engine
 * `sandbox`, once it has removed the used boxes it removes in the background.
 */
export async function boxProcesses(uid?: number, sandbox?: SandboxEngine): Promise<number[]> {
  let spares = new Set<number>();
  if (sandbox instanceof NamespaceEngine) {
    await sandbox.settled();
    spares = new Set(sandbox.spareBoxIds.map(Number));
  }
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
    const user = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? -1);
    if (spares.has(user)) continue;
    if (uid === undefined ? ranges.some(([low, high]) => user >= low && user < high) : user === uid)
      found.push(Number(entry));
  }
  return found;
}

/**
 * Boxes still there: namespace box folders on disk, docker box containers of the tests, once the engine has
 * removed the used ones it removes in the background. Boxes made ahead and never handed out (the docker
 * engine's pool, the namespace engine's spare boxes) are not leftovers.
 */
export async function leftoverBoxes(sandbox?: SandboxEngine): Promise<string[]> {
  let spares = new Set<string>();
  if (sandbox instanceof NamespaceEngine) {
    await sandbox.settled();
    spares = new Set(sandbox.spareBoxIds);
  }
  const folders = (await readdir(TEST_SANDBOX.boxRoot).catch(() => [])).filter(
    (n) => /^\d+$/.test(n) && !spares.has(n),
  );
  if (!(sandbox instanceof DockerEngine)) return folders;
  await sandbox.settled();
  const idle = new Set(sandbox.idleBoxIds.map((id) => `/${id}`));
  const containers = await sandbox.docker.listContainers({
    all: true,
    filters: { label: [`${BOX_LABEL}=1`, `${OWNER_LABEL}=${TEST_DOCKER.owner}`] },
  });
  return [...folders, ...containers.map((c) => c.Names[0]).filter((name) => !idle.has(name))];
}
