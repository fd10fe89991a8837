import { createHash } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpPackageSource } from './http-package-source';
import { PackageUnavailableError } from './package-source';

const TOKEN = 'runner-token-for-tests';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** The cache folder's names once a temporary file in it holds `bytes` bytes (the test's timeout ends a hang). */
async function untilWrittenAside(dir: string, bytes: number): Promise<string[]> {
  for (;;) {
    const names = await readdir(dir);
    for (const name of names.filter((n) => n.endsWith('.tmp'))) {
      if ((await stat(join(dir, name)).catch(() => null))?.size === bytes) return names;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A stand-in for the API's package route on 127.0.0.1: serves what `packages` holds, counts requests. */
class FakeApi {
  readonly packages = new Map<string, Buffer>();
  requests: string[] = [];
  /** Replaces the normal answer for the next requests. */
  respond: ((hash: string, res: ServerResponse) => void) | null = null;
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const hash = /^\/api\/runner\/packages\/([0-9a-f]+)$/.exec(req.url ?? '')?.[1] ?? '';
      this.requests.push(hash);
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401).end();
        return;
      }
      if (this.respond) {
        this.respond(hash, res);
        return;
      }
      const data = this.packages.get(hash);
      if (!data) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'application/zip', 'content-length': data.length }).end(data);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  add(data: Buffer): string {
    const hash = sha256(data);
    this.packages.set(hash, data);
    return hash;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

describe('HTTP package source', () => {
  let api: FakeApi;
  let cacheDir: string;
  let source: HttpPackageSource;

  beforeEach(async () => {
    api = new FakeApi();
    await api.start();
    cacheDir = await mkdtemp(join(tmpdir(), 'runner-packages-'));
    source = new HttpPackageSource({ apiUrl: `${api.url}/`, token: TOKEN, cacheDir });
  });

  afterEach(async () => {
    await api.stop();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('downloads a package once, with the bearer token, and then serves it from the cache', async () => {
    const data = Buffer.from('a zip, as far as this test cares');
    const hash = api.add(data);
    const file = await source.get(hash);
    expect(file).toBe(join(cacheDir, `${hash}.zip`));
    expect(await readFile(file)).toEqual(data);
    expect(await source.get(hash)).toBe(file);
    // A new source (a restarted runner) finds it on disk too.
    expect(await new HttpPackageSource({ apiUrl: api.url, token: TOKEN, cacheDir }).get(hash)).toBe(file);
    expect(api.requests).toEqual([hash]);
  });

  it('keeps packages (which hold the answers) 0600 in a 0700 folder, and closes a cache an older runner left open', async () => {
    const hash = api.add(Buffer.from('secret answers'));
    await chmod(cacheDir, 0o755);
    const file = await source.get(hash);
    expect((await stat(cacheDir)).mode & 0o777).toBe(0o700);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // A file cached 0644 before is private once it is taken again.
    await chmod(file, 0o644);
    await chmod(cacheDir, 0o755);
    await source.get(hash);
    expect((await stat(cacheDir)).mode & 0o777).toBe(0o700);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('shares one download among concurrent requests for the same package', async () => {
    const hash = api.add(Buffer.alloc(1 << 20, 7));
    const files = await Promise.all([source.get(hash), source.get(hash), source.get(hash)]);
    expect(new Set(files).size).toBe(1);
    expect(api.requests).toEqual([hash]);
  });

  it('downloads again a cached file whose bytes no longer match its hash', async () => {
    const data = Buffer.from('the real package');
    const hash = api.add(data);
    const file = await source.get(hash);
    await writeFile(file, 'truncated or tampered');
    expect(await source.get(hash)).toBe(file);
    expect(await readFile(file)).toEqual(data);
    expect(api.requests).toEqual([hash, hash]);
  });

  it('refuses bytes that do not match the requested hash and keeps nothing of them', async () => {
    const hash = sha256(Buffer.from('what was asked for'));
    api.packages.set(hash, Buffer.from('something else'));
    const error = await source.get(hash).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageUnavailableError);
    expect((error as Error).message).toMatch(/hash to/);
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it('reports a missing package, a refused token and an unreachable API as unavailable (worth a retry)', async () => {
    const missing = sha256(Buffer.from('never uploaded'));
    await expect(source.get(missing)).rejects.toThrow(/HTTP 404/);
    const hash = api.add(Buffer.from('x'));
    const wrongToken = new HttpPackageSource({ apiUrl: api.url, token: 'wrong', cacheDir });
    await expect(wrongToken.get(hash)).rejects.toThrow(/HTTP 401/);
    await api.stop();
    const error = await source.get(hash).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageUnavailableError);
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it('refuses a hash that is not a sha256 before it reaches a path or a URL', async () => {
    for (const hash of ['../../etc/passwd', 'A'.repeat(64), 'a'.repeat(63), '']) {
      await expect(source.get(hash)).rejects.toBeInstanceOf(PackageUnavailableError);
    }
    expect(api.requests).toEqual([]);
  });

  it('refuses a package larger than its limit', async () => {
    const hash = api.add(Buffer.alloc(4096, 1));
    const small = new HttpPackageSource({ apiUrl: api.url, token: TOKEN, cacheDir, maxBytes: 1000 });
    await expect(small.get(hash)).rejects.toThrow(/limit is 1000/);
    // Without a declared length, the limit is enforced on the bytes as they come.
    api.respond = (_h, res) => {
      res.writeHead(200);
      res.write(Buffer.alloc(2048, 1));
      res.end(Buffer.alloc(2048, 1));
    };
    await expect(small.get(hash)).rejects.toThrow(/more than 1000 bytes/);
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it('writes a download aside and renames it: the package file never exists half written', async () => {
    const data = Buffer.alloc(256 * 1024, 3);
    const hash = api.add(data);
    const firstHalfSent = deferred();
    const sendRest = deferred();
    api.respond = (_h, res) => {
      res.writeHead(200, { 'content-length': String(data.length) });
      res.write(data.subarray(0, data.length / 2), () => firstHalfSent.resolve());
      void sendRest.promise.then(() => res.end(data.subarray(data.length / 2)));
    };
    const pending = source.get(hash);
    await firstHalfSent.promise;
    // Once the first half is on disk, it is in a temporary file, and the package's own name does not exist yet.
    const during = await untilWrittenAside(cacheDir, data.length / 2);
    expect(during).not.toContain(`${hash}.zip`);
    sendRest.resolve();
    expect(await readFile(await pending)).toEqual(data);
    expect(await readdir(cacheDir)).toEqual([`${hash}.zip`]);
  });

  it('leaves no temporary file behind when a download breaks off', async () => {
    const data = Buffer.alloc(64 * 1024, 5);
    const hash = api.add(data);
    api.respond = (_h, res) => {
      res.writeHead(200, { 'content-length': String(data.length) });
      res.write(data.subarray(0, 1000), () => res.destroy());
    };
    await expect(source.get(hash)).rejects.toBeInstanceOf(PackageUnavailableError);
    expect(await readdir(cacheDir)).toEqual([]);
  });
});

describe('HTTP package source: derived time limits kept by the API', () => {
  const HASH = 'd'.repeat(64);
  let server: Server;
  let url: string;
  let cacheDir: string;
  let stored: { timeLimitMs: number | null; derivedBy: string | null };
  let status: number;
  const calls: string[] = [];

  beforeEach(async () => {
    stored = { timeLimitMs: null, derivedBy: null };
    status = 200;
    calls.length = 0;
    cacheDir = await mkdtemp(join(tmpdir(), 'runner-packages-'));
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        calls.push(`${req.method} ${req.url} ${body}`);
        if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401).end();
        if (status !== 200) return void res.writeHead(status).end();
        if (req.method === 'PUT' && stored.timeLimitMs === null) {
          const offer = JSON.parse(body) as { timeLimitMs: number; runnerId: string };
          stored = { timeLimitMs: offer.timeLimitMs, derivedBy: offer.runnerId };
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stored));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('reads the stored limit, offers one, and gets back the one kept', async () => {
    const source = new HttpPackageSource({ apiUrl: url, token: TOKEN, cacheDir });
    expect(await source.storedTimeLimit(HASH)).toEqual({ timeLimitMs: null, derivedBy: null });
    const offer = { timeLimitMs: 2000, slowestAcceptedMs: 300, runnerId: 'runner-a' };
    expect(await source.offerTimeLimit(HASH, offer)).toEqual({ timeLimitMs: 2000, derivedBy: 'runner-a' });
    const later = { timeLimitMs: 5000, slowestAcceptedMs: 900, runnerId: 'runner-b' };
    expect(await source.offerTimeLimit(HASH, later)).toEqual({ timeLimitMs: 2000, derivedBy: 'runner-a' });
    expect(calls).toEqual([
      `GET /api/runner/packages/${HASH}/time-limit `,
      `PUT /api/runner/packages/${HASH}/time-limit ${JSON.stringify(offer)}`,
      `PUT /api/runner/packages/${HASH}/time-limit ${JSON.stringify(later)}`,
    ]);
  });

  it('an API that cannot answer now, or refuses the token, is worth a retry of the job', async () => {
    status = 503;
    const source = new HttpPackageSource({ apiUrl: url, token: TOKEN, cacheDir });
    await expect(source.storedTimeLimit(HASH)).rejects.toThrow(/HTTP 503/);
    const wrongToken = new HttpPackageSource({ apiUrl: url, token: 'wrong', cacheDir });
    const error = await wrongToken.storedTimeLimit(HASH).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageUnavailableError);
    expect((error as Error).message).toMatch(/HTTP 401/);
  });
});
