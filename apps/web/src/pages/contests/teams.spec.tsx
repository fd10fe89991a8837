import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AccountImportResult, OrganizationView, ScoreboardView, TeamView } from '@judge/contract';
import { CONTEST_ID, contestView, scoreboardCell } from '../../test/fixtures';
import { mockApi, renderAt, renderComponent, setupDom, signIn } from '../../test/helpers';
import { ScoreboardTable } from './scoreboard-table';

setupDom();

const KTH: OrganizationView = { id: 'o1', name: 'KTH', formalName: null, country: 'SWE', externalId: null };
const RED: TeamView = {
  id: 't1',
  contestId: CONTEST_ID,
  name: 'Red',
  organization: KTH,
  location: 'Room 1',
  externalId: null,
  members: [
    { id: 'u1', username: 'ann', displayName: null },
    { id: 'u2', username: 'ben', displayName: null },
  ],
};
const TEAMS = `/api/contests/${CONTEST_ID}/teams`;

function api(teams: TeamView[] = [RED]) {
  return mockApi(({ method, url }) => {
    if (url === `/api/contests/${CONTEST_ID}`) return { body: contestView({ canManage: true, teams: true }) };
    if (method === 'GET' && url === TEAMS) return { body: teams };
    if (method === 'GET' && url === '/api/organizations') return { body: [KTH] };
    return undefined;
  });
}

describe('a contest’s teams page', () => {
  it('lists the teams with their affiliation, location and members', async () => {
    signIn('setter');
    api();
    renderAt(`/contests/${CONTEST_ID}/teams`);
    const table = await screen.findByRole('table', { name: 'Teams' });
    const cells = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .queryAllByRole('cell')
          .slice(0, 3)
          .map((c) => c.textContent),
      );
    expect(cells).toEqual([['KTH (SWE)', 'Room 1', 'ann, ben']]);
  });

  it('adds a team with an organisation and members, and shows the API’s refusal', async () => {
    signIn('setter');
    const { calls } = mockApi(({ method, url }) => {
      if (url === `/api/contests/${CONTEST_ID}`) return { body: contestView({ canManage: true, teams: true }) };
      if (method === 'GET' && url === TEAMS) return { body: [] };
      if (method === 'GET' && url === '/api/organizations') return { body: [KTH] };
      if (method === 'POST' && url === TEAMS)
        return {
          status: 409,
          body: { statusCode: 409, code: 'ALREADY_ON_TEAM', message: 'ann is on team "Red" of this contest already' },
        };
      return undefined;
    });
    renderAt(`/contests/${CONTEST_ID}/teams`);
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Add a team' });
    await user.type(within(form).getByLabelText('Team name'), 'Blue');
    await waitFor(() => expect(within(form).getByRole('option', { name: 'KTH (SWE)' })).toBeTruthy());
    await user.selectOptions(within(form).getByLabelText('Affiliation'), 'KTH (SWE)');
    await user.type(within(form).getByLabelText('Members'), 'ann, cleo  dan');
    await user.click(within(form).getByRole('button', { name: 'Add team' }));
    expect((await screen.findByRole('alert')).textContent).toContain('ann is on team "Red" of this contest already');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Blue',
      organizationId: 'o1',
      location: null,
      externalId: null,
      members: ['ann', 'cleo', 'dan'],
    });
  });

  it('edits and deletes a team', async () => {
    signIn('admin');
    const { calls } = mockApi(({ method, url }) => {
      if (url === `/api/contests/${CONTEST_ID}`) return { body: contestView({ canManage: true, teams: true }) };
      if (method === 'GET' && url === TEAMS) return { body: [RED] };
      if (method === 'GET' && url === '/api/organizations') return { body: [KTH] };
      if (method === 'PUT' && url === `${TEAMS}/t1`) return { body: RED };
      if (method === 'DELETE' && url === `${TEAMS}/t1`) return { status: 204 };
      return undefined;
    });
    vi.stubGlobal(
      'confirm',
      vi.fn(() => true),
    );
    renderAt(`/contests/${CONTEST_ID}/teams`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit Red' }));
    const form = screen.getByRole('form', { name: 'Edit team Red' });
    const members = within(form).getByLabelText<HTMLInputElement>('Members');
    expect(members.value).toBe('ann, ben');
    await user.clear(members);
    await user.type(members, 'ann');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ name: 'Red', members: ['ann'] });

    await user.click(screen.getByRole('button', { name: 'Delete Red' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.url === `${TEAMS}/t1`)).toBe(true));
  });

  it('imports teams from CSV and prints each new account’s team beside its password', async () => {
    signIn('setter');
    const result: AccountImportResult = {
      created: [
        {
          line: 2,
          id: 'u9',
          username: 'uu-1',
          displayName: 'Ulla',
          email: null,
          password: 'Pw7pQ2mN9aBc4d',
          generated: true,
          course: null,
          team: 'Lambda',
        },
      ],
      enrolled: [],
      teams: [{ id: 't9', name: 'Lambda', organization: 'Uppsala', members: ['uu-1', 'ann'] }],
    };
    const { calls } = mockApi(({ method, url }) => {
      if (url === `/api/contests/${CONTEST_ID}`) return { body: contestView({ canManage: true, teams: true }) };
      if (method === 'GET' && url === TEAMS) return { body: [] };
      if (method === 'GET' && url === '/api/organizations') return { body: [] };
      if (method === 'POST' && url === `${TEAMS}/import`) return { status: 201, body: result };
      return undefined;
    });
    renderAt(`/contests/${CONTEST_ID}/teams`);
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { name: 'Import teams' })).toBeTruthy();
    // Existing accounts always join their team: there is nothing to choose.
    expect(screen.queryByRole('checkbox', { name: 'Enrol existing accounts instead of refusing them' })).toBeNull();
    const csv = 'team,affiliation,username\nLambda,Uppsala,uu-1\nLambda,,ann\n';
    await user.upload(screen.getByLabelText('CSV file of accounts'), new File([csv], 'teams.csv'));
    await user.click(screen.getByRole('button', { name: 'Import' }));
    const sheet = await screen.findByRole('region', { name: 'Account sheet' });
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ csv, existing: 'refuse' });
    expect(
      within(sheet)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Username', 'Display name', 'Password', 'Team']);
    expect(
      within(sheet)
        .getAllByRole('row')
        .slice(1)
        .map((row) =>
          within(row)
            .getAllByRole('cell')
            .map((c) => c.textContent),
        ),
    ).toEqual([['uu-1', 'Ulla', 'Pw7pQ2mN9aBc4d', 'Lambda']]);
    expect(within(sheet).getByText('1 team made: Lambda (uu-1, ann)')).toBeTruthy();
  });

  it('says so on a contest that is not a team contest', async () => {
    signIn('setter');
    mockApi(({ url }) =>
      url === `/api/contests/${CONTEST_ID}` ? { body: contestView({ canManage: true, teams: false }) } : undefined,
    );
    renderAt(`/contests/${CONTEST_ID}/teams`);
    expect(await screen.findByText(/This is not a team contest/)).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Add a team' })).toBeNull();
  });
});

describe('a team contest’s scoreboard', () => {
  it('shows each row’s team name with its affiliation and country', () => {
    const board: ScoreboardView = {
      frozen: false,
      scoring: 'icpc',
      problems: [{ label: 'A', title: 'Squares' }],
      rows: [
        {
          rank: 1,
          userId: 't1',
          username: 'Red',
          team: { id: 't1', name: 'Red', organization: { name: 'KTH', country: 'SWE' } },
          solved: 1,
          penalty: 12,
          score: 1,
          problems: { A: scoreboardCell({ attempts: 1, solvedAtMinutes: 12 }) },
        },
        {
          rank: 2,
          userId: 't2',
          username: 'Blue',
          team: { id: 't2', name: 'Blue', organization: null },
          solved: 0,
          penalty: 0,
          score: 0,
          problems: {},
        },
      ],
    };
    renderComponent(<ScoreboardTable board={board} linkUsers />);
    const heads = screen.getAllByRole('rowheader').map((h) => h.textContent);
    expect(heads).toEqual(['RedKTH SWE', 'Blue']);
    // A team is no account: its name opens no profile.
    expect(screen.queryAllByRole('link')).toEqual([]);
  });
});
