import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, parseDocument, stringify } from 'yaml';

/**
 * Writing a package folder, for problems made without a zip (the API's authoring): the files come out in the
 * layout loadProblemPackage reads (legacy format), so what is written is read back by the one loader.
 */

/** What problem.yaml says of a problem written by hand. */
export interface ProblemYamlSettings {
  name: string;
  validation: 'default' | 'custom';
  /** Flags for the output validator (`float_tolerance 1e-6`); none when empty. */
  validatorFlags?: string;
  /** problem.yaml `limits.memory`, MiB. */
  memoryMb: number;
}

/** A test's place: data/sample or data/secret, optionally in a subgroup (`group1`, `group1/part2`). */
export interface TestPlace {
  sample: boolean;
  group?: string;
}

const TEST_NAME = /^(sample|secret)(\/[A-Za-z0-9_-]{1,40}){1,5}$/;
const GROUP = /^[A-Za-z0-9_-]{1,40}(\/[A-Za-z0-9_-]{1,40}){0,3}$/;

/** True for a test name below data/ that a writer accepts: `secret/group1/03`; never `..` or an absolute path. */
export function isWritableTestName(name: string): boolean {
  return TEST_NAME.test(name);
}

/** True for a subgroup a writer accepts: letters, digits, `_` and `-`, up to four levels. */
export function isWritableGroup(group: string): boolean {
  return GROUP.test(group);
}

/** problem.yaml of a legacy-format package. */
export async function writeProblemYaml(root: string, settings: ProblemYamlSettings): Promise<void> {
  const yaml: Record<string, unknown> = {
    name: settings.name,
    validation: settings.validation,
    limits: { memory: settings.memoryMb },
  };
  if (settings.validatorFlags) yaml.validator_flags = settings.validatorFlags;
  await writeFile(path.join(root, 'problem.yaml'), stringify(yaml));
}

/** What the browser's editor changes of an existing package's settings. */
export interface PackageSettingsChange {
  name: string;
  memoryMb: number;
  timeLimitMs: number;
  /** Legacy `validation` and `validator_flags`; left as they are when absent. */
  validation?: 'default' | 'custom';
  validatorFlags?: string;
}

/**
 * Changes problem.yaml of an existing package in place, keeping its other keys and comments: the name (the English
 * one of a map of names), limits.memory, the time limit where the package keeps it (limits.time_limit when it has
 * one, else `.timelimit`), and legacy validation settings.
 */
export async function updateProblemYaml(root: string, change: PackageSettingsChange): Promise<void> {
  const file = path.join(root, 'problem.yaml');
  const text = await readFile(file, 'utf8').catch(() => '');
  const doc = parseDocument(text.trim() === '' ? '{}' : text);
  const name = doc.get('name');
  if (isMap(name) && name.items.length > 0) {
    const first = (name.items[0].key as { value?: unknown }).value;
    const key = name.has('en') || typeof first !== 'string' ? 'en' : first;
    name.set(key, change.name);
  } else {
    doc.set('name', change.name);
  }
  if (!isMap(doc.get('limits'))) doc.set('limits', doc.createNode({}));
  doc.setIn(['limits', 'memory'], change.memoryMb);
  if (doc.hasIn(['limits', 'time_limit'])) doc.setIn(['limits', 'time_limit'], change.timeLimitMs / 1000);
  else await writeTimeLimitFile(root, change.timeLimitMs);
  if (change.validation !== undefined) {
    doc.set('validation', change.validation);
    if (change.validatorFlags) doc.set('validator_flags', change.validatorFlags);
    else doc.delete('validator_flags');
  }
  await writeFile(file, doc.toString());
}

/** Removes the output validators of a legacy package (output_validators/), before another replaces them. */
export async function removeOutputValidators(root: string): Promise<void> {
  await rm(path.join(root, 'output_validators'), { recursive: true, force: true });
}

/** The text of a `.timelimit` file for a time limit in ms: seconds, as parseTimeLimitFile reads them. */
export function formatTimeLimitFile(timeLimitMs: number): string {
  if (!Number.isInteger(timeLimitMs) || timeLimitMs <= 0) {
    throw new RangeError(`timeLimitMs must be a positive whole number, got ${timeLimitMs}`);
  }
  return `${timeLimitMs / 1000}\n`;
}

/** `.timelimit` at the package root (BAPCtools' and DOMjudge's file). */
export async function writeTimeLimitFile(root: string, timeLimitMs: number): Promise<void> {
  await writeFile(path.join(root, '.timelimit'), formatTimeLimitFile(timeLimitMs));
}

/** The statement in Markdown: problem_statement/problem.<language>.md. */
export async function writeStatement(root: string, markdown: string, language = 'en'): Promise<void> {
  const folder = path.join(root, 'problem_statement');
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, `problem.${language}.md`), markdown);
}

/** An output validator's single source file: output_validators/<name>/<fileName>. */
export async function writeOutputValidator(
  root: string,
  name: string,
  fileName: string,
  source: string,
): Promise<void> {
  if (!isWritableGroup(name) || name.includes('/') || path.basename(fileName) !== fileName) {
    throw new RangeError(`not a validator name and file name: ${name}/${fileName}`);
  }
  const folder = path.join(root, 'output_validators', name);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, fileName), source);
}

/** data/sample and data/secret, empty. */
export async function writeTestDataFolders(root: string): Promise<void> {
  await mkdir(path.join(root, 'data', 'sample'), { recursive: true });
  await mkdir(path.join(root, 'data', 'secret'), { recursive: true });
}

/**
 * Adds a test under the next free two-digit name of its group (`01`, `02`, ...) and returns its name below
 * data/ (`secret/group1/03`).
 */
export async function addTestCase(
  root: string,
  place: TestPlace,
  input: string | Buffer,
  answer: string | Buffer,
): Promise<string> {
  if (place.group !== undefined && !isWritableGroup(place.group)) {
    throw new RangeError(`not a test group name: ${place.group}`);
  }
  const group = [place.sample ? 'sample' : 'secret', ...(place.group ? place.group.split('/') : [])];
  const folder = path.join(root, 'data', ...group);
  await mkdir(folder, { recursive: true });
  const taken = new Set((await readdir(folder)).map((f) => f.replace(/\.(in|ans)$/, '')));
  let n = 1;
  while (taken.has(String(n).padStart(2, '0'))) n++;
  const name = [...group, String(n).padStart(2, '0')].join('/');
  await writeTestFiles(root, name, input, answer);
  return name;
}

/** Replaces an existing test's input and answer; false when there is no such test. */
export async function replaceTestCase(
  root: string,
  name: string,
  input: string | Buffer,
  answer: string | Buffer,
): Promise<boolean> {
  if (!(await hasTestCase(root, name))) return false;
  await writeTestFiles(root, name, input, answer);
  return true;
}

/** Removes a test's input and answer; false when there is no such test. */
export async function removeTestCase(root: string, name: string): Promise<boolean> {
  if (!(await hasTestCase(root, name))) return false;
  const base = testBase(root, name);
  await rm(`${base}.in`);
  await rm(`${base}.ans`, { force: true });
  return true;
}

/** Number of tests (`.in` files) under data/. */
export async function countTestCases(root: string): Promise<number> {
  const entries = await readdir(path.join(root, 'data'), { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && e.name.endsWith('.in')).length;
}

async function hasTestCase(root: string, name: string): Promise<boolean> {
  if (!isWritableTestName(name)) return false;
  return (await stat(`${testBase(root, name)}.in`).catch(() => null)) !== null;
}

async function writeTestFiles(root: string, name: string, input: string | Buffer, answer: string | Buffer) {
  const base = testBase(root, name);
  await writeFile(`${base}.in`, input);
  await writeFile(`${base}.ans`, answer);
}

function testBase(root: string, name: string): string {
  if (!isWritableTestName(name)) throw new RangeError(`not a test name: ${name}`);
  return path.join(root, 'data', ...name.split('/'));
}
