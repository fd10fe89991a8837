import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ContestInput,
  ScoreboardView,
  SubmissionView,
  UpsolvingView,
  VirtualParticipationView,
  VirtualScoreboardView,
  VirtualState,
} from '@judge/contract';
import { Client } from 'pg';
import { contestWindow, createUsers, untilJudged, uploadExample } from './fixtures';
import { startTestApi, type TestApi } from './support';

let api: TestApi;
let db: Client;
const tokens: Record<string, string> = {};
let helloId = '';

const sources = {
  ac: 'a, b = map(int, input().split())\nprint(a + b)\n',
  wa: 'a, b = map(int, input().split())\nprint(a - b)\n',
};

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

/** A running contest (from a minute ago, 120 minutes long), hello as A, unless told otherwise. */
function contestInput(overrides: Partial<ContestInput> = {}): ContestInput {
  return {
    title: 'Virtual round',
    startsAt: minutes(-1),
    endsAt: minutes(119),
    scoring: 'icpc',
    freezeMinutes: 30,
    registration: 'open',
    problems: [{ problemId: helloId, label: 'A' }],
    ...overrides,
  };
}

async function createContest(overrides: Partial<ContestInput> = {}): Promise<string> {
  const response = await api.call('POST', '/api/contests', { token: tokens.admin, json: contestInput(overrides) });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function submit(contestId: string, user: string, source: string): Promise<string> {
  const response = await api.call('POST', `/api/contests/${contestId}/submissions`, {
    token: tokens[user],
    json: { problem: 'A', language: 'python', source },
  });
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  await untilJudged(api, tokens[user], id);
  return id;
}

async function get<T>(path: string, user?: string): Promise<T> {
  const response = await api.call('GET', path, { token: user ? tokens[user] : undefined });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

const start = (contestId: string, user: string) =>
  api.call('POST', `/api/contests/${contestId}/virtual`, { token: tokens[user] });

/** Moves a submission to a minute of the contest (the real ones were made just now, before it was moved back). */
async function placeAt(submissionId: string, contestId: string, minute: number): Promise<void> {
  await db.query(
    `UPDATE submissions SET created_at = (SELECT starts_at FROM contests WHERE id = $2) + make_interval(mins => $3)
      WHERE id = $1`,
    [submissionId, contestId, minute],
  );
}

/** Makes the caller's virtual participation have started `ago` minutes before now. */
async function startedAgo(contestId: string, user: string, ago: number): Promise<void> {
  await db.query(
    `UPDATE contest_virtual_participations SET started_at = now() - make_interval(mins => $3)
      WHERE contest_id = $1 AND user_id = (SELECT id FROM users WHERE username = $2)`,
    [contestId, user, ago],
  );
}

/** Moves a virtual submission to a minute of its author's participation. */
async function placeInParticipation(submissionId: string, contestId: string, minute: number): Promise<void> {
  await db.query(
    `UPDATE submissions s SET created_at = v.started_at + make_interval(mins => $3)
       FROM contest_virtual_participations v
      WHERE s.id = $1 AND v.contest_id = $2 AND v.user_id = s.user_id`,
    [submissionId, contestId, minute],
  );
}

/** One line per row: rank, name, solved, penalty, virtual. */
const table = (view: ScoreboardView) =>
  view.rows.map((r) => [r.rank, r.username, r.solved, r.penalty, r.virtual ?? false]);
const cellA = (view: ScoreboardView, user: string) => view.rows.find((r) => r.username === user)?.problems.A;

beforeAll(async () => {
  api = await startTestApi({ SUBMISSIONS_PER_MINUTE: '100' });
  tokens.admin = await api.login('admin', 'admin-password');
  const users = { alice: 'contestant', bob: 'contestant', vic: 'contestant', uma: 'contestant' } as const;
  Object.assign(tokens, (await createUsers(api, tokens.admin, users)).tokens);
  helloId = await uploadExample(api, tokens.admin, 'hello');
  db = new Client({ connectionString: api.config.DATABASE_URL });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await api?.dispose();
});

describe('virtual participation and upsolving (real judging, real PostgreSQL)', () => {
  it('refuses a virtual participation before the end, and after it when the problems stay hidden', async () => {
    const running = await createContest();
    const early = await start(running, 'vic');
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ code: 'CONTEST_NOT_ENDED' });
    expect(await get<VirtualState>(`/api/contests/${running}/virtual`, 'vic')).toEqual({
      participation: null,
      canStart: false,
      refusal: 'CONTEST_NOT_ENDED',
    });
    expect((await api.call('GET', `/api/contests/${running}/virtual/scoreboard`, { token: tokens.vic })).status).toBe(
      404,
    );

    const hidden = await createContest({ startsAt: minutes(-120), endsAt: minutes(-60), practiceAfter: false });
    const refused = await start(hidden, 'vic');
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'PROBLEMS_HIDDEN' });
    // Nor upsolving: the contest is closed to submissions, as before.
    const late = await api.call('POST', `/api/contests/${hidden}/submissions`, {
      token: tokens.uma,
      json: { problem: 'A', language: 'python', source: sources.ac },
    });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ code: 'CONTEST_ENDED' });
  });

  it('replays the real board at the same contest minute with the virtual row, and keeps the real board apart', async () => {
    // The real contest, run now, then moved 300 minutes back: 120 minutes long, frozen from minute 90.
    const id = await createContest();
    for (const user of ['alice', 'bob']) {
      expect((await api.call('POST', `/api/contests/${id}/register`, { token: tokens[user], json: {} })).status).toBe(
        200,
      );
    }
    const aliceAc = await submit(id, 'alice', sources.ac);
    const bobWa = await submit(id, 'bob', sources.wa);
    const bobAc = await submit(id, 'bob', sources.ac);
    const moved = await api.call('PUT', `/api/contests/${id}`, {
      token: tokens.admin,
      json: contestInput(contestWindow(-300, -180)),
    });
    expect(moved.status).toBe(200);
    // alice: A at 10 (10); bob: A rejected at 5, solved at 100, inside the freeze (100 + 20 = 120).
    await placeAt(aliceAc, id, 10);
    await placeAt(bobWa, id, 5);
    await placeAt(bobAc, id, 100);
    const realBefore = await get<ScoreboardView>(`/api/contests/${id}/scoreboard`, 'admin');
    expect(table(realBefore)).toEqual([
      [1, 'alice', 1, 10, false],
      [2, 'bob', 1, 120, false],
    ]);

    // Those who submitted in the contest itself may not take it virtually.
    const contestant = await start(id, 'alice');
    expect(contestant.status).toBe(409);
    expect(await contestant.json()).toMatchObject({ code: 'TOOK_PART' });

    expect(await get<VirtualState>(`/api/contests/${id}/virtual`, 'vic')).toMatchObject({
      participation: null,
      canStart: true,
      refusal: null,
    });
    const started = await start(id, 'vic');
    expect(started.status).toBe(201);
    const participation = (await started.json()) as VirtualParticipationView;
    expect(participation.status).toBe('running');
    expect(participation.durationMs).toBe(120 * 60_000);
    expect(Date.parse(participation.endsAt) - Date.parse(participation.startedAt)).toBe(120 * 60_000);
    // One per user and contest.
    const again = await start(id, 'vic');
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'VIRTUAL_EXISTS' });

    // During it vic reads the problems and submits to the contest, as a virtual participant.
    expect((await api.call('GET', `/api/contests/${id}/problems/A`, { token: tokens.vic })).status).toBe(200);
    const vicAc = await submit(id, 'vic', sources.ac);
    expect((await get<SubmissionView>(`/api/submissions/${vicAc}`, 'vic')).contestKind).toBe('virtual');

    // 50 minutes in, with the AC at minute 30: alice's A (10) and bob's WA (5) are on the board, bob's AC (100) not.
    await startedAgo(id, 'vic', 50);
    await placeInParticipation(vicAc, id, 30);
    const at50 = await get<VirtualScoreboardView>(`/api/contests/${id}/virtual/scoreboard`, 'vic');
    expect(at50.elapsedMs).toBeGreaterThanOrEqual(50 * 60_000);
    expect(at50.frozen).toBe(false);
    expect(table(at50)).toEqual([
      [1, 'alice', 1, 10, false],
      [2, 'vic', 1, 30, true],
      [3, 'bob', 0, 0, false],
    ]);
    expect(cellA(at50, 'bob')).toMatchObject({ attempts: 1, solvedAtMinutes: null, pending: 0 });

    // 110 minutes in: inside the freeze (from 90), bob's AC at 100 shows as pending, as it did to contestants then.
    await startedAgo(id, 'vic', 110);
    await placeInParticipation(vicAc, id, 30);
    const at110 = await get<VirtualScoreboardView>(`/api/contests/${id}/virtual/scoreboard`, 'vic');
    expect(at110.frozen).toBe(true);
    expect(table(at110)).toEqual([
      [1, 'alice', 1, 10, false],
      [2, 'vic', 1, 30, true],
      [3, 'bob', 0, 0, false],
    ]);
    expect(cellA(at110, 'bob')).toMatchObject({ attempts: 1, pending: 1 });

    // The real board never shows vic, whoever looks.
    expect(await get<ScoreboardView>(`/api/contests/${id}/scoreboard`, 'admin')).toEqual(realBefore);
    expect((await get<ScoreboardView>(`/api/contests/${id}/scoreboard`, 'vic')).rows.map((r) => r.username)).toEqual([
      'alice',
      'bob',
    ]);

    // Once it is over, vic's submissions are upsolving: listed apart, on neither board.
    await startedAgo(id, 'vic', 200);
    await placeInParticipation(vicAc, id, 30);
    expect(await get<VirtualState>(`/api/contests/${id}/virtual`, 'vic')).toMatchObject({
      participation: { status: 'finished', elapsedMs: 120 * 60_000 },
      canStart: false,
      refusal: 'VIRTUAL_EXISTS',
    });
    const vicUpsolve = await submit(id, 'vic', sources.wa);
    expect((await get<SubmissionView>(`/api/submissions/${vicUpsolve}`, 'vic')).contestKind).toBe('upsolve');
    const over = await get<VirtualScoreboardView>(`/api/contests/${id}/virtual/scoreboard`, 'vic');
    expect(cellA(over, 'vic')).toMatchObject({ attempts: 1, solvedAtMinutes: 30, pending: 0 });

    // Upsolving by someone who never took part, and by a contestant after the end.
    const umaAc = await submit(id, 'uma', sources.ac);
    expect((await get<SubmissionView>(`/api/submissions/${umaAc}`, 'uma')).contestKind).toBe('upsolve');
    await submit(id, 'alice', sources.wa);
    const upsolving = await get<UpsolvingView>(`/api/contests/${id}/upsolving`);
    expect(upsolving.problems).toEqual([{ label: 'A', title: expect.any(String) as string }]);
    expect(upsolving.rows.map((r) => [r.username, r.solved, r.attempted, r.submissions])).toEqual([
      ['uma', ['A'], [], 1],
      ['alice', [], ['A'], 1],
      ['vic', [], ['A'], 1],
    ]);
    expect(await get<ScoreboardView>(`/api/contests/${id}/scoreboard`, 'admin')).toEqual(realBefore);
  });
});
