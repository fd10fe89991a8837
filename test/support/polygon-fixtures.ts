import { promises as fs } from 'node:fs';
import { join, relative } from 'node:path';
import { ZipFile } from 'yazl';
import { EXAMPLES, REPO } from './harness';

/** The Polygon-style packages written for the tests (libs/problem-package/src/polygon/__fixtures__). */
export const POLYGON_FIXTURES = join(REPO, 'libs', 'problem-package', 'src', 'polygon', '__fixtures__');

/**
 * The repository's one testlib.h, a stand-in written for its examples. The fixtures leave it out of their
 * files/, as the one copy stays where it is; a package gets it when it is laid out for a test.
 */
const TESTLIB_H = join(EXAMPLES, 'max-subarray-testlib', 'output_validators', 'checker', 'testlib.h');

/** Lays out a fixture as Polygon builds it, testlib.h in files/, in `into`; answers its folder. */
export async function polygonPackage(name: string, into: string): Promise<string> {
  const folder = join(into, name);
  await fs.cp(join(POLYGON_FIXTURES, name), folder, { recursive: true });
  const files = join(folder, 'files');
  if ((await fs.stat(files).catch(() => null))?.isDirectory()) await fs.copyFile(TESTLIB_H, join(files, 'testlib.h'));
  return folder;
}

/** A package folder zipped as Polygon's zips are: problem.xml and the rest at the archive's root. */
export async function zipAtRoot(folder: string): Promise<Buffer> {
  const zip = new ZipFile();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) zip.addFile(path, relative(folder, path));
    }
  };
  await walk(folder);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
