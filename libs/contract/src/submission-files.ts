import { KiB } from './units';

/**
 * Submissions of several files: the shape every part carries (the API's body and answers, the job payload, the
 * judge), the rules their names follow and the caps, written once here so that the web UI, the API, the runner and
 * the `judge` command refuse the same things with the same words.
 */

/** One file of a submission: a plain name (a relative path only where the language allows folders) and its text. */
export interface SubmissionFile {
  name: string;
  content: string;
}

/**
 * What a submission carries besides naming its problem (POST /api/submissions, a contest's or an assignment's
 * submission): one `source`, or `files` with, when the language's rule cannot tell, the `entryPoint` (the file, or
 * in Java and Kotlin the class, that starts the program). Exactly one of `source` and `files`.
 */
export interface SubmissionProgram {
  language: string;
  source?: string;
  files?: SubmissionFile[];
  entryPoint?: string;
}

export const SUBMISSION_LIMITS = {
  /** Most files in one submission (DOMjudge's default `sourcefiles_limit`). */
  maxFiles: 100,
  /** Most bytes of all files together, UTF-8: the judge's limit on a single source too. */
  maxTotalBytes: 256 * KiB,
  /** Longest name, folders included. */
  maxNameLength: 255,
} as const;

/** A name part: letters, digits, `_`, `-`, `+`, `.`, not starting with `.` or `-` (no hidden files, no options). */
const NAME_PART = /^[A-Za-z0-9_+][A-Za-z0-9_+.-]*$/;

export interface SubmissionFilesRules {
  /** Names may have folders (`pkg/util.py`), for the languages whose modules live in folders. */
  folders: boolean;
  /** Another cap on the total size (the `judge` command's own), instead of SUBMISSION_LIMITS.maxTotalBytes. */
  maxTotalBytes?: number;
}

/**
 * Why this set of files cannot be a submission, naming the file at fault, or null when it can: names are plain
 * (never absolute, never `..`, no backslash, no folder unless `rules.folders`), unique, and within the caps. Links
 * cannot be expressed here; readers of folders refuse them before calling this.
 */
export function submissionFilesProblem(
  files: readonly SubmissionFile[],
  rules: SubmissionFilesRules = { folders: false },
): string | null {
  if (files.length === 0) return 'a submission needs at least one file';
  if (files.length > SUBMISSION_LIMITS.maxFiles) {
    return `${files.length} files: a submission has at most ${SUBMISSION_LIMITS.maxFiles}`;
  }
  const seen = new Set<string>();
  const folders = new Set<string>();
  let total = 0;
  for (const file of files) {
    const problem = fileNameProblem(file.name, rules);
    if (problem) return problem;
    if (seen.has(file.name)) return `${file.name}: two files have this name`;
    seen.add(file.name);
    const parts = file.name.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
    total += utf8Length(file.content);
  }
  const clash = [...seen].find((name) => folders.has(name));
  if (clash) return `${clash}: is both a file and a folder`;
  const max = rules.maxTotalBytes ?? SUBMISSION_LIMITS.maxTotalBytes;
  if (total > max) return `the files add up to ${total} bytes: a submission has at most ${max}`;
  return null;
}

/** Why a file's name is refused, naming it, or null. */
export function fileNameProblem(name: string, rules: SubmissionFilesRules = { folders: false }): string | null {
  const shown = JSON.stringify(name);
  if (name.length === 0) return 'a file has an empty name';
  if (name.length > SUBMISSION_LIMITS.maxNameLength) {
    return `${shown}: a name has at most ${SUBMISSION_LIMITS.maxNameLength} characters`;
  }
  if (name.startsWith('/')) return `${shown}: an absolute path is not a file name`;
  if (name.includes('\\')) return `${shown}: a backslash is not allowed in a file name`;
  const parts = name.split('/');
  if (parts.includes('..')) return `${shown}: ".." is not allowed in a file name`;
  if (parts.length > 1 && !rules.folders) return `${shown}: folders are not allowed in this language, only plain names`;
  for (const part of parts) {
    if (!NAME_PART.test(part)) {
      return `${shown}: names are made of letters, digits, "_", "-", "+" and ".", and do not start with "." or "-"`;
    }
  }
  return null;
}

/**
 * The files as one text, one after another in the given order, each ending with a newline: what `source` holds
 * for a submission of several files, what plagiarism reports compare, and what review comments count lines in.
 */
export function joinSubmissionFiles(files: readonly SubmissionFile[]): string {
  return files.map((f) => (f.content === '' || f.content.endsWith('\n') ? f.content : `${f.content}\n`)).join('');
}

/**
 * Where each file starts in joinSubmissionFiles' text: `firstLine` is the 1-based line of the joined text that is
 * the file's line 1, and `lines` how many lines it has there.
 */
export function submissionFileLines(
  files: readonly SubmissionFile[],
): { name: string; firstLine: number; lines: number }[] {
  let next = 1;
  return files.map((f) => {
    const lines = f.content === '' ? 0 : f.content.split('\n').length - (f.content.endsWith('\n') ? 1 : 0);
    const entry = { name: f.name, firstLine: next, lines };
    next += lines;
    return entry;
  });
}

function utf8Length(text: string): number {
  // TextEncoder exists in browsers and Node alike; Buffer does not exist in the browser.
  return new TextEncoder().encode(text).length;
}
