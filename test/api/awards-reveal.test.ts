import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  revealFrames,
  type ContestAward,
  type ContestInput,
  type ContestView,
  type RevealData,
  type ScoreboardView,
} from '@judge/contract';
import { callJson, createUsers, EXAMPLES, untilJudged, uploadExample } from './fixtures';
import { startTestApi, type TestApi } from './support';

/*
 * Awards and the reveal over HTTP, from submissions judged for real and kept in the real PostgreSQL. The set-up is
 * contests.test.ts's: the example problems, contestants made by the admin, python sources.
 */

let api: TestApi;
const tokens: Record<string, string> = {};
const problemIds = { hello: '', sumPair: '' };
const sources = {
  helloAc: 'a, b = map(int, input().split())\nprint(a + b)\n',
  helloWa: 'a, b = map(int, input().split())\nprint(a - b)\n',
  sumPairWa: 'print(0, 0)\n',
  sumPairAc: '',
};

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

function contestInput(overrides: Partial<ContestInput> = {}): ContestInput {
  return {
    title: 'Final round',
    startsAt: minutes(-120),
    endsAt: minutes(60),
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

async function submitJudged(contestId: string, user: string, problem: string, source: string): Promise<string> {
  const created = await callJson<{ id: string }>(api, tokens[user], 'POST', `/api/contests/${contestId}/submissions`, {
    problem,
    language: 'python',
    source,
  });
  expect(created.status).toBe(201);
  return (await untilJudged<{ status: string; verdict: string }>(api, tokens[user], created.body.id)).verdict;
}

const get = <T>(path: string, user?: string) => callJson<T>(api, user ? tokens[user] : undefined, 'GET', path);

beforeAll(async () => {
  api = await startTestApi({ SUBMISSIONS_PER_MINUTE: '100' });
  tokens.admin = await api.login('admin', 'admin-password');
  const users = { alice: 'contestant', bob: 'contestant', carol: 'contestant' } as const;
  Object.assign(tokens, (await createUsers(api, tokens.admin, users)).tokens);
  problemIds.hello = await uploadExample(api, tokens.admin, 'hello');
  problemIds.sumPair = await uploadExample(api, tokens.admin, 'sum-pair');
  sources.sumPairAc = await readFile(join(EXAMPLES, 'sum-pair', 'submissions', 'accepted', 'near_half.py'), 'utf8');
});

afterAll(async () => {
  await api?.dispose();
});

describe('awards and the reveal over HTTP (real judging, real PostgreSQL)', () => {
  it('keeps medal counts per contest, four each unless set, and checks them', async () => {
    const plain = await callJson<{ id: string }>(api, tokens.admin, 'POST', '/api/contests', contestInput());
    expect((await get<ContestView>(`/api/contests/${plain.body.id}`, 'alice')).body.medals).toEqual({
      gold: 4,
      silver: 4,
      bronze: 4,
    });
    const set = await callJson<{ id: string }>(
      api,
      tokens.admin,
      'POST',
      '/api/contests',
      contestInput({ medals: { gold: 1, silver: 2, bronze: 0 } }),
    );
    expect((await get<ContestView>(`/api/contests/${set.body.id}`, 'alice')).body.medals).toEqual({
      gold: 1,
      silver: 2,
      bronze: 0,
    });
    const negative = await callJson<{ code: string }>(
      api,
      tokens.admin,
      'POST',
      '/api/contests',
      contestInput({ medals: { gold: -1, silver: 2, bronze: 0 } }),
    );
    expect(negative.status).toBe(400);
  });

  it('shows the awards of an ended contest that never froze to those who may see it; to nobody else', async () => {
    const created = await callJson<{ id: string }>(
      api,
      tokens.admin,
      'POST',
      '/api/contests',
      contestInput({ endsAt: minutes(-60), registration: 'invite', invited: ['carol'] }),
    );
    const id = created.body.id;
    // Nobody solved anything: no awards, but the answer is there for the invited.
    expect(await get(`/api/contests/${id}/awards`, 'carol')).toEqual({ status: 200, body: [] });
    // An invite-only contest is absent for the uninvited, as on its other routes.
    expect((await get(`/api/contests/${id}/awards`, 'alice')).status).toBe(404);
    expect((await get(`/api/contests/${id}/awards`)).status).toBe(404);
  });

  it('computes awards from judged submissions, hides them while frozen, and reveals the frozen board step by step to the final one', async () => {
    const created = await callJson<{ id: string }>(
      api,
      tokens.admin,
      'POST',
      '/api/contests',
      contestInput({ medals: { gold: 1, silver: 1, bronze: 1 } }),
    );
    expect(created.status).toBe(201);
    const id = created.body.id;
    for (const user of ['alice', 'bob', 'carol']) {
      expect((await callJson(api, tokens[user], 'POST', `/api/contests/${id}/register`, {})).status).toBe(200);
    }

    // Before the freeze: alice solves A, bob fails it.
    expect(await submitJudged(id, 'alice', 'A', sources.helloAc)).toBe('AC');
    expect(await submitJudged(id, 'bob', 'A', sources.helloWa)).toBe('WA');
    // Those were made half an hour ago: the test cannot wait for the clock to pass a freeze.
    const db = new Client({ connectionString: api.config.DATABASE_URL });
    await db.connect();
    try {
      await db.query(`UPDATE submissions SET created_at = created_at - interval '30 minutes' WHERE contest_id = $1`, [
        id,
      ]);
    } finally {
      await db.end();
    }
    // After it (once the contest ends with a 15-minute freeze): bob solves A and B, carol fails A, alice fails B.
    expect(await submitJudged(id, 'bob', 'A', sources.helloAc)).toBe('AC');
    expect(await submitJudged(id, 'bob', 'B', sources.sumPairAc)).toBe('AC');
    expect(await submitJudged(id, 'carol', 'A', sources.helloWa)).toBe('WA');
    expect(await submitJudged(id, 'alice', 'B', sources.sumPairWa)).toBe('WA');

    const early = await get<{ code: string }>(`/api/contests/${id}/reveal`, 'admin');
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('CONTEST_NOT_ENDED');

    // The contest ends, frozen for its last 15 minutes.
    const ended = await callJson(
      api,
      tokens.admin,
      'PUT',
      `/api/contests/${id}`,
      contestInput({
        endsAt: new Date(Date.now() - 1000).toISOString(),
        freezeMinutes: 15,
        medals: { gold: 1, silver: 1, bronze: 1 },
      }),
    );
    expect(ended.status).toBe(200);
    const names = (board: ScoreboardView) => board.rows.map((r) => `${r.rank} ${r.username} ${r.solved}`);
    const publicBoard = (await get<ScoreboardView>(`/api/contests/${id}/scoreboard`)).body;
    expect(publicBoard.frozen).toBe(true);
    expect(names(publicBoard)).toEqual(['1 alice 1', '2 bob 0', '2 carol 0']);

    // Staff see the awards of the final board: bob (A and B) wins; alice (A) silver and first to solve A, as
    // solved before the freeze; carol solved nothing, so no medal though a bronze place is hers.
    const byName = { alice: '', bob: '', carol: '' };
    for (const row of (await get<ScoreboardView>(`/api/contests/${id}/scoreboard`, 'admin')).body.rows) {
      byName[row.username as keyof typeof byName] = row.userId;
    }
    const staffAwards = await get<ContestAward[]>(`/api/contests/${id}/awards`, 'admin');
    expect(staffAwards.status).toBe(200);
    expect(staffAwards.body.map((a) => [a.id, a.teamIds])).toEqual([
      ['winner', [byName.bob]],
      ['gold-medal', [byName.bob]],
      ['silver-medal', [byName.alice]],
      ['first-to-solve-A', [byName.alice]],
      ['first-to-solve-B', [byName.bob]],
    ]);
    // Not to contestants or the public while the board is frozen: they would tell the hidden results.
    for (const user of ['alice', undefined]) {
      const refused = await get<{ code: string }>(`/api/contests/${id}/awards`, user);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('AWARDS_NOT_PUBLIC');
    }

    // The reveal's data: staff only.
    expect((await get(`/api/contests/${id}/reveal`, 'alice')).status).toBe(403);
    expect((await get(`/api/contests/${id}/reveal`)).status).toBe(401);
    const reveal = await get<RevealData>(`/api/contests/${id}/reveal`, 'admin');
    expect(reveal.status).toBe(200);
    expect(reveal.body.frozen).toEqual(publicBoard);
    expect(reveal.body.awards).toEqual(staffAwards.body);
    expect(Object.keys(reveal.body.hidden).sort()).toEqual([byName.alice, byName.bob, byName.carol].sort());

    // Stepping it: carol (lowest) shows her A and is final; bob's A (minute ~120 + 20 penalty) leaves him under
    // alice (minute ~90), his B lifts him over her; alice's B, then the awards from the bottom, the winner last.
    const frames = revealFrames(reveal.body);
    const steps = frames.flatMap((f) => (f.step ? [f.step] : []));
    expect(
      steps.map((s) => (s.kind === 'cell' ? `${s.userId} ${s.label} ${s.from}→${s.to}` : `${s.userId} final`)),
    ).toEqual([
      `${byName.carol} A 2→2`,
      `${byName.bob} A 1→1`,
      `${byName.bob} B 1→0`,
      `${byName.alice} B 1→1`,
      `${byName.alice} final`,
      `${byName.bob} final`,
    ]);
    expect(steps.at(-1)).toMatchObject({ kind: 'final', userId: byName.bob });
    const finalBoard = (await get<ScoreboardView>(`/api/contests/${id}/scoreboard`, 'admin')).body;
    expect(frames.at(-1)?.rows).toEqual(finalBoard.rows);
    expect(reveal.body.final).toEqual(finalBoard);
    expect(names(finalBoard)).toEqual(['1 bob 2', '2 alice 1', '3 carol 0']);

    // Unfrozen, everyone sees the awards staff saw.
    expect((await callJson(api, tokens.admin, 'POST', `/api/contests/${id}/unfreeze`)).status).toBe(200);
    for (const user of ['alice', undefined]) {
      const shown = await get<ContestAward[]>(`/api/contests/${id}/awards`, user);
      expect(shown.status).toBe(200);
      expect(shown.body).toEqual(staffAwards.body);
    }
    // The reveal still starts from the frozen board after the unfreeze (a rehearsal, a second screen).
    expect((await get<RevealData>(`/api/contests/${id}/reveal`, 'admin')).body.frozen).toEqual(publicBoard);
  });
});
