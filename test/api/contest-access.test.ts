import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyScoreboardPatch, type ContestInput, type ScoreboardPatch, type ScoreboardView } from '@judge/contract';
import { ContestEvents, ScoreboardStreams, SharedScoreboards } from '@judge/api';
import { createUsers, untilJudged, uploadExample } from './fixtures';
import { startTestApi, type TestApi } from './support';

/*
 * Who may see a contest (an invite-only one is absent for everyone not on its list, on every route), and the live
 * scoreboard's streams: one computation per change and view whatever the number of streams, anonymous ones capped.
 */

let api: TestApi;
const tokens: Record<string, string> = {};
let helloId = '';
/** The API's cap on anonymous scoreboard streams, small so that the test reaches it. */
const ANONYMOUS_STREAMS = 3;

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

async function createContest(overrides: Partial<ContestInput> = {}): Promise<string> {
  const input: ContestInput = {
    title: 'Invitational',
    startsAt: minutes(-1),
    endsAt: minutes(120),
    scoring: 'icpc',
    freezeMinutes: 0,
    registration: 'open',
    problems: [{ problemId: helloId, label: 'A' }],
    ...overrides,
  };
  const response = await api.call('POST', '/api/contests', { token: tokens.admin, json: input });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/**
 * A scoreboard stream as EventSource reads it; `boards` are the boards received so far: each `scoreboard` event,
 * and (opened with `patches`) each `scoreboard-patch` applied to the board before, as the web UI does.
 */
interface BoardStream {
  status: number;
  headers: Headers;
  body: unknown;
  boards: ScoreboardView[];
  /** How many of the boards came as patches. */
  patched: number;
  /** Resolves once at least n boards have come. */
  until(n: number): Promise<void>;
  close(): void;
}

async function openBoard(contestId: string, user?: string, patches = false): Promise<BoardStream> {
  const controller = new AbortController();
  const params = new URLSearchParams({
    ...(user ? { access_token: tokens[user] } : {}),
    ...(patches ? { patches: '1' } : {}),
  });
  const query = params.size > 0 ? `?${params.toString()}` : '';
  const response = await fetch(`${api.url}/api/contests/${contestId}/scoreboard/events${query}`, {
    signal: controller.signal,
  });
  const boards: ScoreboardView[] = [];
  const waiters: (() => void)[] = [];
  const stream: BoardStream = {
    status: response.status,
    headers: response.headers,
    body: null,
    boards,
    patched: 0,
    until: (n) =>
      new Promise<void>((resolve, reject) => {
        const check = () => (boards.length >= n ? resolve() : waiters.push(check));
        check();
        setTimeout(() => reject(new Error(`no board ${n} in time`)), 60_000);
      }),
    close: () => controller.abort(),
  };
  if (response.status !== 200) {
    stream.body = await response.json();
    return stream;
  }
  void (async () => {
    let buffer = '';
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const data = lines.find((l) => l.startsWith('data: '));
          if (lines.includes('event: scoreboard') && data) boards.push(JSON.parse(data.slice(6)) as ScoreboardView);
          if (lines.includes('event: scoreboard-patch') && data) {
            boards.push(applyScoreboardPatch(boards.at(-1)!, JSON.parse(data.slice(6)) as ScoreboardPatch));
            stream.patched++;
          }
        }
        for (const waiter of waiters.splice(0)) waiter();
      }
    } catch {
      // aborted
    }
  })();
  return stream;
}

/** Waits for a condition the server reaches on its own (a closed connection noticed), checking every 20 ms. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** Alice registers for the contest, submits an accepted A and waits for its verdict. */
async function aliceSolvesA(contestId: string): Promise<void> {
  const registered = await api.call('POST', `/api/contests/${contestId}/register`, { token: tokens.alice, json: {} });
  expect(registered.status).toBe(200);
  const submitted = await api.call('POST', `/api/contests/${contestId}/submissions`, {
    token: tokens.alice,
    json: { problem: 'A', language: 'python', source: 'a, b = map(int, input().split())\nprint(a + b)\n' },
  });
  expect(submitted.status).toBe(201);
  await untilJudged(api, tokens.alice, ((await submitted.json()) as { id: string }).id);
}

beforeAll(async () => {
  api = await startTestApi({ SCOREBOARD_ANONYMOUS_STREAMS: String(ANONYMOUS_STREAMS) });
  tokens.admin = await api.login('admin', 'admin-password');
  const users = { carol: 'contestant', dave: 'contestant', sam: 'setter', alice: 'contestant' } as const;
  Object.assign(tokens, (await createUsers(api, tokens.admin, users)).tokens);
  helloId = await uploadExample(api, tokens.admin, 'hello');
});

afterAll(async () => {
  await api?.dispose();
});

describe('invite-only contests', () => {
  it('are absent (404) on every route for the uninvited and for visitors, and there for the invited and staff', async () => {
    const id = await createContest({ registration: 'invite', invited: ['carol'] });
    const reads = [
      `/api/contests/${id}`,
      `/api/contests/${id}/scoreboard`,
      `/api/contests/${id}/problems/A`,
      `/api/contests/${id}/submissions`,
      `/api/contests/${id}/clarifications`,
    ];
    const status = async (method: string, path: string, user?: string, json?: unknown) =>
      (await api.call(method, path, { token: user ? tokens[user] : undefined, json })).status;

    for (const path of reads) {
      expect({ path, status: await status('GET', path, 'dave') }).toEqual({ path, status: 404 });
      for (const user of ['carol', 'admin', 'sam']) {
        expect({ path, user, status: await status('GET', path, user) }).toEqual({ path, user, status: 200 });
      }
    }
    // What visitors may read of a contest: the contest and its board.
    for (const path of reads.slice(0, 2))
      expect({ path, status: await status('GET', path) }).toEqual({ path, status: 404 });
    // An unknown contest answers the same.
    expect(await status('GET', `/api/contests/${id}`, 'dave')).toBe(
      await status('GET', '/api/contests/00000000-0000-4000-8000-000000000000', 'dave'),
    );
    // Nor may the uninvited register, submit or ask: the contest is not there for them.
    expect(await status('POST', `/api/contests/${id}/register`, 'dave', {})).toBe(404);
    const program = { problem: 'A', language: 'python', source: 'print(1)\n' };
    expect(await status('POST', `/api/contests/${id}/submissions`, 'dave', program)).toBe(404);
    expect(await status('POST', `/api/contests/${id}/clarifications`, 'dave', { question: 'Is A easy?' })).toBe(404);

    // The board's stream likewise.
    for (const user of [undefined, 'dave']) {
      const refused = await openBoard(id, user);
      expect({ user, status: refused.status }).toEqual({ user, status: 404 });
    }
    for (const user of ['carol', 'sam']) {
      const stream = await openBoard(id, user);
      try {
        expect(stream.status).toBe(200);
        await stream.until(1);
        expect(stream.boards[0].rows.map((r) => r.username)).toEqual(['carol']);
      } finally {
        stream.close();
      }
    }
  });

  it('open and code contests stay readable by visitors', async () => {
    const id = await createContest({ registration: 'code', joinCode: 'sesame' });
    expect((await api.call('GET', `/api/contests/${id}`)).status).toBe(200);
    expect((await api.call('GET', `/api/contests/${id}/scoreboard`)).status).toBe(200);
    expect((await api.call('GET', `/api/contests/${id}/clarifications`, { token: tokens.dave })).status).toBe(200);
  });
});

describe('live scoreboard streams', () => {
  const streams = () => api.app.get(ScoreboardStreams);
  const computed = () => api.app.get(SharedScoreboards).counts;

  async function openAll(id: string, users: (string | undefined)[]): Promise<BoardStream[]> {
    const opened: BoardStream[] = [];
    for (const user of users) {
      const stream = await openBoard(id, user);
      expect({ user, status: stream.status }).toEqual({ user, status: 200 });
      opened.push(stream);
    }
    await Promise.all(opened.map((s) => s.until(1)));
    return opened;
  }

  async function closeAll(opened: BoardStream[]): Promise<void> {
    for (const stream of opened) stream.close();
    await until(() => streams().streamCount() === 0, 'every stream is let go');
  }

  /** The reads and computations one change makes while these streams are open. */
  async function afterOneChange(id: string, opened: BoardStream[]) {
    // Earlier changes (a registration, a verdict) told and sent first, so that only this one is counted.
    await until(() => !api.app.get(ContestEvents).changePending(id), 'earlier changes are told');
    await streams().idle(id);
    const sent = opened.map((s) => s.boards.length);
    const before = { ...computed() };
    api.app.get(ContestEvents).scoreboardChanged(id);
    // Counted on the server once this change is sent: a board of an earlier change may still be on its way to a
    // client, so what the clients have received says nothing about which change it came from.
    await until(() => !api.app.get(ContestEvents).changePending(id), 'the change is told');
    await streams().idle(id);
    const counted = { reads: computed().reads - before.reads, boards: computed().boards - before.boards };
    await Promise.all(opened.map((s, i) => s.until(sent[i] + 1)));
    return counted;
  }

  it('compute an unfrozen board once per change for every stream, with or without an account', async () => {
    const id = await createContest();
    expect((await api.call('POST', `/api/contests/${id}/register`, { token: tokens.alice, json: {} })).status).toBe(
      200,
    );
    const opened = await openAll(id, [undefined, undefined, 'alice', 'dave', 'sam', 'admin']);
    try {
      expect(streams().streamCount(id)).toBe(6);
      expect(await afterOneChange(id, opened)).toEqual({ reads: 1, boards: 1 });
      for (const stream of opened) expect(stream.boards.at(-1)!.rows.map((r) => r.username)).toEqual(['alice']);
    } finally {
      await closeAll(opened);
    }
  });

  it('compute a frozen board once per view: the public one, staff’s, and each participant’s own', async () => {
    // Frozen from the start: the last two hours of a two-hour contest.
    const id = await createContest({ freezeMinutes: 120 });
    // Alice's submission, made after the freeze: hers in full on her board, pending on everyone else's.
    await aliceSolvesA(id);
    const opened = await openAll(id, [undefined, undefined, 'dave', 'alice', 'sam', 'admin']);
    try {
      // Public (two visitors and Dave, who is not on the board), Alice's own, staff's.
      expect(await afterOneChange(id, opened)).toEqual({ reads: 1, boards: 3 });
      expect(opened.map((s) => s.boards.at(-1)!.frozen)).toEqual([true, true, true, true, false, false]);
      const aliceA = opened.map((s) => s.boards.at(-1)!.rows[0].problems.A);
      expect(aliceA.map((c) => c.pending)).toEqual([1, 1, 1, 0, 0, 0]);
      expect(aliceA.map((c) => c.solvedAtMinutes !== null)).toEqual([false, false, false, true, true, true]);
    } finally {
      await closeAll(opened);
    }
  });

  it('send a client that asks for patches only the rows that changed, making the same board as a full stream', async () => {
    const id = await createContest();
    const full = await openBoard(id, 'admin');
    const patched = await openBoard(id, 'admin', true);
    const opened = [full, patched];
    try {
      await Promise.all(opened.map((s) => s.until(1)));
      // Alice registers, then solves A: each change is one row, sent alone.
      await aliceSolvesA(id);
      const solved = (s: BoardStream) => s.boards.at(-1)?.rows[0]?.solved === 1;
      await until(() => opened.every(solved), 'both streams show the solve');
      expect(patched.patched).toBeGreaterThan(0);
      expect(patched.boards.at(-1)).toEqual(full.boards.at(-1));
      expect(full.patched).toBe(0);
    } finally {
      await closeAll(opened);
    }
  });

  it('refuse an anonymous stream over the cap with 503 and Retry-After; signed-in viewers still get theirs', async () => {
    const id = await createContest();
    const opened = await openAll(id, Array<undefined>(ANONYMOUS_STREAMS).fill(undefined));
    try {
      const refused = await openBoard(id);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('30');
      expect(refused.body).toMatchObject({ code: 'STREAMS_FULL' });
      const signedIn = await openBoard(id, 'dave');
      expect(signedIn.status).toBe(200);
      opened.push(signedIn);
      // A visitor leaving makes room for the next.
      opened.shift()!.close();
      await until(() => streams().streamCount(id) === ANONYMOUS_STREAMS, 'the closed stream is let go');
      const next = await openBoard(id);
      expect(next.status).toBe(200);
      opened.push(next);
    } finally {
      await closeAll(opened);
    }
  });
});
