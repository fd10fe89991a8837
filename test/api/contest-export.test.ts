import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type {
  ContestImportErrors,
  ContestImportResult,
  ContestInput,
  ContestSummary,
  ProblemListItem,
  ScoreboardView,
} from '@judge/contract';
import { createUsers, EXAMPLES, importContestPackage, readableBoard, untilJudged, uploadExample } from './fixtures';
import { startTestApi, type TestApi } from './support';

const execFileAsync = promisify(execFile);

/** The contest's own judge, and another on a database of its own that the packages move to. */
let source: TestApi;
let target: TestApi;
const tokens: Record<string, string> = {};
let targetAdmin: string;
let work: string;

const FIXTURE = join(__dirname, '..', 'fixtures', 'domjudge-contest');

const sources = {
  ac: 'a, b = map(int, input().split())\nprint(a + b)\n',
  wa: 'a, b = map(int, input().split())\nprint(a - b)\n',
  ce: 'print(\n',
};

/** Whole minutes from one moment, so that the contest lasts exactly what it says. */
const now = Date.now();
const minutes = (n: number) => new Date(now + n * 60_000).toISOString();

async function sql<T>(api: TestApi, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: api.config.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

async function submit(contestId: string, user: string, problem: string, source: string): Promise<string> {
  const response = await sourceCall('POST', `/api/contests/${contestId}/submissions`, user, {
    problem,
    language: 'python',
    source,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const sourceCall = (method: string, path: string, user: string, json?: unknown) =>
  source.call(method, path, { token: tokens[user], json });

async function board(api: TestApi, token: string, contestId: string): Promise<ScoreboardView> {
  const response = await api.call('GET', `/api/contests/${contestId}/scoreboard`, { token });
  expect(response.status).toBe(200);
  return (await response.json()) as ScoreboardView;
}

/** A zip's files by path (under its top folder), through Python's zipfile as the fixtures make zips. */
async function unzip(data: Buffer): Promise<Map<string, string>> {
  const dir = await mkdtemp(join(work, 'unzip-'));
  await writeFile(join(dir, 'package.zip'), data);
  await execFileAsync('python3', ['-m', 'zipfile', '-e', join(dir, 'package.zip'), join(dir, 'out')]);
  const files = new Map<string, string>();
  const walk = async (folder: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = `${prefix}${entry.name}`;
      if (entry.isDirectory()) await walk(join(folder, entry.name), `${path}/`);
      else files.set(path, await readFile(join(folder, entry.name), 'latin1'));
    }
  };
  const [top] = await readdir(join(dir, 'out'));
  await walk(join(dir, 'out', top), '');
  return files;
}

/** A folder as a zip, with the folder as its top. */
async function zipFolder(folder: string): Promise<Buffer> {
  const zip = `${folder}.zip`;
  await execFileAsync('python3', ['-m', 'zipfile', '-c', zip, folder]);
  return readFile(zip);
}

async function importPackage(data: Buffer, token = targetAdmin, api = target, rejudge = false): Promise<Response> {
  return importContestPackage(api, token, data, rejudge);
}

async function exportContest(api: TestApi, token: string, contestId: string): Promise<Response> {
  return api.call('GET', `/api/contests/${contestId}/export`, { token });
}

/**
 * The DOMjudge-style fixture with examples/problems/hello unpacked as its problem A, zipped; submission s4's source
 * only as the files.zip DOMjudge writes (the others unpacked in files/).
 */
async function domjudgeZip(): Promise<Buffer> {
  const top = join(await mkdtemp(join(work, 'domjudge-')), 'practice');
  await cp(FIXTURE, top, { recursive: true });
  await cp(join(EXAMPLES, 'hello'), join(top, 'problems', 'hello'), { recursive: true });
  const s4 = join(top, 'submissions', 's4');
  await execFileAsync('python3', ['-m', 'zipfile', '-c', join(s4, 'files.zip'), 'hello.py'], {
    cwd: join(s4, 'files'),
  });
  await rm(join(s4, 'files'), { recursive: true });
  return zipFolder(top);
}

/** What the target judge holds, to see that a refused import left nothing. */
async function targetCounts() {
  const contests = (await (
    await target.call('GET', '/api/contests', { token: targetAdmin })
  ).json()) as ContestSummary[];
  const problems = (await (
    await target.call('GET', '/api/problems', { token: targetAdmin })
  ).json()) as ProblemListItem[];
  const [users] = await sql<{ n: string }>(target, 'SELECT count(*) AS n FROM users');
  const [organizations] = await sql<{ n: string }>(target, 'SELECT count(*) AS n FROM organizations');
  return { contests: contests.length, problems: problems.length, users: users.n, organizations: organizations.n };
}

let contestId: string;
let helloId: string;
let exported: Buffer;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'contest-export-'));
  source = await startTestApi({ SUBMISSIONS_PER_MINUTE: '100' });
  target = await startTestApi();
  tokens.admin = await source.login('admin', 'admin-password');
  targetAdmin = await target.login('admin', 'admin-password');
  const users = { alice: 'contestant', bob: 'contestant', carol: 'contestant', dave: 'contestant' } as const;
  Object.assign(tokens, (await createUsers(source, tokens.admin, users)).tokens);
  helloId = await uploadExample(source, tokens.admin, 'hello');
  const sumPair = await uploadExample(source, tokens.admin, 'sum-pair');

  const input: ContestInput = {
    title: 'Team round',
    description: 'Teams of two.',
    startsAt: minutes(-1),
    endsAt: minutes(120),
    scoring: 'icpc',
    freezeMinutes: 30,
    registration: 'invite',
    invited: ['alice', 'bob', 'carol', 'dave'],
    teams: true,
    problems: [
      { problemId: helloId, label: 'A' },
      { problemId: sumPair, label: 'B' },
    ],
  };
  const created = await source.call('POST', '/api/contests', { token: tokens.admin, json: input });
  expect(created.status).toBe(201);
  contestId = ((await created.json()) as { id: string }).id;
  // Teams, organisations and colours through the data model (the teams API is another part's).
  const [kth] = await sql<{ id: string }>(
    source,
    `INSERT INTO organizations (name, formal_name, country, external_id)
     VALUES ('KTH', 'KTH Royal Institute of Technology', 'SWE', 'kth') RETURNING id`,
  );
  const [lu] = await sql<{ id: string }>(
    source,
    `INSERT INTO organizations (name, formal_name, country) VALUES ('LU', 'Lund University', 'SWE') RETURNING id`,
  );
  const team = async (name: string, organization: string, location: string | null, members: string[]) => {
    const [row] = await sql<{ id: string }>(
      source,
      `INSERT INTO teams (contest_id, name, organization_id, location, external_id)
       VALUES ($1, $2, $3, $4, NULL) RETURNING id`,
      [contestId, name, organization, location],
    );
    await sql(
      source,
      `INSERT INTO team_members (contest_id, user_id, team_id)
       SELECT $1, id, $2 FROM users WHERE username = ANY($3)`,
      [contestId, row.id, members],
    );
  };
  await team('Byte Me', kth.id, 'Hall 1, desk 4', ['alice', 'bob']);
  await team('Null Pointers', lu.id, null, ['carol', 'dave']);
  await sql(source, `UPDATE contest_problems SET color = '#ff0000' WHERE contest_id = $1 AND label = 'A'`, [contestId]);

  // Judged for real: a rejection and a solve, a solve, a compile error (no penalty).
  const ids = [
    ['alice', await submit(contestId, 'alice', 'A', sources.wa)],
    ['bob', await submit(contestId, 'bob', 'A', sources.ac)],
    ['carol', await submit(contestId, 'carol', 'A', sources.ac)],
    ['dave', await submit(contestId, 'dave', 'A', sources.ce)],
  ];
  for (const [user, id] of ids) await untilJudged(source, tokens[user], id);
});

afterAll(async () => {
  await source?.dispose();
  await target?.dispose();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('contest export and import (real HTTP, two databases)', () => {
  it('exports a contest as a CCS contest package, for staff only', async () => {
    expect((await exportContest(source, tokens.alice, contestId)).status).toBe(403);
    const response = await exportContest(source, tokens.admin, contestId);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/zip');
    exported = Buffer.from(await response.arrayBuffer());
    const files = await unzip(exported);

    expect(files.get('contest.yaml')).toContain('name: Team round');
    expect(files.get('contest.yaml')).toContain('duration: 2:01:00');
    expect(files.get('contest.yaml')).toContain('scoreboard_freeze_duration: 0:30:00');
    expect(files.get('contest.yaml')).toContain('scoreboard_type: pass-fail');
    expect(files.get('problems.yaml')).toContain('rgb: "#ff0000"');
    expect(files.get('problemset.yaml')).toContain('letter: A');
    expect(files.has('problems/hello/hello.zip')).toBe(true);
    expect(files.has('problems/sum-pair/sum-pair.zip')).toBe(true);
    expect(JSON.parse(files.get('organizations.json') as string)).toEqual([
      { id: 'kth', name: 'KTH', formal_name: 'KTH Royal Institute of Technology', country: 'SWE' },
      { id: 'org-1', name: 'LU', formal_name: 'Lund University', country: 'SWE' },
    ]);
    expect((files.get('teams.tsv') as string).split('\n')[0]).toBe('teams\t1');
    const accounts = JSON.parse(files.get('accounts.json') as string) as Record<string, unknown>[];
    expect(accounts.map((a) => [a.username, a.team_id])).toEqual([
      ['alice', 'team-1'],
      ['bob', 'team-1'],
      ['carol', 'team-2'],
      ['dave', 'team-2'],
    ]);
    expect(files.get('accounts.json')).not.toContain('password');
    const judgements = JSON.parse(files.get('judgements.json') as string) as { judgement_type_id: string }[];
    expect(judgements.map((j) => j.judgement_type_id)).toEqual(['WA', 'AC', 'AC', 'CE']);
    expect(files.get('submissions/2/files/main.py')).toBe(sources.ac);
    expect(files.get('submissions/2/files.zip')?.startsWith('PK')).toBe(true);
  });

  it('imports the package on another judge with the same board, teams and colours, judging nothing again', async () => {
    expect((await importPackage(exported, tokens.alice, source)).status).toBe(403);
    const response = await importPackage(exported);
    expect(response.status).toBe(201);
    const result = (await response.json()) as ContestImportResult;
    expect(result).toMatchObject({
      title: 'Team round',
      teams: 2,
      submissions: 4,
      organizations: { created: 2, reused: 0 },
      reusedAccounts: [],
      warnings: [],
    });
    expect(result.problems.map((p) => [p.label, p.created])).toEqual([
      ['A', true],
      ['B', true],
    ]);
    expect(result.createdAccounts.map((a) => [a.username, a.team])).toEqual([
      ['alice', 'Byte Me'],
      ['bob', 'Byte Me'],
      ['carol', 'Null Pointers'],
      ['dave', 'Null Pointers'],
    ]);
    // The passwords shown once work.
    const carol = result.createdAccounts[2];
    await expect(target.login(carol.username, carol.password)).resolves.toEqual(expect.any(String));

    const before = readableBoard(await board(source, tokens.admin, contestId));
    const after = readableBoard(await board(target, targetAdmin, result.contestId));
    expect(after).toEqual(before);
    // Bob and Carol solve one each (in a board of teams: both teams).
    expect(before.rows.filter((r) => r.solved === 1)).toHaveLength(2);

    // Exported again, the imported contest is the same package: teams, organisations, colours, accounts, results.
    const again = await unzip(
      Buffer.from(await (await exportContest(target, targetAdmin, result.contestId)).arrayBuffer()),
    );
    const first = await unzip(exported);
    for (const name of [
      'problems.yaml',
      'problemset.yaml',
      'organizations.json',
      'teams.json',
      'teams.tsv',
      'accounts.json',
      'submissions.json',
      'judgements.json',
      'submissions/1/files/main.py',
    ]) {
      expect({ name, text: again.get(name) }).toEqual({ name, text: first.get(name) });
    }
  });

  it('refuses a package with problems whole, listing every one, and makes nothing', async () => {
    const dir = await mkdtemp(join(work, 'bad-'));
    const top = join(dir, 'contest');
    await mkdir(top);
    for (const [path, text] of await unzip(exported)) {
      await mkdir(join(top, path, '..'), { recursive: true });
      await writeFile(join(top, path), Buffer.from(text, 'latin1'));
    }
    const edit = async (name: string, change: (value: Record<string, unknown>[]) => void) => {
      const value = JSON.parse(await readFile(join(top, name), 'utf8')) as Record<string, unknown>[];
      change(value);
      await writeFile(join(top, name), JSON.stringify(value));
    };
    await edit('submissions.json', (s) => {
      s[0].problem_id = 'nope';
    });
    await edit('teams.json', (t) => {
      t[1].organization_id = 'missing-org';
      t.push({ ...t[0], name: 'Byte Me again' });
    });
    await writeFile(join(top, 'contest.yaml'), 'name: [Team round\n');
    await writeFile(join(top, 'problems', 'sum-pair', 'sum-pair.zip'), 'not a zip');
    const counts = await targetCounts();

    const response = await importPackage(await zipFolder(top));
    expect(response.status).toBe(422);
    const body = (await response.json()) as { code: string; message: string; details: ContestImportErrors };
    expect(body.code).toBe('IMPORT_INVALID');
    expect(body.message).toContain('nothing was imported');
    const messages = body.details.errors.map((e) => `${e.file}: ${e.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^contest\.yaml: not readable as YAML/),
        expect.stringMatching(/^problems\/sum-pair\/sum-pair\.zip: /),
        'teams.json: the team id team-1 appears twice',
        'teams.json: team team-2: its organisation missing-org is not in organizations.json',
        'submissions.json: submission 1: no problem has the id nope',
      ]),
    );
    expect(await targetCounts()).toEqual(counts);
  });

  it('imports a DOMjudge-style package: teams.tsv, problemset.yaml, hyphenated contest.yaml', async () => {
    const counts = await targetCounts();
    const response = await importPackage(await domjudgeZip());
    expect(response.status).toBe(201);
    const result = (await response.json()) as ContestImportResult;
    expect(result).toMatchObject({
      title: 'DOMjudge practice session',
      teams: 2,
      submissions: 4,
      // KTH came with the first import: the same external id is the same organisation.
      organizations: { created: 1, reused: 1 },
      warnings: [],
    });
    // The judge account stays behind: only team accounts are a contest's.
    expect(result.createdAccounts.map((a) => [a.username, a.team])).toEqual([
      ['team001', 'Byte Me'],
      ['team002', 'Null Pointers'],
    ]);
    expect((await targetCounts()).contests).toBe(counts.contests + 1);

    // Byte Me: solved at 20 after one rejection, 40; Null Pointers: at 30 after one, 50 (fixture README).
    const view = await board(target, targetAdmin, result.contestId);
    expect(view.rows.map((r) => [r.rank, r.solved, r.penalty, r.problems.A.attempts])).toEqual([
      [1, 1, 40, 2],
      [2, 1, 50, 2],
    ]);
    expect(['team001', 'Byte Me']).toContain(view.rows[0].username);
    const colours = await sql<{ label: string; color: string }>(
      target,
      'SELECT label, color FROM contest_problems WHERE contest_id = $1',
      [result.contestId],
    );
    expect(colours).toEqual([{ label: 'A', color: '#ff6347' }]);
  });

  it('judges the submissions again when asked, by the problem\u2019s tests, to the same board', async () => {
    const response = await importPackage(await domjudgeZip(), targetAdmin, target, true);
    expect(response.status).toBe(201);
    const result = (await response.json()) as ContestImportResult;
    expect(result).toMatchObject({ rejudged: true, submissions: 4, reusedAccounts: ['team001', 'team002'] });

    const list = (await (
      await target.call('GET', `/api/contests/${result.contestId}/submissions`, { token: targetAdmin })
    ).json()) as { items: { id: string }[] };
    expect(list.items).toHaveLength(4);
    const verdicts: string[] = [];
    for (const { id } of list.items) {
      const judged = await untilJudged<{ status: string; verdict: string; tests: unknown[] }>(target, targetAdmin, id);
      // Imported results have no per-test results; a real judging has them.
      expect(judged.tests.length).toBeGreaterThan(0);
      verdicts.push(judged.verdict);
    }
    expect(verdicts.sort()).toEqual(['AC', 'AC', 'RE', 'WA']);
    const view = await board(target, targetAdmin, result.contestId);
    expect(view.rows.map((r) => [r.rank, r.solved, r.penalty])).toEqual([
      [1, 1, 40],
      [2, 1, 50],
    ]);
  });

  it('carries an individual contest as a team per participant, and imports it as an individual contest', async () => {
    const created = await source.call('POST', '/api/contests', {
      token: tokens.admin,
      json: {
        title: 'Solo round',
        startsAt: minutes(-1),
        endsAt: minutes(60),
        scoring: 'icpc',
        freezeMinutes: 0,
        registration: 'invite',
        invited: ['alice', 'bob'],
        problems: [{ problemId: helloId, label: 'A' }],
      } satisfies ContestInput,
    });
    const solo = ((await created.json()) as { id: string }).id;
    for (const [user, code] of [
      ['alice', sources.ac],
      ['bob', sources.wa],
    ] as const) {
      await untilJudged(source, tokens[user], await submit(solo, user, 'A', code));
    }
    const data = Buffer.from(await (await exportContest(source, tokens.admin, solo)).arrayBuffer());
    const files = await unzip(data);
    expect(files.get('contest.yaml')).toContain('individual: true');
    expect((files.get('teams.tsv') as string).split('\n').slice(1, 3)).toEqual([
      '1\t1\tparticipants\talice\t\t\t\t',
      '2\t2\tparticipants\tbob\t\t\t\t',
    ]);

    const response = await importPackage(data);
    expect(response.status).toBe(201);
    const result = (await response.json()) as ContestImportResult;
    // Alice and Bob came with the first import: their accounts are used, no password is made; so did this very
    // package of hello, whose problem is used as it is.
    expect(result).toMatchObject({ teams: 2, createdAccounts: [], reusedAccounts: ['alice', 'bob'] });
    expect(result.problems.map((p) => [p.label, p.created])).toEqual([['A', false]]);
    const view = (await (
      await target.call('GET', `/api/contests/${result.contestId}`, { token: targetAdmin })
    ).json()) as { teams: boolean };
    expect(view.teams).toBe(false);
    expect(readableBoard(await board(target, targetAdmin, result.contestId))).toEqual(
      readableBoard(await board(source, tokens.admin, solo)),
    );
  });
});
