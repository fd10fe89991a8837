import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent, RunView } from '@judge/contract';
import { RunsService } from '@judge/api';
import { dropQueue, uniquePrefix } from '../queue/support';
import { openEventStream } from './event-stream';
import { createUsers } from './fixtures';
import { createTestDatabase, startTestApi, type TestApi, type TestDatabase } from './support';
import {
  REDIS_URL,
  startRestartableApi,
  startRunnerProcess,
  type RestartableApi,
  type RunnerProcess,
} from './support-processes';

/** GET /api/runs/:id/events: a run's status as it changes, then the run, on one API process and on several. */

/** A run's event stream (test/api/event-stream.ts), each event checked to be named after its type. */
interface EventStream {
  status: number;
  next(): Promise<RunEvent>;
  /** Resolves once the server has ended the stream. */
  ended(): Promise<void>;
  close(): Promise<void>;
}

async function openEvents(baseUrl: string, id: string, token: string): Promise<EventStream> {
  const stream = await openEventStream(`${baseUrl}/api/runs/${id}/events?access_token=${token}`);
  return {
    status: stream.response.status,
    next: async () => {
      const { type, data } = await stream.next<RunEvent>();
      // The SSE event's name is the event's type, so that EventSource listeners can pick.
      expect(type).toBe(data.type);
      return data;
    },
    ended: () => stream.ended(),
    close: () => stream.close(),
  };
}

/** The events of a stream up to and including `done`. */
async function untilDone(stream: EventStream): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  for (;;) {
    const event = await stream.next();
    events.push(event);
    if (event.type === 'done') return events;
  }
}

/** Waits for a condition the server reaches on its own (a closed connection noticed), checking every 20 ms. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting until ${what}`);
}

describe('run events on one API (in-process runner)', () => {
  let api: TestApi;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    api = await startTestApi({ RUNS_PER_MINUTE: '100' });
    const admin = await api.login('admin', 'admin-password');
    ({ alice, bob } = (await createUsers(api, admin, { alice: 'contestant', bob: 'contestant' })).tokens);
  });

  afterAll(async () => {
    await api?.dispose();
  });

  async function post(json: unknown, token = alice): Promise<string> {
    const response = await api.call('POST', '/api/runs', { token, json });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  it('tells the status, then done with the whole run, and ends', async () => {
    const id = await post({ language: 'python', source: 'print(input()[::-1])\n', stdin: 'stressed\n' });
    const stream = await openEvents(api.url, id, alice);
    expect(stream.status).toBe(200);
    const events = await untilDone(stream);
    await stream.ended();
    const done = events.pop() as Extract<RunEvent, { type: 'done' }>;
    expect(done.run).toMatchObject({ id, status: 'done', language: 'python', verdict: 'OK', stdout: 'desserts\n' });
    expect(done.run.finishedAt).not.toBeNull();
    // Before it: the status when the stream opened (unless the run was already done), each status once, in order.
    const statuses = events.map((e) => (e.type === 'status' ? e.status : e.type));
    expect([[], ['queued'], ['running'], ['queued', 'running']]).toContainEqual(statuses);
    // The stream tells what GET answers.
    const read = (await (await api.call('GET', `/api/runs/${id}`, { token: alice })).json()) as RunView;
    expect(read).toEqual(done.run);
  });

  it('a stream opened on a finished run gets done at once, with stderr and the exit code of a failing program', async () => {
    const response = await api.call('POST', '/api/runs?wait=true', {
      token: alice,
      json: { language: 'python', source: 'import sys\nsys.stderr.write("broken\\n")\nsys.exit(3)\n' },
    });
    const { id } = (await response.json()) as RunView;
    const stream = await openEvents(api.url, id, alice);
    const event = await stream.next();
    expect(event).toMatchObject({
      type: 'done',
      run: { id, status: 'done', verdict: 'RE', exitCode: 3, stderr: 'broken\n' },
    });
    await stream.ended();
  });

  it("another user's run is a 404, and no session a 401", async () => {
    const id = await post({ language: 'python', source: 'print(1)\n' });
    const other = await openEvents(api.url, id, bob);
    expect(other.status).toBe(404);
    await other.close();
    const anonymous = await fetch(`${api.url}/api/runs/${id}/events`);
    expect(anonymous.status).toBe(401);
    await anonymous.body?.cancel();
  });

  it('a stream closed early leaves no listener behind', async () => {
    // Busy until its time limit: the run is unfinished when the stream opens.
    const id = await post({
      language: 'python',
      source: 'while True: pass\n',
      limits: { timeMs: 1000 },
    });
    const runs = api.app.get(RunsService);
    const stream = await openEvents(api.url, id, alice);
    expect((await stream.next()).type).not.toBe('done');
    expect(runs.listenerCount(id)).toBe(1);
    await stream.close();
    await until(() => runs.listenerCount(id) === 0, 'the closed stream is let go');
  });
});

describe('run events with two API processes and a runner on Redis', () => {
  const RUNNER_TOKEN = 'run-events-test-runner-token';
  const prefix = uniquePrefix('run-events');
  let database: TestDatabase;
  let dataDir: string;
  let cacheRoot: string;
  let first: RestartableApi;
  let second: RestartableApi;
  let runner: RunnerProcess | null = null;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'judge-run-events-'));
    cacheRoot = await mkdtemp(join(tmpdir(), 'judge-run-events-runners-'));
    await chmod(cacheRoot, 0o755);
    const env = {
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      REDIS_URL,
      JUDGE_QUEUE_PREFIX: prefix,
      RUNNER_TOKEN,
      JWT_SECRET: 'run-events-test-jwt-secret',
      JUDGE_ADMIN_PASSWORD: 'admin-password',
    };
    // Two instances on one database and one queue, as behind a load balancer.
    first = await startRestartableApi(env);
    second = await startRestartableApi(env);
  });

  afterAll(async () => {
    await runner?.kill();
    await first?.stop();
    await second?.stop();
    await dropQueue(prefix);
    await database?.drop();
    for (const dir of [dataDir, cacheRoot]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('streams on both processes hear queued, running and done, though the runner reports to one', async () => {
    const admin = await first.login('admin', 'admin-password');
    // Posted to the second process while no runner is up: the run waits in the queue.
    const posted = await second.call('POST', '/api/runs', {
      token: admin,
      json: { language: 'python', source: 'print(int(input()) * 6)\n', stdin: '7\n' },
    });
    expect(posted.status).toBe(201);
    const { id } = (await posted.json()) as { id: string };
    const streams = [await openEvents(first.url(), id, admin), await openEvents(second.url(), id, admin)];
    for (const stream of streams) expect(await stream.next()).toEqual({ type: 'status', status: 'queued' });

    // The runner talks to the first process only; the second hears the queue's events.
    runner = await startRunnerProcess({
      runnerId: 'run-events-runner',
      apiUrl: first.url(),
      runnerToken: RUNNER_TOKEN,
      queuePrefix: prefix,
      cacheRoot,
    });
    for (const stream of streams) {
      const events = await untilDone(stream);
      expect(events[0]).toEqual({ type: 'status', status: 'running' });
      expect(events.at(-1)).toMatchObject({ type: 'done', run: { id, status: 'done', verdict: 'OK', stdout: '42\n' } });
      expect(events).toHaveLength(2);
      await stream.ended();
    }
  });
});
