import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropQueue, sleep, uniquePrefix } from '../queue/support';
import { createUsers, passwordOf, uploadExample, untilJudged } from './fixtures';
import {
  REDIS_URL,
  startApiProcess,
  startRunnerProcess,
  type ApiProcess,
  type RunnerProcess,
} from './support-processes';
import { createTestDatabase, type TestDatabase } from './support';

/**
 * The API as operators run it behind a log collector (stdout not a terminal, LOG_FORMAT=json), judging in its own
 * process: one JSON object per line, the request's id on its lines and on the runner's lines of the judgement it
 * queued, the submission's id on every line about it, and none of the secrets that went by.
 */
const ADMIN_PASSWORD = 'json-logs-admin-password';
const REQUEST_ID = 'json-logs.submit-1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface LogLine {
  time: string;
  level: string;
  context?: string;
  message: string;
  requestId?: string;
  submissionId?: string;
  runnerId?: string;
  userId?: string;
  method?: string;
  path?: string;
  status?: number;
  durationMs?: number;
}

let database: TestDatabase;
let dataDir: string;
let api: ApiProcess;
let adminToken: string;
let aliceToken: string;
let aliceId: string;
let submissionId: string;
let submitted: Response;
let lines: LogLine[];

/** A call with headers of its own (the support client sends only a token). */
function call(path: string, init: RequestInit & { token?: string; requestId?: string } = {}): Promise<Response> {
  const { token, requestId, ...rest } = init;
  return fetch(`${api.url}${path}`, {
    ...rest,
    headers: {
      ...(rest.body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(requestId ? { 'x-request-id': requestId } : {}),
    },
  });
}

/** Every line of a log, parsed: a line that is not JSON fails the test here, naming it. */
function parsed(text: string): LogLine[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`not a JSON line: ${line}`);
      }
    });
}

/** An API's stdout as lines, once each of `awaited` is in one (an access line is written after its answer). */
async function logLinesWith(from: ApiProcess, ...awaited: string[]): Promise<string[]> {
  for (let i = 0; i < 200; i++) {
    const all = from.stdout().split('\n').filter(Boolean);
    if (awaited.every((text) => all.some((line) => line.includes(text)))) return all;
    await sleep(50);
  }
  throw new Error(`the log never had the awaited line:\n${from.stdout().slice(-4000)}`);
}

/** The first line of an API's log whose message starts with `message`, once it is written. */
async function logLinesOf(from: ApiProcess, message: string): Promise<LogLine | undefined> {
  return parsed((await logLinesWith(from, message)).join('\n')).find((l) => l.message.startsWith(message));
}

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'judge-json-logs-'));
  api = await startApiProcess({
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    JWT_SECRET: 'json-logs-test-jwt-secret-0123456789',
    JUDGE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
  });
  adminToken = await api.login('admin', ADMIN_PASSWORD);
  const users = await createUsers(api, adminToken, { alice: 'contestant' });
  aliceToken = users.tokens.alice;
  aliceId = users.ids.alice;
  const problemId = await uploadExample(api, adminToken, 'hello');
  submitted = await call('/api/submissions', {
    method: 'POST',
    token: aliceToken,
    requestId: REQUEST_ID,
    body: JSON.stringify({ problemId, language: 'python', source: 'a, b = map(int, input().split())\nprint(a + b)\n' }),
  });
  expect(submitted.status).toBe(201);
  submissionId = ((await submitted.json()) as { id: string }).id;
  await untilJudged(api, aliceToken, submissionId);
  // A session token in a query string (only event streams take one: refused here), which the log must not keep.
  expect((await call(`/api/problems?access_token=${aliceToken}`)).status).toBe(401);
  const raw = await logLinesWith(api, `submission ${submissionId}: AC stored`, '/api/problems?');
  lines = parsed(raw.join('\n'));
}, 240_000);

afterAll(async () => {
  await api?.stop();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('JSON logs (LOG_FORMAT=json)', () => {
  it('writes one JSON object per line of stdout, each with its time, level and message', () => {
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      expect(new Date(line.time).toISOString()).toBe(line.time);
      expect(['error', 'warn', 'info', 'debug']).toContain(line.level);
      expect(typeof line.message).toBe('string');
    }
    // The start's summary is a line too: its message is what scripts look for.
    expect(lines.some((l) => l.context === 'Start' && l.message.startsWith('judge API listening on '))).toBe(true);
  });

  it('echoes the client request id and logs the request under it, with its user', () => {
    expect(submitted.headers.get('x-request-id')).toBe(REQUEST_ID);
    const access = lines.filter((l) => l.context === 'Http' && l.requestId === REQUEST_ID);
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({ method: 'POST', path: '/api/submissions', status: 201, userId: aliceId });
    expect(typeof access[0].durationMs).toBe('number');
  });

  it("carries the submission's id, and the id of the request that queued it, on the runner's lines", () => {
    const judged = lines.find((l) => l.message.startsWith(`submission ${submissionId}: AC in `));
    expect(judged).toMatchObject({
      context: 'Runner',
      submissionId,
      requestId: REQUEST_ID,
      runnerId: 'api-in-process',
    });
    const stored = lines.find((l) => l.message.startsWith(`submission ${submissionId}: AC stored`));
    expect(stored).toMatchObject({ context: 'Submissions', submissionId });
  });

  it('keeps secrets out of every line: passwords, tokens, a token in a query string', () => {
    const text = api.stdout();
    for (const secret of [ADMIN_PASSWORD, passwordOf('alice'), adminToken, aliceToken]) {
      expect(text).not.toContain(secret);
    }
    const problems = lines.find((l) => l.context === 'Http' && l.path?.startsWith('/api/problems?'));
    expect(problems?.path).toBe('/api/problems?access_token=[REDACTED]');
  });

  it('makes an id for a request without a usable one, and puts it in error bodies', async () => {
    const unsafe = await call('/api/health', { requestId: 'not a safe id; <script>' });
    expect(unsafe.headers.get('x-request-id')).toMatch(UUID);
    const missing = await call('/api/submissions/00000000-0000-4000-8000-000000000000', {
      token: aliceToken,
      requestId: 'json-logs.missing',
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toBe('json-logs.missing');
    expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND', requestId: 'json-logs.missing' });
  });
});

/**
 * A standalone runner, started as operators start it with nothing said about its log (its stdout a pipe, so
 * JSON): its lines of a judgement name the submission, the job, the runner and the request that queued it.
 */
describe('a standalone runner (LOG_FORMAT unset, stdout not a terminal)', () => {
  const RUNNER_TOKEN = 'json-logs-test-runner-token';
  const prefix = uniquePrefix('json-logs');
  let distributedDatabase: TestDatabase;
  let distributedDataDir: string;
  let cacheRoot: string;
  let distributedApi: ApiProcess;
  let runner: RunnerProcess;

  beforeAll(async () => {
    distributedDatabase = await createTestDatabase();
    distributedDataDir = await mkdtemp(join(tmpdir(), 'judge-json-logs-distributed-'));
    cacheRoot = await mkdtemp(join(tmpdir(), 'judge-json-logs-runners-'));
    // Validator builds are mounted into boxes: box users must be able to reach the runner's cache.
    await chmod(cacheRoot, 0o755);
    distributedApi = await startApiProcess({
      DATA_DIR: distributedDataDir,
      DATABASE_URL: distributedDatabase.url,
      REDIS_URL,
      JUDGE_QUEUE_PREFIX: prefix,
      RUNNER_TOKEN,
      JWT_SECRET: 'json-logs-test-jwt-secret-0123456789',
      JUDGE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_FORMAT: 'json',
    });
    runner = await startRunnerProcess({
      runnerId: 'json-logs-runner',
      apiUrl: distributedApi.url,
      runnerToken: RUNNER_TOKEN,
      queuePrefix: prefix,
      cacheRoot,
    });
  }, 240_000);

  afterAll(async () => {
    await runner?.stop();
    await distributedApi?.stop();
    await distributedDatabase?.drop();
    await dropQueue(prefix);
    for (const dir of [distributedDataDir, cacheRoot]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("writes JSON lines naming the runner, and the submission's and request's ids on its judgement", async () => {
    const admin = await distributedApi.login('admin', ADMIN_PASSWORD);
    const problemId = await uploadExample(distributedApi, admin, 'hello');
    const response = await fetch(`${distributedApi.url}/api/submissions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', 'x-request-id': 'runner-req-1' },
      body: JSON.stringify({
        problemId,
        language: 'python',
        source: 'a, b = map(int, input().split())\nprint(a + b)\n',
      }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    await untilJudged(distributedApi, admin, id);
    for (let i = 0; i < 100 && !runner.output().includes(`submission ${id}: AC in`); i++) await sleep(50);

    const runnerLines = parsed(runner.output());
    expect(runnerLines.every((l) => l.runnerId === 'json-logs-runner')).toBe(true);
    expect(runnerLines.find((l) => l.message.includes('taking judge jobs'))).toMatchObject({ context: 'Runner' });
    expect(runnerLines.find((l) => l.message.startsWith(`submission ${id}: AC in `))).toMatchObject({
      submissionId: id,
      jobId: id,
      requestId: 'runner-req-1',
      level: 'info',
    });
    expect(runner.output()).not.toContain(RUNNER_TOKEN);

    const stored = await logLinesOf(distributedApi, `submission ${id}: AC stored`);
    expect(stored).toMatchObject({ context: 'Submissions', submissionId: id, runnerId: 'json-logs-runner' });
  });
});
