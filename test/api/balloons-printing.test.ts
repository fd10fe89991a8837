import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage, BalloonList, ContestInput, ContestView, PrintView } from '@judge/contract';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { callJson, createUsers, untilJudged, uploadExample } from './fixtures';
import { startTestApi, type TestApi } from './support';

/**
 * Balloons and printing over HTTP (docs/contests.md, "Balloons and printing"): balloons from really judged
 * submissions, and prints given to a real PRINT_COMMAND (a small script that keeps what it was given).
 */
let api: TestApi;
let work: string;
const tokens: Record<string, string> = {};
let ids: Record<string, string> = {};
const problemIds = { hello: '', sumPair: '' };

const sources = {
  helloAc: 'a, b = map(int, input().split())\nprint(a + b)\n',
  helloAcAgain: 'a, b = map(int, input().split())\nprint(b + a)\n',
  helloWa: 'a, b = map(int, input().split())\nprint(a - b)\n',
};

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

/** The print command: writes stdin to <out>/<file>, and its other arguments beside it; a "fail" file fails. */
const PRINTER = `#!/bin/sh
out="$1"; file="$2"
case "$file" in *fail*) echo "printer on fire: $file" >&2; exit 3 ;; esac
cat > "$out/$file"
printf '%s\\n' "$3" "$4" > "$out/$file.args"
`;

async function createContest(overrides: Partial<ContestInput> = {}): Promise<string> {
  const input: ContestInput = {
    title: 'On-site final',
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
  const { status, body } = await callJson<{ id: string }>(api, tokens.admin, 'POST', '/api/contests', input);
  expect(status).toBe(201);
  return body.id;
}

async function register(contestId: string, ...users: string[]): Promise<void> {
  for (const user of users) {
    expect((await callJson(api, tokens[user], 'POST', `/api/contests/${contestId}/register`, {})).status).toBe(200);
  }
}

/** A submission, judged. */
async function solve(contestId: string, user: string, problem: string, source: string): Promise<string> {
  const { status, body } = await callJson<{ id: string }>(
    api,
    tokens[user],
    'POST',
    `/api/contests/${contestId}/submissions`,
    { problem, language: 'python', source },
  );
  expect(status).toBe(201);
  await untilJudged(api, tokens[user], body.id);
  return body.id;
}

async function balloons(contestId: string, status: 'pending' | 'done' | 'all'): Promise<BalloonList> {
  const response = await callJson<BalloonList>(
    api,
    tokens.admin,
    'GET',
    `/api/contests/${contestId}/balloons?status=${status}`,
  );
  expect(response.status).toBe(200);
  return response.body;
}

async function sql<T extends object = object>(text: string, values: unknown[] = []): Promise<T[]> {
  const db = new Client({ connectionString: api.config.DATABASE_URL });
  await db.connect();
  try {
    return (await db.query<T>(text, values)).rows;
  } finally {
    await db.end();
  }
}

async function print(contestId: string, user: string, fileName: string, content: string) {
  return callJson<PrintView & { code?: string }>(api, tokens[user], 'POST', `/api/contests/${contestId}/prints`, {
    fileName,
    content,
  });
}

/** The print as its sender sees it, once the print command has had it. */
async function untilPrinted(contestId: string, user: string, printId: string): Promise<PrintView> {
  for (let i = 0; i < 300; i++) {
    const { body } = await callJson<PrintView[]>(api, tokens[user], 'GET', `/api/contests/${contestId}/prints`);
    const found = body.find((p) => p.id === printId);
    if (found && found.status !== 'queued') return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`print ${printId} was not printed in time`);
}

async function audited(action: string): Promise<AuditPage['items']> {
  const { body } = await callJson<AuditPage>(api, tokens.admin, 'GET', `/api/admin/audit?action=${action}`);
  return body.items;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'judge-printer-'));
  const printer = join(work, 'printer.sh');
  await writeFile(printer, PRINTER);
  await chmod(printer, 0o755);
  api = await startTestApi({
    SUBMISSIONS_PER_MINUTE: '100',
    PRINT_COMMAND: JSON.stringify([printer, work, '{file}', '{team}', '{location}']),
    PRINT_TIMEOUT_SECONDS: '20',
  });
  tokens.admin = await api.login('admin', 'admin-password');
  const made = await createUsers(api, tokens.admin, { alice: 'contestant', bob: 'contestant', carol: 'contestant' });
  Object.assign(tokens, made.tokens);
  ids = made.ids;
  problemIds.hello = await uploadExample(api, tokens.admin, 'hello');
  problemIds.sumPair = await uploadExample(api, tokens.admin, 'sum-pair');
});

afterAll(async () => {
  await api?.dispose();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('balloons (real judging, real PostgreSQL)', () => {
  it('gives one balloon per first solve, marks the first to solve, and keeps done marks', async () => {
    const id = await createContest();
    await register(id, 'alice', 'bob');
    await sql(`UPDATE contest_problems SET color = '#ff0000' WHERE contest_id = $1 AND label = 'A'`, [id]);

    await solve(id, 'alice', 'A', sources.helloWa);
    const aliceFirst = await solve(id, 'alice', 'A', sources.helloAc);
    const aliceSecond = await solve(id, 'alice', 'A', sources.helloAcAgain);
    const bobs = await solve(id, 'bob', 'A', sources.helloAc);

    const all = await balloons(id, 'all');
    expect(all.heldBack).toBe(0);
    expect(all.items).toMatchObject([
      {
        submissionId: aliceFirst,
        name: 'alice',
        userId: ids.alice,
        teamId: null,
        location: null,
        problemLabel: 'A',
        color: '#ff0000',
        firstToSolve: true,
        done: false,
      },
      { submissionId: bobs, name: 'bob', problemLabel: 'A', firstToSolve: false, done: false },
    ]);
    expect(all.items.map((b) => b.submissionId)).not.toContain(aliceSecond);

    // Runners and contestants are different people: the queue is staff's.
    for (const user of ['alice', 'carol']) {
      expect((await callJson(api, tokens[user], 'GET', `/api/contests/${id}/balloons`)).status).toBe(403);
      const mark = await callJson(api, tokens[user], 'POST', `/api/contests/${id}/balloons/${bobs}/done`);
      expect(mark.status).toBe(403);
    }
    // A second AC is no balloon of its own.
    const notABalloon = await callJson(api, tokens.admin, 'POST', `/api/contests/${id}/balloons/${aliceSecond}/done`);
    expect(notABalloon.status).toBe(404);

    const marked = await callJson(api, tokens.admin, 'POST', `/api/contests/${id}/balloons/${aliceFirst}/done`);
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ submissionId: aliceFirst, done: true, doneBy: 'admin' });
    expect((await balloons(id, 'pending')).items.map((b) => b.submissionId)).toEqual([bobs]);
    expect((await balloons(id, 'done')).items.map((b) => b.submissionId)).toEqual([aliceFirst]);
    expect(await audited('balloon.done')).toMatchObject([
      { actorUsername: 'admin', targetId: id, details: { submissionId: aliceFirst, problem: 'A', entrant: 'alice' } },
    ]);

    // Undone by mistake: back in the queue; done again.
    const undone = await callJson(api, tokens.admin, 'DELETE', `/api/contests/${id}/balloons/${aliceFirst}/done`);
    expect(undone.body).toMatchObject({ done: false, doneBy: null });
    expect(await audited('balloon.undone')).toMatchObject([{ details: { submissionId: aliceFirst } }]);
    expect((await balloons(id, 'pending')).items.map((b) => b.submissionId)).toEqual([aliceFirst, bobs]);
    await callJson(api, tokens.admin, 'POST', `/api/contests/${id}/balloons/${aliceFirst}/done`);

    // A rejudge that takes Alice's first AC away moves her balloon to her next AC, still handed out.
    await sql(`UPDATE submissions SET verdict = 'WA' WHERE id = $1`, [aliceFirst]);
    const after = await balloons(id, 'all');
    expect(after.items).toMatchObject([
      { submissionId: aliceSecond, name: 'alice', done: true, firstToSolve: true },
      { submissionId: bobs, name: 'bob', done: false, firstToSolve: false },
    ]);
  });

  it('holds back balloons of solves during the freeze until the board is unfrozen, when the contest says so', async () => {
    // Frozen from before its start: every solve is made during the freeze.
    const held = await createContest({ freezeMinutes: 200, balloonsDuringFreeze: false });
    const given = await createContest({ freezeMinutes: 200 });
    const view = await callJson<ContestView>(api, tokens.admin, 'GET', `/api/contests/${held}`);
    expect(view.body).toMatchObject({ phase: 'frozen', balloonsDuringFreeze: false });
    await register(held, 'alice');
    await register(given, 'alice');
    const solvedHeld = await solve(held, 'alice', 'A', sources.helloAc);
    const solvedGiven = await solve(given, 'alice', 'A', sources.helloAc);

    expect(await balloons(held, 'all')).toEqual({ items: [], heldBack: 1 });
    const heldMark = await callJson(api, tokens.admin, 'POST', `/api/contests/${held}/balloons/${solvedHeld}/done`);
    expect(heldMark.status).toBe(404);
    expect((await balloons(given, 'all')).items.map((b) => b.submissionId)).toEqual([solvedGiven]);

    // Over, then unfrozen: the held-back balloon comes.
    await sql(`UPDATE contests SET ends_at = now() - interval '1 minute' WHERE id = $1`, [held]);
    expect((await balloons(held, 'all')).heldBack).toBe(1);
    expect((await callJson(api, tokens.admin, 'POST', `/api/contests/${held}/unfreeze`)).status).toBe(200);
    const unfrozen = await balloons(held, 'pending');
    expect(unfrozen.heldBack).toBe(0);
    expect(unfrozen.items.map((b) => b.submissionId)).toEqual([solvedHeld]);
  });

  it('gives a team one balloon per problem, with its name and location (teams made in the database)', async () => {
    const id = await createContest({ teams: true });
    await register(id, 'alice', 'bob');
    const [team] = await sql<{ id: string }>(
      `INSERT INTO teams (contest_id, name, location) VALUES ($1, 'Byte Me', 'Hall 2, desk 14') RETURNING id`,
      [id],
    );
    for (const user of ['alice', 'bob']) {
      await sql('INSERT INTO team_members (contest_id, user_id, team_id) VALUES ($1, $2, $3)', [
        id,
        ids[user],
        team.id,
      ]);
    }
    const alices = await solve(id, 'alice', 'A', sources.helloAc);
    const bobs = await solve(id, 'bob', 'A', sources.helloAc);
    // The team of each submission, as the teams service records it.
    await sql('UPDATE submissions SET team_id = $1 WHERE id = ANY($2)', [team.id, [alices, bobs]]);

    expect((await balloons(id, 'all')).items).toMatchObject([
      {
        submissionId: alices,
        teamId: team.id,
        name: 'Byte Me',
        location: 'Hall 2, desk 14',
        problemLabel: 'A',
        firstToSolve: true,
      },
    ]);

    // A print of a team member carries the team's name and location, to the queue and to the print command.
    const sent = await print(id, 'bob', 'solution.py', 'print("hi")\n');
    expect(sent.status).toBe(201);
    expect(await untilPrinted(id, 'bob', sent.body.id)).toMatchObject({ status: 'printed' });
    const queue = await callJson<PrintView[]>(api, tokens.admin, 'GET', `/api/contests/${id}/prints`);
    expect(queue.body).toMatchObject([
      { id: sent.body.id, username: 'bob', teamName: 'Byte Me', location: 'Hall 2, desk 14' },
    ]);
    expect(await readFile(join(work, 'solution.py.args'), 'utf8')).toBe('Byte Me\nHall 2, desk 14\n');
    // Alice, on the same team, sees it too.
    const mine = await callJson<PrintView[]>(api, tokens.alice, 'GET', `/api/contests/${id}/prints`);
    expect(mine.body.map((p) => p.id)).toEqual([sent.body.id]);
  });
});

describe('printing (a real print command)', () => {
  it('queues a participant’s file, runs the print command with it on stdin, and records failures', async () => {
    const id = await createContest();
    await register(id, 'alice', 'bob');
    const text = '#include <cstdio>\nint main() { puts("$(rm -rf /) `reboot`; echo hi"); }\n';

    const sent = await print(id, 'alice', 'main.cpp', text);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ fileName: 'main.cpp', username: 'alice', status: 'queued' });
    expect(await untilPrinted(id, 'alice', sent.body.id)).toMatchObject({ status: 'printed', error: null });
    expect(await readFile(join(work, 'main.cpp'), 'utf8')).toBe(text);
    // An individual contest: the account's name, no location.
    expect(await readFile(join(work, 'main.cpp.args'), 'utf8')).toBe('alice\n\n');

    const failing = await print(id, 'alice', 'fail.txt', 'jammed\n');
    expect(await untilPrinted(id, 'alice', failing.body.id)).toMatchObject({
      status: 'failed',
      error: 'printer on fire: fail.txt',
    });

    // Staff see the queue with who sent what, read a file, hand it out and print it again.
    const queue = await callJson<PrintView[]>(api, tokens.admin, 'GET', `/api/contests/${id}/prints`);
    expect(queue.body).toMatchObject([
      { id: failing.body.id, status: 'failed', username: 'alice', location: null, teamName: null },
      { id: sent.body.id, status: 'printed', fileName: 'main.cpp', bytes: Buffer.byteLength(text) },
    ]);
    const content = await api.call('GET', `/api/contests/${id}/prints/${sent.body.id}/content`, {
      token: tokens.admin,
    });
    expect(content.headers.get('content-type')).toContain('text/plain');
    expect(await content.text()).toBe(text);
    const done = await callJson<PrintView>(
      api,
      tokens.admin,
      'POST',
      `/api/contests/${id}/prints/${sent.body.id}/done`,
    );
    expect(done.body).toMatchObject({ status: 'done', doneBy: 'admin' });
    expect(await audited('print.done')).toMatchObject([{ details: { printId: sent.body.id, fileName: 'main.cpp' } }]);
    await rm(join(work, 'main.cpp'));
    const again = await callJson<PrintView>(
      api,
      tokens.admin,
      'POST',
      `/api/contests/${id}/prints/${sent.body.id}/print`,
    );
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'queued', doneAt: null });
    expect(await untilPrinted(id, 'alice', sent.body.id)).toMatchObject({ status: 'printed' });
    expect(await readFile(join(work, 'main.cpp'), 'utf8')).toBe(text);

    // Another participant sees none of Alice's prints, nor their text; contestants hand nothing out.
    expect((await callJson<PrintView[]>(api, tokens.bob, 'GET', `/api/contests/${id}/prints`)).body).toEqual([]);
    const peek = await api.call('GET', `/api/contests/${id}/prints/${sent.body.id}/content`, { token: tokens.bob });
    expect(peek.status).toBe(404);
    const own = await api.call('GET', `/api/contests/${id}/prints/${sent.body.id}/content`, { token: tokens.alice });
    expect(await own.text()).toBe(text);
    expect((await callJson(api, tokens.alice, 'POST', `/api/contests/${id}/prints/${sent.body.id}/done`)).status).toBe(
      403,
    );
  });

  it('refuses non-participants, finished contests, large or binary files and option-like names', async () => {
    const id = await createContest();
    await register(id, 'alice');
    expect((await print(id, 'carol', 'a.txt', 'hello\n')).status).toBe(403);
    expect((await callJson(api, tokens.carol, 'GET', `/api/contests/${id}/prints`)).status).toBe(403);

    // 140 000 characters, 280 000 bytes of UTF-8: over 256 KiB.
    const large = await print(id, 'alice', 'big.txt', 'é'.repeat(140_000));
    expect(large.status).toBe(413);
    expect(large.body.code).toBe('PRINT_TOO_LARGE');
    expect((await print(id, 'alice', 'a.out', 'ELF\u0000\u0001')).body.code).toBe('NOT_TEXT');
    for (const name of ['-o evil', '../etc/passwd', '.hidden', 'a/b.txt']) {
      expect((await print(id, 'alice', name, 'x')).status).toBe(400);
    }

    // Ten in ten minutes, then refused until older ones age out.
    for (let i = 0; i < 10; i++) expect((await print(id, 'alice', `part${i}.txt`, `${i}\n`)).status).toBe(201);
    const eleventh = await print(id, 'alice', 'part10.txt', '10\n');
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.code).toBe('RATE_LIMITED');

    const past = await createContest({ startsAt: minutes(-120), endsAt: minutes(-60) });
    await sql('INSERT INTO contest_participants (contest_id, user_id, invited) VALUES ($1, $2, true)', [
      past,
      ids.alice,
    ]);
    expect((await print(past, 'alice', 'late.txt', 'too late\n')).body.code).toBe('CONTEST_ENDED');
  });
});
