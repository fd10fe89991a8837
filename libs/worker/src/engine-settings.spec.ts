import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  cpuConcurrencyError,
  cpuListSchema,
  engineSettingsSchema,
  loadEngineSettings,
  parseSettings,
  sandboxOptions,
  SettingsError,
  type EngineSettings,
} from './engine-settings';
import { openJudgeEngine } from './open-engine';

function settingsError(env: NodeJS.ProcessEnv): string {
  try {
    loadEngineSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as Error).message;
  }
  throw new Error('expected a SettingsError');
}

describe('engine settings', () => {
  it('fills in the defaults from an empty environment', () => {
    expect(loadEngineSettings({})).toEqual({
      sandbox: 'namespace',
      cacheDir: '/var/cache/judge',
      boxRoot: '/var/lib/judge/boxes',
      languagesFile: undefined,
      dockerImages: {},
      dockerSharedDir: undefined,
      dockerPool: undefined,
      hostRoot: '/',
      packageLimits: { maxZipBytes: undefined, maxUncompressedBytes: undefined },
      wallTime: { factor: 1.5, interactiveFactor: 2, extraMs: 1000 },
      cpus: undefined,
      compileCache: { dir: '/var/cache/judge/compiled', maxBytes: 256 * 1024 * 1024 },
      prebuiltBoxes: true,
      spareBoxes: undefined,
    } satisfies EngineSettings);
  });

  it('takes every value it is given', () => {
    const settings = loadEngineSettings({
      JUDGE_SANDBOX: 'docker',
      JUDGE_CACHE_DIR: '/srv/cache',
      JUDGE_BOX_ROOT: '/srv/boxes',
      JUDGE_LANGUAGES_FILE: '/etc/judge/languages.yaml',
      JUDGE_DOCKER_IMAGES: 'gcc=registry.example/gcc:12.2.0, python=registry.example/py:3.11',
      JUDGE_DOCKER_SHARED_DIR: '/var/lib/judge/docker-engine/',
      JUDGE_DOCKER_POOL: '0',
      JUDGE_HOST_ROOT: '/host',
      JUDGE_PACKAGE_MAX_BYTES: '1048576',
      JUDGE_PACKAGE_MAX_UNCOMPRESSED_BYTES: '4194304',
      JUDGE_WALL_TIME_FACTOR: '2',
      JUDGE_INTERACTIVE_WALL_TIME_FACTOR: '3.5',
      JUDGE_WALL_TIME_EXTRA_MS: '0',
      JUDGE_CPUS: '0', // always online
      JUDGE_COMPILE_CACHE_MB: '64',
      JUDGE_PREBUILT_BOXES: 'off',
      JUDGE_SPARE_BOXES: '0',
    });
    expect(settings).toEqual({
      sandbox: 'docker',
      cacheDir: '/srv/cache',
      boxRoot: '/srv/boxes',
      languagesFile: '/etc/judge/languages.yaml',
      dockerImages: { gcc: 'registry.example/gcc:12.2.0', python: 'registry.example/py:3.11' },
      dockerSharedDir: '/var/lib/judge/docker-engine',
      dockerPool: 0,
      hostRoot: '/host',
      packageLimits: { maxZipBytes: 1048576, maxUncompressedBytes: 4194304 },
      wallTime: { factor: 2, interactiveFactor: 3.5, extraMs: 0 },
      cpus: [0],
      compileCache: { dir: '/srv/cache/compiled', maxBytes: 64 * 1024 * 1024 },
      prebuiltBoxes: false,
      spareBoxes: 0,
    } satisfies EngineSettings);
    expect(sandboxOptions(settings)).toEqual({
      namespace: { boxRoot: '/srv/boxes', prebuiltBoxes: false, spareBoxes: 0, cpuList: [0] },
      docker: {
        images: settings.dockerImages,
        hostRoot: '/host',
        sharedDir: '/var/lib/judge/docker-engine',
        pool: 0,
        cpuList: [0],
      },
    });
  });

  it('keeps as many docker containers ready as the process judges at once, unless JUDGE_DOCKER_POOL says', () => {
    expect(sandboxOptions(loadEngineSettings({}), 3).docker?.pool).toBe(3);
    expect(sandboxOptions(loadEngineSettings({ JUDGE_DOCKER_POOL: '5' }), 3).docker?.pool).toBe(5);
    expect(sandboxOptions(loadEngineSettings({})).docker?.pool).toBe(1);
  });

  it('keeps as many spare namespace boxes as the process judges at once, unless JUDGE_SPARE_BOXES says', () => {
    expect(sandboxOptions(loadEngineSettings({}), 3).namespace?.spareBoxes).toBe(3);
    expect(sandboxOptions(loadEngineSettings({ JUDGE_SPARE_BOXES: '0' }), 3).namespace?.spareBoxes).toBe(0);
    expect(sandboxOptions(loadEngineSettings({})).namespace?.spareBoxes).toBe(1);
  });

  it('keeps nothing ahead for a process that judges one submission, unless the settings say', () => {
    const none = sandboxOptions(loadEngineSettings({}), 0);
    expect([none.docker?.pool, none.namespace?.spareBoxes]).toEqual([0, 0]);
    const set = sandboxOptions(loadEngineSettings({ JUDGE_DOCKER_POOL: '2', JUDGE_SPARE_BOXES: '3' }), 0);
    expect([set.docker?.pool, set.namespace?.spareBoxes]).toEqual([2, 3]);
  });

  it('switches the compile cache off', () => {
    expect(loadEngineSettings({ JUDGE_COMPILE_CACHE: 'off' }).compileCache).toBeNull();
  });

  it('counts an empty variable as unset, as a shell `VAR=` line means', () => {
    expect(loadEngineSettings({ JUDGE_SANDBOX: '', JUDGE_HOST_ROOT: '', JUDGE_PACKAGE_MAX_BYTES: '' })).toMatchObject({
      sandbox: 'namespace',
      hostRoot: '/',
      packageLimits: { maxZipBytes: undefined },
    });
  });

  it('names every bad variable in one message', () => {
    const message = settingsError({
      JUDGE_SANDBOX: 'chroot',
      JUDGE_DOCKER_IMAGES: 'gcc',
      JUDGE_HOST_ROOT: 'host',
      JUDGE_PACKAGE_MAX_BYTES: 'lots',
      JUDGE_WALL_TIME_FACTOR: '0.5', // a clock that ends before the CPU limit
      JUDGE_WALL_TIME_EXTRA_MS: '-1',
      JUDGE_CPUS: '4096',
      JUDGE_COMPILE_CACHE: 'sometimes',
      JUDGE_COMPILE_CACHE_MB: '0',
      JUDGE_PREBUILT_BOXES: 'sometimes',
      JUDGE_SPARE_BOXES: '-1',
    });
    for (const name of [
      'JUDGE_SANDBOX',
      'JUDGE_DOCKER_IMAGES',
      'JUDGE_HOST_ROOT',
      'JUDGE_PACKAGE_MAX_BYTES',
      'JUDGE_WALL_TIME_FACTOR',
      'JUDGE_WALL_TIME_EXTRA_MS',
      'JUDGE_CPUS',
      'JUDGE_COMPILE_CACHE',
      'JUDGE_COMPILE_CACHE_MB',
      'JUDGE_PREBUILT_BOXES',
      'JUDGE_SPARE_BOXES',
    ]) {
      expect(message).toMatch(new RegExp(`^  ${name}: `, 'm'));
    }
  });

  it("is extended by a process's own schema, which is read the same way", () => {
    const schema = engineSettingsSchema.extend({ REDIS_URL: z.url() });
    expect(parseSettings(schema, { REDIS_URL: 'redis://127.0.0.1:6379' }, 'bad')).toMatchObject({
      REDIS_URL: 'redis://127.0.0.1:6379',
      JUDGE_SANDBOX: 'namespace',
    });
    expect(() => parseSettings(schema, { REDIS_URL: '' }, 'invalid runner configuration')).toThrow(
      /^invalid runner configuration:\n {2}REDIS_URL: /,
    );
  });
});

describe('JUDGE_CPUS', () => {
  const schema = z.object({ JUDGE_CPUS: cpuListSchema(() => [0, 1, 2, 3]) });
  const read = (text: string) => parseSettings(schema, { JUDGE_CPUS: text }, 'invalid settings').JUDGE_CPUS;

  it("takes a CPU, a range and a list, in the kernel's notation", () => {
    expect(read('1')).toEqual([1]);
    expect(read('2-3')).toEqual([2, 3]);
    expect(read('0,2')).toEqual([0, 2]);
    expect(read(' 3, 0-1 ,1')).toEqual([0, 1, 3]);
    expect(parseSettings(schema, {}, 'invalid settings').JUDGE_CPUS).toBeUndefined();
  });

  it('stops at a CPU that is not online, naming the variable', () => {
    expect(() => read('2-5')).toThrow(
      /^invalid settings:\n {2}JUDGE_CPUS: CPU 4-5 is not online here \(online: 0-3\)$/,
    );
  });

  it('stops at what is not a CPU list', () => {
    for (const text of ['one', '3-1', '-1', '1,,2', '1.5'])
      expect(() => read(text), text).toThrow(/^invalid settings:\n {2}JUDGE_CPUS: /);
  });

  it('reads the CPUs online on this host when no list is given', () => {
    expect(() => loadEngineSettings({ JUDGE_CPUS: '0' })).not.toThrow();
    expect(settingsError({ JUDGE_CPUS: '4095' })).toMatch(/JUDGE_CPUS: CPU 4095 is not online here/);
  });

  it('refuses more jobs at once than CPUs in the list', () => {
    expect(cpuConcurrencyError(undefined, 8, 'RUNNER_CONCURRENCY')).toBeNull();
    expect(cpuConcurrencyError([0, 1], 2, 'RUNNER_CONCURRENCY')).toBeNull();
    expect(cpuConcurrencyError([2, 3], 3, 'RUNNER_CONCURRENCY')).toBe(
      'RUNNER_CONCURRENCY=3 is more than the 2 CPU(s) of JUDGE_CPUS=2-3: list a CPU per job, or lower RUNNER_CONCURRENCY',
    );
  });
});

describe('opening the engine', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'engine-settings-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('judges with the languages of JUDGE_LANGUAGES_FILE', async () => {
    const languagesFile = join(dir, 'languages.yaml');
    const shell =
      "{ id: shell, runtime: shell, name: Shell, extensions: [sh], tools: { sh: [/bin/sh] }, source: main.sh, run: ['{tool:sh}', main.sh] }";
    await writeFile(languagesFile, `- ${shell}\n`);
    const settings = loadEngineSettings({ JUDGE_LANGUAGES_FILE: languagesFile, JUDGE_CACHE_DIR: dir });
    // Listing languages runs nothing: the sandbox is not checked.
    const opened = await openJudgeEngine(settings, { check: false });
    try {
      expect(opened.sandbox.name).toBe('namespace');
      expect(opened.engine.languages.definitions.map((l) => l.id)).toEqual(['shell']);
    } finally {
      await opened.close();
    }
  });

  it('takes the engine named by the caller over the settings', async () => {
    const opened = await openJudgeEngine(loadEngineSettings({ JUDGE_SANDBOX: 'namespace' }), {
      sandbox: 'docker',
      check: false,
    });
    try {
      expect(opened.sandbox.name).toBe('docker');
    } finally {
      await opened.close();
    }
  });
});
