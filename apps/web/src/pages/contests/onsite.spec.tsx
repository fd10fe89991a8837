import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { BalloonList, BalloonView, PrintView } from '@judge/contract';
import { CONTEST_ID, contestView } from '../../test/fixtures';
import { mockApi, renderAt, setupDom, signIn } from '../../test/helpers';

setupDom();

const base = `/api/contests/${CONTEST_ID}`;

function balloon(overrides: Partial<BalloonView>): BalloonView {
  return {
    submissionId: 's1',
    teamId: 't1',
    userId: 'u1',
    name: 'Byte Me',
    location: 'Hall 2, desk 14',
    problemLabel: 'A',
    color: '#ff0000',
    firstToSolve: false,
    submittedAt: '2030-05-01T10:10:00.000Z',
    done: false,
    doneBy: null,
    doneAt: null,
    ...overrides,
  };
}

function printView(overrides: Partial<PrintView>): PrintView {
  return {
    id: 'p1',
    userId: 'u1',
    username: 'alice',
    teamId: null,
    teamName: null,
    location: null,
    fileName: 'main.cpp',
    language: null,
    bytes: 14,
    status: 'queued',
    error: null,
    createdAt: '2030-05-01T10:20:00.000Z',
    printedAt: null,
    doneAt: null,
    doneBy: null,
    ...overrides,
  };
}

describe('balloons', () => {
  it('lists balloons to deliver with colour, team, location and the first solve, and moves one to done', async () => {
    signIn('admin', '22222222-2222-2222-2222-222222222222', 'admin');
    const stored: BalloonList = {
      heldBack: 2,
      items: [
        balloon({ submissionId: 's1', firstToSolve: true }),
        balloon({ submissionId: 's2', name: 'Null Pointers', location: null, problemLabel: 'B', color: null }),
      ],
    };
    const { calls } = mockApi(({ method, url }) => {
      if (url === base) return { body: contestView({ canManage: true }) };
      if (method === 'GET' && url === `${base}/balloons?status=all`) return { body: stored };
      const mark = /\/balloons\/([^/]+)\/done$/.exec(url);
      if (mark) {
        stored.items = stored.items.map((b) =>
          b.submissionId === mark[1]
            ? { ...b, done: method === 'POST', doneBy: method === 'POST' ? 'admin' : null }
            : b,
        );
        return { body: stored.items.find((b) => b.submissionId === mark[1]) };
      }
      return undefined;
    });
    renderAt(`/contests/${CONTEST_ID}/balloons`);

    const pending = await screen.findAllByTestId('balloon', {}, { timeout: 10_000 });
    expect(pending).toHaveLength(2);
    expect(within(pending[0]).getByText('Byte Me')).toBeTruthy();
    expect(within(pending[0]).getByText('Hall 2, desk 14')).toBeTruthy();
    expect(within(pending[0]).getByText('First')).toBeTruthy();
    expect(within(pending[0]).getByRole('img', { name: 'Colour #ff0000' })).toBeTruthy();
    expect(within(pending[1]).queryByText('First')).toBeNull();
    expect(within(pending[1]).getByRole('img', { name: 'No colour chosen' })).toBeTruthy();
    expect(screen.getByTestId('balloons-held-back').textContent).toBe(
      '2 balloons are held back until the scoreboard is unfrozen.',
    );
    expect(screen.getByText('None delivered yet.')).toBeTruthy();
    // Staff reach it from the contest's tabs.
    expect(screen.getByRole('link', { name: 'Balloons' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Print queue' })).toBeTruthy();

    await userEvent.click(within(pending[0]).getByRole('button', { name: 'Done' }));
    expect(calls.some((c) => c.method === 'POST' && c.url === `${base}/balloons/s1/done`)).toBe(true);
    const done = await screen.findByTestId('balloon-done');
    expect(within(done).getByText('by admin')).toBeTruthy();
    expect(screen.getAllByTestId('balloon')).toHaveLength(1);

    await userEvent.click(within(done).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.getAllByTestId('balloon')).toHaveLength(2));
    expect(calls.some((c) => c.method === 'DELETE' && c.url === `${base}/balloons/s1/done`)).toBe(true);
    // The first page of the file loads the contest pages' chunk: slow on a busy machine.
  }, 20_000);
});

describe('printing', () => {
  it('a participant pastes a file, sends it and sees its status', async () => {
    signIn();
    let prints: PrintView[] = [printView({ id: 'old', fileName: 'notes.txt', status: 'failed', error: 'jam' })];
    const { calls } = mockApi(({ method, url, body }) => {
      if (url === base) return { body: contestView({ registered: true }) };
      if (method === 'GET' && url === `${base}/prints`) return { body: prints };
      if (method === 'POST' && url === `${base}/prints`) {
        const sent = body as { fileName: string };
        prints = [printView({ id: 'new', fileName: sent.fileName, status: 'printed' }), ...prints];
        return { status: 201, body: prints[0] };
      }
      return undefined;
    });
    renderAt(`/contests/${CONTEST_ID}/print`);

    const [old] = await screen.findAllByTestId('print', {}, { timeout: 10_000 });
    expect(within(old).getByText('notes.txt')).toBeTruthy();
    expect(within(old).getByText('Failed')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Print' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Balloons' })).toBeNull();

    const send = screen.getByRole<HTMLButtonElement>('button', { name: 'Print' });
    expect(send.disabled).toBe(true);
    await userEvent.type(screen.getByLabelText('File name'), 'main.cpp');
    fireEvent.change(screen.getByLabelText('Text (or paste it here)'), { target: { value: 'int main() {}\n' } });
    await userEvent.click(send);
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST' && c.url === `${base}/prints`)?.body).toEqual({
        fileName: 'main.cpp',
        content: 'int main() {}\n',
      }),
    );
    await waitFor(() => expect(screen.getAllByTestId('print')).toHaveLength(2));
    expect(within(screen.getAllByTestId('print')[0]).getByText('Printed')).toBeTruthy();
  });

  it('refuses a file over the size limit before sending it', async () => {
    signIn();
    const { calls } = mockApi(({ method, url }) => {
      if (url === base) return { body: contestView({ registered: true }) };
      if (method === 'GET' && url === `${base}/prints`) return { body: [] };
      return undefined;
    });
    renderAt(`/contests/${CONTEST_ID}/print`);
    await screen.findByText('You have not printed anything.', {}, { timeout: 10_000 });
    await userEvent.type(screen.getByLabelText('File name'), 'big.txt');
    fireEvent.change(screen.getByLabelText('Text (or paste it here)'), { target: { value: 'x'.repeat(262_145) } });
    expect(screen.getByRole('alert').textContent).toMatch(/larger than .* cannot be printed/);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Print' }).disabled).toBe(true);
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('staff see the queue with team and location, read a file, hand it out and print it again', async () => {
    signIn('admin', '22222222-2222-2222-2222-222222222222', 'admin');
    let prints = [
      printView({ id: 'p1', teamName: 'Byte Me', location: 'Hall 2, desk 14', status: 'printed' }),
      printView({ id: 'p2', fileName: 'fail.txt', status: 'failed', error: 'printer on fire' }),
    ];
    const { calls } = mockApi(({ method, url }) => {
      if (url === base) return { body: contestView({ canManage: true }) };
      if (method === 'GET' && url === `${base}/prints`) return { body: prints };
      if (url === `${base}/prints/p1/content`) return { body: 'int main() {}\n' };
      const action = /\/prints\/([^/]+)\/(done|print)$/.exec(url);
      if (method === 'POST' && action) {
        const status = action[2] === 'done' ? 'done' : 'queued';
        prints = prints.map((p) => (p.id === action[1] ? { ...p, status } : p));
        return { body: prints.find((p) => p.id === action[1]) };
      }
      return undefined;
    });
    renderAt(`/contests/${CONTEST_ID}/prints`);

    const [first, second] = await screen.findAllByTestId('print', {}, { timeout: 10_000 });
    expect(within(first).getByText('Byte Me')).toBeTruthy();
    expect(within(first).getByText('Hall 2, desk 14')).toBeTruthy();
    expect(within(second).getByText('alice')).toBeTruthy();
    expect(within(second).getByText('printer on fire')).toBeTruthy();

    await userEvent.click(within(first).getByRole('button', { name: 'View' }));
    expect((await screen.findByTestId('print-content')).textContent).toBe('int main() {}\n');

    await userEvent.click(within(first).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(within(screen.getAllByTestId('print')[0]).getByText('Handed out')).toBeTruthy());
    expect(within(screen.getAllByTestId('print')[0]).queryByRole('button', { name: 'Done' })).toBeNull();

    await userEvent.click(within(screen.getAllByTestId('print')[1]).getByRole('button', { name: 'Print again' }));
    await waitFor(() => expect(within(screen.getAllByTestId('print')[1]).getByText('Queued')).toBeTruthy());
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual([
      `${base}/prints/p1/done`,
      `${base}/prints/p2/print`,
    ]);
  });
});
