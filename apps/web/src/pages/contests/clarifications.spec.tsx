import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ClarificationView, ContestView } from '@judge/contract';
import { CONTEST_ID, contestView } from '../../test/fixtures';
import { mockApi, renderAt, setupDom, signIn } from '../../test/helpers';

setupDom();

const base = `/api/contests/${CONTEST_ID}/clarifications`;

function clarification(overrides: Partial<ClarificationView>): ClarificationView {
  return {
    id: 'c1',
    kind: 'question',
    problemLabel: null,
    question: null,
    answer: null,
    public: false,
    createdAt: '2030-05-01T10:10:00.000Z',
    answeredAt: null,
    ...overrides,
  };
}

/** The API as the page sees it: what GET answers is `stored.list`, which the POSTs change as the API would. */
function api(contest: ContestView, first: ClarificationView[]) {
  const stored = { list: first };
  const { calls } = mockApi(({ method, url, body }) => {
    if (url === `/api/contests/${CONTEST_ID}`) return { body: contest };
    if (method === 'GET' && url === base) return { body: stored.list };
    if (method === 'POST' && url === base) {
      const { problemLabel, question } = body as { problemLabel?: string; question: string };
      stored.list = [
        ...stored.list,
        clarification({ id: 'new', problemLabel: problemLabel ?? null, question, createdAt: new Date().toISOString() }),
      ];
      return { status: 201, body: { id: 'new' } };
    }
    const answer = /\/clarifications\/([^/]+)\/answer$/.exec(url);
    if (method === 'POST' && answer) {
      const sent = body as { answer: string; public: boolean };
      stored.list = stored.list.map((c) =>
        c.id === answer[1]
          ? { ...c, answer: sent.answer, public: sent.public, answeredAt: new Date().toISOString() }
          : c,
      );
      return { status: 201, body: {} };
    }
    if (method === 'POST' && url === `/api/contests/${CONTEST_ID}/announcements`) return { status: 201, body: {} };
    return undefined;
  });
  return Object.assign(stored, { calls });
}

describe('clarifications', () => {
  it('a contestant asks about a problem and sees answers and announcements', async () => {
    signIn();
    const { calls } = api(contestView(), [
      clarification({ id: 'n1', kind: 'announcement', answer: 'B’s limits are fixed.', public: true }),
      clarification({
        id: 'q1',
        problemLabel: 'A',
        question: 'May x be negative?',
        answer: 'Yes.',
        public: true,
        answeredAt: '2030-05-01T10:12:00.000Z',
      }),
    ]);
    renderAt(`/contests/${CONTEST_ID}/clarifications`);

    const items = await screen.findAllByTestId('clarification');
    expect(items).toHaveLength(2);
    expect(screen.getByText('B’s limits are fixed.')).toBeTruthy();
    const answered = items.find((i) => i.textContent?.includes('May x be negative?'))!;
    expect(within(answered).getByText('Yes.')).toBeTruthy();
    expect(within(answered).getByText('Answered to everyone')).toBeTruthy();
    // Only judges answer or announce.
    expect(screen.queryByRole('form', { name: 'Post an announcement' })).toBeNull();

    await userEvent.selectOptions(screen.getByLabelText('About'), 'B');
    await userEvent.type(screen.getByLabelText('Question'), 'Is the graph connected?');
    await userEvent.click(screen.getByRole('button', { name: 'Ask' }));

    await waitFor(() => expect(screen.getAllByTestId('clarification')).toHaveLength(3));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ problemLabel: 'B', question: 'Is the graph connected?' });
    const mine = screen
      .getAllByTestId('clarification')
      .find((i) => i.textContent?.includes('Is the graph connected?'))!;
    expect(within(mine).getByText('Problem B')).toBeTruthy();
    expect(within(mine).getByText('Not answered yet.')).toBeTruthy();
    expect(screen.getByLabelText<HTMLTextAreaElement>('Question').value).toBe('');
  });

  it('a judge answers a question for everyone and posts an announcement', async () => {
    signIn('setter', '33333333-3333-3333-3333-333333333333', 'judy');
    const { calls } = api(contestView({ canManage: true, registered: false }), [
      clarification({
        id: 'q7',
        problemLabel: 'A',
        question: 'Is 0 allowed?',
        askedBy: { id: '11111111-1111-1111-1111-111111111111', username: 'alice' },
      }),
    ]);
    renderAt(`/contests/${CONTEST_ID}/clarifications`);

    const item = await screen.findByTestId('clarification');
    expect(within(item).getByText('from alice')).toBeTruthy();
    // Judges do not ask.
    expect(screen.queryByRole('button', { name: 'Ask' })).toBeNull();
    await userEvent.type(within(item).getByLabelText('Answer'), 'No: x ≥ 1.');
    await userEvent.click(within(item).getByLabelText('Show to every participant'));
    await userEvent.click(within(item).getByRole('button', { name: 'Answer' }));

    await waitFor(() => expect(screen.getByText('Answered to everyone')).toBeTruthy());
    expect(screen.getByText('No: x ≥ 1.')).toBeTruthy();
    const answer = calls.find((c) => c.url === `${base}/q7/answer`);
    expect(answer?.body).toEqual({ answer: 'No: x ≥ 1.', public: true });

    await userEvent.type(screen.getByLabelText('Announcement'), 'Ten more minutes.');
    await userEvent.click(screen.getByRole('button', { name: 'Post announcement' }));
    await waitFor(() =>
      expect(calls.find((c) => c.url === `/api/contests/${CONTEST_ID}/announcements`)?.body).toEqual({
        text: 'Ten more minutes.',
      }),
    );
  });
});
