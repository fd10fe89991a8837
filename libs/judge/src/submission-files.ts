import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import { TextDecoder } from 'node:util';
import { SUBMISSION_LIMITS, type SubmissionFile } from '@judge/contract';
import { JudgeRequestError } from './errors';

/** A submission as read: its files, and whether it was one plain source (saved under the language's own name). */
export interface SubmissionFiles {
  files: SubmissionFile[];
  single: boolean;
  /** The folder's name, for a folder submission. */
  folder?: string;
}

/**
 * Reads a submission folder: every regular file below it, hidden names (`.git`, `.gitignore`) left out as the
 * package format says. A link, a device or a fifo is refused with its name, and so is going past the caps: nothing
 * of the host is read through the folder.
 */
export async function readSubmissionFolder(folder: string, maxTotalBytes: number): Promise<SubmissionFiles> {
  const files: SubmissionFile[] = [];
  let total = 0;
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const names = (await fs.readdir(dir)).filter((n) => !n.startsWith('.')).sort();
    for (const name of names) {
      const rel = prefix + name;
      const path = join(dir, name);
      const stat = await fs.lstat(path);
      if (stat.isSymbolicLink()) throw invalid(`${rel}: a link is not a file of a submission`);
      if (stat.isDirectory()) {
        await walk(path, `${rel}/`);
        continue;
      }
      if (!stat.isFile()) throw invalid(`${rel}: not a regular file`);
      if (files.length >= SUBMISSION_LIMITS.maxFiles) {
        throw invalid(`${folder}: more than ${SUBMISSION_LIMITS.maxFiles} files; a submission has at most that many`);
      }
      total += stat.size;
      if (total > maxTotalBytes) {
        throw new JudgeRequestError(
          'SOURCE_TOO_LARGE',
          `${folder}: its files add up to more than ${maxTotalBytes} bytes (at ${rel}); the limit is ${maxTotalBytes}`,
        );
      }
      files.push({ name: rel, content: decodeText(rel, await fs.readFile(path)) });
    }
  };
  await walk(folder, '');
  if (files.length === 0) throw invalid(`${folder}: an empty folder is not a submission`);
  return { files, single: false, folder: basename(folder) };
}

/** UTF-8 text, or the submission's fault: sources are text, and a binary (an object file) is not a source. */
export function decodeText(name: string, data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new JudgeRequestError('SOURCE_NOT_TEXT', `${name} is not UTF-8 text`);
  }
}

function invalid(message: string): JudgeRequestError {
  return new JudgeRequestError('FILES_INVALID', message);
}
