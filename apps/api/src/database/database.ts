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
    await dataSource.runMigrations();
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
