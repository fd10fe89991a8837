import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '@judge/api';
import { loadRunnerConfig } from '@judge/runner';
import { REPO } from './support/harness';

/**
 * The deployment files agree with each other and with the code: docker/compose.yaml, docker/Dockerfile,
 * docker/judge.env.example, and the API's and runner's configuration. Building and starting the images needs a
 * Docker daemon and base images, which CI does not have (docs/deployment.md says what was tried by hand).
 */

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string; target: string };
  environment?: Record<string, string>;
  profiles?: string[];
  privileged?: boolean;
  cap_add?: string[];
  volumes?: string[];
  command?: string[];
}

const composeText = readFileSync(join(REPO, 'docker', 'compose.yaml'), 'utf8');
// The YAML merge keys (<<) of the file are part of its meaning.
const compose = parse(composeText, { merge: true }) as { services: Record<string, Service> };
const dockerfile = readFileSync(join(REPO, 'docker', 'Dockerfile'), 'utf8');
const envExample = readFileSync(join(REPO, 'docker', 'judge.env.example'), 'utf8');

const RUNNERS = ['runner-namespace', 'runner-docker'];

/** Fills ${V}, ${V:-default} and ${V:?message} as Compose does; an unset required variable throws. */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\?)([^}]*))?\}/g,
    (_, name: string, op?: string, arg?: string) => {
      const value = env[name];
      if (op === ':-') return value || (arg ?? '');
      if (!value && op === ':?') throw new Error(`${name}: ${arg}`);
      if (value === undefined) throw new Error(`${name} is unset and has no default`);
      return value;
    },
  );
}

function envFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2];
  }
  return env;
}

/** The example file with every empty secret filled in, as an operator following its comments would. */
function filledEnv(): Record<string, string> {
  const env = envFile(envExample);
  for (const [name, value] of Object.entries(env)) {
    if (value === '') env[name] = `${name.toLowerCase().replace(/_/g, '')}0123456789abcdef`;
  }
  return env;
}

function serviceEnv(service: string, env: Record<string, string>): Record<string, string> {
  const raw = compose.services[service].environment ?? {};
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, interpolate(String(v), env)]));
}

describe('docker/compose.yaml', () => {
  it('builds only targets that docker/Dockerfile has', () => {
    const stages = new Set([...dockerfile.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]));
    for (const [name, service] of Object.entries(compose.services)) {
      if (!service.build) continue;
      expect(service.build.dockerfile, name).toBe('docker/Dockerfile');
      expect(stages, name).toContain(service.build.target);
    }
  });

  it('holds no secret itself: every password, token, secret and URL comes from the env file', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/PASSWORD|SECRET|TOKEN|AUTH|_URL$/.test(key) && key !== 'API_URL') {
          expect(String(value), `${name}.${key}`).toMatch(/\$\{[A-Z_]+/);
        }
      }
    }
  });

  it('gives runners no database credentials and no token-signing key', () => {
    for (const runner of RUNNERS) {
      const keys = Object.keys(compose.services[runner].environment ?? {});
      expect(keys, runner).not.toContain('DATABASE_URL');
      expect(keys, runner).not.toContain('JWT_SECRET');
      expect(keys, runner).not.toContain('POSTGRES_PASSWORD');
      expect(compose.services[runner].profiles, runner).toHaveLength(1);
    }
    expect(compose.services['runner-namespace'].cap_add).toEqual(['SYS_ADMIN']);
    expect(compose.services['runner-docker'].privileged).toBeUndefined();
    // judge-enter enters the box's namespaces and mounts each run's /tmp.
    expect(compose.services['runner-docker'].cap_add).toEqual(['SYS_PTRACE', 'SYS_ADMIN']);
    expect(compose.services['runner-docker'].volumes).toContain('/var/run/docker.sock:/var/run/docker.sock');
  });

  it("lets the docker runner see what the daemon's host sees, at the paths the daemon uses", () => {
    const service = compose.services['runner-docker'] as Service & { pid?: string; cgroup?: string };
    const config = loadRunnerConfig(serviceEnv('runner-docker', filledEnv()));
    const volumes = service.volumes ?? [];
    // The daemon resolves bind sources on the host: the shared folder is the same path on both sides, and the
    // cache (validator builds, bound into boxes) lies in it.
    expect(config.dockerSharedDir).toBeDefined();
    expect(volumes).toContain(`${config.dockerSharedDir}:${config.dockerSharedDir}`);
    expect(config.cacheDir.startsWith(`${config.dockerSharedDir}/`)).toBe(true);
    // The host's toolchains, looked up where its root is bound; its pids and cgroups.
    expect(volumes).toContain(`/:${config.hostRoot}:ro`);
    expect(volumes).toContain('/sys/fs/cgroup:/sys/fs/cgroup');
    expect(service.pid).toBe('host');
    expect(service.cgroup).toBe('host');
  });

  it('names in judge.env.example every variable it requires', () => {
    const example = envFile(envExample);
    const required = [...composeText.matchAll(/\$\{([A-Z_]+):\?/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    for (const name of required) expect(Object.keys(example), name).toContain(name);
    // Empty in the example: compose refuses to start until the operator fills them in.
    expect(() => serviceEnv('api', example)).toThrow();
  });

  it('gives the API and migrate a configuration the API accepts', () => {
    const env = filledEnv();
    for (const service of ['api', 'migrate']) {
      const config = loadConfig({ ...serviceEnv(service, env), DATA_DIR: '/var/lib/judge/data' });
      expect(config.DATABASE_URL, service).toMatch(/^postgres:\/\/judge:.+@postgres:5432\/judge$/);
    }
    const api = loadConfig(serviceEnv('api', env));
    expect(api.REDIS_URL).toMatch(/^redis:\/\/:.+@redis:6379$/);
    expect(api.JWT_SECRET).toBe(env.JWT_SECRET);
    expect(api.RUNNER_TOKEN).toBe(env.RUNNER_TOKEN);
    expect(api.JUDGE_ADMIN_PASSWORD).toBe(env.JUDGE_ADMIN_PASSWORD);
  });

  it('accepts an env file whose optional settings are left empty', () => {
    const required = new Set([...composeText.matchAll(/\$\{([A-Z_]+):\?/g)].map((m) => m[1]));
    const env = Object.fromEntries(Object.entries(filledEnv()).map(([k, v]) => [k, required.has(k) ? v : '']));
    expect(() => loadConfig(serviceEnv('api', env))).not.toThrow();
    for (const runner of RUNNERS) expect(() => loadRunnerConfig(serviceEnv(runner, env)), runner).not.toThrow();
  });

  it('gives each runner a configuration the runner accepts, pointing at the API and its Redis', () => {
    const env = filledEnv();
    const api = loadConfig(serviceEnv('api', env));
    for (const runner of RUNNERS) {
      const config = loadRunnerConfig(serviceEnv(runner, env));
      expect(config.redisUrl, runner).toBe(api.REDIS_URL);
      expect(config.runnerToken, runner).toBe(api.RUNNER_TOKEN);
      expect(config.apiUrl, runner).toBe('http://api:3000');
      expect(config.queuePrefix, runner).toBe(api.JUDGE_QUEUE_PREFIX);
    }
  });

  it('pins every base image to an exact version', () => {
    const env = filledEnv();
    const images = [
      ...['postgres', 'redis'].map((s) => interpolate(compose.services[s].image ?? '', {})),
      ...['postgres', 'redis'].map((s) => interpolate(compose.services[s].image ?? '', env)),
      /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1] ?? '',
      env.NODE_IMAGE,
    ];
    for (const image of images) expect(image).toMatch(/:\d+\.\d+\.\d+-|:\d+\.\d+-|@sha256:/);
  });
});

describe('docker/Dockerfile', () => {
  it('checks the health route the API serves', () => {
    const health = readFileSync(join(REPO, 'apps', 'api', 'src', 'health', 'health.controller.ts'), 'utf8');
    expect(health).toContain("@Controller('health')");
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/api\/health/);
  });

  it('runs the API as an unprivileged user', () => {
    const start = dockerfile.search(/^FROM \S+ AS api$/m);
    const end = dockerfile.indexOf('\nFROM ', start + 1);
    expect(start).toBeGreaterThan(0);
    expect(dockerfile.slice(start, end < 0 ? undefined : end)).toMatch(/^USER node$/m);
  });
});
