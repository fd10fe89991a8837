import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContestInput, ContestView, ProblemDetail, ProblemListItem, UserProfileView } from '@judge/contract';
import { callJson, createUsers, EXAMPLES, untilJudged, uploadExample, uploadFolder } from './fixtures';
import { startTestApi, type TestApi } from './support';

/*
 * What the problem list and a problem's page count (users who solved it, acceptance), its tags and the time limit in
 * force with its origin; and users' profiles. Counts and profiles never tell what a frozen scoreboard or a running
 * contest hides.
 */

let api: TestApi;
let work: string;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const AC = 'a, b = map(int, input().split())\nprint(a + b)\n';
const WA = 'a, b = map(int, input().split())\nprint(a - b)\n';
const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

async function practise(user: string, problemId: string, source: string): Promise<string> {
  const { status, body } = await callJson<{ id: string }>(api, tokens[user], 'POST', '/api/submissions', {
    problemId,
    language: 'python',
    source,
  });
  expect(status).toBe(201);
  return body.id;
}

const judged = (user: string, id: string) => untilJudged<{ status: string; verdict: string }>(api, tokens[user], id);

async function listed(user: string, problemId: string): Promise<ProblemListItem | undefined> {
  const { body } = await callJson<ProblemListItem[]>(api, tokens[user], 'GET', '/api/problems');
  return body.find((p) => p.id === problemId);
}

const profile = (viewer: string, username: string) =>
  callJson<UserProfileView>(api, tokens[viewer], 'GET', `/api/users/${username}/profile`);

/** examples/problems/hello copied under `name`, with `drop` (paths in it) removed: a package to vary. */
async function helloVariant(name: string, drop: string[]): Promise<string> {
  const folder = join(work, name);
  await cp(join(EXAMPLES, 'hello'), folder, { recursive: true });
  for (const path of drop) await rm(join(folder, path), { recursive: true, force: true });
  return folder;
}

beforeAll(async () => {
  api = await startTestApi({ SUBMISSIONS_PER_MINUTE: '100' });
  work = await mkdtemp(join(tmpdir(), 'judge-stats-'));
  tokens.admin = await api.login('admin', 'admin-password');
  const users = { alice: 'contestant', bob: 'contestant', carol: 'contestant' } as const;
  Object.assign(tokens, (await createUsers(api, tokens.admin, users)).tokens);
  ids.hello = await uploadExample(api, tokens.admin, 'hello');
});

afterAll(async () => {
  await api?.dispose();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('problem counts, tags and time limits', () => {
  it('counts distinct users with a full AC and the share of judged submissions accepted, with the tags', async () => {
    const before = await listed('carol', ids.hello);
    expect(before).toMatchObject({ solvedBy: 0, acceptance: null, tags: ['math', 'implementation'], slug: 'hello' });
    for (const [user, source] of [
      ['alice', AC],
      ['alice', AC],
      ['bob', WA],
      ['bob', AC],
    ] as const) {
      await judged(user, await practise(user, ids.hello, source));
    }
    expect(await listed('carol', ids.hello)).toMatchObject({ solvedBy: 2, acceptance: 0.75 });
    const page = await callJson<ProblemDetail>(api, tokens.carol, 'GET', `/api/problems/${ids.hello}`);
    expect(page.body).toMatchObject({ solvedBy: 2, acceptance: 0.75, tags: ['math', 'implementation'] });
  });

  it('shows the time limit in force as a number: written, derived once judged, or the default of 1 s', async () => {
    expect(await listed('carol', ids.hello)).toMatchObject({ timeLimitMs: 1000, timeLimitOrigin: 'package' });

    // No written limit, one accepted submission: derived by the first judging, still to come at upload.
    const accepted = await helloVariant('derive-me', [
      '.timelimit',
      ...['compile_error', 'memory_limit_exceeded', 'output_limit_exceeded', 'run_time_error'].map(
        (f) => `submissions/${f}`,
      ),
      ...['time_limit_exceeded', 'wrong_answer'].map((f) => `submissions/${f}`),
    ]);
    for (const file of await readdir(join(accepted, 'submissions', 'accepted'))) {
      if (file !== 'sum.py') await rm(join(accepted, 'submissions', 'accepted', file));
    }
    const derived = (await uploadFolder(api, tokens.admin, accepted)).id;
    expect(await listed('carol', derived)).toMatchObject({ timeLimitMs: null, timeLimitOrigin: 'pending' });
    expect((await judged('carol', await practise('carol', derived, AC))).verdict).toBe('AC');
    const after = await listed('carol', derived);
    expect(after?.timeLimitOrigin).toBe('derived');
    expect(after?.timeLimitMs).toBeGreaterThanOrEqual(1000);
    const page = await callJson<ProblemDetail>(api, tokens.carol, 'GET', `/api/problems/${derived}`);
    expect(page.body.limits).toMatchObject({ timeLimitMs: after?.timeLimitMs, timeLimitDerived: true });

    // Neither a written limit nor accepted submissions: the judge's default.
    const bare = (await uploadFolder(api, tokens.admin, await helloVariant('no-limit', ['.timelimit', 'submissions'])))
      .id;
    expect(await listed('carol', bare)).toMatchObject({ timeLimitMs: 1000, timeLimitOrigin: 'default' });

    // A contest's problem list carries the same.
    const { body: contest } = await callJson<{ id: string }>(api, tokens.admin, 'POST', '/api/contests', {
      title: 'Limits',
      startsAt: minutes(-1),
      endsAt: minutes(60),
      scoring: 'icpc',
      freezeMinutes: 0,
      registration: 'open',
      problems: [
        { problemId: derived, label: 'A' },
        { problemId: bare, label: 'B' },
      ],
    } satisfies ContestInput);
    const view = await callJson<ContestView>(api, tokens.admin, 'GET', `/api/contests/${contest.id}`);
    expect(view.body.problems.map((p) => [p.label, p.timeLimitMs, p.timeLimitOrigin])).toEqual([
      ['A', after?.timeLimitMs, 'derived'],
      ['B', 1000, 'default'],
    ]);
    // A contest's problem route shows no counts: they are the practice page's.
    const inContest = await callJson<ProblemDetail>(api, tokens.admin, 'GET', `/api/contests/${contest.id}/problems/A`);
    expect(inContest.status).toBe(200);
    expect(inContest.body).not.toHaveProperty('solvedBy');
    expect(inContest.body.tags).toEqual(['math', 'implementation']);
  });
});

describe('profiles and what a frozen board hides', () => {
  it('shows solved problems, contests and (to the user and staff) recent submissions, never a frozen result', async () => {
    const frozen = (await uploadFolder(api, tokens.admin, await helloVariant('frozen-sum', []))).id;
    const input: ContestInput = {
      title: 'Frozen round',
      startsAt: minutes(-1),
      endsAt: minutes(30),
      scoring: 'icpc',
      freezeMinutes: 60,
      registration: 'open',
      practiceAfter: true,
      problems: [{ problemId: frozen, label: 'A' }],
    };
    const { body: contest } = await callJson<{ id: string }>(api, tokens.admin, 'POST', '/api/contests', input);
    expect((await callJson(api, tokens.alice, 'POST', `/api/contests/${contest.id}/register`, {})).status).toBe(200);
    const { body: submission } = await callJson<{ id: string }>(
      api,
      tokens.alice,
      'POST',
      `/api/contests/${contest.id}/submissions`,
      { problem: 'A', language: 'python', source: AC },
    );
    expect((await judged('alice', submission.id)).verdict).toBe('AC');

    // Running: the problem is hidden from practice, so from others' view of her profile.
    const running = await profile('bob', 'alice');
    expect(running.status).toBe(200);
    expect(running.body.solved.map((p) => p.title)).toEqual(['Sum of Two Numbers']);
    expect(running.body.solved.map((p) => p.id)).toEqual([ids.hello]);
    expect(running.body.contests.map((c) => c.title)).toEqual(['Frozen round']);
    expect(running.body.submissions).toBeNull();

    // Over, practice open, the board still frozen: the problem is listed, the frozen AC counts nowhere.
    const ended = await callJson(api, tokens.admin, 'PUT', `/api/contests/${contest.id}`, {
      ...input,
      startsAt: minutes(-90),
      endsAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(ended.status).toBe(200);
    expect(await listed('bob', frozen)).toMatchObject({ solvedBy: 0, acceptance: null });
    expect((await profile('bob', 'alice')).body.solved.map((p) => p.id)).toEqual([ids.hello]);

    expect((await callJson(api, tokens.admin, 'POST', `/api/contests/${contest.id}/unfreeze`)).status).toBe(200);
    expect(await listed('bob', frozen)).toMatchObject({ solvedBy: 1, acceptance: 1 });
    expect((await profile('bob', 'alice')).body.solved.map((p) => p.id).sort()).toEqual([ids.hello, frozen].sort());

    // Her own page and staff's list her submissions, latest first; the contest one among them.
    const own = await profile('alice', 'alice');
    expect(own.body.submissions?.[0]).toMatchObject({ id: submission.id, verdict: 'AC', contestId: contest.id });
    expect((await profile('admin', 'alice')).body.submissions?.length).toBe(3);
    expect((await profile('bob', 'nobody-here')).status).toBe(404);
  });

  it('lists an invite-only contest only to those who may know of it', async () => {
    const { body: contest } = await callJson<{ id: string }>(api, tokens.admin, 'POST', '/api/contests', {
      title: 'Invitational',
      startsAt: minutes(-1),
      endsAt: minutes(60),
      scoring: 'icpc',
      freezeMinutes: 0,
      registration: 'invite',
      invited: ['bob'],
      problems: [{ problemId: ids.hello, label: 'A' }],
    } satisfies ContestInput);
    expect((await callJson(api, tokens.bob, 'POST', `/api/contests/${contest.id}/register`, {})).status).toBe(200);
    const titles = async (viewer: string) => (await profile(viewer, 'bob')).body.contests.map((c) => c.title);
    expect(await titles('carol')).not.toContain('Invitational');
    expect(await titles('bob')).toContain('Invitational');
    expect(await titles('admin')).toContain('Invitational');
  });
});
