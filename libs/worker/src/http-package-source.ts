import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { MiB, type DerivedTimeLimitOffer, type StoredTimeLimit } from '@judge/contract';
import {
  isPackageHash,
  PackageUnavailableError,
  type DerivedTimeLimitStore,
  type PackageSource,
} from './package-source';

export interface HttpPackageSourceOptions {
  /** The API's base URL; packages are at `${apiUrl}/api/runner/packages/${hash}`. */
  apiUrl: string;
  /** Bearer token the API expects from runners (secret). */
  token: string;
  /** Downloaded packages are kept here as `<hash>.zip`, 0600 in a folder made 0700 (they hold the answers). */
  cacheDir: string;
  /** Largest package accepted, in bytes (default 256 MiB, the package loader's own limit). */
  maxBytes?: number;
  /** Gives up on a download after this long (default 5 min). */
  timeoutMs?: number;
}

/**
 * Packages downloaded from the API and kept on disk by content hash, and their derived time limits read from and
 * stored with the API (`/api/runner/packages/<hash>/time-limit`). A file's bytes are checked against its hash
 * each time it is taken from the cache, and downloads are written aside and renamed into place, so a crash or a
 * corrupt file costs a download, never a judgement on the wrong package.
 */
export class HttpPackageSource implements PackageSource, DerivedTimeLimitStore {
  // Concurrent jobs of one package share one download.
  private readonly pending = new Map<string, Promise<string>>();

  constructor(private readonly options: HttpPackageSourceOptions) {}

  get(hash: string): Promise<string> {
    if (!isPackageHash(hash)) return Promise.reject(new PackageUnavailableError(hash, 'not a sha256 hex digest'));
    let pending = this.pending.get(hash);
    if (!pending) {
      pending = this.fetchOnce(hash).finally(() => this.pending.delete(hash));
      this.pending.set(hash, pending);
    }
    return pending;
  }

  storedTimeLimit(hash: string): Promise<StoredTimeLimit> {
    return this.timeLimitCall(hash, 'GET');
  }

  offerTimeLimit(hash: string, offer: DerivedTimeLimitOffer): Promise<StoredTimeLimit> {
    return this.timeLimitCall(hash, 'PUT', offer);
  }

  /** A call to the package's time-limit route; failing to reach the API is worth a retry of the job. */
  private async timeLimitCall(hash: string, method: 'GET' | 'PUT', offer?: DerivedTimeLimitOffer) {
    if (!isPackageHash(hash)) throw new PackageUnavailableError(hash, 'not a sha256 hex digest');
    const url = `${this.baseUrl()}/api/runner/packages/${hash}/time-limit`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          ...(offer ? { 'content-type': 'application/json' } : {}),
        },
        body: offer ? JSON.stringify(offer) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new PackageUnavailableError(hash, `${method} ${url}: ${(error as Error).message}`, { cause: error });
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new PackageUnavailableError(hash, `${method} ${url}: HTTP ${response.status}`);
    }
    const body = (await response.json()) as StoredTimeLimit;
    if (body.timeLimitMs !== null && !(Number.isInteger(body.timeLimitMs) && body.timeLimitMs > 0)) {
      throw new PackageUnavailableError(hash, `${method} ${url}: not a time limit: ${JSON.stringify(body)}`);
    }
    return body;
  }

  private baseUrl(): string {
    return this.options.apiUrl.replace(/\/+$/, '');
  }

  private async fetchOnce(hash: string): Promise<string> {
    const file = join(this.options.cacheDir, `${hash}.zip`);
    // Packages hold the secret answers: no local user but the runner's may list or read them (a folder of an
    // older runner, made 0755 with 0644 files, is closed the first time it is used).
    await mkdir(this.options.cacheDir, { recursive: true, mode: 0o700 });
    await chmod(this.options.cacheDir, 0o700);
    const cached = await sha256OfFile(file).catch(() => null);
    if (cached === hash) {
      await chmod(file, 0o600);
      return file;
    }
    // Unique per process and call: two runners sharing the folder never write the same temporary file.
    const temp = join(this.options.cacheDir, `.${hash}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      const digest = await this.download(hash, temp);
      if (digest !== hash) throw new PackageUnavailableError(hash, `the downloaded bytes hash to ${digest}`);
      await rename(temp, file);
      return file;
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** Streams the package into `temp` and returns the sha256 of what was written. */
  private async download(hash: string, temp: string): Promise<string> {
    const url = `${this.baseUrl()}/api/runner/packages/${hash}`;
    const maxBytes = this.options.maxBytes ?? 256 * MiB;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { authorization: `Bearer ${this.options.token}` },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 300_000),
      });
    } catch (error) {
      throw new PackageUnavailableError(hash, `GET ${url}: ${(error as Error).message}`, { cause: error });
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new PackageUnavailableError(hash, `GET ${url}: HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) {
      await response.body.cancel();
      throw new PackageUnavailableError(hash, `${declared} bytes; the limit is ${maxBytes}`);
    }
    const digest = createHash('sha256');
    let size = 0;
    try {
      await pipeline(
        Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            size += chunk.length;
            if (size > maxBytes) throw new Error(`more than ${maxBytes} bytes`);
            digest.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(temp, { mode: 0o600 }),
      );
    } catch (error) {
      if (error instanceof PackageUnavailableError) throw error;
      throw new PackageUnavailableError(hash, `GET ${url}: ${(error as Error).message}`, { cause: error });
    }
    return digest.digest('hex');
  }
}

export async function sha256OfFile(file: string): Promise<string> {
  const digest = createHash('sha256');
  await pipeline(createReadStream(file), digest);
  return digest.digest('hex');
}
