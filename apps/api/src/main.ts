import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLog, logFormatOf } from '@judge/worker';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { startApi } from './create-app';
import { startFacts, startLogLine, startSummary } from './start-summary';

/** `npm run start:api`: the API alone (with its in-process runner unless REDIS_URL is set). */
async function main(): Promise<void> {
  const config = loadConfig();
  const api = await startApi(config);
  const facts = startFacts(config, api);
  if (config.LOG_FORMAT === 'pretty') {
    // A person at a terminal: the summary as it reads best, the generated admin password in it.
    process.stdout.write(`${startSummary(facts)}\n`);
  } else {
    // A collector: every line of stdout is JSON, and no secret is in one.
    const file = api.adminCredentials ? await keepAdminPassword(config, api.adminCredentials.password) : null;
    const { message, fields } = startLogLine(facts, file);
    createLog({ level: 'info', format: 'json' }).child('Start').info(message, fields);
  }
  const stop = () => {
    void api.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** A generated admin password, when logs are JSON: in DATA_DIR/secrets (0700), readable by the API's user only. */
async function keepAdminPassword(config: AppConfig, password: string): Promise<string> {
  const dir = join(config.DATA_DIR, 'secrets');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'admin-password');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return file;
}

main().catch((error: unknown) => {
  // A line of the log too, in its format: LOG_FORMAT when it is valid (the settings may be what failed).
  const format =
    process.env.LOG_FORMAT === 'pretty' || process.env.LOG_FORMAT === 'json' ? process.env.LOG_FORMAT : undefined;
  const log = createLog({ format: logFormatOf(format, process.stdout.isTTY) }).child('Start');
  if (error instanceof ConfigError) log.error(error.message);
  else if (error instanceof Error) log.error(`the API did not start: ${error.message}`, { error });
  else log.error(`the API did not start: ${String(error)}`);
  process.exit(1);
});
