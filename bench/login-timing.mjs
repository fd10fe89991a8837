// Measures how long POST /api/auth/login takes for a user name that exists (wrong password) and for one that
// does not (a benchmark, not a test: it prints figures). Before issue 12 the password hash was computed only for
// names that exist, so the time told which names exist (15 ms against 42 ms); now an unknown name is checked
// against a dummy hash of the same cost, and the two times should match within noise.
// The API runs in embedded mode (its own PostgreSQL under a temporary DATA_DIR) with throttles too high to
// interfere; the two kinds of login alternate, after a warm-up. Run after `npm run build`:
// `node bench/login-timing.mjs` (BENCH_LOGINS, default 60 of each kind).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { loadConfig, startApi } = require('../apps/api/dist/index.js');

const LOGINS = Number(process.env.BENCH_LOGINS ?? 60);
const ADMIN_PASSWORD = 'bench-admin-password';

// The embedded PostgreSQL runs as the `postgres` user when we are root: it must reach its data folder.
const work = mkdtempSync(join(tmpdir(), 'judge-bench-login-'));
chmodSync(work, 0o755);

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  const api = await startApi(
    loadConfig({
      PORT: '0',
      DATA_DIR: join(work, 'data'),
      JUDGE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      IMPORT_EXAMPLES: 'false',
      LOGIN_FAILURES_PER_NAME: '1000000',
      LOGIN_FAILURES_PER_ADDRESS: '1000000',
    }),
    { logLevels: ['error'] },
  );
  try {
    const login = async (username, password) => {
      const start = process.hrtime.bigint();
      const response = await fetch(`${api.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      await response.arrayBuffer();
      return { status: response.status, ms: Number(process.hrtime.bigint() - start) / 1e6 };
    };
    if ((await login('admin', ADMIN_PASSWORD)).status !== 200) throw new Error('the admin cannot log in');
    const times = { known: [], unknown: [] };
    for (let i = 0; i < LOGINS + 5; i++) {
      const known = await login('admin', 'wrong-password');
      const unknown = await login(`nobody${i}`, 'wrong-password');
      if (known.status !== 401 || unknown.status !== 401)
        throw new Error(`unexpected ${known.status}/${unknown.status}`);
      // The first few warm up the connection pool and the dummy hash.
      if (i >= 5) {
        times.known.push(known.ms);
        times.unknown.push(unknown.ms);
      }
    }
    for (const [kind, list] of Object.entries(times)) {
      const sorted = [...list].sort((a, b) => a - b);
      const mean = list.reduce((a, b) => a + b, 0) / list.length;
      process.stdout.write(
        `${kind === 'known' ? 'existing name, wrong password' : 'unknown name                 '}: ` +
          `median ${percentile(sorted, 50).toFixed(1)} ms, p90 ${percentile(sorted, 90).toFixed(1)} ms, ` +
          `mean ${mean.toFixed(1)} ms over ${list.length}\n`,
      );
    }
  } finally {
    await api.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
});
