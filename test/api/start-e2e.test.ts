import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What a newcomer runs: the API's start command with no DATABASE_URL and no REDIS_URL. It starts its own
 * PostgreSQL, migrates, imports the examples, judges in process, and prints the address and the admin password.
 */
const MAIN = join(__dirname, '..', '..', 'apps', 'api', 'dist', 'main.js');

let child: ChildProcess;
let dataDir: string;
let url = '';
let password = '';
/** Everything the start printed, up to the end of its summary. */
let printed = '';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'judge-start-'));
  await chmod(dataDir, 0o755);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.JUDGE_ADMIN_PASSWORD;
  delete env.LOG_LEVEL;
  // A newcomer's terminal: the summary as a person reads it (a pipe would otherwise get JSON lines).
  env.LOG_FORMAT = 'pretty';
  child = spawn('node', [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address printed:\n${output}`)), 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const address = /listening on (http:\/\/\S+)/.exec(output);
      const admin = /password (\S+) \(shown once\)/.exec(output);
      if (address && admin && /^ {2}log level .*\n/m.test(output)) {
        url = address[1];
        password = admin[1];
        printed = output;
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('the one-command start (embedded mode, no URLs)', () => {
  it('prints a short summary: address, admin password, data folder, engine, languages found', () => {
    const lines = printed.trimEnd().split('\n');
    expect(lines[0]).toBe(`judge API listening on ${url} (docs at ${url}/api/docs)`);
    expect(printed).toMatch(/^ {2}admin {7}username admin, password \S+ \(shown once\)$/m);
    expect(printed).toContain(`  data        ${dataDir}\n`);
    expect(printed).toMatch(/^ {2}database {4}embedded PostgreSQL on 127\.0\.0\.1:\d+\/judge$/m);
    expect(printed).toMatch(/^ {2}judging {5}in this process, on the namespace engine, 1 at a time$/m);
    expect(printed).toMatch(/^ {2}languages {3}\d+ of \d+ found: c, cpp, python/m);
    expect(printed).toMatch(/^ {2}examples {4}\d+ problems imported$/m);
    // Nest's start-up (modules loaded, one line per route) is debug output: nothing before the summary.
    expect(printed).not.toMatch(/\[Nest\]|Mapped \{|InstanceLoader/);
    expect(lines.length).toBeLessThan(20);
  });

  it('is healthy, has the examples, and judges a submission', async () => {
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    const problems = (await (await fetch(`${url}/api/problems`, { headers: auth })).json()) as {
      id: string;
      slug: string;
    }[];
    expect(problems.map((p) => p.slug)).toEqual(expect.arrayContaining(['hello', 'guess', 'subtasks']));
    const hello = problems.find((p) => p.slug === 'hello')!;
    const created = await fetch(`${url}/api/submissions`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        problemId: hello.id,
        language: 'c',
        source:
          '#include <stdio.h>\nint main(void){long long a,b;scanf("%lld %lld",&a,&b);printf("%lld\\n",a+b);return 0;}\n',
      }),
    });
    const { id } = (await created.json()) as { id: string };
    let verdict: string | null = null;
    for (let i = 0; i < 300 && !verdict; i++) {
      const submission = (await (await fetch(`${url}/api/submissions/${id}`, { headers: auth })).json()) as {
        status: string;
        verdict: string;
      };
      if (submission.status === 'done') verdict = submission.verdict;
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(verdict).toBe('AC');
  });
});
