import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@judge/migrations';
import type { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';

export interface Database {
  dataSource: DataSource;
  /** Set when this process started its own PostgreSQL. */
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
}

/** Any fixed number: the advisory lock that API processes (and the migrate job) starting at once take in turn. */
const MIGRATION_LOCK = 7_340_177;

/**
 * Applies pending migrations while holding a PostgreSQL advisory lock: processes starting together (the replicas
 * of a deployment, the migrate job) take turns, and the later ones find nothing left to do.
 */
async function migrateAlone(dataSource: DataSource): Promise<void> {
  const session = dataSource.createQueryRunner();
  await session.connect();
  try {
    await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await dataSource.runMigrations();
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await session.release();
  }
}

/** Connects to DATABASE_URL, or to an embedded PostgreSQL under DATA_DIR, and applies pending migrations. */
export async function openDatabase(config: AppConfig): Promise<Database> {
  const embedded = config.DATABASE_URL ? null : await startEmbeddedPostgres(config.DATA_DIR);
  const dataSource = new DataSource({
    type: 'postgres',
    url: config.DATABASE_URL ?? embedded?.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    // Migrations are code we review (STYLE.md 12): the schema never follows the entities by itself.
    synchronize: false,
    migrationsTransactionMode: 'each',
  });
  try {
    await dataSource.initialize();
    await migrateAlone(dataSource);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    embedded,
    close: async () => {
      // Nest's TypeORM module may have closed the connection already.
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
