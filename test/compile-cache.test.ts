import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JudgeResult } from '@judge/contract';
import { JudgeEngine, type CompileCacheOptions, type JudgeEvent, type RunOnceRequest } from '@judge/judge';
import { loadProblemPackage, type LoadedPackage } from '@judge/problem-package';
import type { Box, RunSpec, SandboxEngine } from '@judge/sandbox';
import { ENGINES, EXAMPLES, openHarness, type Harness } from './support/harness';
import { zipOf } from './support/zip';

/**
 * The compile cache on the real sandbox, both engines: a second judgement of the same source puts back what the compiler left
 * instead of running it, any other source compiles, a compile error comes back with the same message, the
 * verdicts are those of an engine without the cache, and the cache's folder is private and bounded.
 */

/** The harness's sandbox, counting the runs of the given compilers in its boxes. */
function countingSandbox(sandbox: SandboxEngine, compilers: string[]): { sandbox: SandboxEngine; runs: () => number } {
  let runs = 0;
  const wrapBox = (box: Box): Box =>
    new Proxy(box, {
      get(target, prop) {
        if (prop === 'run') {
          return (spec: RunSpec) => {
            if (compilers.includes(spec.argv[0])) runs++;
            return target.run(spec);
          };
        }
        const value: unknown = Reflect.get(target, prop);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  const counted: SandboxEngine = {
    name: sandbox.name,
    createBox: async (options) => wrapBox(await sandbox.createBox(options)),
    check: () => sandbox.check(),
    close: () => Promise.resolve(),
  };
  return { sandbox: counted, runs: () => runs };
}

const SUM_CPP = `#include <iostream>
int main() {
    long long a, b;
    std::cin >> a >> b;
    std::cout << a + b << '\\n';
}
`;

describe.each(ENGINES)('compile cache, on the %s engine', (engineName) => {
  let harness: Harness;
  let hello: LoadedPackage;
  let compilers: string[];
  let cacheDir: string;

  beforeAll(async () => {
    harness = await openHarness(engineName);
    hello = await loadProblemPackage(join(EXAMPLES, 'hello'));
    const languages = harness.engine.languages;
    compilers = [(await languages.resolve('cpp')).toolPaths.cxx, (await languages.resolve('c')).toolPaths.cc];
    cacheDir = join(harness.cacheDir, 'compiled');
  });

  afterAll(async () => {
    await hello?.dispose();
    await harness?.close();
  });

  function engine(compileCache: CompileCacheOptions | null) {
    const counting = countingSandbox(harness.sandbox, compilers);
    const judge = new JudgeEngine({
      sandbox: counting.sandbox,
      languages: harness.engine.languages,
      cacheDir: harness.cacheDir,
      compileCache,
    });
    return { judge, compilerRuns: counting.runs };
  }

  async function judged(
    judge: JudgeEngine,
    code: string,
    fileName = 'sum.cpp',
  ): Promise<{ result: JudgeResult; cached: boolean | undefined }> {
    let cached: boolean | undefined;
    const onProgress = (event: JudgeEvent) => {
      if (event.type === 'compile-finished') cached = event.cached ?? false;
    };
    const result = await judge.judge({ problem: hello, source: { fileName, code }, onProgress });
    return { result, cached };
  }

  /** What a contestant sees of a judgement, without the times it took. */
  const seen = (r: JudgeResult) => ({
    verdict: r.verdict,
    score: r.score,
    compileOutput: r.compileOutput,
    tests: r.tests.map((t) => ({ name: t.name, verdict: t.verdict, output: t.output })),
  });

  it('judges the same source a second time without running the compiler, with the same verdict', async () => {
    await rm(cacheDir, { recursive: true, force: true });
    const { judge, compilerRuns } = engine({ dir: cacheDir, maxBytes: 64 << 20 });
    const first = await judged(judge, SUM_CPP);
    expect(first.result.verdict).toBe('AC');
    expect(first.cached).toBe(false);
    expect(compilerRuns()).toBe(1);

    const second = await judged(judge, SUM_CPP);
    expect(second.cached).toBe(true);
    expect(compilerRuns()).toBe(1);
    expect(seen(second.result)).toEqual(seen(first.result));

    // One byte more (a space) is another source: it compiles.
    const other = await judged(judge, `${SUM_CPP} `);
    expect(other.cached).toBe(false);
    expect(compilerRuns()).toBe(2);
    expect(other.result.verdict).toBe('AC');
  });

  it('compiles a run without a problem (POST /api/runs) once for the same program, options and limits', async () => {
    await rm(cacheDir, { recursive: true, force: true });
    const { judge, compilerRuns } = engine({ dir: cacheDir, maxBytes: 64 << 20 });
    const limits = {
      cpuTimeMs: 1000,
      wallTimeMs: 3000,
      memoryBytes: 128 << 20,
      outputBytes: 1 << 16,
      outputChars: 4096,
    };
    const run = (stdin: string, more: Partial<RunOnceRequest> = {}) =>
      judge.execute({
        source: { fileName: 'sum.cpp', code: SUM_CPP },
        language: 'cpp',
        stdin,
        args: [],
        limits,
        ...more,
      });
    expect(await run('1 2\n')).toMatchObject({ verdict: 'OK', stdout: '3\n' });
    expect(await run('40 2\n')).toMatchObject({ verdict: 'OK', stdout: '42\n' });
    expect(compilerRuns()).toBe(1);
    // Other compiler options are another compile; additional files may take part in one, so they are never cached.
    expect(await run('1 1\n', { compilerOptions: ['-O0'] })).toMatchObject({ verdict: 'OK', stdout: '2\n' });
    expect(compilerRuns()).toBe(2);
    const zip = (await zipOf({ 'data.txt': 'x' })).toString('base64');
    expect(await run('2 2\n', { additionalFiles: zip })).toMatchObject({ verdict: 'OK', stdout: '4\n' });
    expect(await run('2 3\n', { additionalFiles: zip })).toMatchObject({ verdict: 'OK', stdout: '5\n' });
    expect(compilerRuns()).toBe(4);
  });

  it('serves a compile error from the cache with the same message', async () => {
    const code = await readFile(join(hello.root, 'submissions', 'compile_error', 'type_error.cpp'), 'utf8');
    const { judge, compilerRuns } = engine({ dir: cacheDir, maxBytes: 64 << 20 });
    const first = await judged(judge, code);
    expect(first.result.verdict).toBe('CE');
    expect(first.result.compileOutput).toMatch(/error/);
    const second = await judged(judge, code);
    expect(second.cached).toBe(true);
    expect(compilerRuns()).toBe(1);
    expect(seen(second.result)).toEqual(seen(first.result));
  });

  it('with the cache off compiles every time, to the same verdicts as with it', async () => {
    const wrong = SUM_CPP.replace('a + b', 'a - b');
    const { judge, compilerRuns } = engine(null);
    const plain = [await judged(judge, SUM_CPP), await judged(judge, SUM_CPP), await judged(judge, wrong)];
    expect(plain.map((p) => p.cached)).toEqual([false, false, false]);
    expect(compilerRuns()).toBe(3);

    const cached = engine({ dir: cacheDir, maxBytes: 64 << 20 });
    const withCache = [await judged(cached.judge, SUM_CPP), await judged(cached.judge, wrong)];
    expect(withCache.map((r) => seen(r.result))).toEqual([seen(plain[0].result), seen(plain[2].result)]);
    expect(plain[2].result.verdict).toBe('WA');
  });

  it('keeps its folder private and within its room, the oldest results going first', async () => {
    await rm(cacheDir, { recursive: true, force: true });
    const maxBytes = 120_000;
    const { judge, compilerRuns } = engine({ dir: cacheDir, maxBytes });
    const variants = Array.from(
      { length: 10 },
      (_, n) =>
        `#include <stdio.h>\nint main(void) { long long a, b; scanf("%lld %lld", &a, &b); printf("%lld\\n", a + b); return ${n} * 0; }\n`,
    );
    for (const code of variants) expect((await judged(judge, code, 'sum.c')).result.verdict).toBe('AC');
    expect(compilerRuns()).toBe(variants.length);

    expect((await stat(cacheDir)).mode & 0o777).toBe(0o700);
    const names = await readdir(cacheDir);
    let total = 0;
    for (const name of names) {
      const file = await stat(join(cacheDir, name));
      expect(file.mode & 0o777).toBe(0o600);
      total += file.size;
    }
    expect(total).toBeLessThanOrEqual(maxBytes);
    expect(names.length).toBeGreaterThan(0);
    expect(names.length).toBeLessThan(variants.length);

    // The newest is still there; the oldest was removed and compiles again.
    expect((await judged(judge, variants[variants.length - 1], 'sum.c')).cached).toBe(true);
    expect((await judged(judge, variants[0], 'sum.c')).cached).toBe(false);
    expect(compilerRuns()).toBe(variants.length + 1);
  });
});
