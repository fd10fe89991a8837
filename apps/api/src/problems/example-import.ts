import { Logger } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { AuditActor } from '../audit/audit-log.service';
import type { ProblemsService } from './problems.service';
import { zipFolder } from './zip-folder';

export const EXAMPLES_DIR = join(__dirname, '..', '..', '..', '..', 'examples', 'problems');

/**
 * On a first start (no problem yet), the example problems are imported so that a newcomer can try the judge: public,
 * so that every user sees them in practice at once. Recorded in the audit log as the admin's, from no address.
 */
export async function importExamplesOnFirstStart(
  problems: ProblemsService,
  admin: AuditActor,
  dir = EXAMPLES_DIR,
): Promise<number> {
  if ((await problems.list()).length > 0) return 0;
  const logger = new Logger('Examples');
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  let count = 0;
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    try {
      const zip = await zipFolder(join(dir, entry.name), entry.name);
      await problems.createFromZip(zip, `${entry.name}.zip`, admin, 'public');
      count++;
    } catch (error) {
      logger.warn(`example ${entry.name} not imported: ${(error as Error).message}`);
    }
  }
  return count;
}
