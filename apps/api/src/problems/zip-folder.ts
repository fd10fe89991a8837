import { promises as fs } from 'node:fs';
import { join, relative } from 'node:path';
import { ZipFile } from 'yazl';

/** A problem package folder as a zip, with the folder's name as the single top folder. */
export async function zipFolder(root: string, topName: string): Promise<Buffer> {
  const zip = new ZipFile();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) zip.addFile(path, `${topName}/${relative(root, path)}`);
    }
  };
  await walk(root);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
