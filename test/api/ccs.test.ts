import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CcsAccess,
  CcsAward,
  CcsClarification,
  CcsEvent,
  CcsJudgement,
  CcsProblem,
  CcsRun,
  CcsScoreboard,
  CcsSubmission,
  CcsTeam,
  ContestInput,
  ScoreboardView,
} from '@judge/contract';
import { contestWindow, createUsers, untilJudged, uploadExample } from './fixtures';
import { startTestApi, type TestApi } from './support';

/*
 * The ICPC Contest API (/api/ccs) against the specification it implements (2026-01): every endpoint's answer
 * checked with the specification's JSON schemas, the event feed read whole and resumed, the public view of a
 * frozen contest, and the specification's own checker (check-api.sh) run against a live API.
 */

const execFileAsync = promisify(execFile);
const REPO = join(__dirname, '..', '..');
/** scripts/setup.sh --tests extracts the specification here; CCS_SPECS_DIR points elsewhere. */
const SPECS_DIR = process.env.CCS_SPECS_DIR ?? join(REPO, '.judge-cache', 'ccs-specs');
const HAVE_SPECS = existsSync(join(SPECS_DIR, 'json-schema', 'common.json'));
if (!HAVE_SPECS) {
  const how =
    `the ICPC Contest API specification is not at ${SPECS_DIR}: run scripts/setup.sh --tests (it copies branch ` +
    '2026-01 of a github.com/icpc/ccs-specs mirror) or set CCS_SPECS_DIR to a checkout of that branch';
  if (process.env.CI === 'true') throw new Error(how);
  console.warn(`test/api/ccs.test.ts skipped: ${how}`);
}

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
const sources = {
  ac: 'a, b = map(int, input().split())\nprint(a + b)\n',
  wa: 'a, b = map(int, input().split())\nprint(a - b)\n',
};

/** The specification's schemas, strict as check-api.sh makes them (no properties beyond the specification's). */
async function loadSchemas(): Promise<(name: string) => ValidateFunction> {
  const ajv = new Ajv2020({ strict: false, allErrors: true, multipleOfPrecision: 9 });
  addFormats(ajv);
  const dir = join(SPECS_DIR, 'json-schema');
  const strict = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(strict);
    else if (node && typeof node === 'object') {
      const object = node as Record<string, unknown>;
      if (object.$comment === 'ANCHOR_TO_INSERT_REQUIRE_STRICT_PROPERTIES') object.additionalProperties = false;
      Object.values(object).forEach(strict);
    }
  };
  const ids = new Map<string, string>();
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.json'))) {
    const schema = JSON.parse(await readFile(join(dir, file), 'utf8')) as Record<string, unknown>;
    strict(schema);
    if (file === 'clarification.json') {
      // The 2026-01 text has a reply's recipients as `to_team_ids` and `to_group_ids`; its schema still has the
      // older `to_team_id`. We follow the text.
      const properties = schema.properties as Record<string, unknown>;
      properties.to_team_ids = { $ref: 'common.json#/identifiersornull' };
      properties.to_group_ids = { $ref: 'common.json#/identifiersornull' };
    }
    ajv.addSchema(schema);
    ids.set(file.replace(/\.json$/, ''), schema.$id as string);
  }
  return (name) => ajv.getSchema(ids.get(name)!)!;
}

let api: TestApi;
let schema: (name: string) => ValidateFunction;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const problemIds = { hello: '', sumPair: '' };

function conforms(name: string, data: unknown): void {
  const validate = schema(name);
  const ok = validate(data);
  expect(ok ? [] : validate.errors, `${name}: ${JSON.stringify(data).slice(0, 400)}`).toEqual([]);
}

/** GET /api/ccs/<path> as a caller (a session, an API token in basic auth, or nobody); the status and the body. */
async function ccs<T>(path: string, as?: { session?: string; basic?: string }): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (as?.session) headers.authorization = `Bearer ${as.session}`;
  if (as?.basic) headers.authorization = `Basic ${Buffer.from(`tool:${as.basic}`).toString('base64')}`;
  const response = await fetch(`${api.url}/api/ccs/${path}`, { headers });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

const admin = () => ({ session: tokens.admin });

async function createContest(input: Partial<ContestInput>): Promise<string> {
  const response = await api.call('POST', '/api/contests', {
    token: tokens.admin,
    json: {
      title: 'Regional',
      ...contestWindow(-5, 120),
      scoring: 'icpc',
      freezeMinutes: 0,
      registration: 'open',
      problems: [
        { problemId: problemIds.hello, label: 'A' },
        { problemId: problemIds.sumPair, label: 'B' },
      ],
      ...input,
    },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function register(contestId: string, ...users: string[]): Promise<void> {
  for (const user of users) {
    const response = await api.call('POST', `/api/contests/${contestId}/register`, { token: tokens[user], json: {} });
    expect(response.status).toBe(200);
  }
}

/** Submits and waits for the verdict. */
async function submit(contestId: string, user: string, problem: string, source: string): Promise<string> {
  const response = await api.call('POST', `/api/contests/${contestId}/submissions`, {
    token: tokens[user],
    json: { problem, language: 'python', source },
  });
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  await untilJudged(api, tokens[user], id);
  return id;
}

/** The event feed up to now (stream=false): its lines, parsed. */
async function feed(contestId: string, as?: { session?: string }, since?: string): Promise<CcsEvent[]> {
  const query = `stream=false${since ? `&since_token=${since}` : ''}`;
  const response = await fetch(`${api.url}/api/ccs/contests/${contestId}/event-feed?${query}`, {
    headers: as?.session ? { authorization: `Bearer ${as.session}` } : {},
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/x-ndjson');
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CcsEvent);
}

async function sql(query: string, params: unknown[] = []): Promise<void> {
  const client = new Client({ connectionString: api.config.DATABASE_URL });
  await client.connect();
  try {
    await client.query(query, params);
  } finally {
    await client.end();
  }
}

async function makeToken(user: string): Promise<string> {
  const response = await api.call('POST', '/api/tokens', {
    token: tokens[user],
    json: { name: 'resolver', scopes: ['ccs'] },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

describe.skipIf(!HAVE_SPECS)('the ICPC Contest API (/api/ccs), checked against the 2026-01 specification', () => {
  beforeAll(async () => {
    schema = await loadSchemas();
    api = await startTestApi({ SUBMISSIONS_PER_MINUTE: '100' });
    tokens.admin = await api.login('admin', 'admin-password');
    const made = await createUsers(api, tokens.admin, {
      alice: 'contestant',
      bob: 'contestant',
      carol: 'contestant',
    });
    Object.assign(tokens, made.tokens);
    Object.assign(ids, made.ids);
    problemIds.hello = await uploadExample(api, tokens.admin, 'hello');
    problemIds.sumPair = await uploadExample(api, tokens.admin, 'sum-pair');
  });

  afterAll(async () => {
    await api?.dispose();
  });

  it('serves every endpoint of a contest in the shapes of the specification, as our own board has it', async () => {
    const id = await createContest({});
    await sql(`UPDATE contest_problems SET color = '#ff0000' WHERE contest_id = $1 AND label = 'A'`, [id]);
    await register(id, 'alice', 'bob', 'carol');
    const aliceAc = await submit(id, 'alice', 'A', sources.ac);
    const bobWa = await submit(id, 'bob', 'A', sources.wa);
    await submit(id, 'bob', 'A', sources.ac);
    const ask = async (user: string, text: string) => {
      const response = await api.call('POST', `/api/contests/${id}/clarifications`, {
        token: tokens[user],
        json: { problemLabel: 'A', question: text },
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    const answer = async (cid: string, text: string, isPublic: boolean) => {
      const response = await api.call('POST', `/api/contests/${id}/clarifications/${cid}/answer`, {
        token: tokens.admin,
        json: { answer: text, public: isPublic },
      });
      expect(response.status).toBe(200);
    };
    await answer(await ask('alice', 'Is the input one line?'), 'Yes.', false);
    await answer(await ask('bob', 'May a and b be negative?'), 'See the constraints.', true);
    const announced = await api.call('POST', `/api/contests/${id}/announcements`, {
      token: tokens.admin,
      json: { text: 'Problem B has been clarified.' },
    });
    expect(announced.status).toBe(201);

    const info = await ccs<unknown>('');
    expect(info.status).toBe(200);
    conforms('api_information', info.body);
    const cors = await fetch(`${api.url}/api/ccs/contests`);
    expect(cors.headers.get('access-control-allow-origin')).toBe('*');
    const contests = await ccs<{ id: string }[]>('contests', admin());
    conforms('contests', contests.body);
    expect(contests.body.map((c) => c.id)).toContain(id);

    const single: Record<string, string> = {
      '': 'contest',
      '/state': 'state',
      '/access': 'access',
      '/scoreboard': 'scoreboard',
    };
    const collections = [
      'judgement-types',
      'languages',
      'problems',
      'groups',
      'organizations',
      'teams',
      'submissions',
      'judgements',
      'runs',
      'clarifications',
      'awards',
    ];
    for (const who of [admin(), undefined]) {
      for (const [path, name] of Object.entries(single)) {
        const answer = await ccs<unknown>(`contests/${id}${path}`, who);
        expect(answer.status, path).toBe(200);
        conforms(name, answer.body);
      }
      for (const type of collections) {
        const list = await ccs<{ id: string }[]>(`contests/${id}/${type}`, who);
        expect(list.status, type).toBe(200);
        conforms(type, list.body);
        // Each object is also at its own address, the same.
        for (const item of list.body.slice(0, 3)) {
          const one = await ccs<{ id: string }>(`contests/${id}/${type}/${item.id}`, who);
          expect(one.status).toBe(200);
          expect(one.body).toEqual(item);
        }
      }
    }

    const contest = await ccs<Record<string, unknown>>(`contests/${id}`, admin());
    expect(contest.body).toMatchObject({
      id,
      name: 'Regional',
      duration: '2:05:00.000',
      scoreboard_type: 'pass-fail',
      penalty_time: '0:20:00.000',
      scoreboard_freeze_duration: '0:00:00.000',
    });
    // Access lists what a pass-fail contest serves to each role: penalties, no scores; replies' recipients to admins.
    const propertiesOf = async (type: string, who?: { session?: string }) =>
      (await ccs<CcsAccess>(`contests/${id}/access`, who)).body.endpoints.find((e) => e.type === type)?.properties;
    expect(await propertiesOf('contest')).toContain('penalty_time');
    expect(await propertiesOf('judgements')).not.toContain('score');
    expect(await propertiesOf('clarifications', admin())).toContain('to_team_ids');
    expect(await propertiesOf('clarifications')).not.toContain('to_team_ids');
    const problems = (await ccs<CcsProblem[]>(`contests/${id}/problems`, admin())).body;
    expect(problems.map((p) => [p.id, p.label, p.ordinal, p.rgb])).toEqual([
      ['A', 'A', 1, '#ff0000'],
      ['B', 'B', 2, undefined],
    ]);
    expect(problems[0].test_data_count).toBeGreaterThan(0);
    // In a contest of individuals each participant is a team: the account's id and name.
    const teams = (await ccs<CcsTeam[]>(`contests/${id}/teams`, admin())).body;
    expect(teams.map((t) => [t.id, t.name])).toEqual([
      [ids.alice, 'alice'],
      [ids.bob, 'bob'],
      [ids.carol, 'carol'],
    ]);
    const submissions = (await ccs<CcsSubmission[]>(`contests/${id}/submissions`, admin())).body;
    expect(submissions).toHaveLength(3);
    expect(submissions.find((s) => s.id === aliceAc)).toMatchObject({
      team_id: ids.alice,
      problem_id: 'A',
      language_id: 'python3',
    });
    // Filtering on an ID property, as the specification asks.
    const bobs = (await ccs<CcsSubmission[]>(`contests/${id}/submissions?team_id=${ids.bob}`, admin())).body;
    expect(bobs.map((s) => s.team_id)).toEqual([ids.bob, ids.bob]);
    const judgements = (await ccs<CcsJudgement[]>(`contests/${id}/judgements`, admin())).body;
    expect(judgements.find((j) => j.submission_id === aliceAc)?.judgement_type_id).toBe('AC');
    expect(judgements.find((j) => j.submission_id === bobWa)?.judgement_type_id).toBe('WA');
    const runs = (await ccs<CcsRun[]>(`contests/${id}/runs`, admin())).body;
    const aliceJudgement = judgements.find((j) => j.submission_id === aliceAc)!;
    expect(runs.filter((r) => r.judgement_id === aliceJudgement.id).map((r) => r.judgement_type_id)).toEqual(
      Array(problems[0].test_data_count).fill('AC'),
    );

    // The board is ours, in the specification's words: same order, same numbers.
    const ours = (await (
      await api.call('GET', `/api/contests/${id}/scoreboard`, { token: tokens.admin })
    ).json()) as ScoreboardView;
    const board = (await ccs<CcsScoreboard>(`contests/${id}/scoreboard`, admin())).body;
    expect(board.rows.map((r) => [r.rank, r.team_id])).toEqual(ours.rows.map((r) => [r.rank, r.userId]));
    const aliceRow = ours.rows.find((r) => r.userId === ids.alice)!;
    expect(board.rows.find((r) => r.team_id === ids.alice)?.score).toMatchObject({
      num_solved: 1,
      total_time: `0:${String(aliceRow.penalty).padStart(2, '0')}:00.000`,
    });
    expect(board.rows.find((r) => r.team_id === ids.bob)?.problems[0]).toMatchObject({
      problem_id: 'A',
      num_judged: 2,
      num_pending: 0,
      solved: true,
    });
    const awards = (await ccs<CcsAward[]>(`contests/${id}/awards`, admin())).body;
    expect(awards.find((a) => a.id === 'winner')?.team_ids).toEqual([ours.rows[0].userId]);
    expect(awards.find((a) => a.id === 'first-to-solve-A')?.team_ids).toEqual([ids.alice]);

    // Admins see the questions and the private answer; the public only the announcement and the public answer.
    const adminClars = (await ccs<CcsClarification[]>(`contests/${id}/clarifications`, admin())).body;
    expect(adminClars.map((c) => c.text).sort()).toEqual(
      [
        'Is the input one line?',
        'Yes.',
        'May a and b be negative?',
        'See the constraints.',
        'Problem B has been clarified.',
      ].sort(),
    );
    const privateReply = adminClars.find((c) => c.text === 'Yes.')!;
    expect(privateReply).toMatchObject({ from_team_id: null, to_team_ids: [ids.alice] });
    expect(adminClars.find((c) => c.id === privateReply.reply_to_id)?.from_team_id).toBe(ids.alice);
    const publicClars = (await ccs<CcsClarification[]>(`contests/${id}/clarifications`)).body;
    expect(publicClars.map((c) => c.text).sort()).toEqual(['Problem B has been clarified.', 'See the constraints.']);
    expect(publicClars.every((c) => c.from_team_id === null && c.reply_to_id === null)).toBe(true);

    // Source code: the admin downloads a submission's files as a zip; the public gets no files.
    const href = submissions[0].files[0].href;
    const zip = await fetch(`${api.url}/api/ccs/${href}`, { headers: { authorization: `Bearer ${tokens.admin}` } });
    expect(zip.status).toBe(200);
    expect(
      Buffer.from(await zip.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const publicSubmissions = (await ccs<CcsSubmission[]>(`contests/${id}/submissions`)).body;
    expect(publicSubmissions.map((s) => s.files)).toEqual([[], [], []]);
    expect((await fetch(`${api.url}/api/ccs/${href}`)).status).toBe(404);

    // An API token of scope `ccs`, as HTTP basic auth's password: a staff member's sees everything, a contestant's
    // the public view.
    const staffToken = await makeToken('admin');
    const staffSubs = (await ccs<CcsSubmission[]>(`contests/${id}/submissions`, { basic: staffToken })).body;
    expect(staffSubs[0].files).toHaveLength(1);
    const aliceToken = await makeToken('alice');
    const aliceSubs = (await ccs<CcsSubmission[]>(`contests/${id}/submissions`, { basic: aliceToken })).body;
    expect(aliceSubs[0].files).toEqual([]);

    // Errors as the specification has them.
    for (const path of ['doesnt-exist', 'doesnt-exist/42', 'submissions/xyz9999', `submissions/${ids.alice}`]) {
      const missing = await ccs<{ code: number; message: string }>(`contests/${id}/${path}`, admin());
      expect(missing.status, path).toBe(404);
      expect(missing.body.code).toBe(404);
    }
  });

  it('serves a score (IOI) contest as scoreboard_type score: scores, no penalties', async () => {
    const id = await createContest({ scoring: 'ioi' });
    await register(id, 'alice', 'bob');
    const solved = await submit(id, 'alice', 'A', sources.ac);
    await submit(id, 'bob', 'A', sources.wa);
    const answers: Record<string, unknown> = {};
    for (const path of ['', '/state', '/access', '/scoreboard', '/problems', '/judgements', '/judgement-types']) {
      const answer = await ccs<unknown>(`contests/${id}${path}`, admin());
      expect(answer.status, path).toBe(200);
      const name = path === '' ? 'contest' : path.slice(1);
      conforms(name, answer.body);
      answers[name] = answer.body;
    }
    expect(answers.contest).toMatchObject({ scoreboard_type: 'score' });
    expect(answers.contest).not.toHaveProperty('penalty_time');
    expect((answers.problems as CcsProblem[])[0].max_score).toBe(100);
    expect((answers['judgement-types'] as object[]).every((t) => !('penalty' in t))).toBe(true);
    const judgement = (answers.judgements as CcsJudgement[]).find((j) => j.submission_id === solved);
    expect(judgement).toMatchObject({ judgement_type_id: 'AC', score: 100 });
    const board = answers.scoreboard as CcsScoreboard;
    expect(board.rows.map((r) => [r.rank, r.team_id])).toEqual([
      [1, ids.alice],
      [2, ids.bob],
    ]);
    // The time of the last improvement: set once a team scored (in whole minutes, as our board counts), else null.
    expect(board.rows[0].score).toEqual({ score: 100, time: board.rows[0].problems[0].time });
    expect(board.rows[0].problems[0].time).toMatch(/^\d+:\d\d:00\.000$/);
    expect(board.rows[1].score).toEqual({ score: 0, time: null });
    expect(board.rows[0].problems[0]).toMatchObject({ problem_id: 'A', score: 100, num_judged: 1 });
  });

  it('maps a team contest: teams, their organisations, and members’ submissions to their team', async () => {
    const id = await createContest({ teams: true });
    await register(id, 'alice', 'bob', 'carol');
    await sql(
      `INSERT INTO organizations (id, name, formal_name, country, external_id)
       VALUES ('00000000-0000-4000-8000-000000000001', 'KTH', 'KTH Royal Institute of Technology', 'SWE', '1234')`,
    );
    await sql(
      `INSERT INTO teams (id, contest_id, name, organization_id, external_id) VALUES
       ('00000000-0000-4000-8000-0000000000a1', $1, 'Tigers', '00000000-0000-4000-8000-000000000001', 't1'),
       ('00000000-0000-4000-8000-0000000000b2', $1, 'Lions', NULL, NULL)`,
      [id],
    );
    await sql(
      `INSERT INTO team_members (contest_id, user_id, team_id) VALUES
       ($1, $2, '00000000-0000-4000-8000-0000000000a1'), ($1, $3, '00000000-0000-4000-8000-0000000000a1'),
       ($1, $4, '00000000-0000-4000-8000-0000000000b2')`,
      [id, ids.alice, ids.bob, ids.carol],
    );
    const submitted = await submit(id, 'bob', 'A', sources.ac);

    const teams = (await ccs<CcsTeam[]>(`contests/${id}/teams`, admin())).body;
    conforms('teams', teams);
    expect(teams.map((t) => [t.name, t.organization_id, t.icpc_id])).toEqual([
      ['Lions', null, null],
      ['Tigers', '00000000-0000-4000-8000-000000000001', 't1'],
    ]);
    const organizations = (await ccs<unknown[]>(`contests/${id}/organizations`, admin())).body;
    conforms('organizations', organizations);
    expect(organizations).toEqual([
      {
        id: '00000000-0000-4000-8000-000000000001',
        icpc_id: '1234',
        name: 'KTH',
        formal_name: 'KTH Royal Institute of Technology',
        country: 'SWE',
      },
    ]);
    const submission = (await ccs<CcsSubmission>(`contests/${id}/submissions/${submitted}`, admin())).body;
    expect(submission.team_id).toBe('00000000-0000-4000-8000-0000000000a1');
    const board = (await ccs<CcsScoreboard>(`contests/${id}/scoreboard`, admin())).body;
    conforms('scoreboard', board);
    // Bob's solve is his team's: Tigers lead, Lions (carol, nothing solved) follow.
    expect(board.rows.map((r) => [r.rank, r.team_id])).toEqual([
      [1, '00000000-0000-4000-8000-0000000000a1'],
      [2, '00000000-0000-4000-8000-0000000000b2'],
    ]);
    expect(new Set(board.rows.map((r) => r.team_id)).size).toBe(board.rows.length);
  });

  it('logs every change once, in order, and a feed resumed from a token gives what came after it', async () => {
    const id = await createContest({});
    await register(id, 'alice', 'bob');
    const first = await submit(id, 'alice', 'A', sources.wa);

    const whole = await feed(id, admin());
    for (const event of whole) conforms('event-feed', event);
    expect(whole[0]).toMatchObject({ type: 'contest', id: null });
    expect(whole.map((e) => e.type)).toEqual(expect.arrayContaining(['state', 'teams', 'problems', 'judgements']));
    const tokensSeen = whole.map((e) => BigInt(e.token));
    expect(tokensSeen.every((t, i) => i === 0 || t > tokensSeen[i - 1])).toBe(true);
    // Nothing changed: a second read from the start is the same log.
    expect(await feed(id, admin())).toEqual(whole);
    expect(whole.filter((e) => e.type === 'submissions' && e.id === first)).toHaveLength(1);

    const last = whole[whole.length - 1].token;
    const second = await submit(id, 'bob', 'A', sources.ac);
    const after = await feed(id, admin(), last);
    for (const event of after) conforms('event-feed', event);
    expect(after.filter((e) => e.type === 'submissions').map((e) => e.id)).toEqual([second]);
    expect(after.find((e) => e.type === 'judgements' && e.id === second)?.data).toMatchObject({
      judgement_type_id: 'AC',
    });
    expect(after.some((e) => e.type === 'submissions' && e.id === first)).toBe(false);
    // The two reads together are the log read from the start: each event once, in order.
    expect([...whole, ...after]).toEqual(await feed(id, admin()));

    // A streaming client gets new events as they come, after what it had.
    const controller = new AbortController();
    const response = await fetch(`${api.url}/api/ccs/contests/${id}/event-feed?since_token=${last}`, {
      headers: { authorization: `Bearer ${tokens.admin}` },
      signal: controller.signal,
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    try {
      let received = '';
      while (!received.includes(`"id":"${second}"`)) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the feed ended');
        received += value;
      }
      expect(received.startsWith(JSON.stringify(after[0]))).toBe(true);
    } finally {
      controller.abort();
      await reader.cancel().catch(() => undefined);
    }

    // Unknown tokens, and the pre-2023 since_id, are refused with 400.
    for (const query of ['since_token=999999999', 'since_token=xY-99_', 'since_id=1']) {
      const refused = await fetch(`${api.url}/api/ccs/contests/${id}/event-feed?${query}`);
      expect(refused.status, query).toBe(400);
      expect(((await refused.json()) as { code: number }).code).toBe(400);
    }
    // A token of the admins' log is not one of the public's.
    expect((await fetch(`${api.url}/api/ccs/contests/${id}/event-feed?since_token=${last}`)).status).toBe(400);
  });

  it('shows the public no judgement of a submission made during the freeze, and the frozen board and awards', async () => {
    // Running from 30 minutes ago to 30 minutes on, frozen for the last 40: frozen since 10 minutes ago.
    const id = await createContest({ startsAt: minutes(-30), endsAt: minutes(30), freezeMinutes: 40 });
    await register(id, 'alice', 'bob');
    const before = await submit(id, 'alice', 'A', sources.ac);
    // Alice's was made before the freeze: 20 minutes into the contest.
    await sql(
      `UPDATE submissions SET created_at = now() - interval '10 minutes' - interval '5 minutes' WHERE id = $1`,
      [before],
    );
    const during = await submit(id, 'bob', 'A', sources.ac);

    const publicJudgements = (await ccs<CcsJudgement[]>(`contests/${id}/judgements`)).body;
    expect(publicJudgements.map((j) => j.submission_id)).toEqual([before]);
    const publicRuns = (await ccs<CcsRun[]>(`contests/${id}/runs`)).body;
    expect(publicRuns.every((r) => r.judgement_id === before)).toBe(true);
    expect((await ccs(`contests/${id}/judgements/${during}`)).status).toBe(404);
    // The submission itself is public (a pending cell on the public board), its verdict is not.
    expect((await ccs<CcsSubmission[]>(`contests/${id}/submissions`)).body.map((s) => s.id).sort()).toEqual(
      [before, during].sort(),
    );
    const publicBoard = (await ccs<CcsScoreboard>(`contests/${id}/scoreboard`)).body;
    conforms('scoreboard', publicBoard);
    expect(publicBoard.state.frozen).not.toBeNull();
    expect(publicBoard.rows.map((r) => r.team_id)).toEqual([ids.alice, ids.bob]);
    expect(publicBoard.rows[1].problems[0]).toMatchObject({ num_pending: 1, solved: false });
    const publicAwards = (await ccs<CcsAward[]>(`contests/${id}/awards`)).body;
    expect(publicAwards.find((a) => a.id === 'winner')?.team_ids).toEqual([ids.alice]);
    expect(publicAwards.find((a) => a.id === 'gold-medal')?.team_ids).toEqual([ids.alice]);

    // The public feed says the same: no judgement of Bob's.
    const publicFeed = await feed(id);
    expect(publicFeed.some((e) => e.type === 'judgements' && e.id === during)).toBe(false);
    expect(publicFeed.some((e) => e.type === 'judgements' && e.id === before)).toBe(true);

    // Admins see everything.
    const adminJudgements = (await ccs<CcsJudgement[]>(`contests/${id}/judgements`, admin())).body;
    expect(adminJudgements.map((j) => j.submission_id).sort()).toEqual([before, during].sort());
    const adminBoard = (await ccs<CcsScoreboard>(`contests/${id}/scoreboard`, admin())).body;
    expect(adminBoard.rows.every((r) => r.score && 'num_solved' in r.score && r.score.num_solved === 1)).toBe(true);
    expect((await feed(id, admin())).some((e) => e.type === 'judgements' && e.id === during)).toBe(true);

    // The contest ends and an admin unfreezes: the public feed goes on with Bob's judgement and a thawed state.
    const edited = await api.call('PUT', `/api/contests/${id}`, {
      token: tokens.admin,
      json: {
        title: 'Regional',
        startsAt: minutes(-30),
        endsAt: new Date(Date.now() - 1000).toISOString(),
        scoring: 'icpc',
        freezeMinutes: 40,
        registration: 'open',
        problems: [
          { problemId: problemIds.hello, label: 'A' },
          { problemId: problemIds.sumPair, label: 'B' },
        ],
      },
    });
    expect(edited.status).toBe(200);
    expect((await api.call('POST', `/api/contests/${id}/unfreeze`, { token: tokens.admin })).status).toBe(200);
    const thawedFeed = await feed(id, undefined, publicFeed[publicFeed.length - 1].token);
    for (const event of thawedFeed) conforms('event-feed', event);
    expect(thawedFeed.some((e) => e.type === 'judgements' && e.id === during)).toBe(true);
    const state = thawedFeed.filter((e) => e.type === 'state').at(-1)?.data as CcsScoreboard['state'] | undefined;
    expect(state?.ended).not.toBeNull();
    expect(state?.thawed).not.toBeNull();
    expect(state?.finalized).not.toBeNull();
    expect(state?.end_of_updates).toBeNull();
    const thawedBoard = (await ccs<CcsScoreboard>(`contests/${id}/scoreboard`)).body;
    expect(thawedBoard.rows.map((r) => r.problems[0])).toEqual([
      expect.objectContaining({ solved: true }),
      expect.objectContaining({ solved: true }),
    ]);
  });
});

describe.skipIf(!HAVE_SPECS)('the specification’s own checker (check-api.sh)', () => {
  let checked: TestApi;
  let work: string;

  beforeAll(async () => {
    checked = await startTestApi({ SUBMISSIONS_PER_MINUTE: '100' });
    work = await mkdtemp(join(tmpdir(), 'ccs-check-'));
    // yajsv, the validator check-api.sh calls: our stand-in on ajv, on PATH.
    await writeFile(join(work, 'yajsv'), `#!/bin/sh\nexec node ${join(REPO, 'test', 'support', 'yajsv.mjs')} "$@"\n`);
    await chmod(join(work, 'yajsv'), 0o755);
  });

  afterAll(async () => {
    await checked?.dispose();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('passes check-api.sh against a running contest, with judged submissions and clarifications', async () => {
    const adminSession = await checked.login('admin', 'admin-password');
    const { tokens: users } = await createUsers(checked, adminSession, { dana: 'contestant', eve: 'contestant' });
    const hello = await uploadExample(checked, adminSession, 'hello');
    const created = await checked.call('POST', '/api/contests', {
      token: adminSession,
      json: {
        title: 'Checked',
        startsAt: minutes(-5),
        endsAt: minutes(60),
        scoring: 'icpc',
        freezeMinutes: 30,
        registration: 'open',
        problems: [{ problemId: hello, label: 'A' }],
      },
    });
    const { id } = (await created.json()) as { id: string };
    for (const user of ['dana', 'eve']) {
      await checked.call('POST', `/api/contests/${id}/register`, { token: users[user], json: {} });
    }
    for (const [user, source] of [
      ['dana', sources.ac],
      ['eve', sources.wa],
    ] as const) {
      const response = await checked.call('POST', `/api/contests/${id}/submissions`, {
        token: users[user],
        json: { problem: 'A', language: 'python', source },
      });
      await untilJudged(checked, users[user], ((await response.json()) as { id: string }).id);
    }
    const asked = await checked.call('POST', `/api/contests/${id}/clarifications`, {
      token: users.dana,
      json: { problemLabel: 'A', question: 'Is the input one line?' },
    });
    const question = ((await asked.json()) as { id: string }).id;
    await checked.call('POST', `/api/contests/${id}/clarifications/${question}/answer`, {
      token: adminSession,
      json: { answer: 'Yes.', public: true },
    });
    await checked.call('POST', `/api/contests/${id}/announcements`, {
      token: adminSession,
      json: { text: 'Good luck.' },
    });
    const tokenResponse = await checked.call('POST', '/api/tokens', {
      token: adminSession,
      json: { name: 'check-api', scopes: ['ccs'] },
    });
    const { token } = (await tokenResponse.json()) as { token: string };

    const run = async (auth: string[]) => {
      try {
        const { stdout } = await execFileAsync(
          'bash',
          [join(SPECS_DIR, 'check-api.sh'), '-e', '-C', '-t', '2', ...auth, `${checked.url}/api/ccs`],
          { env: { ...process.env, PATH: `${work}:${process.env.PATH}` }, maxBuffer: 1 << 24 },
        );
        return { code: 0, stdout };
      } catch (error) {
        const failed = error as { code: number; stdout: string };
        return { code: failed.code, stdout: failed.stdout };
      }
    };
    // As an admin, by HTTP basic auth with the API token (curl -u), as the ICPC tools call: the fullest view (the
    // public one is checked against the same schemas above). -C: the event feed's last word on every object is
    // what its REST endpoint serves, key for key; -e: unknown objects and feed tokens are refused.
    const { code, stdout } = await run(['-c', `-s -u check:${token}`]);
    console.log(`check-api.sh:\n${stdout}`);
    expect(code, stdout).toBe(0);
    // check-api.sh exits 0 whatever the validator says: every endpoint's line must say OK.
    expect(stdout).not.toMatch(/fail|Failed|Warning|Error/);
    for (const endpoint of ['api_information', 'contests', 'access', 'state', 'submissions', 'judgements']) {
      expect(stdout).toMatch(new RegExp(`^\\s*${endpoint}: OK$`, 'm'));
    }
    expect(stdout).toMatch(/^\s*event-feed: OK$/m);
    expect(stdout).toMatch(/^\s*scoreboard: OK$/m);
    expect(stdout).toMatch(/^\s*awards: OK$/m);
    expect(stdout).toMatch(/since_id=999999: OK \(returned 400\)/);
  });
});
