import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SubmissionTestView, SubmissionView } from '@judge/contract';
import { chooseLocale, FakeEventSource, mockApi, renderAt, setupDom, signIn } from '../test/helpers';

vi.mock('../editor/code-editor', () => import('../test/editor-mock'));

setupDom();

const STUDENT = '11111111-1111-1111-1111-111111111111';
const TEACHER = '22222222-2222-2222-2222-222222222222';
const PROBLEM = 'bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb';
const CONTEST = 'cccccccc-cccc-cccc-cccc-cccccccccccc';
const COURSE = 'dddddddd-dddd-dddd-dddd-dddddddddddd';
const ASSIGNMENT = 'eeeeeeee-eeee-eeee-eeee-eeeeeeeeeeee';
const ids = ['a1a1a1a1-0000-0000-0000-000000000001', 'a1a1a1a1-0000-0000-0000-000000000002'] as const;

const sample = (overrides: Partial<SubmissionTestView>): SubmissionTestView => ({
  name: 'sample/01',
  group: 'sample',
  verdict: 'AC',
  timeMs: 12,
  memoryKb: 2048,
  input: '1 2\n',
  expected: '3\n',
  output: '3\n',
  feedback: '',
  ...overrides,
});

function view(overrides: Partial<SubmissionView> = {}): SubmissionView {
  return {
    id: ids[0],
    problemId: PROBLEM,
    problemTitle: 'Sum of Two Numbers',
    userId: STUDENT,
    username: 'alice',
    language: 'python',
    status: 'done',
    verdict: 'WA',
    score: 0,
    maxScore: 1,
    timeMs: 40,
    memoryKb: 2048,
    compileOutput: '',
    createdAt: '2025-01-01T10:00:00.000Z',
    judgedAt: '2025-01-01T10:00:05.000Z',
    source: 'print(1)\n',
    feedback: 'full',
    testCount: 5,
    tests: [sample({}), { name: 'secret/01', group: 'secret', verdict: 'WA', timeMs: 40, memoryKb: 2048 }],
    groups: [],
    ...overrides,
  };
}

/** The API with these submissions by id (the problem list is empty: a contest's problem is hidden from it). */
function api(...submissions: SubmissionView[]) {
  vi.stubGlobal('EventSource', FakeEventSource);
  return mockApi(({ url }) => {
    const found = submissions.find((s) => url === `/api/submissions/${s.id}`);
    if (found) return { body: found };
    if (url.startsWith('/api/submissions?')) return { body: { items: submissions, page: 1 } };
    if (url === '/api/problems') return { body: [] };
    if (url === '/api/languages')
      return { body: [{ id: 'python', name: 'Python 3', extensions: ['py'], editor: 'python' }] };
    if (url.endsWith('/comments')) return { body: [] };
    return undefined;
  });
}

const contestPlace = {
  kind: 'contest' as const,
  contestId: CONTEST,
  contestTitle: 'Weekly round',
  problemLabel: 'A',
};

const assignmentPlace = {
  kind: 'assignment' as const,
  courseId: COURSE,
  courseTitle: 'Algorithms',
  assignmentId: ASSIGNMENT,
  assignmentTitle: 'Homework 1',
  problemLabel: 'B',
};

describe('a submission in its context', () => {
  it('keeps its place once judged live (the verdict event carries no place)', async () => {
    signIn('contestant', STUDENT, 'alice');
    const pending = view({ status: 'queued', verdict: null, score: null, tests: [], place: assignmentPlace });
    api(pending);
    renderAt(`/courses/${COURSE}/assignments/${ASSIGNMENT}/submissions/${ids[0]}`);
    const trail = await screen.findByTestId('submission-place');
    expect(within(trail).getByRole('link', { name: 'Homework 1' })).toBeTruthy();

    const judged = view({ status: 'done', verdict: 'WA', place: undefined, username: undefined });
    FakeEventSource.latest().emit('done', { type: 'done', submission: judged });
    await waitFor(() => expect(screen.getByTestId('verdict').textContent).toMatch(/^Wrong Answer/));
    expect(within(screen.getByTestId('submission-place')).getByRole('link', { name: 'Algorithms' })).toBeTruthy();
    expect(screen.getByTestId('submission-problem').textContent).toBe('B. Sum of Two Numbers');
  });

  it("names a contest submission's problem by its label and title, linking into the contest", async () => {
    signIn('contestant', STUDENT, 'alice');
    api(view({ contestId: CONTEST, place: contestPlace }));
    renderAt(`/submissions/${ids[0]}`);
    const problem = await screen.findByTestId('submission-problem');
    expect(problem.textContent).toBe('A. Sum of Two Numbers');
    // The contest's problem page: /problems/:id is hidden while the contest runs.
    expect(problem.getAttribute('href')).toBe(`/contests/${CONTEST}/problems/A`);
    const back = within(screen.getByTestId('submission-place')).getByRole('link', { name: 'Weekly round' });
    expect(back.getAttribute('href')).toBe(`/contests/${CONTEST}`);
    // The author's own submission: no "Author" line, no way through others' submissions.
    expect(screen.queryByTestId('submission-author')).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Submissions of the same contest or assignment' })).toBeNull();
  });

  it("takes a teacher through the assignment's submissions, saying whose each one is", async () => {
    signIn('contestant', TEACHER, 'tom');
    const first = view({
      assignmentId: ASSIGNMENT,
      place: assignmentPlace,
      neighbours: { previous: null, next: ids[1], position: 1, total: 2 },
    });
    const second = view({
      id: ids[1],
      userId: '33333333-3333-3333-3333-333333333333',
      username: 'bob',
      verdict: 'AC',
      score: 1,
      assignmentId: ASSIGNMENT,
      place: assignmentPlace,
      neighbours: { previous: ids[0], next: null, position: 2, total: 2 },
    });
    api(first, second);
    const { router } = renderAt(`/submissions/${ids[0]}`);
    expect((await screen.findByTestId('submission-author')).textContent).toBe('alice');
    const problem = screen.getByTestId('submission-problem');
    expect(problem.textContent).toBe('B. Sum of Two Numbers');
    expect(problem.getAttribute('href')).toBe(`/courses/${COURSE}/assignments/${ASSIGNMENT}?problem=B`);
    const trail = within(screen.getByTestId('submission-place'));
    expect(trail.getByRole('link', { name: 'Algorithms' }).getAttribute('href')).toBe(`/courses/${COURSE}`);
    expect(trail.getByRole('link', { name: 'Homework 1' }).getAttribute('href')).toBe(
      `/courses/${COURSE}/assignments/${ASSIGNMENT}`,
    );
    const nav = screen.getByRole('navigation', { name: 'Submissions of the same contest or assignment' });
    expect(within(nav).getByTestId('neighbours-position').textContent).toBe('1 of 2 in Homework 1');
    expect(within(nav).queryByRole('link', { name: '← Previous' })).toBeNull();

    // Going through the class keeps the teacher among the assignment's pages.
    await userEvent.click(within(nav).getByRole('link', { name: 'Next →' }));
    await waitFor(() => expect(screen.getByTestId('submission-author').textContent).toBe('bob'));
    const inAssignment = `/courses/${COURSE}/assignments/${ASSIGNMENT}/submissions`;
    expect(router.state.location.pathname).toBe(`${inAssignment}/${ids[1]}`);
    expect(screen.getByTestId('verdict').textContent).toBe('Accepted');
    expect(screen.getByTestId('neighbours-position').textContent).toBe('2 of 2 in Homework 1');
    expect(screen.getByRole('link', { name: '← Previous' }).getAttribute('href')).toBe(`${inAssignment}/${ids[0]}`);
  });

  it('lists a contest submission under its label and contest, linking to the problem there', async () => {
    signIn('contestant', STUDENT, 'alice');
    api(view({ contestId: CONTEST, place: contestPlace }));
    renderAt('/submissions');
    const link = await screen.findByRole('link', { name: 'A. Sum of Two Numbers' });
    expect(link.getAttribute('href')).toBe(`/contests/${CONTEST}/problems/A`);
    expect(link.closest('td')?.textContent).toBe('A. Sum of Two Numbers · Weekly round');
  });

  it('shows a compile error with its compiler output and no tests table', async () => {
    signIn('contestant', STUDENT, 'alice');
    api(
      view({
        verdict: 'CE',
        timeMs: null,
        memoryKb: null,
        tests: [],
        compileOutput: "main.py:1: SyntaxError: '(' was never closed",
      }),
    );
    renderAt(`/submissions/${ids[0]}`);
    expect((await screen.findByTestId('verdict')).textContent).toBe('Compilation Error');
    expect(screen.getByText("main.py:1: SyntaxError: '(' was never closed")).toBeTruthy();
    expect(screen.getByTestId('feedback-note').textContent).toBe('No test ran: the source did not compile.');
    expect(screen.queryByRole('region', { name: 'Tests' })).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByTestId('tests-judged')).toBeNull();
  });

  it("shows a runtime error on a sample as the program's exit code and stderr, not a checker's message", async () => {
    signIn('contestant', STUDENT, 'alice');
    api(
      view({
        verdict: 'RE',
        tests: [
          sample({
            verdict: 'RE',
            output: '',
            feedback: 'exit code 1',
            exitCode: 1,
            stderr: 'Traceback (most recent call last):\nZeroDivisionError: division by zero\n',
          }),
        ],
      }),
    );
    renderAt(`/submissions/${ids[0]}`);
    const comparison = await screen.findByTestId('sample-comparison');
    expect(within(comparison).getByTestId('program-ending').textContent).toBe('Your program: exited with code 1');
    expect(within(comparison).queryByText('Checker:')).toBeNull();
    expect(within(comparison).getByText('Standard error (stderr)')).toBeTruthy();
    expect(comparison.textContent).toContain('ZeroDivisionError: division by zero');
  });

  it('names the signal that killed a program', async () => {
    signIn('contestant', STUDENT, 'alice');
    api(view({ verdict: 'RE', tests: [sample({ verdict: 'RE', output: '', feedback: 'killed', signal: 11 })] }));
    renderAt(`/submissions/${ids[0]}`);
    expect((await screen.findByTestId('program-ending')).textContent).toBe(
      'Your program: killed by signal 11 (SIGSEGV)',
    );
  });

  it('speaks Chinese: verdicts as judges there name them, the context and the tests', async () => {
    chooseLocale('zh-CN');
    signIn('contestant', TEACHER, 'tom');
    api(
      view({
        assignmentId: ASSIGNMENT,
        place: assignmentPlace,
        neighbours: { previous: null, next: ids[1], position: 1, total: 2 },
      }),
    );
    renderAt(`/submissions/${ids[0]}`);
    expect((await screen.findByTestId('verdict')).textContent).toBe('答案错误，在测试点 2 (secret/01)');
    expect(screen.getByText('提交者')).toBeTruthy();
    expect(screen.getByTestId('tests-judged').textContent).toBe('已评测 2 / 5');
    expect(screen.getByRole('link', { name: '下一个 →' })).toBeTruthy();
    expect(screen.getAllByText('答案正确').length).toBeGreaterThan(0);
  });

  it('speaks Spanish, with its own decimal mark', async () => {
    chooseLocale('es');
    signIn('contestant', STUDENT, 'alice');
    api(view({ verdict: 'AC', score: 30.5, maxScore: 100, tests: [sample({})] }));
    renderAt(`/submissions/${ids[0]}`);
    expect((await screen.findByTestId('verdict')).textContent).toBe('Parcial 30,5/100');
    expect(screen.getByRole('heading', { name: 'Casos de ejemplo' })).toBeTruthy();
    expect(screen.getByText('Salida esperada')).toBeTruthy();
  });
});
