import { posix } from 'node:path';
import yauzl from 'yauzl';
import { ZipFile } from 'yazl';
import type { PackageFiles } from './contest-package';

/** A zip's files by path, under its single top folder when it has one (`contest/contest.yaml` as `contest.yaml`). */
export async function readZipFiles(data: Buffer, maxBytes: number): Promise<PackageFiles> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(data, { lazyEntries: true }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  const files: PackageFiles = new Map();
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: yauzl.Entry) => {
        void (async () => {
          const name = posix.normalize(entry.fileName);
          if (name.startsWith('/') || name.split('/').includes('..')) throw new Error(`unsafe entry ${entry.fileName}`);
          if (!entry.fileName.endsWith('/')) {
            // The declared sizes are checked by yauzl as it inflates: a zip bomb stops at the limit.
            total += entry.uncompressedSize;
            if (total > maxBytes) throw new Error(`the files add up to more than ${maxBytes} bytes`);
            const stream = await new Promise<NodeJS.ReadableStream>((res, rej) =>
              zip.openReadStream(entry, (error, s) => (error ? rej(error) : res(s))),
            );
            const chunks: Buffer[] = [];
            for await (const chunk of stream) chunks.push(chunk as Buffer);
            files.set(name, Buffer.concat(chunks));
          }
          zip.readEntry();
        })().catch(reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return withoutTopFolder(files);
}

function withoutTopFolder(files: PackageFiles): PackageFiles {
  const tops = new Set([...files.keys()].map((p) => p.split('/')[0]));
  const [top] = tops;
  if (tops.size !== 1 || [...files.keys()].some((p) => !p.includes('/'))) return files;
  return new Map([...files].map(([path, data]) => [path.slice(top.length + 1), data]));
}

/**
 * Files by path as a zip, under one top folder (the CCS spec asks the package's folder to be the contest id), or
 * at its root when `topName` is null (a submission's files.zip).
 */
export async function writeZipFiles(files: PackageFiles, topName: string | null): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [path, data] of files) zip.addBuffer(data, topName === null ? path : `${topName}/${path}`);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
