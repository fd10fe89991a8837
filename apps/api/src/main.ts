import { ConfigError, loadConfig } from './config/app-config';
import { startApi } from './create-app';
import { startFacts, startSummary } from './start-summary';

/** `npm run start:api`: the API alone (with its in-process runner unless REDIS_URL is set). */
async function main(): Promise<void> {
  const config = loadConfig();
  const api = await startApi(config);
  process.stdout.write(`${startSummary(startFacts(config, api))}\n`);
  const stop = () => {
    void api.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
