import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadRunnerConfig } from './runner-config';

const REQUIRED = { REDIS_URL: 'redis://127.0.0.1:6379', API_URL: 'http://api:3000', RUNNER_TOKEN: 'secret-token' };

function configError(env: NodeJS.ProcessEnv): string {
  try {
    loadRunnerConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('runner configuration', () => {
  it('fills in the defaults', () => {
    const config = loadRunnerConfig({ ...REQUIRED, JUDGE_CACHE_DIR: '/srv/judge-cache' });
    expect(config).toMatchObject({
      redisUrl: REQUIRED.REDIS_URL,
      apiUrl: REQUIRED.API_URL,
      runnerToken: REQUIRED.RUNNER_TOKEN,
      concurrency: 1,
      cacheDir: '/srv/judge-cache',
      packageCacheDir: '/srv/judge-cache/packages',
      runnerId: `${hostname()}-${process.pid}`,
      queuePrefix: 'judge',
      lockDurationMs: 30_000,
      stalledIntervalMs: 30_000,
      packageLimits: { maxZipBytes: undefined, maxUncompressedBytes: undefined },
    });
  });

  it('takes the values it is given', () => {
    const config = loadRunnerConfig({
      ...REQUIRED,
      RUNNER_CONCURRENCY: '4',
      RUNNER_PACKAGE_CACHE: '/tmp/pkgs',
      RUNNER_ID: 'runner-a',
      JUDGE_PACKAGE_MAX_BYTES: '1048576',
    });
    expect(config).toMatchObject({
      concurrency: 4,
      packageCacheDir: '/tmp/pkgs',
      runnerId: 'runner-a',
      packageLimits: { maxZipBytes: 1048576 },
    });
  });

  it('names each missing or bad variable', () => {
    const message = configError({ API_URL: 'not a url', RUNNER_CONCURRENCY: '0', RUNNER_TOKEN: '' });
    expect(message).toMatch(/REDIS_URL:/);
    expect(message).toMatch(/API_URL:/);
    expect(message).toMatch(/RUNNER_CONCURRENCY:/);
    // An empty variable is unset, and this one is required.
    expect(message).toMatch(/RUNNER_TOKEN:/);
  });

  it('pins runs to JUDGE_CPUS, and refuses more jobs at once than the CPUs listed', () => {
    expect(loadRunnerConfig({ ...REQUIRED, JUDGE_CPUS: '0' })).toMatchObject({ cpus: [0], concurrency: 1 });
    expect(configError({ ...REQUIRED, JUDGE_CPUS: '0', RUNNER_CONCURRENCY: '2' })).toBe(
      'invalid runner configuration:\n  RUNNER_CONCURRENCY=2 is more than the 1 CPU(s) of JUDGE_CPUS=0: list a CPU per job, or lower RUNNER_CONCURRENCY',
    );
  });

  it('picks the sandbox engine from JUDGE_SANDBOX, with registry images for the docker engine', () => {
    expect(loadRunnerConfig(REQUIRED)).toMatchObject({ sandbox: 'namespace', dockerImages: {} });
    const config = loadRunnerConfig({
      ...REQUIRED,
      JUDGE_SANDBOX: 'docker',
      JUDGE_DOCKER_IMAGES: 'gcc=registry.example/judge-runtime-gcc:12.2.0, python=registry.example/py:3.11',
    });
    expect(config).toMatchObject({
      sandbox: 'docker',
      dockerImages: { gcc: 'registry.example/judge-runtime-gcc:12.2.0', python: 'registry.example/py:3.11' },
    });
    expect(configError({ ...REQUIRED, JUDGE_SANDBOX: 'chroot' })).toMatch(/JUDGE_SANDBOX:/);
    expect(configError({ ...REQUIRED, JUDGE_DOCKER_IMAGES: 'gcc' })).toMatch(/JUDGE_DOCKER_IMAGES:/);
  });

  it('logs JSON unless stdout is a terminal or LOG_FORMAT says otherwise; refuses another format', () => {
    expect(loadRunnerConfig(REQUIRED, false)).toMatchObject({ logLevel: 'info', logFormat: 'json' });
    expect(loadRunnerConfig(REQUIRED, true)).toMatchObject({ logFormat: 'pretty' });
    expect(loadRunnerConfig({ ...REQUIRED, LOG_FORMAT: 'json', LOG_LEVEL: 'debug' }, true)).toMatchObject({
      logLevel: 'debug',
      logFormat: 'json',
    });
    expect(configError({ ...REQUIRED, LOG_FORMAT: 'xml' })).toMatch(/LOG_FORMAT:/);
  });
});
