import { ConfigError, loadConfig } from './config/app-config';
import { startApi } from './create-app';

/** `npm run start:api`: the API alone (with its in-process runner unless REDIS_URL is set). */
async function main(): Promise<void> {
  const config = loadConfig();
  const api = await startApi(config);
  process.stdout.write(`judge API listening on ${api.url} (docs at ${api.url}/api/docs)\n`);
  if (api.adminCredentials) {
    process.stdout.write(
      `admin user created: username ${api.adminCredentials.username}, password ${api.adminCredentials.password} (shown once)\n`,
    );
  } else {
    process.stdout.write('admin user: admin (its password was set on the first start, or by JUDGE_ADMIN_PASSWORD)\n');
  }
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
