import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AccountImportErrors,
  AccountImportResult,
  ApiErrorBody,
  AuditPage,
  ClarificationView,
  ContestInput,
  ContestView,
  OrganizationView,
  ScoreboardView,
  SubmissionPage,
  SubmissionView,
  TeamView,
} from '@judge/contract';
import { callJson, createUsers, untilJudged, uploadExample } from './fixtures';
import { startTestApi, type TestApi } from './support';

let api: TestApi;
const tokens: Record<string, string> = {};
let hello = '';

const call = <T = ApiErrorBody>(user: string | null, method: string, path: string, json?: unknown) =>
  callJson<T>(api, user === null ? undefined : tokens[user], method, path, json);

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

const AC = 'a, b = map(int, input().split())\nprint(a + b)\n';

/** A running team contest (from a minute ago, two hours to go) with hello as A, unless told otherwise. */
async function createContest(overrides: Partial<ContestInput> = {}): Promise<string> {
  const input: ContestInput = {
    title: 'Regional',
    startsAt: minutes(-1),
    endsAt: minutes(120),
    scoring: 'icpc',
    freezeMinutes: 0,
    registration: 'open',
    teams: true,
    problems: [{ problemId: hello, label: 'A', color: '#ff0000' }],
    ...overrides,
  };
  const { status, body } = await call<{ id: string }>('admin', 'POST', '/api/contests', input);
  expect(status).toBe(201);
  return body.id;
}

async function createTeam(contestId: string, name: string, members: string[], organizationId?: string) {
  const { status, body } = await call<TeamView>('admin', 'POST', `/api/contests/${contestId}/teams`, {
    name,
    members,
    organizationId,
  });
  expect(status).toBe(201);
  return body;
}

async function submit(contestId: string, user: string): Promise<string> {
  const { status, body } = await call<{ id: string }>(user, 'POST', `/api/contests/${contestId}/submissions`, {
    problem: 'A',
    language: 'python',
    source: AC,
  });
  expect(status).toBe(201);
  return body.id;
}

const board = async (contestId: string, user: string | null) =>
  (await call<ScoreboardView>(user, 'GET', `/api/contests/${contestId}/scoreboard`)).body;

const teamsOf = async (contestId: string, user: string | null) =>
  (await call<TeamView[]>(user, 'GET', `/api/contests/${contestId}/teams`)).body;

const importTeams = (contestId: string, csv: string) =>
  call<AccountImportResult & ApiErrorBody & { details: AccountImportErrors }>(
    'admin',
    'POST',
    `/api/contests/${contestId}/teams/import`,
    { csv },
  );

/** The first `scoreboard` event of the board's stream, as a browser's EventSource reads it; then the stream closes. */
async function firstBoardEvent(contestId: string, token: string): Promise<ScoreboardView> {
  const controller = new AbortController();
  const response = await fetch(`${api.url}/api/contests/${contestId}/scoreboard/events?access_token=${token}`, {
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .filter((l) => l.startsWith('data: '))
          .map((l) => l.slice(6))
          .join('\n');
        if (data) return JSON.parse(data) as ScoreboardView;
        buffer = buffer.slice(end + 2);
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended');
      buffer += value;
    }
  } finally {
    controller.abort();
    await reader.cancel().catch(() => undefined);
  }
}

const loginStatus = async (username: string, password: string) =>
  (await api.call('POST', '/api/auth/login', { json: { username, password } })).status;

beforeAll(async () => {
  api = await startTestApi({ SUBMISSIONS_PER_MINUTE: '100' });
  tokens.admin = await api.login('admin', 'admin-password');
  const users = {
    alice: 'contestant',
    bob: 'contestant',
    carol: 'contestant',
    dave: 'contestant',
    erin: 'contestant',
    setter: 'setter',
  } as const;
  Object.assign(tokens, (await createUsers(api, tokens.admin, users)).tokens);
  hello = await uploadExample(api, tokens.admin, 'hello');
});

afterAll(async () => {
  await api?.dispose();
});

describe('organisations', () => {
  it('admins keep them (ISO alpha-3 countries); anyone signed in lists them', async () => {
    const made = await call<OrganizationView>('admin', 'POST', '/api/organizations', {
      name: 'KTH',
      formalName: 'KTH Royal Institute of Technology',
      country: 'SWE',
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'KTH', country: 'SWE', externalId: null });
    const lower = await call('admin', 'POST', '/api/organizations', { name: 'x', country: 'swe' });
    expect(lower.status).toBe(400);
    expect(lower.body.message).toContain('alpha-3');
    expect((await call('alice', 'POST', '/api/organizations', { name: 'Mine' })).status).toBe(403);
    expect((await call('setter', 'POST', '/api/organizations', { name: 'Mine' })).status).toBe(403);

    const changed = await call<OrganizationView>('admin', 'PUT', `/api/organizations/${made.body.id}`, {
      name: 'KTH',
      country: 'NOR',
    });
    expect(changed.body).toMatchObject({ country: 'NOR', formalName: null });
    const listed = await call<OrganizationView[]>('alice', 'GET', '/api/organizations');
    expect(listed.status).toBe(200);
    expect(listed.body.find((o) => o.id === made.body.id)?.country).toBe('NOR');
    expect((await call(null, 'GET', '/api/organizations')).status).toBe(401);

    expect((await call('admin', 'DELETE', `/api/organizations/${made.body.id}`)).status).toBe(204);
    const after = await call<OrganizationView[]>('admin', 'GET', '/api/organizations');
    expect(after.body.some((o) => o.id === made.body.id)).toBe(false);
  });
});

describe('teams of a contest', () => {
  it('staff make, change and delete teams; members become participants and show only to staff and their team', async () => {
    const contest = await createContest();
    const org = (await call<OrganizationView>('admin', 'POST', '/api/organizations', { name: 'MIT', country: 'USA' }))
      .body;
    const red = await createTeam(contest, 'Red', ['alice', 'bob'], org.id);
    expect(red).toMatchObject({ name: 'Red', organization: { name: 'MIT', country: 'USA' } });
    expect(red.members.map((m) => m.username)).toEqual(['alice', 'bob']);
    const view = (await call<ContestView>('alice', 'GET', `/api/contests/${contest}`)).body;
    expect(view).toMatchObject({ registered: true, teams: true });
    expect(view.problems[0].color).toBe('#ff0000');

    expect(
      (await call('alice', 'POST', `/api/contests/${contest}/teams`, { name: 'X', members: ['alice'] })).status,
    ).toBe(403);
    const setterMade = await call<TeamView>('setter', 'POST', `/api/contests/${contest}/teams`, {
      name: 'Blue',
      members: ['carol'],
    });
    expect(setterMade.status).toBe(201);

    // An account is on one team of a contest.
    const twice = await call('admin', 'POST', `/api/contests/${contest}/teams`, { name: 'Green', members: ['bob'] });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ALREADY_ON_TEAM');
    expect(twice.body.message).toContain('bob is on team "Red"');
    const sameName = await call('admin', 'POST', `/api/contests/${contest}/teams`, { name: 'Red', members: ['dave'] });
    expect(sameName.body.code).toBe('TEAM_NAME_TAKEN');
    const four = await call('admin', 'POST', `/api/contests/${contest}/teams`, {
      name: 'Big',
      members: ['dave', 'erin', 'setter', 'admin'],
    });
    expect(four.status).toBe(400);
    const none = await call('admin', 'POST', `/api/contests/${contest}/teams`, { name: 'Empty', members: [] });
    expect(none.status).toBe(400);

    // Members are shown to staff and to their own team only.
    const members = (teams: TeamView[]) => Object.fromEntries(teams.map((t) => [t.name, t.members.length]));
    expect(members(await teamsOf(contest, 'admin'))).toEqual({ Blue: 1, Red: 2 });
    expect(members(await teamsOf(contest, 'alice'))).toEqual({ Blue: 0, Red: 2 });
    expect(members(await teamsOf(contest, null))).toEqual({ Blue: 0, Red: 0 });

    // Bob leaves Red: he is no longer a participant (he never registered himself).
    const changed = await call<TeamView>('admin', 'PUT', `/api/contests/${contest}/teams/${red.id}`, {
      name: 'Red',
      members: ['alice', 'dave'],
    });
    expect(changed.body.members.map((m) => m.username)).toEqual(['alice', 'dave']);
    expect((await call<ContestView>('bob', 'GET', `/api/contests/${contest}`)).body.registered).toBe(false);
    expect((await call<ContestView>('dave', 'GET', `/api/contests/${contest}`)).body.registered).toBe(true);

    // A team contest's form lists no team member among the invited; saving it keeps the members participants.
    const staffView = (await call<ContestView>('admin', 'GET', `/api/contests/${contest}`)).body;
    expect(staffView.invited).toEqual([]);
    await call('admin', 'PUT', `/api/contests/${contest}`, {
      title: 'Regional',
      startsAt: staffView.startsAt,
      endsAt: staffView.endsAt,
      scoring: 'icpc',
      freezeMinutes: 0,
      registration: 'open',
      teams: true,
      problems: [{ problemId: hello, label: 'A' }],
    });
    expect((await call<ContestView>('alice', 'GET', `/api/contests/${contest}`)).body.registered).toBe(true);

    expect((await call('admin', 'DELETE', `/api/contests/${contest}/teams/${red.id}`)).status).toBe(204);
    expect((await teamsOf(contest, 'admin')).map((t) => t.name)).toEqual(['Blue']);
    expect((await call<ContestView>('alice', 'GET', `/api/contests/${contest}`)).body.registered).toBe(false);

    // Staff changes are in the audit log, by whom.
    const audit = await call<AuditPage>('admin', 'GET', `/api/admin/audit?targetType=team`);
    expect(audit.body.items.map((e) => [e.action, e.actorUsername])).toEqual([
      ['team.delete', 'admin'],
      ['team.update', 'admin'],
      ['team.create', 'setter'],
      ['team.create', 'admin'],
    ]);
    expect(audit.body.items[1].details).toMatchObject({
      members: { before: ['alice', 'bob'], after: ['alice', 'dave'] },
    });

    // An individual contest has no teams.
    const single = await createContest({ teams: false });
    const refused = await call('admin', 'POST', `/api/contests/${single}/teams`, { name: 'X', members: ['erin'] });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('NOT_TEAM_CONTEST');
  });
});

describe('importing teams from CSV', () => {
  it('makes accounts, organisations and teams; existing accounts join as they are', async () => {
    const contest = await createContest();
    const csv = [
      'Team,Affiliation,Country,Location,Username,Display Name,Email,Password',
      'Lambda,Uppsala University,SWE,Room 1,uu-1,Ulla,,',
      'Lambda,,,,uu-2,,,given-password-2',
      'Lambda,,,,erin,,,',
      'Sigma,Uppsala university,,,uu-3,,,',
    ].join('\r\n');
    const { status, body } = await importTeams(contest, csv);
    expect(status).toBe(201);
    expect(body.created.map((c) => [c.username, c.team, c.generated])).toEqual([
      ['uu-1', 'Lambda', true],
      ['uu-2', 'Lambda', false],
      ['uu-3', 'Sigma', true],
    ]);
    expect(body.teams?.map((t) => [t.name, t.organization, t.members])).toEqual([
      ['Lambda', 'Uppsala University', ['uu-1', 'uu-2', 'erin']],
      // Organisations are found by name in any case: one was made.
      ['Sigma', 'Uppsala University', ['uu-3']],
    ]);
    expect(await loginStatus('uu-1', body.created[0].password)).toBe(200);
    expect(await loginStatus('uu-2', 'given-password-2')).toBe(200);

    const teams = await teamsOf(contest, 'admin');
    expect(teams.find((t) => t.name === 'Lambda')).toMatchObject({
      location: 'Room 1',
      organization: { name: 'Uppsala University', country: 'SWE' },
    });
    const organizations = (await call<OrganizationView[]>('admin', 'GET', '/api/organizations')).body;
    expect(organizations.filter((o) => o.name.toLowerCase() === 'uppsala university')).toHaveLength(1);
  });

  it('refuses a file with any bad line whole, listing every bad line', async () => {
    const contest = await createContest();
    await createTeam(contest, 'Taken', ['dave']);
    const usersBefore = (await call<unknown[]>('admin', 'GET', '/api/users')).body.length;
    const csv = [
      'team,affiliation,country,username,password',
      'Four,,,f-1,',
      'Four,,,f-2,',
      'Four,,,f-3,',
      'Four,,,f-4,',
      'Dup,,,d-1,',
      'Dup,,,d-1,',
      'Odd,Somewhere,Sweden,o-1,',
      'Else,,,dave,',
      'Taken,,,t-1,',
      ',,,loner,',
      'Fine,,,fine-1,',
    ].join('\n');
    const { status, body } = await importTeams(contest, csv);
    expect(status).toBe(422);
    expect(body.code).toBe('IMPORT_INVALID');
    expect(body.details.errors).toEqual([
      { line: 5, field: 'team', message: 'team "Four" has more than 3 members (lines 2, 3, 4, 5)' },
      { line: 7, field: 'username', message: 'd-1 is also on line 6' },
      { line: 8, field: 'country', message: '"SWEDEN" is not an ISO 3166-1 alpha-3 code (such as SWE)' },
      {
        line: 9,
        field: 'username',
        message: 'dave is on team "Taken" of this contest already: an account is on one team of a contest',
      },
      { line: 10, field: 'team', message: 'this contest has a team "Taken" already' },
      { line: 11, field: 'team', message: 'required' },
    ]);
    // Nothing was made: no accounts, no teams.
    expect((await call<unknown[]>('admin', 'GET', '/api/users')).body.length).toBe(usersBefore);
    expect((await teamsOf(contest, 'admin')).map((t) => t.name)).toEqual(['Taken']);

    const noTeamColumn = await importTeams(contest, 'username\nzed');
    expect(noTeamColumn.status).toBe(422);
    expect(noTeamColumn.body.details.errors).toEqual([
      { line: 1, field: 'team', message: 'the column "team" is required' },
    ]);
  });

  it("the admins' account import takes teams only with a contest", async () => {
    const csv = 'username,team\nadm-1,Alpha';
    const without = await call<ApiErrorBody & { details: AccountImportErrors }>(
      'admin',
      'POST',
      '/api/admin/users/import',
      { csv },
    );
    expect(without.status).toBe(422);
    expect(without.body.details.errors).toEqual([
      { line: 2, field: 'team', message: 'teams are made in a contest: give the contest to import into (contestId)' },
    ]);
    const contest = await createContest();
    const withContest = await call<AccountImportResult>('admin', 'POST', '/api/admin/users/import', {
      csv,
      contestId: contest,
    });
    expect(withContest.status).toBe(201);
    expect(withContest.body.teams?.map((t) => [t.name, t.members])).toEqual([['Alpha', ['adm-1']]]);
    // Setters import a contest's teams on its own route; contestants may not.
    const more = 'username,team\nset-1,Beta';
    expect((await call('alice', 'POST', `/api/contests/${contest}/teams/import`, { csv: more })).status).toBe(403);
    expect((await call('setter', 'POST', `/api/contests/${contest}/teams/import`, { csv: more })).status).toBe(201);
    expect((await teamsOf(contest, null)).map((t) => t.name)).toEqual(['Alpha', 'Beta']);
  });
});

describe('taking part as a team', () => {
  it('teammates share a row and see each other’s submissions and questions; others see neither', async () => {
    const contest = await createContest();
    const org = (await call<OrganizationView>('admin', 'POST', '/api/organizations', { name: 'ETH', country: 'CHE' }))
      .body;
    const red = await createTeam(contest, 'Red', ['alice', 'bob'], org.id);
    await createTeam(contest, 'Blue', ['carol']);

    const id = await submit(contest, 'alice');
    const judged = await untilJudged<SubmissionView>(api, tokens.bob, id);
    expect(judged).toMatchObject({ verdict: 'AC', source: AC });
    expect((await call('carol', 'GET', `/api/submissions/${id}`)).status).toBe(404);
    const bobsList = (await call<SubmissionPage>('bob', 'GET', `/api/contests/${contest}/submissions`)).body;
    expect(bobsList.items.map((s) => s.id)).toEqual([id]);
    const carolsList = (await call<SubmissionPage>('carol', 'GET', `/api/contests/${contest}/submissions`)).body;
    expect(carolsList.items).toEqual([]);

    const view = await board(contest, null);
    expect(view.rows.map((r) => [r.rank, r.username, r.solved])).toEqual([
      [1, 'Red', 1],
      [2, 'Blue', 0],
    ]);
    expect(view.rows[0]).toMatchObject({
      userId: red.id,
      team: { id: red.id, name: 'Red', organization: { name: 'ETH', country: 'CHE' } },
    });
    // The board's event stream has the same rows.
    const streamed = await firstBoardEvent(contest, tokens.bob);
    expect(streamed.rows.map((r) => [r.username, r.solved, r.team?.organization?.country ?? null])).toEqual([
      ['Red', 1, 'CHE'],
      ['Blue', 0, null],
    ]);
    // The team's standing shows on the problem list of a member who did not submit.
    expect((await call<ContestView>('bob', 'GET', `/api/contests/${contest}`)).body.problems[0].solved).toBe(true);

    const asked = await call<ClarificationView>('bob', 'POST', `/api/contests/${contest}/clarifications`, {
      question: 'Is input on one line?',
    });
    expect(asked.status).toBe(201);
    const questions = async (user: string) =>
      (await call<ClarificationView[]>(user, 'GET', `/api/contests/${contest}/clarifications`)).body.map(
        (c) => c.question,
      );
    expect(await questions('alice')).toEqual(['Is input on one line?']);
    expect(await questions('carol')).toEqual([]);
  });

  it('refuses a participant on no team: 403 NOT_ON_TEAM to submit or ask', async () => {
    const contest = await createContest();
    expect((await call('dave', 'POST', `/api/contests/${contest}/register`, {})).status).toBe(200);
    const refused = await call('dave', 'POST', `/api/contests/${contest}/submissions`, {
      problem: 'A',
      language: 'python',
      source: AC,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('NOT_ON_TEAM');
    expect(refused.body.message).toContain('team contest');
    const ask = await call('dave', 'POST', `/api/contests/${contest}/clarifications`, { question: 'Hello?' });
    expect(ask.status).toBe(403);
    expect(ask.body.code).toBe('NOT_ON_TEAM');
    // Someone registered but on no team has no row.
    expect((await board(contest, null)).rows).toEqual([]);
  });

  it('shows a team its own row on the frozen board, and others its late results as pending', async () => {
    // Frozen from the start: the freeze (60 minutes before the end) is before it.
    const contest = await createContest({ endsAt: minutes(30), freezeMinutes: 60 });
    await createTeam(contest, 'Red', ['alice', 'bob']);
    await createTeam(contest, 'Blue', ['carol']);
    await untilJudged(api, tokens.alice, await submit(contest, 'alice'));

    for (const member of ['alice', 'bob']) {
      const own = await board(contest, member);
      expect(own.frozen).toBe(true);
      expect(own.rows.find((r) => r.username === 'Red')?.problems.A).toMatchObject({ pending: 0, attempts: 1 });
      expect(own.rows[0]).toMatchObject({ username: 'Red', solved: 1 });
    }
    const other = await board(contest, 'carol');
    expect(other.rows.find((r) => r.username === 'Red')).toMatchObject({ solved: 0, problems: { A: { pending: 1 } } });
  });
});
