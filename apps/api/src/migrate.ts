import { ConfigError, loadConfig } from './config/app-config';
import { openDatabase } from './database/database';

/** `npm run migrate`: applies pending migrations and exits. */
async function main(): Promise<void> {
  const database = await openDatabase(loadConfig());
  const applied = await database.dataSource.query<{ name: string }[]>('SELECT name FROM migrations ORDER BY id');
  process.stdout.write(`migrations applied: ${applied.map((m) => m.name).join(', ')}\n`);
  await database.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
