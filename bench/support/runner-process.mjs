// Standalone runner processes for the benchmarks that measure a distributed setup (API, Redis, runners).
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * A runner started as operators start it (`node apps/runner/dist/main.js`, concurrency 1), its cache under
 * `workDir`; resolves with the child once it takes jobs. `onLine` sees every line it prints (the benches read the
 * times runners log).
 */
export function startRunnerProcess({ repo, runnerId, apiUrl, prefix, redisUrl, runnerToken, workDir, onLine }) {
  const child = spawn(process.execPath, [join(repo, 'apps', 'runner', 'dist', 'main.js')], {
    cwd: repo,
    env: {
      ...process.env,
      REDIS_URL: redisUrl,
      API_URL: apiUrl,
      RUNNER_TOKEN: runnerToken,
      RUNNER_ID: runnerId,
      RUNNER_CONCURRENCY: '1',
      JUDGE_QUEUE_PREFIX: prefix,
      JUDGE_CACHE_DIR: join(workDir, `${runnerId}-cache`),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    // A runner waits for an unreachable Redis forever: give up rather than hang the benchmark.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`runner ${runnerId} did not start in 60 s:\n${output}`));
    }, 60_000);
    const collect = (chunk) => {
      output += chunk.toString();
      if (onLine) for (const line of chunk.toString().split('\n')) onLine(line);
      if (output.includes('taking judge jobs')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`runner ${runnerId} exited (${code}):\n${output}`));
    });
  });
}

/** Stops a runner as an operator does (SIGTERM: it finishes its job first) and waits for it to exit. */
export async function stopRunner(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
