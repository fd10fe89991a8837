import { createWriteStream, promises as fs } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

/**
 * Extracts a package zip that this API made itself (authored problems are edited as folders). Entries are
 * still checked: no absolute paths, no `..`, regular files only.
 */
export async function unzipTo(zipPath: string, target: string): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: yauzl.Entry) => {
        void (async () => {
          const name = normalize(entry.fileName);
          if (name.startsWith('/') || name.split('/').includes('..')) throw new Error(`unsafe entry ${entry.fileName}`);
          if (!entry.fileName.endsWith('/')) {
            const path = join(target, name);
            await fs.mkdir(dirname(path), { recursive: true });
            const stream = await new Promise<NodeJS.ReadableStream>((res, rej) =>
              zip.openReadStream(entry, (error, s) => (error ? rej(error) : res(s))),
            );
            await pipeline(stream, createWriteStream(path, { flags: 'wx', mode: 0o644 }));
          }
          zip.readEntry();
        })().catch(reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}
