import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClarificationView, ContestInput, ContestView, ScoreboardView, SubmissionEvent } from '@judge/contract';
import { ContestEvents, SubmissionEvents } from '@judge/api';
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createUsers, EXAMPLES, untilJudged, uploadExample, uploadFolder } from './fixtures';
import { openEventStream, type EventStream } from './event-stream';
import { startTestApi, type TestApi } from './support';

let api: TestApi;
const tokens: Record<string, string> = {};
/** hello (a + b) as A, sum-pair as B; circle and subtasks only for the practice rules. */
const problemIds: Record<'hello' | 'sumPair' | 'circle' | 'subtasks', string> = {
  hello: '',
  sumPair: '',
  circle: '',
  subtasks: '',
};

const sources = {
  helloAc: 'a, b = map(int, input().split())\nprint(a + b)\n',
  helloWa: 'a, b = map(int, input().split())\nprint(a - b)\n',
  ce: 'print(\n',
};

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

/** A running contest (from a minute ago, two hours to go), hello as A and sum-pair as B, unless told otherwise. */
function contestInput(overrides: Partial<ContestInput> = {}): ContestInput {
  return {
    title: 'Weekly round',
    startsAt: minutes(-1),
    endsAt: minutes(120),
    scoring: 'icpc',
    freezeMinutes: 0,
    registration: 'open',
    problems: [
      { problemId: problemIds.hello, label: 'A' },
      { problemId: problemIds.sumPair, label: 'B' },
    ],
    ...overrides,
  };
}

async function createContest(overrides: Partial<ContestInput> = {}): Promise<string> {
  const response = await api.call('POST', '/api/contests', { token: tokens.admin, json: contestInput(overrides) });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function register(contestId: string, user: string, code?: string): Promise<Response> {
  return api.call('POST', `/api/contests/${contestId}/register`, {
    token: tokens[user],
    json: code === undefined ? {} : { code },
  });
}

async function submit(contestId: string, user: string, problem: string, source: string): Promise<string> {
  const response = await api.call('POST', `/api/contests/${contestId}/submissions`, {
    token: tokens[user],
    json: { problem, language: 'python', source },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const judged = (user: string, id: string) =>
  untilJudged<{ status: string; verdict: string; contestId: string }>(api, tokens[user], id);

async function board(contestId: string, user?: string): Promise<ScoreboardView> {
  const response = await api.call('GET', `/api/contests/${contestId}/scoreboard`, {
    token: user ? tokens[user] : undefined,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as ScoreboardView;
}

/** An error answer's code and message. */
async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  return (await response.json()) as { code: string; message: string };
}

const row = (view: ScoreboardView, username: string) => {
  const found = view.rows.find((r) => r.username === username);
  if (!found) throw new Error(`${username} is not on the board`);
  return found;
};

/** An event stream of the API as a browser's EventSource reads it. */
function openEvents(path: string, token?: string): Promise<EventStream> {
  const query = token ? `${path.includes('?') ? '&' : '?'}access_token=${token}` : '';
  return openEventStream(`${api.url}${path}${query}`);
}

/** Waits for a condition the server reaches on its own (a closed connection noticed), checking every 20 ms. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting until ${what}`);
}

beforeAll(async () => {
  // Packages in DATA_DIR, where a test can take one away as a volume that is not mounted would.
  api = await startTestApi({ SUBMISSIONS_PER_MINUTE: '100', FILE_STORE: 'folder' });
  tokens.admin = await api.login('admin', 'admin-password');
  const users = { alice: 'contestant', bob: 'contestant', carol: 'contestant', dave: 'contestant' } as const;
  Object.assign(tokens, (await createUsers(api, tokens.admin, users)).tokens);
  const upload = (name: string) => uploadExample(api, tokens.admin, name);
  problemIds.hello = await upload('hello');
  problemIds.sumPair = await upload('sum-pair');
  problemIds.circle = await upload('circle');
  problemIds.subtasks = await upload('subtasks');
});

afterAll(async () => {
  await api?.dispose();
});

describe('contests over HTTP (real judging, real PostgreSQL)', () => {
  it('only setters and admins create contests, and bodies are checked', async () => {
    const input = { title: 'x', startsAt: minutes(1), endsAt: minutes(2), scoring: 'icpc', registration: 'open' };
    const byContestant = await api.call('POST', '/api/contests', {
      token: tokens.alice,
      json: { ...input, freezeMinutes: 0, problems: [] },
    });
    expect(byContestant.status).toBe(403);
    const backwards = await api.call('POST', '/api/contests', {
      token: tokens.admin,
      json: { ...input, endsAt: minutes(-5), freezeMinutes: 0, problems: [] },
    });
    expect(backwards.status).toBe(400);
    const backwardsError = await errorOf(backwards);
    expect(backwardsError.code).toBe('VALIDATION_FAILED');
    expect(backwardsError.message).toContain('endsAt');
  });

  it('registers by the open, code and invite rules', async () => {
    const open = await createContest();
    expect((await register(open, 'alice')).status).toBe(200);
    expect((await register(open, 'alice')).status).toBe(200);
    const view = (await (
      await api.call('GET', `/api/contests/${open}`, { token: tokens.alice })
    ).json()) as ContestView;
    expect(view).toMatchObject({ registered: true, participants: 1, canManage: false, phase: 'running' });
    expect(view.joinCode).toBeUndefined();

    const coded = await createContest({ registration: 'code', joinCode: 'sesame-42' });
    const missing = await register(coded, 'bob');
    expect(missing.status).toBe(403);
    const missingError = await errorOf(missing);
    expect(missingError.code).toBe('WRONG_JOIN_CODE');
    expect(missingError.message).toContain('code');
    expect((await register(coded, 'bob', 'sesame-41')).status).toBe(403);
    expect((await register(coded, 'bob', 'sesame-42')).status).toBe(200);
    const staffView = (await (
      await api.call('GET', `/api/contests/${coded}`, { token: tokens.admin })
    ).json()) as ContestView;
    expect(staffView).toMatchObject({ joinCode: 'sesame-42', canManage: true, participants: 1 });

    const invite = await createContest({ registration: 'invite', invited: ['carol'] });
    // To the uninvited, an invite-only contest is absent, as in the list.
    expect((await register(invite, 'dave')).status).toBe(404);
    expect((await register(invite, 'carol')).status).toBe(200);
    const listed = async (user: string) =>
      ((await (await api.call('GET', '/api/contests', { token: tokens[user] })).json()) as { id: string }[]).map(
        (c) => c.id,
      );
    expect(await listed('carol')).toContain(invite);
    expect(await listed('dave')).not.toContain(invite);
    expect(await listed('dave')).toContain(open);
    // Invited users take part without registering: they are on the board from the start.
    const another = await createContest({ registration: 'invite', invited: ['dave'] });
    expect((await board(another, 'dave')).rows.map((r) => r.username)).toEqual(['dave']);
  });

  it('shows a contest, its board and its event stream to callers without a token (the public scoreboard page)', async () => {
    const input = { registration: 'code', joinCode: 'open-sesame' } as const;
    const upcoming = await createContest({ ...input, startsAt: minutes(60), endsAt: minutes(120) });
    const early = await api.call('GET', `/api/contests/${upcoming}`);
    expect(early.status).toBe(200);
    const earlyView = (await early.json()) as ContestView;
    expect(earlyView).toMatchObject({ phase: 'upcoming', registered: false, canManage: false, problems: [] });
    expect(earlyView.joinCode).toBeUndefined();
    expect((await api.call('GET', `/api/contests/${upcoming}/scoreboard`)).status).toBe(409);

    const running = await createContest(input);
    expect((await register(running, 'alice', 'open-sesame')).status).toBe(200);
    const view = (await (await api.call('GET', `/api/contests/${running}`)).json()) as ContestView;
    expect(view).toMatchObject({ phase: 'running', registered: false, canManage: false, participants: 1 });
    expect(view.problems.map((p) => p.label)).toEqual(['A', 'B']);
    expect(view.joinCode).toBeUndefined();
    expect(view.invited).toBeUndefined();
    expect((await board(running)).rows.map((r) => r.username)).toEqual(['alice']);

    const controller = new AbortController();
    const response = await fetch(`${api.url}/api/contests/${running}/scoreboard/events`, {
      signal: controller.signal,
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    try {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      let received = '';
      while (!(received.includes('event: scoreboard') && received.includes('"username":"alice"'))) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        received += value;
      }
    } finally {
      controller.abort();
      await reader.cancel().catch(() => undefined);
    }
  });

  it('refuses submissions before the start and after the end, and from non-participants', async () => {
    const upcoming = await createContest({ startsAt: minutes(60), endsAt: minutes(120) });
    expect((await register(upcoming, 'alice')).status).toBe(200);
    const view = (await (
      await api.call('GET', `/api/contests/${upcoming}`, { token: tokens.alice })
    ).json()) as ContestView;
    expect(view.phase).toBe('upcoming');
    expect(view.problems).toEqual([]);
    const staffView = (await (
      await api.call('GET', `/api/contests/${upcoming}`, { token: tokens.admin })
    ).json()) as ContestView;
    expect(staffView.problems.map((p) => p.label)).toEqual(['A', 'B']);
    const early = await api.call('POST', `/api/contests/${upcoming}/submissions`, {
      token: tokens.alice,
      json: { problem: 'A', language: 'python', source: sources.helloAc },
    });
    expect(early.status).toBe(409);
    const earlyError = await errorOf(early);
    expect(earlyError.code).toBe('CONTEST_NOT_STARTED');
    expect(earlyError.message).toContain('not started');
    expect((await api.call('GET', `/api/contests/${upcoming}/problems/A`, { token: tokens.alice })).status).toBe(409);
    expect((await api.call('GET', `/api/contests/${upcoming}/scoreboard`)).status).toBe(409);

    const past = await createContest({
      startsAt: minutes(-120),
      endsAt: minutes(-60),
      registration: 'invite',
      invited: ['alice'],
      // With practiceAfter the end opens upsolving instead (virtual-participation.test.ts).
      practiceAfter: false,
    });
    const late = await api.call('POST', `/api/contests/${past}/submissions`, {
      token: tokens.alice,
      json: { problem: 'A', language: 'python', source: sources.helloAc },
    });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ code: 'CONTEST_ENDED' });

    const running = await createContest();
    const outsider = await api.call('POST', `/api/contests/${running}/submissions`, {
      token: tokens.dave,
      json: { problem: 'A', language: 'python', source: sources.helloAc },
    });
    expect(outsider.status).toBe(403);
    expect((await api.call('GET', `/api/contests/${running}/problems/A`, { token: tokens.dave })).status).toBe(403);
  });

  it('judges AC, WA and CE in the contest and ranks them on the ICPC board', async () => {
    const id = await createContest();
    for (const user of ['alice', 'bob', 'carol']) expect((await register(id, user)).status).toBe(200);
    const problem = (await (
      await api.call('GET', `/api/contests/${id}/problems/A`, { token: tokens.alice })
    ).json()) as { id: string; title: string };
    expect(problem.id).toBe(problemIds.hello);

    const wa = await submit(id, 'alice', 'A', sources.helloWa);
    expect((await judged('alice', wa)).verdict).toBe('WA');
    const ac = await submit(id, 'alice', 'A', sources.helloAc);
    expect(await judged('alice', ac)).toMatchObject({ verdict: 'AC', contestId: id });
    const ce = await submit(id, 'alice', 'B', sources.ce);
    expect((await judged('alice', ce)).verdict).toBe('CE');
    const bobAc = await submit(id, 'bob', problemIds.hello, sources.helloAc);
    expect((await judged('bob', bobAc)).verdict).toBe('AC');

    const view = await board(id);
    expect(view).toMatchObject({ frozen: false, scoring: 'icpc', problems: [{ label: 'A' }, { label: 'B' }] });
    const alice = row(view, 'alice');
    const bob = row(view, 'bob');
    const aliceA = alice.problems.A;
    expect(aliceA).toMatchObject({ attempts: 2, pending: 0, firstToSolve: true });
    expect(alice.problems.B).toMatchObject({ attempts: 0, solvedAtMinutes: null, pending: 0 });
    expect(alice).toMatchObject({ solved: 1, score: 1, penalty: (aliceA.solvedAtMinutes ?? -100) + 20 });
    expect(bob.problems.A).toMatchObject({ attempts: 1, firstToSolve: false });
    expect(bob).toMatchObject({ solved: 1, penalty: bob.problems.A.solvedAtMinutes });
    // Bob solved at most a minute or two after Alice, without her 20 minutes for the wrong answer.
    expect(view.rows.map((r) => [r.rank, r.username])).toEqual([
      [1, 'bob'],
      [2, 'alice'],
      [3, 'carol'],
    ]);
    expect(row(view, 'carol')).toMatchObject({ solved: 0, penalty: 0 });

    // Own submissions only for contestants; all, or one user's, for staff.
    const list = async (user: string, query = '') =>
      (
        (await (await api.call('GET', `/api/contests/${id}/submissions${query}`, { token: tokens[user] })).json()) as {
          items: { id: string; userId: string }[];
        }
      ).items.map((s) => s.id);
    expect((await list('alice')).sort()).toEqual([wa, ac, ce].sort());
    expect(await list('bob')).toEqual([bobAc]);
    expect((await list('admin')).sort()).toEqual([wa, ac, ce, bobAc].sort());
    expect(await list('admin', `?userId=${bob.userId}`)).toEqual([bobAc]);
    // Nobody reads another contestant's code.
    expect((await api.call('GET', `/api/submissions/${ac}`, { token: tokens.bob })).status).toBe(404);

    const contestView = (await (
      await api.call('GET', `/api/contests/${id}`, { token: tokens.alice })
    ).json()) as ContestView;
    expect(contestView.problems.map((p) => [p.label, p.solved, p.attempted])).toEqual([
      ['A', true, true],
      ['B', false, true],
    ]);
  });

  it('freezes the board for contestants and the public, not for admins, until unfrozen after the end', async () => {
    // Freezing 60 minutes before an end 30 minutes away: frozen from before the start.
    const id = await createContest({ endsAt: minutes(30), freezeMinutes: 60 });
    for (const user of ['alice', 'bob']) expect((await register(id, user)).status).toBe(200);
    expect((await judged('bob', await submit(id, 'bob', 'A', sources.helloAc))).verdict).toBe('AC');

    const aliceView = await board(id, 'alice');
    expect(aliceView.frozen).toBe(true);
    expect(row(aliceView, 'bob').problems.A).toMatchObject({ pending: 1, solvedAtMinutes: null, attempts: 0 });
    expect(row(aliceView, 'bob').solved).toBe(0);
    const publicView = await board(id);
    expect(publicView.frozen).toBe(true);
    expect(row(publicView, 'bob').problems.A.pending).toBe(1);
    // Bob sees his own result; the admin sees everything.
    expect(row(await board(id, 'bob'), 'bob').problems.A).toMatchObject({ pending: 0, attempts: 1 });
    const adminView = await board(id, 'admin');
    expect(adminView.frozen).toBe(false);
    expect(row(adminView, 'bob')).toMatchObject({ rank: 1, solved: 1 });
    expect(row(adminView, 'bob').problems.A).toMatchObject({ pending: 0, firstToSolve: true });

    const early = await api.call('POST', `/api/contests/${id}/unfreeze`, { token: tokens.admin });
    expect(early.status).toBe(409);
    const earlyError = await errorOf(early);
    expect(earlyError.code).toBe('CONTEST_NOT_ENDED');
    expect(earlyError.message).toContain('ended');
    expect((await api.call('POST', `/api/contests/${id}/unfreeze`, { token: tokens.alice })).status).toBe(403);

    // The admin moves the end into the past (the contest is over), then unfreezes.
    const edited = await api.call('PUT', `/api/contests/${id}`, {
      token: tokens.admin,
      json: contestInput({
        startsAt: minutes(-90),
        endsAt: new Date(Date.now() - 1000).toISOString(),
        freezeMinutes: 60,
      }),
    });
    expect(edited.status).toBe(200);
    expect((await board(id, 'alice')).frozen).toBe(true);
    expect((await api.call('POST', `/api/contests/${id}/unfreeze`, { token: tokens.admin })).status).toBe(200);
    const after = await board(id, 'alice');
    expect(after.frozen).toBe(false);
    expect(row(after, 'bob')).toMatchObject({ rank: 1, solved: 1 });
  });

  it('hides contest problems from practice for contestants while the contest runs, and after it unless practiceAfter', async () => {
    await createContest();
    const practiceIds = async (user: string) =>
      ((await (await api.call('GET', '/api/problems', { token: tokens[user] })).json()) as { id: string }[]).map(
        (p) => p.id,
      );
    expect(await practiceIds('alice')).not.toContain(problemIds.hello);
    expect(await practiceIds('admin')).toContain(problemIds.hello);
    expect((await api.call('GET', `/api/problems/${problemIds.hello}`, { token: tokens.alice })).status).toBe(404);
    expect((await api.call('GET', `/api/problems/${problemIds.hello}`, { token: tokens.admin })).status).toBe(200);
    const practice = await api.call('POST', '/api/submissions', {
      token: tokens.alice,
      json: { problemId: problemIds.hello, language: 'python', source: sources.helloAc },
    });
    expect(practice.status).toBe(404);

    // An ended contest: hidden without practiceAfter, shown with it.
    const circleOnly = (practiceAfter: boolean): ContestInput => ({
      title: 'Past round',
      startsAt: minutes(-120),
      endsAt: minutes(-60),
      scoring: 'ioi',
      freezeMinutes: 0,
      registration: 'open',
      practiceAfter,
      problems: [{ problemId: problemIds.circle, label: 'A' }],
    });
    expect(await practiceIds('alice')).toContain(problemIds.circle);
    const past = await api.call('POST', '/api/contests', { token: tokens.admin, json: circleOnly(false) });
    const pastId = ((await past.json()) as { id: string }).id;
    expect(await practiceIds('alice')).not.toContain(problemIds.circle);
    expect((await api.call('GET', `/api/problems/${problemIds.circle}`, { token: tokens.alice })).status).toBe(404);
    await api.call('PUT', `/api/contests/${pastId}`, { token: tokens.admin, json: circleOnly(true) });
    expect(await practiceIds('alice')).toContain(problemIds.circle);
    expect((await api.call('GET', `/api/problems/${problemIds.circle}`, { token: tokens.alice })).status).toBe(200);
  });

  it("hides an exam's problems from practice until the exam closes, extensions included", async () => {
    // Made in the database: courses have their own API and tests; this is the visibility rule alone.
    const db = new Client({ connectionString: api.config.DATABASE_URL });
    await db.connect();
    try {
      const [{ id: courseId }] = (
        await db.query<{ id: string }>(
          `INSERT INTO courses (title, join_code) VALUES ('Algorithms', 'c0de') RETURNING id`,
        )
      ).rows;
      const [{ id: examId }] = (
        await db.query<{ id: string }>(
          `INSERT INTO assignments (course_id, title, kind, opens_at, deadline)
           VALUES ($1, 'Midterm', 'exam', now() - interval '2 hours', now() - interval '1 hour') RETURNING id`,
          [courseId],
        )
      ).rows;
      await db.query(
        `INSERT INTO assignment_problems (assignment_id, problem_id, label, position) VALUES ($1, $2, 'A', 0)`,
        [examId, problemIds.subtasks],
      );
      const visible = async () =>
        (await api.call('GET', `/api/problems/${problemIds.subtasks}`, { token: tokens.alice })).status;
      expect(await visible()).toBe(200);
      const [{ id: daveId }] = (await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'dave'`)).rows;
      // One student's extension keeps the exam open: hidden from everyone's practice.
      await db.query(
        `INSERT INTO assignment_extensions (assignment_id, user_id, deadline) VALUES ($1, $2, now() + interval '1 hour')`,
        [examId, daveId],
      );
      expect(await visible()).toBe(404);
      expect((await api.call('GET', `/api/problems/${problemIds.subtasks}`, { token: tokens.admin })).status).toBe(200);
      await db.query('DELETE FROM assignment_extensions WHERE assignment_id = $1', [examId]);
      await db.query(`UPDATE assignments SET late_until = now() + interval '1 hour' WHERE id = $1`, [examId]);
      expect(await visible()).toBe(404);
      await db.query(`UPDATE assignments SET late_until = now() - interval '1 minute' WHERE id = $1`, [examId]);
      expect(await visible()).toBe(200);
    } finally {
      await db.end();
    }
  });

  it('keeps questions private until answered publicly; announcements reach everyone', async () => {
    const id = await createContest();
    for (const user of ['alice', 'bob']) expect((await register(id, user)).status).toBe(200);
    const ask = async (user: string, json: unknown) =>
      api.call('POST', `/api/contests/${id}/clarifications`, { token: tokens[user], json });
    const aliceQ = (await (
      await ask('alice', { problemLabel: 'A', question: 'Can a be negative?' })
    ).json()) as ClarificationView;
    const bobQ = (await (await ask('bob', { question: 'Is Python 3 used?' })).json()) as ClarificationView;
    expect((await ask('dave', { question: 'May I?' })).status).toBe(403);
    expect((await ask('alice', { problemLabel: 'Z', question: 'Z?' })).status).toBe(400);

    const answer = (cid: string, user: string, json: unknown) =>
      api.call('POST', `/api/contests/${id}/clarifications/${cid}/answer`, { token: tokens[user], json });
    expect((await answer(aliceQ.id, 'bob', { answer: 'no', public: true })).status).toBe(403);
    expect((await answer(aliceQ.id, 'admin', { answer: 'Read the statement.', public: false })).status).toBe(200);
    expect((await answer(bobQ.id, 'admin', { answer: 'Yes, Python 3.', public: true })).status).toBe(200);
    const announced = await api.call('POST', `/api/contests/${id}/announcements`, {
      token: tokens.admin,
      json: { text: 'Problem B statement fixed.' },
    });
    expect(announced.status).toBe(201);

    const seen = async (user: string) =>
      (await (
        await api.call('GET', `/api/contests/${id}/clarifications`, { token: tokens[user] })
      ).json()) as ClarificationView[];
    const alice = await seen('alice');
    expect(alice.map((c) => [c.kind, c.question ?? c.answer])).toEqual([
      ['question', 'Can a be negative?'],
      ['question', 'Is Python 3 used?'],
      ['announcement', 'Problem B statement fixed.'],
    ]);
    expect(alice[0]).toMatchObject({ answer: 'Read the statement.', public: false, askedBy: { username: 'alice' } });
    // Bob's public question shows its answer, not who asked.
    expect(alice[1]).toMatchObject({ answer: 'Yes, Python 3.', public: true });
    expect(alice[1].askedBy).toBeUndefined();
    const bob = await seen('bob');
    expect(bob.map((c) => c.question ?? c.answer)).toEqual(['Is Python 3 used?', 'Problem B statement fixed.']);
    const judge = await seen('admin');
    expect(judge.map((c) => c.askedBy?.username ?? null)).toEqual(['alice', 'bob', null]);
  });

  it('rejudges a judge error once the package is back, and attempts, penalty and first to solve follow', async () => {
    // hello under another name: a package of its own, which the API's runner has not loaded yet.
    const work = await mkdtemp(join(tmpdir(), 'judge-rejudge-'));
    let upload: { id: string; packageHash: string };
    try {
      const folder = join(work, 'hello-rejudged');
      await cp(join(EXAMPLES, 'hello'), folder, { recursive: true });
      const yaml = join(folder, 'problem.yaml');
      await writeFile(yaml, (await readFile(yaml, 'utf8')).replace(/^name: .*$/m, 'name: Sum of Two, rejudged'));
      upload = await uploadFolder(api, tokens.admin, folder);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    const id = await createContest({ problems: [{ problemId: upload.id, label: 'A' }] });
    for (const user of ['alice', 'bob']) expect((await register(id, user)).status).toBe(200);

    // The package store loses the package for a while (a volume not mounted, a restore half done): Alice's
    // correct solution cannot be judged and becomes a judge error, which is nobody's attempt.
    const stored = join(api.config.DATA_DIR, 'packages', `${upload.packageHash}.zip`);
    await rename(stored, `${stored}.away`);
    let aliceAc: string;
    try {
      aliceAc = await submit(id, 'alice', 'A', sources.helloAc);
      expect((await judged('alice', aliceAc)).verdict).toBe('JE');
    } finally {
      await rename(`${stored}.away`, stored);
    }
    // Bob, after her: a wrong answer, then accepted.
    expect((await judged('bob', await submit(id, 'bob', 'A', sources.helloWa))).verdict).toBe('WA');
    expect((await judged('bob', await submit(id, 'bob', 'A', sources.helloAc))).verdict).toBe('AC');

    const before = await board(id);
    const bobA = row(before, 'bob').problems.A;
    expect(row(before, 'alice')).toMatchObject({ rank: 2, solved: 0, penalty: 0 });
    expect(row(before, 'alice').problems.A).toMatchObject({ attempts: 0, solvedAtMinutes: null, pending: 0 });
    expect(bobA).toMatchObject({ attempts: 2, pending: 0, firstToSolve: true });
    expect(row(before, 'bob')).toMatchObject({ rank: 1, solved: 1, penalty: (bobA.solvedAtMinutes ?? -100) + 20 });

    expect((await api.call('POST', `/api/submissions/${aliceAc}/rejudge`, { token: tokens.admin })).status).toBe(202);
    expect((await judged('admin', aliceAc)).verdict).toBe('AC');

    // Alice's solve came first: one attempt, no rejection, the first to solve; Bob keeps his 20 minutes.
    const after = await board(id);
    const aliceA = row(after, 'alice').problems.A;
    expect(aliceA).toMatchObject({ attempts: 1, pending: 0, firstToSolve: true });
    expect(aliceA.solvedAtMinutes).not.toBeNull();
    expect(aliceA.solvedAtMinutes).toBeLessThanOrEqual(bobA.solvedAtMinutes ?? -1);
    expect(row(after, 'alice')).toMatchObject({ rank: 1, solved: 1, penalty: aliceA.solvedAtMinutes });
    expect(row(after, 'bob').problems.A).toEqual({ ...bobA, firstToSolve: false });
    expect(row(after, 'bob')).toMatchObject({ rank: 2, penalty: row(before, 'bob').penalty });
  });

  it('pushes the scoreboard over server-sent events after a submission is judged', async () => {
    const id = await createContest();
    expect((await register(id, 'alice')).status).toBe(200);
    const stream = await openEvents(`/api/contests/${id}/scoreboard/events`, tokens.alice);
    expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
    /** The next `scoreboard` event's board. */
    const next = async (): Promise<ScoreboardView> => {
      for (;;) {
        const event = await stream.next<ScoreboardView>();
        if (event.type === 'scoreboard') return event.data;
      }
    };
    try {
      const first = await next();
      expect(row(first, 'alice')).toMatchObject({ solved: 0, penalty: 0 });
      await submit(id, 'alice', 'A', sources.helloAc);
      // Boards follow each change (pending, then judged) until Alice's solve shows.
      let latest = await next();
      while (row(latest, 'alice').solved === 0) latest = await next();
      expect(row(latest, 'alice').problems.A).toMatchObject({ attempts: 1, pending: 0, firstToSolve: true });
    } finally {
      await stream.close();
    }
  });

  it('a scoreboard stream opened again after a break shows what changed meanwhile and what follows; closed streams leave no listener', async () => {
    const id = await createContest();
    for (const user of ['alice', 'bob']) expect((await register(id, user)).status).toBe(200);
    const listeners = api.app.get(ContestEvents);
    const path = `/api/contests/${id}/scoreboard/events`;
    const nextBoard = async (stream: EventStream): Promise<ScoreboardView> => {
      for (;;) {
        const event = await stream.next<ScoreboardView>();
        if (event.type === 'scoreboard') return event.data;
      }
    };

    const first = await openEvents(path, tokens.alice);
    expect(row(await nextBoard(first), 'bob')).toMatchObject({ solved: 0 });
    // Subscribed before the first board is sent.
    expect(listeners.listenerCount(id)).toBe(1);
    await first.close();
    await until(() => listeners.listenerCount(id) === 0, 'the closed stream is let go');

    // While Alice is away, Bob solves A.
    expect((await judged('bob', await submit(id, 'bob', 'A', sources.helloAc))).verdict).toBe('AC');

    // She comes back on the same address, as EventSource does, and gets the board as it is now.
    const second = await openEvents(path, tokens.alice);
    try {
      const back = await nextBoard(second);
      expect(row(back, 'bob')).toMatchObject({ rank: 1, solved: 1 });
      expect(row(back, 'bob').problems.A).toMatchObject({ attempts: 1, pending: 0, firstToSolve: true });
      expect(listeners.listenerCount(id)).toBe(1);
      // ...and what happens next.
      await submit(id, 'alice', 'A', sources.helloWa);
      let latest = await nextBoard(second);
      while (row(latest, 'alice').problems.A.attempts === 0) latest = await nextBoard(second);
      expect(row(latest, 'alice').problems.A).toMatchObject({ attempts: 1, pending: 0, solvedAtMinutes: null });
    } finally {
      await second.close();
    }
    await until(() => listeners.listenerCount(id) === 0, 'the second stream is let go');
  });

  it('a verdict stream opened again after a break goes on to the verdict; closed streams leave no listener', async () => {
    const id = await createContest();
    expect((await register(id, 'carol')).status).toBe(200);
    const listeners = api.app.get(SubmissionEvents);
    // Each test runs into the time limit: judging takes a few seconds, long enough to leave and come back.
    const submission = await submit(id, 'carol', 'A', 'while True:\n    pass\n');
    const path = `/api/submissions/${submission}/events`;

    const first = await openEvents(path, tokens.carol);
    const seen = await first.next<SubmissionEvent>();
    expect(['status', 'test', 'done']).toContain(seen.type);
    await first.close();
    await until(() => listeners.listenerCount(submission) === 0, 'the closed stream is let go');

    // Back on the same address: the events from now on, up to the verdict (at once, if it came meanwhile).
    const second = await openEvents(path, tokens.carol);
    try {
      let event = await second.next<SubmissionEvent>();
      while (event.data.type !== 'done') event = await second.next<SubmissionEvent>();
      expect(event.data.submission).toMatchObject({ id: submission, status: 'done', verdict: 'TLE' });
    } finally {
      await second.close();
    }
    // The stream ends after the verdict; nothing stays subscribed.
    await until(() => listeners.listenerCount(submission) === 0, 'the finished stream is let go');
  });
});
