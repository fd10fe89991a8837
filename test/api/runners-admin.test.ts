import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueView, RunnerHeartbeat, RunnerList } from '@judge/contract';
import { dropQueue, sleep, uniquePrefix } from '../queue/support';
import { callJson, createUsers, untilJudged, uploadExample } from './fixtures';
import { startTestApi, type TestApi } from './support';
import { REDIS_URL, startRunnerProcess, type RunnerProcess } from './support-processes';

const RUNNER_TOKEN = 'runners-admin-test-runner-token';
const AC = 'a, b = map(int, input().split())\nprint(a + b)\n';

/** Submits an accepted solution while judging is paused: accepted, and left waiting in the queue. */
async function submitWhilePaused(api: TestApi, admin: string, token: string, problemId: string): Promise<string> {
  const paused = await callJson<QueueView>(api, admin, 'POST', '/api/admin/queue/pause');
  expect(paused.status).toBe(200);
  expect(paused.body.paused).toBe(true);
  const created = await callJson<{ id: string }>(api, token, 'POST', '/api/submissions', {
    problemId,
    language: 'python',
    source: AC,
  });
  expect(created.status).toBe(201);
  const queue = await callJson<QueueView>(api, admin, 'GET', '/api/admin/queue');
  expect(queue.body).toMatchObject({ paused: true, waiting: 1, active: 0 });
  expect(queue.body.waitingByClass).toEqual({ contest: 0, assignment: 0, practice: 1, run: 0, rejudge: 0 });
  const submission = await callJson<{ status: string }>(api, token, 'GET', `/api/submissions/${created.body.id}`);
  expect(submission.body.status).toBe('queued');
  return created.body.id;
}

/** Polls the runners list until `check` holds; the deadline only turns a hang into a failure. */
async function untilRunners(api: TestApi, admin: string, check: (list: RunnerList) => boolean): Promise<RunnerList> {
  for (let i = 0; ; i++) {
    const { body } = await callJson<RunnerList>(api, admin, 'GET', '/api/admin/runners');
    if (check(body)) return body;
    if (i > 600) throw new Error(`runners never matched: ${JSON.stringify(body)}`);
    await sleep(100);
  }
}

describe('runners page API (in-process runner)', () => {
  let api: TestApi;
  let admin: string;
  let setter: string;
  let alice: string;
  let problemId: string;

  beforeAll(async () => {
    api = await startTestApi({ RUNNER_TOKEN, RUNNER_HEARTBEAT_SECONDS: '1' });
    admin = await api.login('admin', 'admin-password');
    ({ setter, alice } = (await createUsers(api, admin, { setter: 'setter', alice: 'contestant' })).tokens);
    problemId = await uploadExample(api, admin, 'hello');
  });

  afterAll(async () => {
    await api?.dispose();
  });

  it('lists the in-process runner to admins, and to no one else', async () => {
    expect((await api.call('GET', '/api/admin/runners')).status).toBe(401);
    expect((await api.call('GET', '/api/admin/runners', { token: setter })).status).toBe(403);
    expect((await api.call('GET', '/api/admin/queue', { token: alice })).status).toBe(403);
    const { status, body } = await callJson<RunnerList>(api, admin, 'GET', '/api/admin/runners');
    expect(status).toBe(200);
    expect(body.heartbeatSeconds).toBe(1);
    const runner = body.runners.find((r) => r.runnerId === 'api-in-process');
    expect(runner).toMatchObject({ engine: api.config.JUDGE_SANDBOX, concurrency: 1 });
    expect(runner?.languages).toContain('python');
    expect(runner?.lastHeartbeatAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(Date.parse(runner?.lastHeartbeatAt ?? '')).not.toBeNaN();
  });

  it("takes a standalone runner's heartbeat with the runner token only, and shows it", async () => {
    const beat: RunnerHeartbeat = {
      runnerId: 'judge-b-42',
      host: 'judge-b',
      engine: 'docker',
      languages: ['cpp', 'java'],
      concurrency: 4,
      jobsDone: 3,
    };
    expect((await api.call('PUT', '/api/runner/heartbeat', { json: beat })).status).toBe(401);
    expect((await api.call('PUT', '/api/runner/heartbeat', { token: admin, json: beat })).status).toBe(401);
    expect(
      (await api.call('PUT', '/api/runner/heartbeat', { token: RUNNER_TOKEN, json: { ...beat, concurrency: 0 } }))
        .status,
    ).toBe(400);
    expect((await api.call('PUT', '/api/runner/heartbeat', { token: RUNNER_TOKEN, json: beat })).status).toBe(204);
    expect(
      (await api.call('PUT', '/api/runner/heartbeat', { token: RUNNER_TOKEN, json: { ...beat, jobsDone: 5 } })).status,
    ).toBe(204);
    const { body } = await callJson<RunnerList>(api, admin, 'GET', '/api/admin/runners');
    expect(body.runners.find((r) => r.runnerId === 'judge-b-42')).toMatchObject({ ...beat, jobsDone: 5 });
  });

  it('pauses judging: a submission made meanwhile is accepted, waits, and is judged after resuming', async () => {
    expect((await api.call('POST', '/api/admin/queue/pause', { token: setter })).status).toBe(403);
    const before = await untilRunners(api, admin, () => true);
    const doneBefore = before.runners.find((r) => r.runnerId === 'api-in-process')?.jobsDone ?? 0;

    const id = await submitWhilePaused(api, admin, alice, problemId);

    const resumed = await callJson<QueueView>(api, admin, 'POST', '/api/admin/queue/resume');
    expect(resumed.status).toBe(200);
    expect(resumed.body.paused).toBe(false);
    const judged = await untilJudged<{ status: string; verdict: string }>(api, alice, id);
    expect(judged.verdict).toBe('AC');
    const queue = await callJson<QueueView>(api, admin, 'GET', '/api/admin/queue');
    expect(queue.body).toMatchObject({ paused: false, waiting: 0, active: 0, driver: 'in-process' });
    // The runner's next heartbeat counts the job.
    await untilRunners(
      api,
      admin,
      (list) => (list.runners.find((r) => r.runnerId === 'api-in-process')?.jobsDone ?? 0) > doneBefore,
    );
  });
});

describe('runners page API (BullMQ, a standalone runner)', () => {
  const prefix = uniquePrefix('runners-admin');
  let api: TestApi;
  let admin: string;
  let alice: string;
  let problemId: string;
  let cacheRoot: string;
  let runner: RunnerProcess | null = null;

  beforeAll(async () => {
    cacheRoot = await mkdtemp(join(tmpdir(), 'judge-runners-admin-'));
    // Validator builds are mounted into boxes: box users must be able to reach the runner's cache.
    await chmod(cacheRoot, 0o755);
    api = await startTestApi({ REDIS_URL, JUDGE_QUEUE_PREFIX: prefix, RUNNER_TOKEN });
    admin = await api.login('admin', 'admin-password');
    ({ alice } = (await createUsers(api, admin, { alice: 'contestant' })).tokens);
    problemId = await uploadExample(api, admin, 'hello');
    runner = await startRunnerProcess({
      runnerId: 'runners-admin-runner',
      apiUrl: api.url,
      runnerToken: RUNNER_TOKEN,
      queuePrefix: prefix,
      cacheRoot,
    });
  });

  afterAll(async () => {
    await runner?.kill();
    await api?.dispose();
    await dropQueue(prefix);
    if (cacheRoot) await rm(cacheRoot, { recursive: true, force: true });
  });

  it('lists the runner from its heartbeat, pauses every runner, and judges what waited once resumed', async () => {
    const list = await untilRunners(api, admin, (l) => l.runners.some((r) => r.runnerId === 'runners-admin-runner'));
    const listed = list.runners.find((r) => r.runnerId === 'runners-admin-runner');
    expect(listed).toMatchObject({ concurrency: 1, jobsDone: 0 });
    expect(listed?.languages).toContain('python');
    // No runner inside this API.
    expect(list.runners.some((r) => r.runnerId === 'api-in-process')).toBe(false);

    const id = await submitWhilePaused(api, admin, alice, problemId);
    expect((await callJson<QueueView>(api, admin, 'GET', '/api/admin/queue')).body.driver).toBe('bullmq');

    expect((await callJson<QueueView>(api, admin, 'POST', '/api/admin/queue/resume')).body.paused).toBe(false);
    const judged = await untilJudged<{ status: string; verdict: string }>(api, alice, id);
    expect(judged.verdict).toBe('AC');
    expect((await callJson<QueueView>(api, admin, 'GET', '/api/admin/queue')).body).toMatchObject({
      paused: false,
      waiting: 0,
    });
  });
});
