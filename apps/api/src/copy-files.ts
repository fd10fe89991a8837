import { parseArgs } from 'node:util';
import { ConfigError, FILE_STORE_DRIVERS, loadConfig, type FileStoreDriver } from './config/app-config';
import { openDatabase } from './database/database';
import { copyFiles, FILE_STORE_KINDS, openFileStores, s3Settings } from './storage/file-stores';

const USAGE = `usage: npm run files:copy -- --from folder|postgres|s3 --to folder|postgres|s3
Copies the problem packages and statement files of one FILE_STORE that the other lacks (DATA_DIR and DATABASE_URL
and the S3_* settings as the API has them). Run it before restarting the API with the new FILE_STORE; running it again copies nothing.`;

function driver(value: string | undefined, option: string): FileStoreDriver {
  if (!FILE_STORE_DRIVERS.includes(value as FileStoreDriver)) throw new ConfigError(`${option}: ${USAGE}`);
  return value as FileStoreDriver;
}

/** `npm run files:copy`: moves a deployment's files from one FILE_STORE to another. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
  const from = driver(values.from, '--from');
  const to = driver(values.to, '--to');
  if (from === to) throw new ConfigError(`--from and --to are the same store\n${USAGE}`);
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    // The S3 settings serve whichever side is s3.
    const s3 = s3Settings({ ...config, FILE_STORE: 's3' });
    const source = openFileStores(from, config.DATA_DIR, database.dataSource, s3);
    const target = openFileStores(to, config.DATA_DIR, database.dataSource, s3);
    for (const kind of FILE_STORE_KINDS) {
      const { copied, present, damaged } = await copyFiles(source[kind], target[kind]);
      process.stdout.write(`${kind}: ${copied} copied, ${present} already there, ${damaged} damaged (skipped)\n`);
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
