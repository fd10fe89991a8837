import { constants, promises as fs } from 'node:fs';
import { join } from 'node:path';

const SYSTEM_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Finds an executable on the system path (not the caller's PATH, which may point into a home folder). */
export async function findExecutable(name: string, dirs: readonly string[] = SYSTEM_PATH): Promise<string | null> {
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      await fs.access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // next
    }
  }
  return null;
}
