import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { OrganizationView } from '@judge/contract';
import { mockApi, renderAt, setupDom, signIn } from '../../test/helpers';

setupDom();

const KTH: OrganizationView = {
  id: 'o1',
  name: 'KTH',
  formalName: 'KTH Royal Institute of Technology',
  country: 'SWE',
  externalId: null,
};

describe('organisations page (admins)', () => {
  it('lists organisations and adds one, the country in capitals and empty fields as none', async () => {
    signIn('admin');
    const { calls } = mockApi(({ method, url }) => {
      if (method === 'GET' && url === '/api/organizations') return { body: [KTH] };
      if (method === 'POST' && url === '/api/organizations')
        return { status: 201, body: { ...KTH, id: 'o2', name: 'MIT' } };
      return undefined;
    });
    renderAt('/admin/organizations');
    const table = await screen.findByRole('table', { name: 'Organisations' });
    expect(within(table).getByRole('rowheader').textContent).toBe('KTH');
    expect(within(table).getByText('KTH Royal Institute of Technology')).toBeTruthy();

    const user = userEvent.setup();
    const form = screen.getByRole('form', { name: 'Add an organisation' });
    await user.type(within(form).getByLabelText('Short name'), 'MIT');
    await user.type(within(form).getByLabelText('Country'), 'usa');
    await user.click(within(form).getByRole('button', { name: 'Add organisation' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'MIT',
      formalName: null,
      country: 'USA',
      externalId: null,
    });
  });

  it('edits and deletes an organisation', async () => {
    signIn('admin');
    const { calls } = mockApi(({ method, url }) => {
      if (method === 'GET' && url === '/api/organizations') return { body: [KTH] };
      if (method === 'PUT' && url === '/api/organizations/o1') return { body: KTH };
      if (method === 'DELETE' && url === '/api/organizations/o1') return { status: 204 };
      return undefined;
    });
    const confirm = vi.fn(() => true);
    vi.stubGlobal('confirm', confirm);
    renderAt('/admin/organizations');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit KTH' }));
    const form = screen.getByRole('form', { name: 'Edit organisation KTH' });
    const country = within(form).getByLabelText<HTMLInputElement>('Country');
    expect(country.value).toBe('SWE');
    await user.clear(country);
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ name: 'KTH', country: null });

    await user.click(screen.getByRole('button', { name: 'Delete KTH' }));
    expect(confirm).toHaveBeenCalledWith('Delete organisation KTH? Its teams stay, without an affiliation.');
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
  });

  it('is in the admin navigation', async () => {
    signIn('admin');
    mockApi(({ url }) => (url === '/api/organizations' ? { body: [] } : undefined));
    renderAt('/admin/organizations');
    expect(await screen.findByText('No organisations yet.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Organisations' }).getAttribute('href')).toBe('/admin/organizations');
  });
});
