import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ContestImportResult } from '@judge/contract';
import { CONTEST_ID, contestView } from '../../test/fixtures';
import { chooseLocale, mockApi, renderAt, setupDom, signIn } from '../../test/helpers';

vi.mock('../../editor/code-editor', () => import('../../test/editor-mock'));

setupDom();

const result: ContestImportResult = {
  contestId: CONTEST_ID,
  title: 'DOMjudge practice session',
  problems: [{ label: 'A', problemId: 'p1', created: true }],
  organizations: { created: 2, reused: 0 },
  teams: 2,
  submissions: 4,
  rejudged: false,
  createdAccounts: [
    { username: 'team001', password: 'Xk7pQ2mN9aBc4d', team: 'Byte Me' },
    { username: 'team002', password: 'Hq3rT8vW2yZa5b', team: 'Null Pointers' },
  ],
  reusedAccounts: [],
  warnings: ['penalty_time is 30 minutes: this judge\u2019s ICPC rule counts 20'],
};

const zip = () => new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'practice.zip', { type: 'application/zip' });

const cells = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    );

describe('contest import page', () => {
  it('sends the zip, then links the contest and shows the accounts made with their passwords', async () => {
    signIn('admin');
    const { calls } = mockApi(({ method, url }) =>
      method === 'POST' && url === '/api/contests/import' ? { status: 201, body: result } : undefined,
    );
    renderAt('/admin/contests/import');
    const user = userEvent.setup();
    await user.upload(await screen.findByLabelText('Contest package zip'), zip());
    await user.click(screen.getByRole('button', { name: 'Import' }));

    const region = await screen.findByRole('region', { name: 'Imported contest' });
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toBeInstanceOf(FormData);
    expect(((post?.body as FormData).get('package') as File).name).toBe('practice.zip');
    expect((post?.body as FormData).get('rejudge')).toBeNull();
    expect(within(region).getByRole('status').textContent).toContain(
      'Imported: 2 teams, 4 submissions, 2 accounts created, 0 existing accounts used.',
    );
    expect(within(region).getByRole('link', { name: 'DOMjudge practice session' }).getAttribute('href')).toBe(
      `/contests/${CONTEST_ID}`,
    );
    expect(within(region).getByText(/they were not judged again/)).toBeTruthy();
    expect(within(region).getByRole('list', { name: 'Warnings' }).textContent).toContain('penalty_time is 30');
    expect(cells(within(region).getByRole('table'))).toEqual([
      ['Byte Me', 'team001', 'Xk7pQ2mN9aBc4d'],
      ['Null Pointers', 'team002', 'Hq3rT8vW2yZa5b'],
    ]);
    expect(document.body.classList.contains('printing-sheet')).toBe(true);
  });

  it('asks for the submissions to be judged again when ticked, and says so', async () => {
    signIn('admin');
    const { calls } = mockApi(({ method, url }) =>
      method === 'POST' && url === '/api/contests/import'
        ? { status: 201, body: { ...result, rejudged: true, createdAccounts: [] } }
        : undefined,
    );
    renderAt('/admin/contests/import');
    const user = userEvent.setup();
    await user.upload(await screen.findByLabelText('Contest package zip'), zip());
    await user.click(screen.getByRole('checkbox', { name: 'Judge the submissions again after the import' }));
    await user.click(screen.getByRole('button', { name: 'Import' }));

    const region = await screen.findByRole('region', { name: 'Imported contest' });
    expect((calls.find((c) => c.method === 'POST')?.body as FormData).get('rejudge')).toBe('true');
    expect(within(region).getByText(/queued to be judged again/)).toBeTruthy();
    expect(within(region).queryByRole('table')).toBeNull();
  });

  it('lists every problem of a refused package, file by file, in the chosen language', async () => {
    chooseLocale('es');
    signIn('admin');
    mockApi(({ method, url }) =>
      method === 'POST' && url === '/api/contests/import'
        ? {
            status: 422,
            body: {
              statusCode: 422,
              code: 'IMPORT_INVALID',
              message: '2 problems in the package: nothing was imported',
              details: {
                errors: [
                  { file: 'teams.json', message: 'team 2: its organisation lu is not in organizations.json' },
                  { file: 'submissions.json', message: 'submission 7: no problem has the id Z' },
                ],
              },
            },
          }
        : undefined,
    );
    renderAt('/admin/contests/import');
    const user = userEvent.setup();
    await user.upload(await screen.findByLabelText('Zip del paquete de concurso'), zip());
    await user.click(screen.getByRole('button', { name: 'Importar' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('2 problemas en el paquete: no se importó nada.');
    expect(cells(within(alert).getByRole('table'))).toEqual([
      ['teams.json', 'team 2: its organisation lu is not in organizations.json'],
      ['submissions.json', 'submission 7: no problem has the id Z'],
    ]);
    expect(screen.queryByRole('region', { name: 'Concurso importado' })).toBeNull();
  });

  it('is linked from the contest list for admins only', async () => {
    signIn('admin');
    mockApi(({ url }) => (url === '/api/contests' ? { body: [] } : undefined));
    const admin = renderAt('/contests');
    expect((await screen.findByRole('link', { name: 'Import contest' })).getAttribute('href')).toBe(
      '/admin/contests/import',
    );
    admin.unmount();

    signIn('setter');
    mockApi(({ url }) => (url === '/api/contests' ? { body: [] } : undefined));
    renderAt('/contests');
    await screen.findByRole('link', { name: 'New contest' });
    expect(screen.queryByRole('link', { name: 'Import contest' })).toBeNull();
  });
});

describe('contest export button', () => {
  it('downloads the package for staff; contestants have no button', async () => {
    signIn('setter');
    const { calls } = mockApi(({ url }) => {
      if (url === `/api/contests/${CONTEST_ID}`) return { body: contestView({ canManage: true }) };
      if (url === `/api/contests/${CONTEST_ID}/export`) return { body: 'zip' };
      return undefined;
    });
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:package');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const staff = renderAt(`/contests/${CONTEST_ID}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Export' }));
    await waitFor(() => expect(clicked).toHaveBeenCalledOnce());
    expect(calls.some((c) => c.url === `/api/contests/${CONTEST_ID}/export`)).toBe(true);
    staff.unmount();

    signIn('contestant');
    mockApi(({ url }) =>
      url === `/api/contests/${CONTEST_ID}` ? { body: contestView({ canManage: false }) } : undefined,
    );
    renderAt(`/contests/${CONTEST_ID}`);
    await screen.findByRole('heading', { name: contestView().title });
    expect(screen.queryByRole('button', { name: 'Export' })).toBeNull();
  });
});
