import { mkdtemp, realpath, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MiB } from '@judge/contract';
import { isPackageError, isSystemError, PackageError } from './errors';
import { isInside, PackageDir } from './package-dir';
import { parseProblemYaml, type ProblemMetadata } from './problem-yaml';
import { loadIncludes } from './includes';
import { findStatement, nameFromStatement } from './statement';
import { loadSubmissions } from './submissions';
import { loadTestData } from './testdata';
import { parseDomjudgeIni } from './domjudge-ini';
import { parseTimeLimitFile } from './time-limit';
import { isPolygonPackage, loadPolygonPackage } from './polygon/load-polygon';
import type { ProblemLimits, ProblemPackage } from './types';
import { findOutputValidator, outputValidatorFolders } from './validators';
import { extractZip } from './zip';

export interface LoadOptions {
  /** Largest accepted archive file, in bytes (default 256 MiB). */
  maxZipBytes?: number;
  /** Largest total size of an archive's contents once inflated, in bytes (default 1 GiB). */
  maxUncompressedBytes?: number;
  /** Most entries an archive may hold (default 100000). */
  maxEntries?: number;
  /** Where the temporary folder for an extracted archive is created (default os.tmpdir()). */
  extractDir?: string;
}

export interface LoadedPackage extends ProblemPackage {
  /**
   * The single top folder of an archive that holds the package in one (`hello/` of `hello (1).zip`): the problem's
   * name as its folder gives it, whatever the archive's file was renamed to. Null for a folder or a flat archive.
   */
  archiveFolder: string | null;
  /** Removes the temporary folder a zip was extracted to; does nothing for folder packages. */
  dispose(): Promise<void>;
}

const ZIP_EXTENSIONS = ['.zip', '.kpp'];

/** Loads a problem package from a folder or a `.zip`/`.kpp` archive. Bad packages reject with a PackageError. */
export async function loadProblemPackage(source: string, options: LoadOptions = {}): Promise<LoadedPackage> {
  const info = await stat(source).catch(() => null);
  if (info?.isDirectory()) {
    const root = await realpath(source);
    const problem = await wrapSystemErrors(root, () => loadFolder(root, null));
    return { ...problem, archiveFolder: null, dispose: () => Promise.resolve() };
  }
  if (info?.isFile() && ZIP_EXTENSIONS.includes(path.extname(source).toLowerCase())) {
    return loadZip(source, options);
  }
  throw new PackageError(
    'PACKAGE_NOT_FOUND',
    info ? `${source}: not a folder or a .zip archive` : `${source}: no such folder or file`,
  );
}

async function loadZip(source: string, options: LoadOptions): Promise<LoadedPackage> {
  const shortName = path.basename(source, path.extname(source));
  const temp = await mkdtemp(path.join(options.extractDir ?? os.tmpdir(), 'judge-problem-'));
  const dispose = () => rm(temp, { recursive: true, force: true });
  try {
    // The folder keeps the archive's name when it is a plain file name (problemtools checks names against it).
    const root = path.join(temp, /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(shortName) ? shortName : 'problem');
    const { topFolder } = await wrapSystemErrors(temp, () =>
      extractZip(source, root, {
        maxZipBytes: options.maxZipBytes ?? 256 * MiB,
        maxUncompressedBytes: options.maxUncompressedBytes ?? 1024 * MiB,
        maxEntries: options.maxEntries ?? 100_000,
      }),
    );
    const problem = await wrapSystemErrors(root, () => loadFolder(root, shortName));
    return { ...problem, archiveFolder: topFolder, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** Unreadable files and the like become PackageErrors too: callers then only ever handle one kind of failure. */
async function wrapSystemErrors<T>(base: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isPackageError(error) || !isSystemError(error)) throw error;
    // Name the file relative to the package, as every other message does.
    const file = error.path ?? base;
    const where = isInside(base, file) ? path.relative(base, file) || '.' : path.basename(file);
    throw new PackageError('PACKAGE_UNREADABLE', `${where}: cannot read (${error.code})`, { cause: error });
  }
}

/** problem.yaml, and the limits it gives with `.timelimit` and DOMjudge's `domjudge-problem.ini` read. */
async function readProblemYaml(dir: PackageDir): Promise<{ meta: ProblemMetadata; limits: ProblemLimits }> {
  const yamlEntry = await dir.entry('problem.yaml');
  const iniEntry = await dir.entry('domjudge-problem.ini');
  const ini = iniEntry?.kind === 'file' ? parseDomjudgeIni(await dir.readText(iniEntry.real, 64 * 1024)) : null;
  // DOMjudge takes a package with only domjudge-problem.ini; problem.yaml then means the legacy defaults.
  if ((!yamlEntry || yamlEntry.kind !== 'file') && !ini) {
    throw new PackageError('PROBLEM_YAML_MISSING', `problem.yaml: missing at the package root (${dir.root})`);
  }
  const meta = parseProblemYaml(yamlEntry?.kind === 'file' ? await dir.readText(yamlEntry.real) : '');
  if (ini) {
    // As DOMjudge: problem.yaml's name wins over the ini's.
    meta.name ??= ini.name;
    meta.warnings.push(...ini.warnings);
  }
  let limits = await withTimeLimitFile(dir, meta.limits);
  // DOMjudge reads the ini's timelimit first, then `.timelimit`; problem.yaml's limits.time_limit wins over both.
  if (ini?.timeLimitMs && meta.limits.timeLimitMs === null) {
    limits = { ...limits, timeLimitMs: ini.timeLimitMs, timeLimitSource: 'domjudge-problem.ini' };
  }
  return { meta, limits };
}

async function loadFolder(folder: string, shortName: string | null): Promise<ProblemPackage> {
  const dir = await PackageDir.open(folder);
  if (await isPolygonPackage(dir)) return loadPolygonPackage(dir, shortName);
  const { meta, limits } = await readProblemYaml(dir);

  const found = await findOutputValidator(dir, meta.formatVersion);
  // Legacy: `validation` decides, and a validator next to `validation: default` is ignored, as the spec says the
  // default validator is used then (problemtools flags the package but judges with the default one).
  // 2023-07: there is no `validation` key; a present output_validator/ is the validator.
  const validation = meta.validation ?? (found ? 'custom' : 'default');
  // Only a program can ask for another pass (nextpass.in): multi-pass problems need one, as interactive ones do.
  const needsValidator = validation === 'custom' || meta.interactive || meta.multiPass;
  const validatorFolder = `${outputValidatorFolders(meta.formatVersion)[0]}/`;
  if (needsValidator && !found) {
    const why = meta.interactive
      ? 'interactive problems need one'
      : meta.multiPass
        ? 'multi-pass problems need one to write nextpass.in'
        : 'problem.yaml says validation: custom';
    throw new PackageError(
      'VALIDATOR_MISSING',
      `${validatorFolder}: no output validator (C, C++ or Python sources) found, but ${why}`,
    );
  }
  if (meta.multiPass && found?.kind === 'testlib') {
    throw new PackageError(
      'UNSUPPORTED_PROBLEM_TYPE',
      `${validatorFolder}: a testlib checker cannot run a multi-pass problem (it has no feedback folder for nextpass.in)`,
    );
  }

  const warnings = [...meta.warnings];
  const data = await loadTestData(dir, meta.formatVersion, meta.legacyGrading, meta.type, warnings);
  const statementPath = await findStatement(dir, meta.formatVersion);
  const submissions = await loadSubmissions(dir, meta.formatVersion);
  for (const name of ['static_validator']) {
    const entry = await dir.entry(name);
    if (entry?.kind === 'dir') warnings.push(IGNORED_FOLDERS[name]);
  }
  return {
    root: dir.root,
    shortName: shortName ?? path.basename(dir.root),
    name: meta.name ?? (await legacyName(dir, statementPath)) ?? shortName ?? path.basename(dir.root),
    formatVersion: meta.formatVersion,
    type: meta.type,
    interactive: meta.interactive,
    multiPass: meta.multiPass,
    submitAnswer: meta.submitAnswer,
    languages: meta.languages,
    keywords: meta.keywords,
    allowWritingFiles: meta.allowWritingFiles,
    warnings,
    validation: needsValidator ? 'custom' : 'default',
    validatorScores: isScoringValidator(meta, needsValidator),
    validatorFlags: meta.validatorFlags,
    limits,
    outputValidator: needsValidator ? found : null,
    data,
    submissions,
    includes: await loadIncludes(dir),
    statementPath,
    raw: meta.raw,
  };
}

/** Folders of a package that the judge does not use yet, with what that means. */
const IGNORED_FOLDERS: Readonly<Record<string, string>> = {
  static_validator: 'static_validator/: static validators are not run',
};

/** What a package says about itself without its tests: a problem being written may have none yet. */
export interface PackageHeader {
  name: string;
  formatVersion: ProblemPackage['formatVersion'];
  /** Legacy `validation` (default or custom); null in 2023-07 and later, where output_validator/ decides. */
  validation: 'default' | 'custom' | null;
  /** Legacy `validator_flags`. */
  validatorFlags: string[];
  multiPass: boolean;
  type: ProblemPackage['type'];
  interactive: boolean;
  /** problem.yaml's limits, with `.timelimit` read as loadProblemPackage reads it. */
  limits: ProblemLimits;
  statementPath: string | null;
}

/** Reads problem.yaml, `.timelimit` and finds the statement of a package folder, as loadProblemPackage does. */
export async function loadPackageHeader(folder: string): Promise<PackageHeader> {
  return wrapSystemErrors(folder, async () => {
    const dir = await PackageDir.open(folder);
    const { meta, limits } = await readProblemYaml(dir);
    const statementPath = await findStatement(dir, meta.formatVersion);
    return {
      name: meta.name ?? (await legacyName(dir, statementPath)) ?? path.basename(dir.root),
      formatVersion: meta.formatVersion,
      validation: meta.validation,
      validatorFlags: meta.validatorFlags,
      multiPass: meta.multiPass,
      type: meta.type,
      interactive: meta.interactive,
      limits,
      statementPath,
    };
  });
}

function isScoringValidator(meta: ProblemMetadata, custom: boolean): boolean {
  if (!custom) return false;
  return meta.formatVersion === 'legacy' ? meta.validatorScores : meta.type === 'scoring';
}

/** Old legacy packages name the problem only in the statement's `\problemname{...}`. */
async function legacyName(dir: PackageDir, statementPath: string | null): Promise<string | null> {
  return statementPath ? nameFromStatement(await dir.readText(statementPath)) : null;
}

/** problem.yaml's time_limit wins; otherwise a `.timelimit` file at the root (written by BAPCtools, read by DOMjudge). */
async function withTimeLimitFile(dir: PackageDir, limits: ProblemLimits): Promise<ProblemLimits> {
  if (limits.timeLimitMs !== null) return limits;
  const file = await dir.entry('.timelimit');
  if (!file || file.kind !== 'file') return limits;
  const timeLimitMs = parseTimeLimitFile(await dir.readText(file.real, 1024));
  return { ...limits, timeLimitMs, timeLimitSource: '.timelimit' };
}
