import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { SubmissionTestView, SubmissionView } from '@judge/contract';
import type { SubmissionCommentView } from '@judge/contract';
import userEvent from '@testing-library/user-event';
import { RECONNECT_FIRST_MS } from '../api/live-stream';
import { STUDENT_ID, submissionView, TEACHER_ID } from '../test/fixtures';
import { FakeEventSource, mockApi, renderAt, setupDom, signIn } from '../test/helpers';

vi.mock('../editor/code-editor', () => import('../test/editor-mock'));

setupDom();

const ID = 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa';
const PROBLEM = 'bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb';

function submission(overrides: Partial<SubmissionView> = {}): SubmissionView {
  return {
    id: ID,
    problemId: PROBLEM,
    userId: '11111111-1111-1111-1111-111111111111',
    language: 'cpp',
    status: 'queued',
    verdict: null,
    score: null,
    maxScore: null,
    timeMs: null,
    memoryKb: null,
    compileOutput: null,
    createdAt: '2025-01-01T10:00:00.000Z',
    judgedAt: null,
    source: 'int main() { return 0; }',
    feedback: 'full',
    tests: [],
    groups: [],
    ...overrides,
  };
}

const test = (name: string, verdict: SubmissionTestView['verdict'], timeMs: number): SubmissionTestView => ({
  name,
  group: name.split('/').slice(0, -1).join('/'),
  verdict,
  timeMs,
  memoryKb: 2048,
});

/** The API as the page sees it; `stored.current` is what GET answers (the test moves it on as judging goes). */
function api(first: SubmissionView) {
  const stored = { current: first };
  const { calls } = mockApi(({ url }) => {
    if (url === `/api/submissions/${ID}`) return { body: stored.current };
    if (url === '/api/problems')
      return {
        body: [
          { id: PROBLEM, slug: 'sum', title: 'Sum', version: 1, type: 'pass-fail', timeLimitMs: 1000, memoryMb: 256 },
        ],
      };
    if (url === '/api/languages')
      return { body: [{ id: 'cpp', name: 'C++ (GCC, C++20)', extensions: ['cpp'], editor: 'cpp' }] };
    if (url === `/api/submissions/${ID}/comments`) return { body: [] };
    return undefined;
  });
  return Object.assign(stored, { calls });
}

const names = () => screen.getAllByTestId('test-row').map((row) => row.querySelector('.test-name')?.textContent);
const numbers = () => screen.getAllByTestId('test-row').map((row) => row.querySelector('td')?.textContent);

describe('submission page', () => {
  it('adds a row per test from server-sent events, then shows the final verdict', async () => {
    const token = signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    const stored = api(submission());
    renderAt(`/submissions/${ID}`);

    await waitFor(() => expect(FakeEventSource.instances.length).toBeGreaterThan(0));
    const stream = FakeEventSource.latest();
    expect(stream.url).toBe(`/api/submissions/${ID}/events?access_token=${encodeURIComponent(token)}`);
    expect(screen.getByTestId('status').textContent).toContain('In queue');
    expect(screen.queryByTestId('verdict')).toBeNull();

    stream.emit('status', { type: 'status', status: 'compiling' });
    expect(screen.getByTestId('status').textContent).toContain('Compiling');

    stream.emit('test', { type: 'test', index: 0, total: 3, test: test('sample/01', 'AC', 12) });
    stream.emit('test', { type: 'test', index: 1, total: 3, test: test('secret/01', 'AC', 40) });
    let rows = screen.getAllByTestId('test-row');
    expect(rows).toHaveLength(2);
    // The API counts from 0; rows are numbered from 1.
    expect(rows[0].querySelector('td')?.textContent).toBe('1/3');
    expect(within(rows[1]).getByText('secret/01')).toBeTruthy();
    expect(within(rows[1]).getByText('Accepted')).toBeTruthy();
    expect(within(rows[1]).getByText('40 ms')).toBeTruthy();
    expect(within(rows[1]).getByText('2.0 MB')).toBeTruthy();
    expect(screen.getByText('2 of 3 tests')).toBeTruthy();

    stream.emit('test', { type: 'test', index: 2, total: 3, test: test('secret/02', 'WA', 35) });
    expect(screen.getAllByTestId('test-row')).toHaveLength(3);

    const done = submission({
      status: 'done',
      verdict: 'WA',
      score: 0,
      timeMs: 40,
      memoryKb: 2048,
      compileOutput: '',
      judgedAt: '2025-01-01T10:00:05.000Z',
      source: undefined,
      tests: [
        {
          ...test('sample/01', 'AC', 12),
          input: '1 2\n',
          expected: '3\n',
          output: '3\n',
          feedback: '',
        },
        test('secret/01', 'AC', 40),
        test('secret/02', 'WA', 35),
      ],
    });
    stored.current = { ...done, source: 'int main() { return 0; }' };
    const problemReads = stored.calls.filter((c) => c.url === '/api/problems').length;
    stream.emit('done', { type: 'done', submission: done });

    const verdict = await screen.findByTestId('verdict');
    expect(verdict.textContent).toBe('Wrong Answer on test 3 (secret/02)');
    expect(verdict.className).toContain('verdict-wa');
    expect(stream.readyState).toBe(2);
    rows = screen.getAllByTestId('test-row');
    expect(rows).toHaveLength(3);
    expect(within(rows[2]).getByText('Wrong Answer')).toBeTruthy();
    // The source read first stays although the event leaves it out.
    expect((await screen.findByLabelText('Submitted source')).textContent).toBe('int main() { return 0; }');
    // The sample's data shows side by side.
    expect(screen.getByTestId('sample-comparison')).toBeTruthy();
    // The problem list's solved / attempted marks are read again.
    await waitFor(() =>
      expect(stored.calls.filter((c) => c.url === '/api/problems').length).toBeGreaterThan(problemReads),
    );
  });

  it('opened while judging, shows the tests finished so far, then adds those the stream reports, each once', async () => {
    signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    api(
      submission({
        status: 'running',
        tests: [test('sample/01', 'AC', 12), test('secret/01', 'AC', 40)],
      }),
    );
    renderAt(`/submissions/${ID}`);

    await waitFor(() => expect(screen.getAllByTestId('test-row')).toHaveLength(2));
    expect(names()).toEqual(['sample/01', 'secret/01']);
    // The number of tests is not known until the stream reports one.
    expect(numbers()).toEqual(['1', '2']);
    expect(screen.getByTestId('status').textContent).toContain('2 tests finished');
    await waitFor(() => expect(FakeEventSource.instances.length).toBeGreaterThan(0));
    const stream = FakeEventSource.latest();

    // A test finished between reading the submission and opening the stream may come again: it shows once.
    stream.emit('test', { type: 'test', index: 1, total: 4, test: test('secret/01', 'AC', 40) });
    stream.emit('test', { type: 'test', index: 2, total: 4, test: test('secret/02', 'TLE', 1000) });
    expect(names()).toEqual(['sample/01', 'secret/01', 'secret/02']);
    expect(numbers()).toEqual(['1/4', '2/4', '3/4']);
    expect(within(screen.getAllByTestId('test-row')[2]).getByText('Time Limit Exceeded')).toBeTruthy();
    expect(screen.getByText('3 of 4 tests')).toBeTruthy();
  });

  it('reads the submission again when its stream comes back after a break, and opens a new one when lost', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    const stored = api(submission({ status: 'running', tests: [test('sample/01', 'AC', 12)] }));
    renderAt(`/submissions/${ID}`);
    await waitFor(() => expect(names()).toEqual(['sample/01']));
    await waitFor(() => expect(FakeEventSource.instances.length).toBeGreaterThan(0));
    const stream = FakeEventSource.latest();
    const lost = () => screen.queryByText('Live updates lost; checking every few seconds.');

    // The connection drops and the browser takes it up again; secret/01 finished in between, and its event
    // was never sent. The submission as stored has it.
    stream.fail({ reconnecting: true });
    expect(lost()).toBeNull();
    stored.current = submission({
      status: 'running',
      tests: [test('sample/01', 'AC', 12), test('secret/01', 'AC', 30)],
    });
    stream.open();
    await waitFor(() => expect(names()).toEqual(['sample/01', 'secret/01']));

    // Refused: the browser gives up. The page says so and reads the submission at once.
    stored.current = submission({
      status: 'running',
      tests: [test('sample/01', 'AC', 12), test('secret/01', 'AC', 30), test('secret/02', 'WA', 31)],
    });
    stream.fail({ reconnecting: false });
    expect(lost()).toBeTruthy();
    await waitFor(() => expect(names()).toEqual(['sample/01', 'secret/01', 'secret/02']));

    // A second later a new stream opens on the same address and carries the result.
    expect(FakeEventSource.instances).toHaveLength(1);
    act(() => {
      vi.advanceTimersByTime(RECONNECT_FIRST_MS);
    });
    expect(FakeEventSource.instances).toHaveLength(2);
    const again = FakeEventSource.latest();
    expect(again.url).toBe(stream.url);
    again.open();
    expect(lost()).toBeNull();
    const done = submission({ status: 'done', verdict: 'WA', score: 0, tests: stored.current.tests });
    stored.current = done;
    again.emit('done', { type: 'done', submission: done });
    expect((await screen.findByTestId('verdict')).textContent).toBe('Wrong Answer on test 3 (secret/02)');
    expect(again.readyState).toBe(2);
  });

  it('starts the rows afresh when judging starts again (a new attempt)', async () => {
    signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    api(submission({ status: 'running', tests: [test('sample/01', 'AC', 12), test('secret/01', 'RE', 3)] }));
    renderAt(`/submissions/${ID}`);
    await waitFor(() => expect(screen.getAllByTestId('test-row')).toHaveLength(2));
    await waitFor(() => expect(FakeEventSource.instances.length).toBeGreaterThan(0));
    const stream = FakeEventSource.latest();

    // The runner stopped; another takes the job from the start, and the API drops the tests of the first attempt.
    stream.emit('status', { type: 'status', status: 'compiling' });
    expect(screen.queryAllByTestId('test-row')).toHaveLength(0);
    expect(screen.getByText('Waiting for the first test to finish…')).toBeTruthy();
    stream.emit('status', { type: 'status', status: 'running' });
    stream.emit('test', { type: 'test', index: 0, total: 2, test: test('sample/01', 'AC', 11) });
    expect(names()).toEqual(['sample/01']);
    expect(numbers()).toEqual(['1/2']);
  });

  it('opens no stream for a submission already judged, and shows its compile output', async () => {
    signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    api(
      submission({
        status: 'done',
        verdict: 'CE',
        compileOutput: "main.cpp:1:1: error: 'x' was not declared",
      }),
    );
    renderAt(`/submissions/${ID}`);
    expect((await screen.findByTestId('verdict')).textContent).toBe('Compilation Error');
    expect(screen.getByText("main.cpp:1:1: error: 'x' was not declared")).toBeTruthy();
    expect(screen.getByText('No test ran: the source did not compile.')).toBeTruthy();
    expect(FakeEventSource.instances).toHaveLength(0);
  });

  it('shows an AC with some but not all of the points as a yellow Partial banner with the score', async () => {
    signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    api(
      submission({
        status: 'done',
        verdict: 'AC',
        score: 30,
        maxScore: 100,
        judgedAt: '2025-01-01T10:00:05.000Z',
        groups: [
          { name: 'secret/group1', verdict: 'AC', score: 30, maxScore: 30 },
          { name: 'secret/group2', verdict: 'WA', score: 0, maxScore: 70 },
          { name: 'secret', verdict: 'AC', score: 30, maxScore: 100 },
        ],
      }),
    );
    renderAt(`/submissions/${ID}`);
    const verdict = await screen.findByTestId('verdict');
    expect(verdict.textContent).toBe('Partial 30/100');
    // Groups: full points Accepted, a part of them Partial (the score has its own column).
    const groups = within(screen.getByRole('region', { name: 'Groups' }));
    expect(groups.getAllByText('Accepted')).toHaveLength(1);
    expect(groups.getByText('Wrong Answer')).toBeTruthy();
    expect(groups.getByText('Partial').classList.contains('verdict-partial')).toBe(true);
    expect(verdict.classList.contains('verdict-partial')).toBe(true);
    const banner = verdict.parentElement!;
    expect(banner.classList.contains('final-partial')).toBe(true);
    expect(banner.classList.contains('final-ac')).toBe(false);
    expect(banner.textContent).not.toContain('Accepted');
  });

  it('shows an AC with all of the points as Accepted', async () => {
    signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    api(submission({ status: 'done', verdict: 'AC', score: 100, maxScore: 100, judgedAt: '2025-01-01T10:00:05.000Z' }));
    renderAt(`/submissions/${ID}`);
    const verdict = await screen.findByTestId('verdict');
    expect(verdict.textContent).toBe('Accepted');
    expect(verdict.parentElement!.classList.contains('final-ac')).toBe(true);
  });

  it('shows how many passes each test of a multi-pass problem took', async () => {
    signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    api(
      submission({
        status: 'done',
        verdict: 'WA',
        judgedAt: '2025-01-01T10:00:05.000Z',
        tests: [
          { ...test('sample/01', 'AC', 12), passes: 2 },
          { ...test('secret/01', 'WA', 15), passes: 1 },
        ],
      }),
    );
    renderAt(`/submissions/${ID}`);
    await screen.findByTestId('verdict');
    expect(names()).toEqual(['sample/01 (2 passes)', 'secret/01 (1 pass)']);
  });

  it('at first-failure shows the failed test beside the verdict, the time and the samples, and no per-test table', async () => {
    signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    api(
      submission({
        status: 'done',
        verdict: 'WA',
        score: 0,
        timeMs: 40,
        judgedAt: '2025-01-01T10:00:05.000Z',
        feedback: 'first-failure',
        firstFailure: { position: 3, name: 'secret/02', verdict: 'WA' },
        tests: [{ ...test('sample/01', 'AC', 12), input: '1 2\n', expected: '3\n', output: '3\n', feedback: '' }],
      }),
    );
    renderAt(`/submissions/${ID}`);
    expect((await screen.findByTestId('verdict')).textContent).toBe('Wrong Answer on test 3 (secret/02)');
    expect(screen.queryAllByTestId('test-row')).toHaveLength(0);
    expect(screen.getByTestId('feedback-note').textContent).toContain('only the verdict, the first test that failed');
    expect(screen.getByText('40 ms')).toBeTruthy();
    expect(screen.queryByText('Memory')).toBeNull();
    expect(screen.getByTestId('sample-comparison')).toBeTruthy();
  });

  it("at full feedback names the first failed test as first-failure does, and counts the problem's tests", async () => {
    signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    // A pass-fail problem of 5 tests: judging stopped at the third.
    api(
      submission({
        status: 'done',
        verdict: 'WA',
        score: 0,
        timeMs: 40,
        memoryKb: 2048,
        judgedAt: '2025-01-01T10:00:05.000Z',
        testCount: 5,
        tests: [test('sample/01', 'AC', 12), test('secret/01', 'AC', 40), test('secret/02', 'WA', 35)],
      }),
    );
    renderAt(`/submissions/${ID}`);
    expect((await screen.findByTestId('verdict')).textContent).toBe('Wrong Answer on test 3 (secret/02)');
    expect(screen.getByTestId('tests-judged').textContent).toBe('3 / 5 judged');
    expect(numbers()).toEqual(['1/5', '2/5', '3/5']);
  });

  it('at full feedback says no test beside an accepted verdict', async () => {
    signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    api(
      submission({
        status: 'done',
        verdict: 'AC',
        judgedAt: '2025-01-01T10:00:05.000Z',
        testCount: 2,
        tests: [test('sample/01', 'AC', 12), test('secret/01', 'AC', 40)],
      }),
    );
    renderAt(`/submissions/${ID}`);
    expect((await screen.findByTestId('verdict')).textContent).toBe('Accepted');
    expect(screen.getByTestId('tests-judged').textContent).toBe('2 / 2 judged');
  });

  it('at verdict-only shows the verdict alone', async () => {
    signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    api(
      submission({
        status: 'done',
        verdict: 'TLE',
        score: 0,
        judgedAt: '2025-01-01T10:00:05.000Z',
        feedback: 'verdict-only',
      }),
    );
    renderAt(`/submissions/${ID}`);
    expect((await screen.findByTestId('verdict')).textContent).toBe('Time Limit Exceeded');
    expect(screen.getByTestId('feedback-note').textContent).toBe('Only the verdict and the score are shown here.');
    expect(screen.queryByText('Time')).toBeNull();
    expect(screen.queryByText('Memory')).toBeNull();
    expect(screen.queryByTestId('sample-comparison')).toBeNull();
  });

  it('below full feedback, counts no tests while judging: the stream sends only samples', async () => {
    signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    api(submission({ status: 'running', feedback: 'first-failure' }));
    renderAt(`/submissions/${ID}`);
    await waitFor(() => expect(FakeEventSource.instances.length).toBeGreaterThan(0));
    const stream = FakeEventSource.latest();
    stream.emit('test', { type: 'test', index: 0, total: 3, test: test('sample/01', 'AC', 12) });
    await waitFor(() => expect(screen.getByTestId('status').textContent).toContain('Running'));
    expect(screen.getByTestId('status').textContent).not.toContain('of 3 tests');
    expect(screen.queryAllByTestId('test-row')).toHaveLength(0);
  });

  it('shows the API message when the submission is not visible', async () => {
    signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    mockApi(({ url }) =>
      url === `/api/submissions/${ID}`
        ? { status: 404, body: { statusCode: 404, code: 'NOT_FOUND', message: 'submission not found' } }
        : undefined,
    );
    renderAt(`/submissions/${ID}`);
    expect((await screen.findByRole('alert')).textContent).toContain('submission not found');
  });
});

describe('review on the submission page', () => {
  const SUB = 'dddddddd-dddd-dddd-dddd-dddddddddddd';
  const comment = (id: string, line: number | null, body: string): SubmissionCommentView => ({
    id,
    line,
    body,
    author: { id: TEACHER_ID, username: 'tom' },
    createdAt: '2025-01-03T10:00:00.000Z',
  });

  function reviewApi(submission = submissionView(), comments: SubmissionCommentView[] = []) {
    const stored = { submission, comments };
    const { calls } = mockApi(({ method, url, body }) => {
      if (url === `/api/submissions/${SUB}`) return { body: stored.submission };
      if (method === 'GET' && url === `/api/submissions/${SUB}/comments`) return { body: stored.comments };
      if (method === 'POST' && url === `/api/submissions/${SUB}/comments`) {
        const added = { ...comment('new', null, ''), ...(body as { line?: number; body: string }) };
        stored.comments = [...stored.comments, { ...added, line: added.line ?? null }];
        return { status: 201, body: added };
      }
      if (method === 'POST' && url === `/api/submissions/${SUB}/adjustment`) {
        const { points, reason } = body as { points: number; reason: string };
        stored.submission = {
          ...stored.submission,
          adjustment: { points, reason, by: { id: TEACHER_ID, username: 'tom' }, at: '2025-01-03T11:00:00.000Z' },
        };
        return { status: 201, body: stored.submission.adjustment };
      }
      if (url === '/api/problems') return { body: [] };
      if (url === '/api/languages') return { body: [] };
      return undefined;
    });
    return Object.assign(stored, { calls });
  }

  it("shows a student the teacher's comments under the lines they are about, and the adjusted score beside the judge's", async () => {
    signIn('contestant', STUDENT_ID, 'alice');
    reviewApi(
      submissionView({
        score: 100,
        adjustment: {
          points: 70,
          reason: 'hard-coded the answer',
          by: { id: TEACHER_ID, username: 'tom' },
          at: '2025-01-03T10:00:00.000Z',
        },
      }),
      [comment('c1', 2, 'Use a function here.'), comment('c2', null, 'Well structured overall.')],
    );
    renderAt(`/submissions/${SUB}`);

    const source = await screen.findByRole('region', { name: 'Submitted source' });
    const below = source.querySelector('tr[data-below-line="2"]');
    expect(below?.textContent).toContain('Use a function here.');
    // The comment's row comes straight after line 2's.
    expect(below?.previousElementSibling?.getAttribute('data-line')).toBe('2');
    expect(below?.previousElementSibling?.textContent).toContain('print(x * x)');
    expect(source.querySelectorAll('[data-testid="comment"]')).toHaveLength(1);
    expect(screen.getByText('Well structured overall.')).toBeTruthy();
    // Students cannot comment or adjust.
    expect(screen.queryByRole('form', { name: 'Add a comment' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Comment on line 1' })).toBeNull();

    const verdict = screen.getByTestId('verdict').parentElement!;
    const adjustment = within(verdict).getByTestId('adjustment');
    expect(adjustment.textContent).toContain('70 / 100');
    expect(adjustment.textContent).toContain('hard-coded the answer');
  });

  it('lets a teacher comment on a line chosen by its number and adjust the score with a reason', async () => {
    signIn('contestant', TEACHER_ID, 'tom');
    const stored = reviewApi();
    renderAt(`/submissions/${SUB}`);

    await userEvent.click(await screen.findByRole('button', { name: 'Comment on line 2' }));
    expect(screen.getByLabelText<HTMLInputElement>('Line').value).toBe('2');
    await userEvent.type(screen.getByLabelText('Comment'), 'Why square here?');
    await userEvent.click(screen.getByRole('button', { name: 'Add comment on line 2' }));
    await waitFor(() =>
      expect(stored.calls.find((c) => c.method === 'POST' && c.url.endsWith('/comments'))?.body).toEqual({
        line: 2,
        body: 'Why square here?',
      }),
    );
    const source = await screen.findByRole('region', { name: 'Submitted source' });
    await waitFor(() =>
      expect(source.querySelector('tr[data-below-line="2"]')?.textContent).toContain('Why square here?'),
    );

    await userEvent.type(screen.getByLabelText('Points (0–100)'), '85');
    await userEvent.type(screen.getByLabelText('Reason'), 'style');
    await userEvent.click(screen.getByRole('button', { name: 'Save adjustment' }));
    expect((await screen.findByTestId('adjustment')).textContent).toContain('85 / 100');
  });
  it('lists every file of a submission of several files under its name, in the review too', async () => {
    const files = [
      { name: 'main.py', content: 'from square import sq\nprint(sq(int(input())))\n' },
      { name: 'square.py', content: 'def sq(x):\n    return x * x\n' },
    ];
    const multi = submissionView({ files, source: files.map((f) => f.content).join(''), entryPoint: 'main.py' });
    signIn('contestant', STUDENT_ID, 'alice');
    reviewApi(multi);
    const view = renderAt(`/submissions/${SUB}`);
    expect((await screen.findByLabelText('Submitted file square.py')).textContent).toBe(files[1].content);
    expect(screen.getByLabelText('Submitted file main.py').textContent).toBe(files[0].content);
    expect(screen.getByText('Entry point: main.py')).toBeTruthy();
    view.unmount();

    // The teacher's listing numbers the joined lines, with each file's name above its first line.
    signIn('contestant', TEACHER_ID, 'tom');
    reviewApi(multi);
    renderAt(`/submissions/${SUB}`);
    const source = await screen.findByRole('region', { name: 'Submitted source' });
    expect(source.querySelector('tr[data-above-line="1"]')?.textContent).toBe('main.py');
    expect(source.querySelector('tr[data-above-line="3"]')?.textContent).toBe('square.py');
    expect(source.querySelectorAll('tr.line-heading')).toHaveLength(2);
  });
});
