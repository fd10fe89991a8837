import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AccountImportResult } from '@judge/contract';
import { COURSE_ID, courseView, TEACHER_ID } from '../test/fixtures';
import { chooseLocale, mockApi, renderAt, setupDom, signIn } from '../test/helpers';

setupDom();

const CSV = 'username,display name,course,password\nada,"Lovelace, Ada",ALGO2026,\ngrace,,,given-password\n';

const result: AccountImportResult = {
  created: [
    {
      line: 2,
      id: 'u1',
      username: 'ada',
      displayName: 'Lovelace, Ada',
      email: null,
      password: 'Xk7pQ2mN9aBc4d',
      generated: true,
      course: { id: COURSE_ID, title: 'Algorithms' },
    },
    {
      line: 3,
      id: 'u2',
      username: 'grace',
      displayName: null,
      email: null,
      password: 'given-password',
      generated: false,
      course: null,
    },
  ],
  enrolled: [],
};

const csvFile = (text = CSV) => new File([text], 'accounts.csv', { type: 'text/csv' });

describe('account import panel', () => {
  it('sends the chosen file, then shows the sheet to print and to download as CSV', async () => {
    signIn('admin');
    const { calls } = mockApi(({ method, url }) => {
      if (method === 'GET' && url === '/api/users') return { body: [] };
      if (method === 'POST' && url === '/api/admin/users/import') return { status: 201, body: result };
      return undefined;
    });
    const print = vi.fn();
    vi.stubGlobal('print', print);
    renderAt('/admin/users');
    const user = userEvent.setup();
    await user.upload(await screen.findByLabelText('CSV file of accounts'), csvFile());
    await user.click(screen.getByRole('checkbox', { name: 'Enrol existing accounts instead of refusing them' }));
    await user.click(screen.getByRole('button', { name: 'Import' }));

    const sheet = await screen.findByRole('region', { name: 'Account sheet' });
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ csv: CSV, existing: 'enrol' });
    expect(within(sheet).getByRole('status').textContent).toBe('2 accounts created, 0 existing accounts enrolled.');
    const rows = within(sheet)
      .getAllByRole('row')
      .map((row) =>
        within(row)
          .queryAllByRole('cell')
          .map((cell) => cell.textContent),
      );
    expect(rows.slice(1)).toEqual([
      ['ada', 'Lovelace, Ada', 'Xk7pQ2mN9aBc4d', 'Algorithms'],
      ['grace', '', 'given-password', ''],
    ]);
    // While the sheet is shown, printing prints it alone (styles.css).
    expect(document.body.classList.contains('printing-sheet')).toBe(true);
    await user.click(within(sheet).getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();

    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:sheet';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await user.click(within(sheet).getByRole('button', { name: 'Download CSV' }));
    expect(clicked).toHaveBeenCalledOnce();
    expect(await blobs[0].text()).toBe(
      'Username,Display name,Password,Course\r\nada,"Lovelace, Ada",Xk7pQ2mN9aBc4d,Algorithms\r\ngrace,,given-password,\r\n',
    );
  });

  it('lists every bad line of a refused file, in the chosen language', async () => {
    chooseLocale('es');
    signIn('admin');
    mockApi(({ method, url }) => {
      if (method === 'GET' && url === '/api/users') return { body: [] };
      if (method === 'POST' && url === '/api/admin/users/import')
        return {
          status: 422,
          body: {
            statusCode: 422,
            code: 'IMPORT_INVALID',
            message: '2 problems in the file: nothing was imported',
            details: {
              errors: [
                { line: 2, field: 'username', message: 'ada exists already' },
                { line: 4, field: 'course', message: 'no course has the id or join code NOPE' },
              ],
            },
          },
        };
      return undefined;
    });
    renderAt('/admin/users');
    const user = userEvent.setup();
    await user.upload(await screen.findByLabelText('Archivo CSV de cuentas'), csvFile());
    await user.click(screen.getByRole('button', { name: 'Importar' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('El archivo tiene 2 problemas: no se importó nada.');
    const rows = within(alert)
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      );
    expect(rows).toEqual([
      ['2', 'username', 'ada exists already'],
      ['4', 'course', 'no course has the id or join code NOPE'],
    ]);
    expect(screen.queryByRole('region', { name: 'Hoja de cuentas' })).toBeNull();
  });

  it("imports into a teacher's course from the course page", async () => {
    signIn('teacher', TEACHER_ID, 'tom');
    const { calls } = mockApi(({ method, url }) => {
      if (url === `/api/courses/${COURSE_ID}`) return { body: courseView({ role: 'teacher', joinCode: 'K7Q2ZX' }) };
      if (url === `/api/courses/${COURSE_ID}/members`) return { body: [] };
      if (method === 'POST' && url === `/api/courses/${COURSE_ID}/students/import`)
        return { status: 201, body: { created: [result.created[0]], enrolled: [] } };
      return undefined;
    });
    renderAt(`/courses/${COURSE_ID}`);
    const panel = await screen.findByRole('region', { name: 'Import students' });
    const user = userEvent.setup();
    await user.upload(within(panel).getByLabelText('CSV file of accounts'), csvFile('username\nada\n'));
    await user.click(within(panel).getByRole('button', { name: 'Import' }));
    await screen.findByRole('region', { name: 'Account sheet' });
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ csv: 'username\nada\n', existing: 'refuse' });
    await waitFor(() => expect(screen.getByText('Xk7pQ2mN9aBc4d')).toBeTruthy());
  });
});
