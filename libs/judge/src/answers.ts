import { open, readdir, stat as statPath } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import * as yauzl from 'yauzl';
import type { TestCase } from '@judge/problem-package';
import type { SubmissionSource } from './api';
import { JudgeRequestError } from './errors';

/** Endings an answer file may have: `.out` as the format names outputs, `.ans` as setters copy answer files. */
const ANSWER_EXTENSIONS = ['.out', '.ans'];

/** Where the answer to one test is: a file on disk, text given with the request, or a zip entry over the limit. */
type AnswerFile = { shown: string; path: string } | { shown: string; data: Buffer } | { shown: string; bytes: number };

export interface AnswerLimits {
  /** The largest answer read; a larger one is reported as too large, unread. */
  answerBytes: number;
  maxFiles: number;
  /** All the answers of a zip together, inflated. */
  zipBytes: number;
}

/** What a submit-answer submission says for one test. */
export type Answer =
  | { kind: 'answer'; data: Buffer }
  /** Larger than the output limit: read no further (OLE). */
  | { kind: 'too-large'; bytes: number }
  | { kind: 'missing' };

/**
 * The answers of a submit-answer submission, one per test: a folder or a `.zip` of files named after the tests
 * (`secret/group1/03.out`, or `03.out` when no other test has that name), or a single file for a problem with a
 * single test (or one named after a test). Files that answer no test are ignored; two files answering the same
 * test, links and more files than `maxFiles` are refused. Answers are read when their test is judged.
 */
export class AnswerSet {
  private constructor(private readonly byTest: ReadonlyMap<string, AnswerFile>) {}

  static async open(source: SubmissionSource, tests: readonly TestCase[], limits: AnswerLimits): Promise<AnswerSet> {
    if ('files' in source) {
      // Answers sent as files (the API's `files`): each named after its test, as in a folder.
      const files = new Map(
        source.files.map((f) => [f.name, { shown: f.name, data: Buffer.from(f.content, 'utf8') }] as const),
      );
      return new AnswerSet(matchTests(files, tests));
    }
    if (!('path' in source))
      return AnswerSet.single(
        source.fileName,
        { shown: source.fileName, data: Buffer.from(source.code, 'utf8') },
        tests,
      );
    const stat = await statPath(source.path).catch(() => null);
    if (stat?.isFile() && extname(source.path).toLowerCase() === '.zip') {
      return new AnswerSet(matchTests(await listZip(source.path, limits), tests));
    }
    if (stat?.isFile())
      return AnswerSet.single(basename(source.path), { shown: basename(source.path), path: source.path }, tests);
    if (!stat?.isDirectory()) throw new JudgeRequestError('SOURCE_UNREADABLE', `cannot read answers ${source.path}`);
    const files = await listFolder(source.path, limits.maxFiles);
    return new AnswerSet(matchTests(files, tests));
  }

  /** One file: the answer of a problem's only test, else of the test it is named after. */
  private static single(name: string, file: AnswerFile, tests: readonly TestCase[]): AnswerSet {
    if (tests.length === 1) return new AnswerSet(new Map([[tests[0].name, file]]));
    const matched = matchTests(new Map([[name, file]]), tests);
    if (matched.size === 0) {
      throw new JudgeRequestError(
        'ANSWERS_INVALID',
        `${name}: this problem has ${tests.length} tests; submit a folder with one answer file per test, named after it (for example ${tests[0].name}.out)`,
      );
    }
    return new AnswerSet(matched);
  }

  /** The answer to `test`, read up to `maxBytes`. */
  async read(test: TestCase, maxBytes: number): Promise<Answer> {
    const file = this.byTest.get(test.name);
    if (!file) return { kind: 'missing' };
    if ('bytes' in file) return { kind: 'too-large', bytes: file.bytes };
    if ('data' in file) {
      return file.data.length > maxBytes
        ? { kind: 'too-large', bytes: file.data.length }
        : { kind: 'answer', data: file.data };
    }
    const handle = await open(file.path, 'r');
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) return { kind: 'too-large', bytes: size };
      return { kind: 'answer', data: await handle.readFile() };
    } finally {
      await handle.close();
    }
  }
}

/** Answer files of a folder by their `/` path below it, links refused (they could lead anywhere on the host). */
async function listFolder(root: string, maxFiles: number): Promise<Map<string, AnswerFile>> {
  const files = new Map<string, AnswerFile>();
  const walk = async (dir: string, prefix: string): Promise<void> => {
    // In name order, so that messages do not depend on the file system's order.
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const rel = `${prefix}${entry.name}`;
      if (entry.isSymbolicLink())
        throw new JudgeRequestError('ANSWERS_INVALID', `${rel}: links are not allowed among answers`);
      if (entry.isDirectory()) await walk(join(dir, entry.name), `${rel}/`);
      else if (entry.isFile() && ANSWER_EXTENSIONS.some((e) => entry.name.endsWith(e))) {
        files.set(rel, { shown: rel, path: join(dir, entry.name) });
        if (files.size > maxFiles) {
          throw new JudgeRequestError('ANSWERS_INVALID', `more than ${maxFiles} answer files`);
        }
      }
    }
  };
  await walk(root, '');
  return files;
}

/**
 * Answer files of a zip by their name, read into memory: plain files only (no links), names that stay inside the
 * archive, each over `answerBytes` kept only as its size, and at most `zipBytes` in all (sizes checked as inflated).
 */
async function listZip(zipPath: string, limits: AnswerLimits): Promise<Map<string, AnswerFile>> {
  const zipName = basename(zipPath);
  const invalid = (why: string) => new JudgeRequestError('ANSWERS_INVALID', `${zipName}: ${why}`);
  let zipfile: yauzl.ZipFile;
  try {
    zipfile = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch (error) {
    throw invalid(`not a readable zip archive (${(error as Error).message})`);
  }
  const files = new Map<string, AnswerFile>();
  let total = 0;
  try {
    for await (const entry of zipfile.eachEntry()) {
      const name = entry.fileName;
      if (name.endsWith('/') || !ANSWER_EXTENSIONS.some((e) => name.endsWith(e))) continue;
      if (name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) {
        throw invalid(`unsafe entry ${JSON.stringify(name)}`);
      }
      const type = (entry.externalFileAttributes >>> 16) & 0o170000;
      if (type !== 0 && type !== 0o100000) throw invalid(`${name}: only plain files may be answers`);
      if (files.size >= limits.maxFiles) throw invalid(`more than ${limits.maxFiles} answer files`);
      if (entry.uncompressedSize > limits.answerBytes) {
        files.set(name, { shown: name, bytes: entry.uncompressedSize });
        continue;
      }
      total += entry.uncompressedSize;
      if (total > limits.zipBytes) throw invalid(`the answers add up to more than ${limits.zipBytes} bytes`);
      const chunks: Buffer[] = [];
      for await (const chunk of await zipfile.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      files.set(name, { shown: name, data: Buffer.concat(chunks) });
    }
  } catch (error) {
    if (error instanceof JudgeRequestError) throw error;
    throw invalid(`corrupt zip archive (${(error as Error).message})`);
  } finally {
    zipfile.close();
  }
  return files;
}

/** Which test each file answers: by its path (`secret/03.out`), else by its base name when that is unambiguous. */
function matchTests(files: ReadonlyMap<string, AnswerFile>, tests: readonly TestCase[]): Map<string, AnswerFile> {
  const byName = new Map(tests.map((t) => [t.name, t]));
  const byBase = new Map<string, TestCase[]>();
  for (const t of tests) {
    const base = t.name.slice(t.name.lastIndexOf('/') + 1);
    byBase.set(base, [...(byBase.get(base) ?? []), t]);
  }
  const matched = new Map<string, AnswerFile>();
  for (const [rel, file] of files) {
    const extension = ANSWER_EXTENSIONS.find((e) => rel.endsWith(e));
    if (!extension) continue;
    const stem = rel.slice(0, -extension.length);
    const sameBase = byBase.get(stem);
    const test = byName.get(stem) ?? (sameBase?.length === 1 ? sameBase[0] : undefined);
    if (!test) continue;
    const other = matched.get(test.name);
    if (other) {
      throw new JudgeRequestError(
        'ANSWERS_INVALID',
        `two answers for test ${test.name}: ${other.shown} and ${file.shown}`,
      );
    }
    matched.set(test.name, file);
  }
  return matched;
}
