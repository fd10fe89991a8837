import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AssignmentView, ContestView, ProblemDetail, RunView } from '@judge/contract';
import { draftKey } from '../editor/drafts';
import {
  ASSIGNMENT_ID,
  assignmentView,
  CONTEST_ID,
  contestView,
  COURSE_ID,
  courseView,
  LANGUAGES,
  PROBLEM_ID,
  problemDetail,
} from '../test/fixtures';
import { chooseLocale, FakeEventSource, mockApi, renderAt, setupDom, signIn, type Call } from '../test/helpers';

vi.mock('../editor/code-editor', () => import('../test/editor-mock'));

setupDom();

const RUN_ID = 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee';

function finished(overrides: Partial<RunView> = {}): RunView {
  return {
    id: RUN_ID,
    status: 'done',
    language: 'cpp',
    createdAt: '2026-01-01T10:00:00.000Z',
    finishedAt: '2026-01-01T10:00:01.000Z',
    verdict: 'OK',
    compileOutput: '',
    stdout: '9\n',
    stderr: '',
    exitCode: 0,
    signal: null,
    timeMs: 12,
    wallMs: 30,
    memoryKb: 3072,
    stdoutTruncated: false,
    stderrTruncated: false,
    compileOutputTruncated: false,
    ...overrides,
  };
}

/** The API of a problem page, a contest's and an assignment's; POST /api/runs answers `run` (else 201 with an id). */
function api(
  options: {
    problem?: ProblemDetail;
    contest?: ContestView;
    assignment?: AssignmentView;
    run?: { status: number; body: unknown };
    stored?: RunView;
  } = {},
) {
  return mockApi(({ method, url }: Call) => {
    const problem = options.problem ?? problemDetail();
    if (url === `/api/problems/${PROBLEM_ID}`) return { body: problem };
    if (url === '/api/languages') return { body: LANGUAGES };
    if (method === 'POST' && url === '/api/runs') return options.run ?? { status: 201, body: { id: RUN_ID } };
    if (url === `/api/runs/${RUN_ID}`) return { body: options.stored ?? finished() };
    if (url === `/api/contests/${CONTEST_ID}`) return { body: options.contest ?? contestView() };
    if (url === `/api/contests/${CONTEST_ID}/problems/A`) return { body: problem };
    if (url === `/api/contests/${CONTEST_ID}/problems/B`)
      return {
        body: problemDetail({
          id: 'ffffffff-ffff-ffff-ffff-ffffffffffff',
          title: 'Paths',
          samples: [{ name: 'sample/1', input: '2 2\n', answer: '6\n' }],
        }),
      };
    const base = `/api/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}`;
    if (url === `/api/courses/${COURSE_ID}`) return { body: courseView() };
    if (url === base) return { body: options.assignment ?? assignmentView() };
    if (url === `${base}/problems/A`) return { body: problem };
    if (url === `${base}/submissions`) return { body: { items: [], page: 1 } };
    return undefined;
  });
}

/** Waits for the (mocked) editor to replace the plain text box it shows while loading, then types into it. */
async function typeSource(text: string) {
  await waitFor(() => expect(screen.getByLabelText('Source code').classList.contains('plain-editor')).toBe(false));
  await userEvent.type(screen.getByLabelText('Source code'), text);
}

describe('Run on a problem page', () => {
  it("runs the source on the first sample with Ctrl+', shows Queued and Running, then what the program did", async () => {
    const token = signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    const { calls } = api();
    renderAt(`/problems/${PROBLEM_ID}`);

    const input = await screen.findByRole<HTMLTextAreaElement>('textbox', { name: 'Input' });
    expect(input.value).toBe('3\n');
    const button = screen.getByRole('button', { name: 'Run' });
    expect(button.getAttribute('aria-keyshortcuts')).toContain("Control+'");
    expect(button.getAttribute('title')).toContain("Ctrl+'");
    await typeSource('int main();');
    await userEvent.keyboard("{Control>}'{/Control}");

    await waitFor(() => expect(FakeEventSource.instances.length).toBe(1));
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      url: '/api/runs',
      body: { language: 'cpp', source: 'int main();', stdin: '3\n' },
    });
    // Nothing was submitted.
    expect(calls.some((c) => c.url === '/api/submissions')).toBe(false);
    const stream = FakeEventSource.latest();
    expect(stream.url).toBe(`/api/runs/${RUN_ID}/events?access_token=${encodeURIComponent(token)}`);
    expect(screen.getByTestId('run-status').textContent).toBe('Queued…');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Running…' }).disabled).toBe(true);
    stream.emit('status', { type: 'status', status: 'running' });
    expect(screen.getByTestId('run-status').textContent).toBe('Running…');

    stream.emit('done', { type: 'done', run: finished() });
    const result = screen.getByRole('region', { name: 'Run result' });
    expect(within(result).getByTestId('run-verdict').textContent).toBe('OK');
    expect(within(result).getByText('9', { exact: false }).tagName).toBe('PRE');
    expect(within(result).getByTestId('run-time').textContent).toBe('12 ms');
    expect(within(result).getByTestId('run-exit').textContent).toBe('exit code 0');
    expect(stream.readyState).toBe(2);
    expect(screen.getByRole('button', { name: 'Run' })).toBeTruthy();
  });

  it('shows a run-time error with its stderr and signal, and says what output was cut', async () => {
    signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    api();
    renderAt(`/problems/${PROBLEM_ID}`);
    await typeSource('abort();');
    // The input is the user's to change before running.
    const input = await screen.findByRole('textbox', { name: 'Input' });
    await userEvent.clear(input);
    await userEvent.type(input, '5');
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(FakeEventSource.instances.length).toBe(1));
    FakeEventSource.latest().emit('done', {
      type: 'done',
      run: finished({
        verdict: 'RE',
        stdout: 'partial',
        stdoutTruncated: true,
        stderr: 'Aborted\n',
        exitCode: null,
        signal: 6,
      }),
    });
    const result = screen.getByRole('region', { name: 'Run result' });
    expect(within(result).getByTestId('run-verdict').textContent).toBe('Run-Time Error');
    expect(within(result).getByTestId('run-exit').textContent).toBe('killed by signal 6');
    expect(within(result).getByText('Aborted', { exact: false })).toBeTruthy();
    expect(within(result).getByRole('note').textContent).toBe('Output (stdout) was cut after its first 7 characters.');
  });

  it("shows a compilation error's compiler output", async () => {
    signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    api();
    renderAt(`/problems/${PROBLEM_ID}`);
    await typeSource('int main(;');
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(FakeEventSource.instances.length).toBe(1));
    FakeEventSource.latest().emit('done', {
      type: 'done',
      run: finished({ verdict: 'CE', compileOutput: "main.cpp:1:10: error: expected ')'", stdout: '', exitCode: null }),
    });
    const result = screen.getByRole('region', { name: 'Run result' });
    expect(within(result).getByTestId('run-verdict').textContent).toBe('Compilation Error');
    expect(within(result).getByText('Compiler output')).toBeTruthy();
    expect(within(result).getByText(/expected '\)'/)).toBeTruthy();
    expect(within(result).queryByText('Output (stdout)')).toBeNull();
  });

  it('reads the run when the stream is lost, and shows it once done', async () => {
    signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    const { calls } = api({ stored: finished({ stdout: 'from GET\n' }) });
    renderAt(`/problems/${PROBLEM_ID}`);
    await typeSource('x');
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(FakeEventSource.instances.length).toBe(1));
    FakeEventSource.latest().fail({ reconnecting: false });
    expect(await screen.findByText('from GET', { exact: false })).toBeTruthy();
    expect(calls.some((c) => c.method === 'GET' && c.url === `/api/runs/${RUN_ID}`)).toBe(true);
  });

  it.each([
    [429, 'RUNS_IN_FLIGHT', 'Your earlier runs are still going; wait for one to finish.'],
    [429, 'RATE_LIMITED', 'You have run too many programs in the last minute; wait a moment and run again.'],
    [403, 'RUNS_DISABLED', 'Running programs is turned off here.'],
  ])('says why a run was refused (%i %s)', async (status, code, words) => {
    signIn();
    api({ run: { status, body: { statusCode: status, code, message: 'the API says no' } } });
    renderAt(`/problems/${PROBLEM_ID}`);
    await typeSource('x');
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(`Not run: ${words}`);
    expect(alert.getAttribute('title')).toBe('the API says no');
  });

  it('starts with an empty input on a problem without samples, and offers no Run on a submit-answer problem', async () => {
    signIn();
    api({ problem: problemDetail({ samples: [] }) });
    const { unmount } = renderAt(`/problems/${PROBLEM_ID}`);
    expect((await screen.findByRole<HTMLTextAreaElement>('textbox', { name: 'Input' })).value).toBe('');
    unmount();

    api({ problem: problemDetail({ languages: ['answers'] }) });
    renderAt(`/problems/${PROBLEM_ID}`);
    expect(await screen.findByRole('button', { name: 'Submit' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Run' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Input' })).toBeNull();
  });

  it('speaks Chinese: the button, the input and the verdict', async () => {
    chooseLocale('zh-CN');
    signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    api();
    renderAt(`/problems/${PROBLEM_ID}`);
    expect(await screen.findByRole('textbox', { name: '输入' })).toBeTruthy();
    await waitFor(() => expect(screen.getByLabelText('源代码').classList.contains('plain-editor')).toBe(false));
    await userEvent.type(screen.getByLabelText('源代码'), 'x');
    await userEvent.click(screen.getByRole('button', { name: '运行' }));
    await waitFor(() => expect(FakeEventSource.instances.length).toBe(1));
    FakeEventSource.latest().emit('done', { type: 'done', run: finished({ verdict: 'TLE' }) });
    expect(screen.getByTestId('run-verdict').textContent).toBe('运行超时');
  });
});

describe('Run in a contest and an assignment', () => {
  it('is offered in a contest unless the contest turned runs off', async () => {
    signIn();
    api();
    const { unmount } = renderAt(`/contests/${CONTEST_ID}/problems/A`);
    expect(await screen.findByRole('button', { name: 'Run' })).toBeTruthy();
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Input' }).value).toBe('3\n');
    unmount();

    api({ contest: { ...contestView(), runsEnabled: false } });
    renderAt(`/contests/${CONTEST_ID}/problems/A`);
    expect(await screen.findByRole('button', { name: 'Submit' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Run' })).toBeNull();
  });

  it("shows a run's result on the problem it ran for, and the next tab's sample in the input", async () => {
    signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    api();
    renderAt(`/contests/${CONTEST_ID}/problems/A`);
    await typeSource('x');
    await userEvent.click(await screen.findByRole('button', { name: 'Run' }));
    await waitFor(() => expect(FakeEventSource.instances.length).toBe(1));
    FakeEventSource.latest().emit('done', { type: 'done', run: finished() });
    expect(screen.getByRole('region', { name: 'Run result' })).toBeTruthy();

    await userEvent.click(screen.getByRole('link', { name: 'Problem B: Paths' }));
    expect(await screen.findByRole('heading', { name: 'B. Paths' })).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Input' }).value).toBe('2 2\n'),
    );
    expect(screen.queryByRole('region', { name: 'Run result' })).toBeNull();
  });

  it('is offered in an assignment unless the assignment turned runs off', async () => {
    signIn();
    const page = `/courses/${COURSE_ID}/assignments/${ASSIGNMENT_ID}`;
    api();
    const { unmount } = renderAt(page);
    expect(await screen.findByRole('button', { name: 'Run' })).toBeTruthy();
    unmount();

    api({ assignment: { ...assignmentView(), runsEnabled: false } });
    renderAt(page);
    expect(await screen.findByRole('button', { name: 'Submit' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Run' })).toBeNull();
  });
});

describe('playground', () => {
  it('is in the header, runs any language with typed input and arguments, and keeps the code', async () => {
    signIn();
    vi.stubGlobal('EventSource', FakeEventSource);
    const { calls } = api();
    const { router } = renderAt('/problems');
    await userEvent.click(await screen.findByRole('link', { name: 'Playground' }));
    expect(router.state.location.pathname).toBe('/playground');
    expect(await screen.findByRole('heading', { level: 1, name: 'Playground' })).toBeTruthy();

    await userEvent.selectOptions(await screen.findByLabelText('Language'), 'python');
    await typeSource('print(input())');
    await userEvent.type(screen.getByRole('textbox', { name: 'Input' }), 'typed');
    await userEvent.type(screen.getByRole('textbox', { name: 'Arguments (optional, one per line)' }), 'a b{Enter}c');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');

    await waitFor(() => expect(FakeEventSource.instances.length).toBe(1));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      language: 'python',
      source: 'print(input())',
      stdin: 'typed',
      args: ['a b', 'c'],
    });
    FakeEventSource.latest().emit('done', { type: 'done', run: finished({ language: 'python', stdout: 'typed\n' }) });
    expect(screen.getByTestId('run-verdict').textContent).toBe('OK');
    expect(screen.getByText('typed', { selector: 'pre' })).toBeTruthy();

    // The code stays per language in this browser, and the language is offered first next time.
    expect(localStorage.getItem(draftKey('playground', 'python'))).toBe('print(input())');
    expect(localStorage.getItem('judge.language')).toBe('python');
  });

  it('asks for a program before running an empty editor', async () => {
    signIn();
    const { calls } = api();
    renderAt('/playground');
    await userEvent.click(await screen.findByRole('button', { name: 'Run' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Write a program first.');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
});
