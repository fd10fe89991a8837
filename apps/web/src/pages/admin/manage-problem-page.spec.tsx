import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ProblemTestView } from '@judge/contract';
import { PROBLEM_ID, problemDetail } from '../../test/fixtures';
import { mockApi, renderAt, setupDom, signIn } from '../../test/helpers';

setupDom();

const testView = (id: string, sample: boolean, inputBytes: number, answerBytes: number): ProblemTestView => {
  const name = id.replaceAll(':', '/');
  return { id, name, group: name.split('/').slice(0, -1).join('/'), sample, inputBytes, answerBytes };
};

/** A problem whose tests the API lists; deleting one drops it from the list, as a new version would. */
function api() {
  const tests = [
    testView('sample:01', true, 4, 2),
    testView('secret:01', false, 2048, 12),
    testView('secret:group1:03', false, 3 * 1024 * 1024, 5),
  ];
  const { calls } = mockApi(({ method, url }) => {
    const base = `/api/problems/${PROBLEM_ID}`;
    if (method === 'GET' && url === base) return { body: problemDetail({ testCount: tests.length }) };
    if (method === 'GET' && url === `${base}/tests`) return { body: tests };
    if (method === 'PUT' && url === `${base}/feedback`) return { body: { feedback: 'first-failure' } };
    if (method === 'PUT' && url.startsWith(`${base}/tests/`)) return { body: { ...problemDetail(), version: 4 } };
    if (method === 'DELETE' && url.startsWith(`${base}/tests/`)) {
      const id = decodeURIComponent(url.slice(`${base}/tests/`.length));
      tests.splice(
        tests.findIndex((t) => t.id === id),
        1,
      );
      return { body: { ...problemDetail(), version: 4 } };
    }
    return undefined;
  });
  return { calls, tests };
}

const rows = () => screen.getAllByTestId('problem-test');

describe('managing a problem’s tests', () => {
  it('lists every test of the current version, secret ones included', async () => {
    signIn('setter');
    const { calls } = api();
    renderAt(`/admin/problems/${PROBLEM_ID}`);

    await waitFor(() => expect(rows()).toHaveLength(3));
    const cells = rows().map((row) => [...row.querySelectorAll('td')].slice(0, 5).map((td) => td.textContent));
    expect(cells).toEqual([
      ['sample/01', 'sample', 'Sample', '4 B', '2 B'],
      ['secret/01', 'secret', 'Secret', '2.0 KB', '12 B'],
      ['secret/group1/03', 'secret/group1', 'Secret', '3.0 MB', '5 B'],
    ]);
    expect(within(rows()[2]).getByRole('button', { name: 'Replace secret/group1/03' })).toBeTruthy();
    expect(within(rows()[2]).getByRole('button', { name: 'Delete secret/group1/03' })).toBeTruthy();
    expect(calls.some((c) => c.url === `/api/problems/${PROBLEM_ID}/tests`)).toBe(true);
    // No more asking for a test by its id: they are all listed.
    expect(screen.queryByLabelText('Test id')).toBeNull();
  });

  it('sets the feedback level authors of submissions see in practice', async () => {
    signIn('setter');
    const { calls } = api();
    renderAt(`/admin/problems/${PROBLEM_ID}`);
    const select = await screen.findByLabelText<HTMLSelectElement>('Feedback to participants');
    expect(select.value).toBe('full');
    await userEvent.selectOptions(select, 'first-failure');
    await waitFor(() => expect(screen.getByText('Saved.')).toBeTruthy());
    const put = calls.find((c) => c.method === 'PUT' && c.url === `/api/problems/${PROBLEM_ID}/feedback`);
    expect(put?.body).toEqual({ feedback: 'first-failure' });
  });

  it('replaces a secret test with the data typed', async () => {
    signIn('setter');
    const { calls } = api();
    renderAt(`/admin/problems/${PROBLEM_ID}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Replace secret/group1/03' }));
    const form = screen.getByRole('form', { name: 'Replace test secret/group1/03' });
    await userEvent.type(within(form).getByLabelText('Input'), '5 7');
    await userEvent.type(within(form).getByLabelText('Answer'), '12');
    await userEvent.click(within(form).getByRole('button', { name: 'Save test' }));

    await waitFor(() => expect(screen.queryByRole('form', { name: 'Replace test secret/group1/03' })).toBeNull());
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.url).toBe(`/api/problems/${PROBLEM_ID}/tests/${encodeURIComponent('secret:group1:03')}`);
    expect(put?.body).toEqual({ input: '5 7', answer: '12', sample: false });
    expect(within(rows()[2]).getByText('Replaced.')).toBeTruthy();
    // The list is read again for the new version.
    await waitFor(() => expect(calls.filter((c) => c.url === `/api/problems/${PROBLEM_ID}/tests`)).toHaveLength(2));
  });

  it('deletes a test once confirmed, and lists the tests again', async () => {
    signIn('setter');
    const { calls } = api();
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    renderAt(`/admin/problems/${PROBLEM_ID}`);
    const remove = await screen.findByRole('button', { name: 'Delete secret/01' });

    await userEvent.click(remove);
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);

    await userEvent.click(remove);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(calls.find((c) => c.method === 'DELETE')?.url).toBe(
      `/api/problems/${PROBLEM_ID}/tests/${encodeURIComponent('secret:01')}`,
    );
    expect(rows().map((row) => row.querySelector('code')?.textContent)).toEqual(['sample/01', 'secret/group1/03']);
  });

  it('says so when a problem has no tests yet', async () => {
    signIn('setter');
    mockApi(({ url }) => {
      if (url === `/api/problems/${PROBLEM_ID}`) return { body: problemDetail({ testCount: 0, samples: [] }) };
      if (url === `/api/problems/${PROBLEM_ID}/tests`) return { body: [] };
      return undefined;
    });
    renderAt(`/admin/problems/${PROBLEM_ID}`);
    expect(await screen.findByText('No tests yet: add the first one below.')).toBeTruthy();
  });
});

describe('running a reference solution', () => {
  it('submits the chosen file in the chosen language and opens its submission', async () => {
    signIn('setter');
    const { calls } = mockApi(({ method, url }) => {
      if (method === 'GET' && url === `/api/problems/${PROBLEM_ID}`) return { body: problemDetail() };
      if (method === 'GET' && url === `/api/problems/${PROBLEM_ID}/tests`) return { body: [] };
      if (method === 'GET' && url === '/api/languages')
        return {
          body: [
            { id: 'cpp', name: 'C++ (GCC, C++20)', extensions: ['cpp'], editor: 'cpp' },
            { id: 'python', name: 'Python 3', extensions: ['py'], editor: 'python' },
          ],
        };
      if (method === 'POST' && url === '/api/submissions') return { status: 201, body: { id: 'ref-1' } };
      return undefined;
    });
    const { router } = renderAt(`/admin/problems/${PROBLEM_ID}`);
    const user = userEvent.setup();
    await screen.findByRole('option', { name: 'Python 3' });
    await user.selectOptions(screen.getByLabelText('Solution language'), 'python');
    await user.upload(screen.getByLabelText('Reference solution'), new File(['print(3)\n'], 'ref.py'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url === '/api/submissions')).toBe(true));
    const post = calls.find((c) => c.method === 'POST' && c.url === '/api/submissions');
    expect(post?.body).toEqual({ problemId: PROBLEM_ID, language: 'python', source: 'print(3)\n' });
    await waitFor(() => expect(router.state.location.pathname).toBe('/submissions/ref-1'));
  });
});

describe('publishing a problem', () => {
  it('shows a draft as such, publishes it, and offers to take it back', async () => {
    signIn('setter');
    let visibility: 'draft' | 'public' = 'draft';
    const { calls } = mockApi(({ method, url, body }) => {
      const base = `/api/problems/${PROBLEM_ID}`;
      if (method === 'GET' && url === base) return { body: problemDetail({ visibility }) };
      if (method === 'GET' && url === `${base}/tests`) return { body: [] };
      if (method === 'PUT' && url === `${base}/visibility`) {
        visibility = (body as { visibility: 'draft' | 'public' }).visibility;
        return { body: { ...problemDetail(), visibility } };
      }
      return undefined;
    });
    renderAt(`/admin/problems/${PROBLEM_ID}`);

    const heading = await screen.findByRole('heading', { level: 1 });
    expect(within(heading).getByText('Draft')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Publish' }));

    const unpublish = await screen.findByRole('button', { name: 'Unpublish' });
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ visibility: 'public' });
    expect(within(screen.getByRole('heading', { level: 1 })).queryByText('Draft')).toBeNull();

    await userEvent.click(unpublish);
    await screen.findByRole('button', { name: 'Publish' });
    expect(calls.filter((c) => c.method === 'PUT').map((c) => c.body)).toEqual([
      { visibility: 'public' },
      { visibility: 'draft' },
    ]);
  });
});
