import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadProblemPackage, type LoadedPackage } from '@judge/problem-package';
import type { Box, BoxEntry, RunEvent, RunResult, RunSpec, SandboxEngine } from '@judge/sandbox';
import { shellLanguageRegistry } from './__fixtures__/shell-language';
import { CompileCache, compileCacheKey, type CompileKeyParts } from './compile-cache';
import { JudgeEngine } from './judge-engine';
import type { LanguageRegistry, ResolvedLanguage } from './languages/language-registry';

const cpp: ResolvedLanguage = {
  id: 'cpp',
  name: 'C++',
  extensions: ['cpp'],
  tools: { cxx: ['g++'] },
  source: 'main.cpp',
  compile: ['{tool:cxx}', '-O2', '-o', 'main', '{sources}'],
  artifact: 'main',
  run: ['./main'],
  toolPaths: { cxx: '/usr/bin/g++' },
};

function parts(overrides: Partial<CompileKeyParts> = {}): CompileKeyParts {
  return {
    engine: 'namespace',
    language: cpp,
    toolchain: 'g++ (Debian 12.2.0-14) 12.2.0',
    files: [{ name: 'main.cpp', content: 'int main() { return 0; }\n' }],
    sources: ['main.cpp'],
    extraArgs: [],
    limits: { cpuTimeMs: 10_000, wallTimeMs: 20_000, memoryBytes: 1 << 30 },
    ...overrides,
  };
}

describe('compileCacheKey', () => {
  it('is the same for the same compile and differs for anything the result depends on', () => {
    const key = compileCacheKey(parts());
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(compileCacheKey(parts())).toBe(key);
    const variants: Partial<CompileKeyParts>[] = [
      { files: [{ name: 'main.cpp', content: 'int main() { return 1; }\n' }] },
      { files: [{ name: 'other.cpp', content: 'int main() { return 0; }\n' }] },
      { toolchain: 'g++ (Debian 13.1.0-1) 13.1.0' },
      { engine: 'docker' },
      { extraArgs: ['-O3'] },
      { language: { ...cpp, compile: ['{tool:cxx}', '-O0', '-o', 'main', '{sources}'] } },
      { language: { ...cpp, id: 'c' } },
      { entry: 'main.cpp' },
      { limits: { cpuTimeMs: 5_000, wallTimeMs: 20_000, memoryBytes: 1 << 30 } },
    ];
    const keys = variants.map((v) => compileCacheKey(parts(v)));
    expect(new Set([key, ...keys]).size).toBe(variants.length + 1);
  });

  it('tells apart files whose names and contents only concatenate alike', () => {
    const a = compileCacheKey(
      parts({
        files: [
          { name: 'a.h', content: 'xy' },
          { name: 'b.cpp', content: 'z' },
        ],
      }),
    );
    const b = compileCacheKey(
      parts({
        files: [
          { name: 'a.h', content: 'x' },
          { name: 'yb.cpp', content: 'z' },
        ],
      }),
    );
    const c = compileCacheKey(parts({ files: [{ name: 'a.h', content: 'xyb.cppz' }] }));
    expect(new Set([a, b, c]).size).toBe(3);
  });
});

describe('CompileCache', () => {
  let root: string;
  let dir: string;

  beforeEach(async () => {
    root = join(await mkdtemp(join(tmpdir(), 'compile-cache-spec-')), 'cache');
    dir = join(root, 'compiled');
  });

  afterEach(async () => {
    await rm(dirname(root), { recursive: true, force: true });
  });

  const key = (n: number) => compileCacheKey(parts({ files: [{ name: 'main.cpp', content: `// ${n}` }] }));
  const entry = (bytes: number) => ({
    ok: true,
    output: 'warning: unused',
    timeMs: 321,
    files: [{ path: 'main', mode: 0o755, data: Buffer.alloc(bytes, 7) }],
  });

  it('gives back what was stored, from a folder of mode 0700 holding files of mode 0600', async () => {
    const cache = new CompileCache({ dir, maxBytes: 1 << 20 });
    expect(await cache.get(key(1))).toBeNull();
    await cache.put(key(1), entry(1000));
    const hit = await cache.get(key(1));
    expect(hit).toEqual(entry(1000));
    expect(cache.stats).toMatchObject({ hits: 1, misses: 1, stores: 1 });
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    // Only its own folder: the cache folder above it stays reachable (validator builds are mounted from it).
    expect((await stat(root)).mode & 0o777).not.toBe(0o700);
    const names = await readdir(dir);
    expect(names).toEqual([`${key(1)}.entry`]);
    expect((await stat(join(dir, names[0]))).mode & 0o777).toBe(0o600);
  });

  it('makes a folder that was there before private', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dir, { recursive: true, mode: 0o755 });
    const cache = new CompileCache({ dir, maxBytes: 1 << 20 });
    await cache.put(key(1), entry(10));
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('keeps the total under its room, removing the least recently used first', async () => {
    const cache = new CompileCache({ dir, maxBytes: 10_000 });
    for (let n = 0; n < 3; n++) {
      await cache.put(key(n), entry(2_000));
      // Distinct, increasing times whatever the file system's resolution.
      const when = new Date(Date.UTC(2026, 0, 1, 0, n));
      await utimes(join(dir, `${key(n)}.entry`), when, when);
    }
    // Reading entry 0 makes it the most recently used: entry 1 is now the oldest.
    expect(await cache.get(key(0))).not.toBeNull();
    await cache.put(key(3), entry(2_000));
    await cache.put(key(4), entry(2_000));
    const left = await readdir(dir);
    expect(left).not.toContain(`${key(1)}.entry`);
    expect(left).toContain(`${key(0)}.entry`);
    expect(left).toContain(`${key(4)}.entry`);
    let total = 0;
    for (const name of left) total += (await stat(join(dir, name))).size;
    expect(total).toBeLessThanOrEqual(10_000);
    expect(cache.stats.evictions).toBe(1);
  });

  it('removes temporary files a crashed writer left an hour ago, and no others', async () => {
    const cache = new CompileCache({ dir, maxBytes: 1 << 20 });
    await cache.put(key(1), entry(10));
    await writeFile(join(dir, `.${key(2)}.1.a.tmp`), 'half');
    await writeFile(join(dir, `.${key(3)}.1.b.tmp`), 'half');
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(join(dir, `.${key(2)}.1.a.tmp`), old, old);
    await cache.put(key(4), entry(10));
    expect((await readdir(dir)).sort()).toEqual([`.${key(3)}.1.b.tmp`, `${key(1)}.entry`, `${key(4)}.entry`].sort());
  });

  it('does not keep an entry larger than a quarter of its room', async () => {
    const cache = new CompileCache({ dir, maxBytes: 10_000 });
    await cache.put(key(1), entry(5_000));
    expect(await cache.get(key(1))).toBeNull();
  });

  it('treats a damaged entry as a miss and removes it', async () => {
    const cache = new CompileCache({ dir, maxBytes: 1 << 20 });
    await cache.put(key(1), entry(100));
    await writeFile(join(dir, `${key(1)}.entry`), Buffer.from([0, 0, 0, 9, 1, 2]));
    expect(await cache.get(key(1))).toBeNull();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('the engine and its compile cache', () => {
  let root: string;
  let problem: LoadedPackage;
  let languages: LanguageRegistry;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'compile-cache-engine-'));
    languages = await shellLanguageRegistry(root, { compile: true });
    problem = await loadProblemPackage(join(__dirname, '..', '..', '..', 'examples', 'problems', 'hello'));
  });

  afterAll(async () => {
    await problem?.dispose();
    await rm(root, { recursive: true, force: true });
  });

  const ended = (status: RunResult['status'], events: RunEvent[] = []): RunResult => ({
    status,
    exitCode: status === 'ok' ? 0 : status === 'nonzero-exit' ? 2 : null,
    signal: null,
    cpuTimeMs: 5,
    wallTimeMs: 5,
    memoryBytes: 1 << 20,
    stdout: Buffer.alloc(0),
    stderr: Buffer.from(status === 'ok' ? '' : 'main.sh: syntax error'),
    events,
  });

  /**
   * A sandbox whose compile ends as `compile` says and leaves `left` in the box beside the source; its test runs
   * end with a wrong answer (nothing printed). Counts compiler runs.
   */
  function sandbox(compile: () => RunResult, left: BoxEntry[] = []) {
    let compiles = 0;
    const createBox = () => {
      const files = new Map<string, Buffer>();
      const box: Partial<Box> = {
        writeFile: (path, data) => {
          files.set(path, Buffer.from(data));
          return Promise.resolve();
        },
        readFile: (path, max) => Promise.resolve(files.get(path)?.subarray(0, max) ?? null),
        listFiles: () =>
          Promise.resolve([
            ...[...files].map(([path, data]) => ({ path, kind: 'file' as const, mode: 0o644, size: data.length })),
            ...left,
          ]),
        destroy: () => Promise.resolve(),
        run: (spec: RunSpec) => {
          if (!spec.boxWritable) return Promise.resolve(ended('ok'));
          compiles++;
          return Promise.resolve(compile());
        },
      };
      return Promise.resolve(box as Box);
    };
    const engine = { name: 'scripted', createBox } as unknown as SandboxEngine;
    return { engine, compiles: () => compiles };
  }

  async function twice(sandboxed: ReturnType<typeof sandbox>): Promise<{ verdicts: string[]; cached: boolean[] }> {
    const judge = new JudgeEngine({
      sandbox: sandboxed.engine,
      languages,
      cacheDir: root,
      compileCache: { dir: await mkdtemp(join(root, 'compiled-')), maxBytes: 1 << 20 },
    });
    const verdicts: string[] = [];
    const cached: boolean[] = [];
    for (let i = 0; i < 2; i++) {
      const result = await judge.judge({
        problem,
        source: { fileName: 'a.sh', code: 'echo 3' },
        timeLimitMs: 1000,
        onProgress: (e) => {
          if (e.type === 'compile-finished') cached.push(e.cached ?? false);
        },
      });
      verdicts.push(result.verdict);
    }
    return { verdicts, cached };
  }

  it('puts back a compile whose box held regular files only', async () => {
    const s = sandbox(() => ended('ok'));
    expect(await twice(s)).toEqual({ verdicts: ['WA', 'WA'], cached: [false, true] });
    expect(s.compiles()).toBe(1);
  });

  it('keeps a compile error', async () => {
    const s = sandbox(() => ended('nonzero-exit'));
    expect(await twice(s)).toEqual({ verdicts: ['CE', 'CE'], cached: [false, true] });
    expect(s.compiles()).toBe(1);
  });

  it('keeps nothing of a box that holds a link or a fifo after compiling', async () => {
    const s = sandbox(() => ended('ok'), [{ path: 'lib', kind: 'other', mode: 0o777, size: 4 }]);
    expect((await twice(s)).cached).toEqual([false, false]);
    expect(s.compiles()).toBe(2);
  });

  it('keeps nothing of a compile that stopped on a limit or probed the sandbox', async () => {
    const stopped = sandbox(() => ended('cpu-time-limit'));
    expect(await twice(stopped)).toEqual({ verdicts: ['CE', 'CE'], cached: [false, false] });
    const probing = sandbox(() => ended('ok', [{ kind: 'process-limit', detail: 'forks', count: 3 }]));
    expect((await twice(probing)).cached).toEqual([false, false]);
    expect(stopped.compiles() + probing.compiles()).toBe(4);
  });
});
