import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AssignmentView, SubmissionView } from '@judge/contract';
import {
  ASSIGNMENT_ID,
  assignmentView,
  COURSE_ID,
  courseView,
  LANGUAGES,
  problemDetail,
  submissionView,
} from '../../test/fixtures';
import { chooseLocale, mockApi, renderAt, setupDom, signIn } from '../../test/helpers';

vi.mock('../../editor/code-editor', () => import('../../test/editor-mock'));

setupDom();

const BASE = `/api/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}`;
const DAY = 24 * 60 * 60 * 1000;

function api(
  assignment: AssignmentView,
  submit?: { status: number; body: unknown },
  submissions: SubmissionView[] = [],
) {
  const state = { assignment };
  const mock = mockApi(({ method, url }) => {
    if (url === `/api/courses/${COURSE_ID}`)
      return { body: courseView({ assignments: [{ ...state.assignment, durationMinutes: null }] }) };
    if (method === 'GET' && url === BASE) return { body: state.assignment };
    if (url === `${BASE}/problems/A`) return { body: problemDetail() };
    if (method === 'GET' && url === `${BASE}/submissions`) return { body: { items: submissions, page: 1 } };
    if (method === 'POST' && url === `${BASE}/submissions`) return submit ?? { status: 201, body: { id: 'x' } };
    if (url === '/api/languages') return { body: LANGUAGES };
    if (url === `/api/submissions/${SUBMISSION}`) {
      const place = {
        kind: 'assignment' as const,
        courseId: COURSE_ID,
        courseTitle: 'Algorithms 101',
        assignmentId: ASSIGNMENT_ID,
        assignmentTitle: 'Week 1',
        problemLabel: 'A',
      };
      return { body: submissionView({ id: SUBMISSION, assignmentId: ASSIGNMENT_ID, place }) };
    }
    if (url === `/api/submissions/${SUBMISSION}/comments`) return { body: [] };
    return undefined;
  });
  return Object.assign(state, mock);
}

const SUBMISSION = 'dddddddd-dddd-dddd-dddd-000000000042';
const PAGE = `/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}`;

describe('assignment page', () => {
  it('renders the description as Markdown with math, sanitised, as a contest description', async () => {
    signIn();
    api(
      assignmentView({
        description:
          'Read **every** statement.\n\n- first A\n- then $x^2$\n\n<img src="x" onerror="alert(1)"><script>alert(2)</script>',
      }),
    );
    renderAt(PAGE);

    // Markdown, KaTeX and the sanitiser are a chunk loaded with the first description shown.
    const description = await screen.findByRole('article', { name: 'Description' }, { timeout: 5000 });
    await waitFor(() => expect(description.querySelector('strong')?.textContent).toBe('every'));
    expect(
      within(description)
        .getAllByRole('listitem')
        .map((li) => li.textContent?.slice(0, 7)),
    ).toEqual(['first A', 'then x2']);
    expect(description.querySelector('.katex')).not.toBeNull();
    expect(description.querySelector('script')).toBeNull();
    expect(description.querySelector('img')?.getAttribute('onerror')).toBeNull();
    expect(description.textContent).not.toContain('**');
  });

  it('keeps a student who submits in the assignment: the submission opens under it, with the way back', async () => {
    signIn();
    api(assignmentView(), { status: 201, body: { id: SUBMISSION } }, [submissionView({ id: SUBMISSION })]);
    const { router } = renderAt(PAGE);

    await screen.findByRole('heading', { name: 'A. Squares' });
    // The list of the assignment links to the submission's page under the assignment too.
    const listed = await screen.findByRole('link', { name: SUBMISSION.slice(0, 8) });
    expect(listed.getAttribute('href')).toBe(`${PAGE}/submissions/${SUBMISSION}`);
    await waitFor(() => expect(screen.getByLabelText('Source code').classList.contains('plain-editor')).toBe(false));
    await userEvent.type(screen.getByLabelText('Source code'), 'print(1)');
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`${PAGE}/submissions/${SUBMISSION}`));
    expect(await screen.findByRole('heading', { level: 1, name: /Submission dddddddd/ })).toBeTruthy();
    const context = await screen.findByTestId('submission-place');
    await waitFor(() => expect(within(context).getByRole('link', { name: 'Week 1' }).getAttribute('href')).toBe(PAGE));
    expect(within(context).getByRole('link', { name: 'Algorithms 101' }).getAttribute('href')).toBe(
      `/courses/${COURSE_ID}`,
    );
  });

  it('shows the message of the API when the window has closed on submitting', async () => {
    signIn();
    const { calls } = api(assignmentView(), {
      status: 403,
      body: {
        statusCode: 403,
        code: 'ASSIGNMENT_CLOSED',
        message: 'the submission window of this assignment has closed',
      },
    });
    renderAt(`/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}`);

    expect(await screen.findByRole('heading', { level: 1, name: /Week 1/ })).toBeTruthy();
    await screen.findByRole('heading', { name: 'A. Squares' });
    // CodeMirror (a text area in these tests) replaces the plain box shown while it loads.
    await waitFor(() => expect(screen.getByLabelText('Source code').classList.contains('plain-editor')).toBe(false));
    await userEvent.type(screen.getByLabelText('Source code'), 'print(int(input())**2)');
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not submitted');
    expect(alert.textContent).toContain('the submission window of this assignment has closed');
    // Sent to the assignment's own route, by the problem's label.
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      problem: 'A',
      language: 'cpp',
      source: 'print(int(input())**2)',
    });
  });

  it('lists submissions in points out of 100, the scale of the grades page', async () => {
    signIn();
    const id = (n: number) => `dddddddd-dddd-dddd-dddd-00000000000${n}`;
    api(assignmentView(), undefined, [
      // A pass-fail problem's best score is 1: accepted is 100 points, a wrong answer 0 (not "1" and "0").
      submissionView({ id: id(1), verdict: 'AC', score: 1, maxScore: 1 }),
      submissionView({ id: id(2), verdict: 'WA', score: 0, maxScore: 1 }),
      // A scoring problem: 15 of 40 is 37.5 points.
      submissionView({ id: id(3), verdict: 'WA', score: 15, maxScore: 40 }),
      submissionView({ id: id(4), status: 'running', verdict: null, score: null, maxScore: null }),
    ]);
    renderAt(`/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}`);

    await waitFor(() => expect(screen.getAllByTestId('submission-points')).toHaveLength(4));
    expect(screen.getAllByTestId('submission-points').map((cell) => cell.textContent)).toEqual([
      '100',
      '0',
      '37.5',
      '—',
    ]);
    expect(screen.getByRole('columnheader', { name: 'Points' })).toBeTruthy();
  });

  it('explains what submitting late costs now', async () => {
    signIn();
    const deadline = new Date(Date.now() - 1.5 * DAY).toISOString();
    api(
      assignmentView({
        deadline,
        window: { state: 'late', opensAt: '2025-01-01T09:00:00.000Z', deadline, lateUntil: null, startedAt: null },
      }),
    );
    renderAt(`/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}`);

    expect((await screen.findByTestId('window-state')).textContent).toBe('Late');
    expect(
      screen.getByText(/Submitting now costs 10% per day late: 20% off \(2 days late\)/, { exact: false }),
    ).toBeTruthy();
  });

  it('starts an exam and then shows the time left', async () => {
    signIn();
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const deadline = new Date(Date.now() + DAY).toISOString();
    const exam = assignmentView({
      kind: 'exam',
      durationMinutes: 60,
      deadline,
      problems: [],
      window: { state: 'not-started', opensAt: '2025-01-01T09:00:00.000Z', deadline, lateUntil: null, startedAt: null },
    });
    const state = api(exam);
    const { calls } = state;
    renderAt(`/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}`);

    const start = await screen.findByRole('button', { name: 'Start the exam' });
    expect(screen.getByText(/You have 60 minutes from the moment you start/)).toBeTruthy();
    const end = new Date(Date.now() + 60 * 60 * 1000).toISOString();
    state.assignment = {
      ...exam,
      problems: assignmentView().problems,
      window: { ...exam.window!, state: 'open', deadline: end, startedAt: new Date().toISOString() },
    };
    await userEvent.click(start);

    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url === `${BASE}/start`)).toBe(true));
    const timer = await screen.findByRole('timer', { name: 'Time left' });
    expect(timer.textContent).toMatch(/^00:(59|60):\d\d left$|^01:00:00 left$/);
    expect(within(screen.getByRole('navigation', { name: 'Problems' })).getByText('Squares')).toBeTruthy();
  });

  it('speaks Chinese to a student who chose it, points and late rule included', async () => {
    chooseLocale('zh-CN');
    signIn();
    const deadline = new Date(Date.now() - 1.5 * DAY).toISOString();
    api(
      assignmentView({
        deadline,
        window: { state: 'late', opensAt: '2025-01-01T09:00:00.000Z', deadline, lateUntil: null, startedAt: null },
      }),
      undefined,
      [submissionView({ id: SUBMISSION, verdict: 'WA', score: 15, maxScore: 40 })],
    );
    renderAt(PAGE);

    expect((await screen.findByTestId('window-state')).textContent).toBe('迟交期');
    expect(screen.getByText(/现在提交，每迟交一天扣 10%：共扣 20%（已迟交 2 天）。/)).toBeTruthy();
    expect(screen.getByRole('navigation', { name: '题目' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: '提交到 A' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: '我的提交' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: '得分' })).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('submission-points').textContent).toBe('37.5'));
  });

  it('writes points with the decimal comma in Spanish, on the scale of the grades', async () => {
    chooseLocale('es');
    signIn();
    api(assignmentView(), undefined, [submissionView({ id: SUBMISSION, verdict: 'WA', score: 15, maxScore: 40 })]);
    renderAt(PAGE);

    await waitFor(() => expect(screen.getByTestId('submission-points').textContent).toBe('37,5'));
    expect(screen.getByRole('heading', { level: 2, name: 'Mis envíos' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Puntos' })).toBeTruthy();
    expect(screen.getByText(/Fecha límite: .*Se aceptan envíos tardíos, con un 10 % menos/)).toBeTruthy();
  });
});
