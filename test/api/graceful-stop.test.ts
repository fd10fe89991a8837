import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { within } from '../queue/support';
import { openEventStream } from './event-stream';
import { createRunningContest, uploadExample } from './fixtures';
import { createTestDatabase, type TestDatabase } from './support';
import { startApiProcess, type ApiProcess } from './support-processes';

/**
 * SIGTERM to an API process behind a load balancer (docs/deployment.md, "Several API processes"): it says it is
 * not ready while it still serves for SHUTDOWN_DELAY_SECONDS, then ends its event streams with a retry hint and
 * exits once what was under way is done.
 */
let database: TestDatabase;
let dataDir: string;
let api: ApiProcess;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'judge-graceful-stop-'));
  api = await startApiProcess({
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    JUDGE_ADMIN_PASSWORD: 'admin-password',
    SHUTDOWN_DELAY_SECONDS: '3',
  });
}, 240_000);

afterAll(async () => {
  await api?.kill();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('SIGTERM', () => {
  it('fails readiness but keeps serving, then ends the event streams with a retry hint and exits cleanly', async () => {
    const admin = await api.login('admin', 'admin-password');
    const problemId = await uploadExample(api, admin, 'hello');
    const id = await createRunningContest(api, admin, [problemId]);
    expect((await api.call('GET', '/api/health/ready')).status).toBe(200);
    const board = await openEventStream(`${api.url}/api/contests/${id}/scoreboard/events?access_token=${admin}`);
    expect((await board.next()).type).toBe('scoreboard');

    const stopped = api.stop();
    // Within the delay: out of the load balancer's pool, alive, and still answering what comes.
    const ready = await api.call('GET', '/api/health/ready');
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { code: string }).code).toBe('NOT_READY');
    expect((await api.call('GET', '/api/health/live')).status).toBe(200);
    expect((await api.call('GET', `/api/contests/${id}`, { token: admin })).status).toBe(200);

    await within(board.ended(), 30_000, 'the scoreboard stream to end');
    expect(board.retryMs()).toBe(1000);
    expect(await stopped).toBe(0);
    expect(api.output()).toMatch(/event streams ended with a hint to reconnect elsewhere: 1/);
  });
});
