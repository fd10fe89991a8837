import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
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
      hostRoot: '/',
      packageLimits: { maxZipBytes: undefined, maxUncompressedBytes: undefined },
      wallTime: { factor: 1.5, interactiveFactor: 2, extraMs: 1000 },
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
      JUDGE_HOST_ROOT: '/host',
      JUDGE_PACKAGE_MAX_BYTES: '1048576',
      JUDGE_PACKAGE_MAX_UNCOMPRESSED_BYTES: '4194304',
      JUDGE_WALL_TIME_FACTOR: '2',
      JUDGE_INTERACTIVE_WALL_TIME_FACTOR: '3.5',
      JUDGE_WALL_TIME_EXTRA_MS: '0',
    });
    expect(settings).toEqual({
      sandbox: 'docker',
      cacheDir: '/srv/cache',
      boxRoot: '/srv/boxes',
      languagesFile: '/etc/judge/languages.yaml',
      dockerImages: { gcc: 'registry.example/gcc:12.2.0', python: 'registry.example/py:3.11' },
      dockerSharedDir: '/var/lib/judge/docker-engine',
      hostRoot: '/host',
      packageLimits: { maxZipBytes: 1048576, maxUncompressedBytes: 4194304 },
      wallTime: { factor: 2, interactiveFactor: 3.5, extraMs: 0 },
    } satisfies EngineSettings);
    expect(sandboxOptions(settings)).toEqual({
      namespace: { boxRoot: '/srv/boxes' },
      docker: { images: settings.dockerImages, hostRoot: '/host', sharedDir: '/var/lib/judge/docker-engine' },
    });
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
    });
    for (const name of [
      'JUDGE_SANDBOX',
      'JUDGE_DOCKER_IMAGES',
      'JUDGE_HOST_ROOT',
      'JUDGE_PACKAGE_MAX_BYTES',
      'JUDGE_WALL_TIME_FACTOR',
      'JUDGE_WALL_TIME_EXTRA_MS',
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
