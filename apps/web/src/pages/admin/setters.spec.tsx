import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ProblemAuthoringView, ProblemUploadResult, UserView } from '@judge/contract';
import { DAVE, PROBLEM_ID, problemDetail, userView } from '../../test/fixtures';
import { chooseLocale, mockApi, renderAt, setupDom, signIn } from '../../test/helpers';

setupDom();

/** What POST/PUT /api/problems answers for the problem of the fixtures. */
const stored = (overrides: Partial<ProblemUploadResult> = {}): ProblemUploadResult => ({
  id: PROBLEM_ID,
  slug: 'squares',
  title: 'Squares',
  visibility: 'draft',
  version: 1,
  type: 'pass-fail',
  timeLimitMs: 1000,
  memoryMb: 256,
  warnings: [],
  ...overrides,
});

const zip = () => new File(['PK'], 'squares (1).zip', { type: 'application/zip' });

describe('uploading a package', () => {
  it('offers to upload a package that is an existing problem as its new version, and does so', async () => {
    signIn('setter');
    const { calls } = mockApi(({ method, url }) => {
      if (method === 'POST' && url === '/api/problems')
        return {
          status: 409,
          body: {
            statusCode: 409,
            code: 'PROBLEM_EXISTS',
            message: 'this package is the problem "Squares" (squares), which exists',
            details: { id: PROBLEM_ID, slug: 'squares', title: 'Squares', version: 3 },
          },
        };
      if (method === 'PUT' && url === `/api/problems/${PROBLEM_ID}`) return { body: stored({ version: 4 }) };
      return undefined;
    });
    renderAt('/admin/problems/new');
    await userEvent.upload(screen.getByLabelText('Problem package'), zip());

    const offer = await screen.findByRole('button', { name: 'Upload as a new version of Squares' });
    expect(screen.getByRole('alert').textContent).toContain(
      'squares (1).zip is the package of Squares, which exists (version 3).',
    );
    // No API route to copy by hand.
    expect(document.body.textContent).not.toContain('PUT /api/problems');
    await userEvent.click(offer);

    expect(await screen.findByText('Version 4 of', { exact: false })).toBeTruthy();
    const put = calls.find((c) => c.method === 'PUT');
    expect(((put?.body as FormData).get('package') as File).name).toBe('squares (1).zip');
  });

  it('shows the warnings of a stored package: unknown problem.yaml keys, a shared title', async () => {
    signIn('setter');
    const warnings = [
      'problem.yaml: limts: unknown key, ignored (did you mean limits?)',
      'another problem is titled "Squares" (squares-old)',
    ];
    mockApi(({ method, url }) =>
      method === 'POST' && url === '/api/problems' ? { status: 201, body: stored({ warnings }) } : undefined,
    );
    renderAt('/admin/problems/new');
    await userEvent.upload(screen.getByLabelText('Problem package'), zip());
    expect(await screen.findByText('2 warnings: read past, not refused')).toBeTruthy();
    for (const warning of warnings) expect(screen.getByText(warning)).toBeTruthy();
  });
});

describe('a problem written in the browser', () => {
  it('is created with its tests in one request, so that it starts at version 1', async () => {
    signIn('setter');
    const { calls } = mockApi(({ method, url }) => {
      if (method === 'POST' && url === '/api/problems') return { status: 201, body: stored() };
      if (method === 'GET' && url === `/api/problems/${PROBLEM_ID}`) return { body: problemDetail({ version: 1 }) };
      if (method === 'GET' && url === `/api/problems/${PROBLEM_ID}/tests`) return { body: [] };
      if (method === 'GET' && url === '/api/languages') return { body: [] };
      return undefined;
    });
    const { router } = renderAt('/admin/problems/new');
    const form = screen.getByRole('form', { name: 'Write a problem' });
    await userEvent.type(within(form).getByLabelText('Title'), 'Squares');
    const first = within(form).getByRole('group', { name: 'Test 1' });
    await userEvent.type(within(first).getByLabelText('Input'), '3');
    await userEvent.type(within(first).getByLabelText('Answer'), '9');
    await userEvent.click(within(form).getByRole('button', { name: 'Add a test' }));
    const second = within(form).getByRole('group', { name: 'Test 2' });
    await userEvent.type(within(second).getByLabelText('Input'), '4');
    await userEvent.type(within(second).getByLabelText('Answer'), '16');
    await userEvent.click(within(form).getByRole('button', { name: 'Create problem' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/admin/problems/${PROBLEM_ID}`));
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.url)).toEqual(['/api/problems']);
    expect((posts[0].body as { tests: unknown[] }).tests).toEqual([
      { input: '3', answer: '9', sample: true },
      { input: '4', answer: '16', sample: false },
    ]);
  });
});

describe('editing a problem in the browser', () => {
  const view: ProblemAuthoringView = {
    title: 'Squares',
    statement: 'Print $x^2$.',
    timeLimitMs: 1000,
    memoryMb: 256,
    checker: { type: 'default' },
    checkerEditable: true,
  };

  it('shows the current settings with the statement preview, and saves them as a new version', async () => {
    signIn('setter');
    const { calls } = mockApi(({ method, url }) => {
      if (method === 'GET' && url === `/api/problems/${PROBLEM_ID}/authoring`) return { body: view };
      if (method === 'PUT' && url === `/api/problems/${PROBLEM_ID}/authoring`)
        return { body: stored({ version: 4, title: 'Square numbers' }) };
      return undefined;
    });
    renderAt(`/admin/problems/${PROBLEM_ID}/edit`);
    const title = await screen.findByLabelText<HTMLInputElement>('Title');
    expect(title.value).toBe('Squares');
    expect(await screen.findByLabelText('Statement preview')).toBeTruthy();
    await userEvent.clear(title);
    await userEvent.type(title, 'Square numbers');
    await userEvent.clear(screen.getByLabelText('Time limit (ms)'));
    await userEvent.type(screen.getByLabelText('Time limit (ms)'), '2000');
    await userEvent.click(screen.getByLabelText('Numbers within a tolerance'));
    await userEvent.click(screen.getByRole('button', { name: 'Save as a new version' }));

    expect(await screen.findByText('Version 4 stored.', { exact: false })).toBeTruthy();
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      title: 'Square numbers',
      statement: 'Print $x^2$.',
      timeLimitMs: 2000,
      memoryMb: 256,
      checker: { type: 'float', flags: 'float_tolerance 1e-6' },
    });
  });

  it('keeps a LaTeX statement and a checker it cannot change, saying so', async () => {
    signIn('setter');
    mockApi(({ method, url }) =>
      method === 'GET' && url === `/api/problems/${PROBLEM_ID}/authoring`
        ? { body: { ...view, statement: null, checker: { type: 'custom' }, checkerEditable: false } }
        : undefined,
    );
    renderAt(`/admin/problems/${PROBLEM_ID}/edit`);
    expect(await screen.findByText('The statement is LaTeX or HTML', { exact: false })).toBeTruthy();
    expect(screen.getByText('changes with a new package only', { exact: false })).toBeTruthy();
    expect(screen.queryByLabelText('Statement preview')).toBeNull();
  });

  it('is linked from the problem’s management page', async () => {
    signIn('setter');
    mockApi(({ method, url }) => {
      if (method === 'GET' && url === `/api/problems/${PROBLEM_ID}`) return { body: problemDetail() };
      if (method === 'GET' && url === `/api/problems/${PROBLEM_ID}/tests`) return { body: [] };
      if (method === 'GET' && url === '/api/languages') return { body: [] };
      return undefined;
    });
    renderAt(`/admin/problems/${PROBLEM_ID}`);
    const link = await screen.findByRole('link', { name: 'Edit statement and settings' });
    expect(link.getAttribute('href')).toBe(`/admin/problems/${PROBLEM_ID}/edit`);
    // The file inputs are buttons of the UI, with the chosen file's name beside them.
    expect(screen.getByLabelText('Reference solution').closest('label')?.className).toContain('file-button');
  });
});

const dave = userView();

function usersApi() {
  let current = dave;
  return mockApi(({ method, url, body }) => {
    if (method === 'GET' && url === '/api/users') return { body: [current] };
    if (method === 'POST' && url === '/api/users') return { status: 201, body: { id: 'new-user' } };
    if (method === 'PATCH' && url === `/api/users/${DAVE}`) {
      current = { ...current, ...(body as Partial<UserView>) };
      return { body: current };
    }
    return undefined;
  });
}

describe('users page', () => {
  it('says whether an account is enabled, with a button that says what it does', async () => {
    signIn('admin');
    const { calls } = usersApi();
    renderAt('/admin/users');
    const disable = await screen.findByRole('button', { name: 'Disable dave' });
    const row = disable.closest('tr')!;
    expect(within(row).getByText('Enabled')).toBeTruthy();
    await userEvent.click(disable);
    const enable = await screen.findByRole('button', { name: 'Enable dave' });
    expect(within(enable.closest('tr')!).getByText('Disabled')).toBeTruthy();
    expect(enable.textContent).toBe('Enable');
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([{ disabled: true }]);
  });

  it('creates a teacher, then the role goes back to contestant for the next account', async () => {
    signIn('admin');
    const { calls } = usersApi();
    renderAt('/admin/users');
    const form = screen.getByRole('form', { name: 'New user' });
    const role = within(form).getByLabelText<HTMLSelectElement>('Role');
    expect([...role.options].map((o) => o.textContent)).toEqual(['contestant', 'teacher', 'setter', 'admin']);
    await userEvent.type(within(form).getByLabelText('Username'), 'tina');
    await userEvent.type(within(form).getByLabelText('Password'), 'tina-password');
    await userEvent.selectOptions(role, 'teacher');
    await userEvent.click(within(form).getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText('User tina created as teacher.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      username: 'tina',
      password: 'tina-password',
      role: 'teacher',
    });
    expect(role.value).toBe('contestant');
    expect(within(form).getByText('creates and runs courses', { exact: false })).toBeTruthy();
  });

  it('reads in Spanish', async () => {
    chooseLocale('es');
    signIn('admin');
    usersApi();
    renderAt('/admin/users');
    expect(await screen.findByRole('heading', { level: 1, name: 'Usuarios' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Desactivar a dave' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Crear usuario' })).toBeTruthy();
    expect(screen.getByText('Activa')).toBeTruthy();
  });
});

describe('logging in', () => {
  it('tells a disabled account so; a short wrong password is checked, not refused by a rule', async () => {
    let answer = { statusCode: 403, code: 'ACCOUNT_DISABLED', message: 'this account is disabled' };
    const { calls } = mockApi(({ url }) =>
      url === '/api/auth/login' ? { status: answer.statusCode, body: answer } : undefined,
    );
    renderAt('/login');
    await userEvent.type(screen.getByLabelText('Username'), 'bob');
    await userEvent.type(screen.getByLabelText('Password'), 'bob-password');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This account is disabled. Ask an administrator to enable it.',
    );

    answer = { statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'wrong username or password' };
    await userEvent.clear(screen.getByLabelText('Password'));
    await userEvent.type(screen.getByLabelText('Password'), 'abc');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Wrong username or password.'));
    expect(document.body.textContent).not.toContain('8 characters');
    expect(calls.filter((c) => c.url === '/api/auth/login').map((c) => c.body)).toEqual([
      { username: 'bob', password: 'bob-password' },
      { username: 'bob', password: 'abc' },
    ]);
  });

  it('reads in Simplified Chinese', async () => {
    chooseLocale('zh-CN');
    mockApi(({ url }) =>
      url === '/api/auth/login'
        ? { status: 401, body: { statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'wrong username or password' } }
        : undefined,
    );
    renderAt('/login');
    await userEvent.type(screen.getByLabelText('用户名'), 'bob');
    await userEvent.type(screen.getByLabelText('密码'), 'x');
    await userEvent.click(screen.getByRole('button', { name: '登录' }));
    expect((await screen.findByRole('alert')).textContent).toBe('用户名或密码错误。');
  });
});
