import { createHash, randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { MiB } from '@judge/contract';
import type { SandboxEngine } from '@judge/sandbox';
import type { ValidatorSource } from '@judge/problem-package';
import { compileInBox, type CompileLimits } from '../compile';
import { ProblemFaultError, JudgeSystemError } from '../errors';
import { languageBoxOptions, type LanguageRegistry, type ResolvedLanguage } from '../languages/language-registry';

/** A validator ready to run: its files live in a root-owned cache folder mounted read-only at /validator. */
export interface BuiltValidator {
  dir: string;
  language: ResolvedLanguage;
  kind: ValidatorSource['kind'];
}

/** Validators are written in these; which file is in which comes from the language definitions. */
const VALIDATOR_LANGUAGES = new Set(['c', 'cpp', 'python']);

/**
 * Compiles each package's validator once per content and caches it by hash: every package version with the
 * same validator sources shares one build, and a changed validator gets a new one.
 */
export class ValidatorCache {
  private readonly pending = new Map<string, Promise<BuiltValidator>>();

  constructor(
    private readonly cacheDir: string,
    private readonly sandbox: SandboxEngine,
    private readonly languages: LanguageRegistry,
  ) {}

  private isProgram(fileName: string): boolean {
    return VALIDATOR_LANGUAGES.has(this.languages.byFileName(fileName)?.id ?? '');
  }

  async build(source: ValidatorSource, limits: CompileLimits): Promise<BuiltValidator> {
    const files = source.files.filter((f) => this.isProgram(f) || /\.(h|hpp)$/i.test(f));
    const programs = files.filter((f) => this.isProgram(f));
    if (programs.length === 0)
      throw new ProblemFaultError(`output validator in ${source.dir} has no C, C++ or Python source`);
    const languageId = this.languages.byFileName(programs[0])?.id ?? '';
    let language: ResolvedLanguage;
    try {
      language = await this.languages.resolve(languageId);
    } catch (error) {
      throw new ProblemFaultError(`output validator needs ${languageId}: ${(error as Error).message}`);
    }
    const contents = await Promise.all(files.map(async (f) => ({ name: basename(f), data: await fs.readFile(f) })));
    const hash = createHash('sha256');
    hash.update(JSON.stringify([language.id, language.compile, language.toolPaths]));
    for (const { name, data } of contents) hash.update(name).update('\0').update(data).update('\0');
    const key = hash.digest('hex').slice(0, 32);

    let build = this.pending.get(key);
    if (!build) {
      build = this.buildOnce(key, contents, language, source.kind, limits);
      this.pending.set(key, build);
      build.catch(() => this.pending.delete(key));
    }
    return build;
  }

  private async buildOnce(
    key: string,
    contents: { name: string; data: Buffer }[],
    language: ResolvedLanguage,
    kind: ValidatorSource['kind'],
    limits: CompileLimits,
  ): Promise<BuiltValidator> {
    const dir = join(this.cacheDir, 'validators', key);
    if (await isDir(dir)) return { dir, language, kind };

    await assertReachableByBoxes(this.cacheDir);
    const programs = contents.filter((c) => this.isProgram(c.name));
    const box = await this.sandbox.createBox(languageBoxOptions(language, 512 * MiB));
    try {
      // Python runs main.py: the validator's entry point is renamed to that.
      const entry = language.id === 'python' ? pickPythonEntry(programs.map((p) => p.name)) : null;
      for (const { name, data } of contents) await box.writeFile(name === entry ? 'main.py' : name, data);
      const sources = programs.map((p) => (p.name === entry ? 'main.py' : p.name));
      const outcome = await compileInBox(
        box,
        language,
        { sources: language.id === 'python' ? ['main.py'] : sources },
        limits,
      );
      if (outcome.sandboxFailure)
        throw new JudgeSystemError(`compiling the output validator: ${outcome.sandboxFailure}`);
      if (!outcome.ok) throw new ProblemFaultError(`output validator does not compile:\n${outcome.output}`);

      // Copy the build out of the box: only regular files, read without following links.
      const staging = `${dir}.tmp-${randomBytes(6).toString('hex')}`;
      await fs.mkdir(staging, { recursive: true, mode: 0o755 });
      const keep = language.id === 'python' ? programs.map((p) => (p.name === entry ? 'main.py' : p.name)) : ['main'];
      for (const name of keep) {
        const data = await box.readFile(name, 256 * MiB);
        if (data === null) throw new ProblemFaultError(`output validator build produced no ${name}`);
        const handle = await fs.open(
          join(staging, name),
          constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
          0o755,
        );
        await handle.writeFile(data);
        await handle.close();
      }
      // rename is atomic: a concurrent judge either sees the whole build or none.
      await fs.rename(staging, dir).catch(async (error: NodeJS.ErrnoException) => {
        await fs.rm(staging, { recursive: true, force: true });
        if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      });
      return { dir, language, kind };
    } finally {
      await box.destroy();
    }
  }
}

function pickPythonEntry(names: string[]): string {
  const py = names.filter((n) => n.endsWith('.py'));
  return py.length === 1
    ? py[0]
    : (['validate.py', 'validator.py', 'main.py', 'check.py'].find((n) => py.includes(n)) ?? py[0]);
}

/**
 * Builds are mounted into boxes by path (by bubblewrap, as the box's user), so every folder above them must be
 * searchable by others. The validators folder itself is searchable but not listable (0711): a build's name is
 * the hash of its sources, so no one who does not have them can name it, and no run's command line shows it.
 */
async function assertReachableByBoxes(cacheDir: string): Promise<void> {
  await fs.mkdir(join(cacheDir, 'validators'), { recursive: true, mode: 0o711 });
  await fs.chmod(join(cacheDir, 'validators'), 0o711);
  let path = resolve(cacheDir, 'validators');
  for (;;) {
    const stat = await fs.stat(path);
    if ((stat.mode & 0o001) === 0) {
      throw new JudgeSystemError(
        `the cache folder ${cacheDir} cannot be reached by sandbox users: ${path} is not searchable by others (chmod o+x, or set JUDGE_CACHE_DIR)`,
      );
    }
    const parent = dirname(path);
    if (parent === path) return;
    path = parent;
  }
}

async function isDir(path: string): Promise<boolean> {
  return (await fs.stat(path).catch(() => null))?.isDirectory() ?? false;
}
