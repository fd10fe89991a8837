import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import type { ProblemDetail } from '@judge/contract';
import { draftKey } from '../editor/drafts';
import { LANGUAGES, PROBLEM_ID, problemDetail } from '../test/fixtures';
import { mockApi, renderAt, setupDom, signIn } from '../test/helpers';

vi.mock('../editor/code-editor', () => import('../test/editor-mock'));

setupDom();

function api(problem: ProblemDetail = problemDetail()) {
  return mockApi(({ method, url }) => {
    if (url === `/api/problems/${PROBLEM_ID}`) return { body: problem };
    if (url === '/api/languages') return { body: LANGUAGES };
    if (method === 'POST' && url === '/api/submissions')
      return { status: 201, body: { id: 'dddddddd-dddd-dddd-dddd-dddddddddddd' } };
    return undefined;
  });
}

describe('problem page statement', () => {
  it('renders the Markdown statement with KaTeX math, the limits and the samples', async () => {
    signIn();
    api();
    renderAt(`/problems/${PROBLEM_ID}`);

    const statement = await screen.findByRole('article', { name: 'Statement' }, { timeout: 5000 });
    expect(within(statement).getByRole('heading', { level: 2, name: 'Input' })).toBeTruthy();
    // The statement's own title heading is left out: the page shows the title once.
    expect(within(statement).queryByRole('heading', { name: 'Squares' })).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Squares' })).toBeTruthy();
    expect(within(statement).getByText('integer').tagName).toBe('STRONG');
    const math = statement.querySelectorAll('.katex');
    expect(math.length).toBe(3);
    // $x^2$: KaTeX's MathML keeps the TeX source, and the HTML part draws a superscript.
    expect(math[0].querySelector('annotation')?.textContent).toBe('x^2');
    expect(math[0].querySelector('.msupsub')).toBeTruthy();
    expect(statement.querySelector('.katex-display')).toBeTruthy();
    expect(statement.textContent).not.toContain('$x^2$');

    const limits = screen.getByLabelText('Limits');
    expect(within(limits).getByText('2 s')).toBeTruthy();
    expect(within(limits).getByText('256 MB')).toBeTruthy();
    const samples = screen.getByRole('region', { name: 'Sample tests' });
    expect(within(samples).getByText('9', { exact: false })).toBeTruthy();
  });

  it('marks a draft (which only staff reach in practice) with a Draft badge beside its title', async () => {
    signIn('setter');
    mockApi(({ url }) =>
      url === `/api/problems/${PROBLEM_ID}` ? { body: problemDetail({ visibility: 'draft' }) } : undefined,
    );
    renderAt(`/problems/${PROBLEM_ID}`);
    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading.textContent).toBe('Squares Draft');
  });

  it('shows a time limit derived from the accepted solutions as its number, saying so in its tooltip', async () => {
    signIn();
    const detail = problemDetail();
    api({
      ...detail,
      timeLimitMs: 3000,
      timeLimitOrigin: 'derived',
      limits: { ...detail.limits, timeLimitMs: 3000, timeLimitDerived: true },
    });
    renderAt(`/problems/${PROBLEM_ID}`);

    const limits = await screen.findByLabelText('Limits', {}, { timeout: 5000 });
    const time = within(limits).getByText('Time limit').nextElementSibling;
    expect(time?.textContent).toBe('3 s');
    expect(within(limits).getByText('3 s').getAttribute('title')).toBe("Derived from the problem's accepted solutions");
  });

  it('says a time limit still to be derived is set at the first judging', async () => {
    signIn();
    const detail = problemDetail();
    api({ ...detail, timeLimitMs: null, timeLimitOrigin: 'pending', limits: { ...detail.limits, timeLimitMs: null } });
    renderAt(`/problems/${PROBLEM_ID}`);
    const limits = await screen.findByLabelText('Limits', {}, { timeout: 5000 });
    expect(within(limits).getByText('Time limit').nextElementSibling?.textContent).toBe('Set at the first judging');
  });

  it('shows the problem code, its tags, how many solved it and the acceptance', async () => {
    signIn();
    api(problemDetail({ slug: 'squares', tags: ['math', 'brute force'], solvedBy: 12, acceptance: 0.4 }));
    renderAt(`/problems/${PROBLEM_ID}`);
    const facts = await screen.findByLabelText('About the problem', {}, { timeout: 5000 });
    expect(within(facts).getByTestId('problem-code').textContent).toBe('squares');
    expect(within(facts).getByTestId('problem-solved-by').textContent).toBe('12');
    expect(within(facts).getByTestId('problem-acceptance').textContent).toBe('40%');
    const tags = within(facts).getByRole('list', { name: 'Tags' });
    expect(
      within(tags)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['math', 'brute force']);
  });

  it('renders a LaTeX statement and strips scripts from any statement', async () => {
    signIn();
    const tex = [
      '\\begin{problemstatement}',
      '\\section*{Input}',
      'A line with \\textbf{one} number $n$ ($1 \\le n \\le 10^9$).',
      '\\begin{itemize}',
      '  \\item first',
      '  \\item second',
      '\\end{itemize}',
      '<script>window.hacked = true</script><img src="x" onerror="window.hacked = true">',
    ].join('\n');
    api(problemDetail({ statement: `\`\`\`latex\n${tex}\n\`\`\`` }));
    renderAt(`/problems/${PROBLEM_ID}`);

    const statement = await screen.findByRole('article', { name: 'Statement' }, { timeout: 5000 });
    expect(within(statement).getByRole('heading', { name: 'Input' })).toBeTruthy();
    expect(within(statement).getByText('one').tagName).toBe('STRONG');
    expect(
      within(statement)
        .getAllByRole('listitem')
        .map((li) => li.textContent?.trim()),
    ).toEqual(['first', 'second']);
    expect(statement.querySelectorAll('.katex').length).toBe(2);
    expect(statement.querySelector('script')).toBeNull();
    expect(statement.querySelector('img')?.getAttribute('onerror')).toBeNull();
    expect(statement.textContent).not.toContain('\\section');
  });

  it('fetches the statement’s images with the session’s token and shows them from blob URLs', async () => {
    signIn();
    const base = `/api/problems/${PROBLEM_ID}/versions/3/statement`;
    const files = { base, names: ['square.png'], pdf: null };
    const problem = problemDetail({ statement: 'A square:\n\n![A square](square.png)\n', statementFiles: files });
    const { calls } = mockApi(({ url }) => {
      if (url === `/api/problems/${PROBLEM_ID}`) return { body: problem };
      if (url === '/api/languages') return { body: LANGUAGES };
      if (url === `${base}/square.png`) return { body: 'the bytes' };
      return undefined;
    });
    // jsdom has no blob URLs.
    const created = vi.fn(() => 'blob:square');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() });
    renderAt(`/problems/${PROBLEM_ID}`);

    const statement = await screen.findByRole('article', { name: 'Statement' }, { timeout: 5000 });
    const image = within(statement).getByRole('img', { name: 'A square' });
    await waitFor(() => expect(image.getAttribute('src')).toBe('blob:square'));
    const fetched = calls.find((c) => c.url === `${base}/square.png`);
    expect(fetched?.headers.Authorization).toMatch(/^Bearer ./);
  });

  it('links the statement PDF; a problem whose only statement is the PDF shows just the link', async () => {
    signIn();
    const route = `/api/problems/${PROBLEM_ID}/versions/3`;
    const files = { base: `${route}/statement`, names: ['problem.pdf'], pdf: `${route}/statement.pdf` };
    api(problemDetail({ statement: null, statementFiles: files }));
    renderAt(`/problems/${PROBLEM_ID}`);

    const link = await screen.findByRole('link', { name: 'Statement (PDF)' }, { timeout: 5000 });
    expect(link.getAttribute('href')).toBe(`${route}/statement.pdf`);
    expect(screen.queryByText('This problem has no statement.')).toBeNull();
  });
});

describe('drafts', () => {
  it('keeps a draft per problem and language in localStorage', async () => {
    signIn();
    api();
    const first = renderAt(`/problems/${PROBLEM_ID}`);
    const language = await screen.findByLabelText<HTMLSelectElement>('Language');
    expect(language.value).toBe('cpp');

    await userEvent.type(screen.getByLabelText('Source code'), 'int main() {{}');
    expect(localStorage.getItem(draftKey(PROBLEM_ID, 'cpp'))).toBe('int main() {}');

    await userEvent.selectOptions(language, 'python');
    await waitFor(() => expect(screen.getByLabelText<HTMLTextAreaElement>('Source code').value).toBe(''));
    await userEvent.type(screen.getByLabelText('Source code'), 'print(1)');
    expect(localStorage.getItem(draftKey(PROBLEM_ID, 'python'))).toBe('print(1)');

    await userEvent.selectOptions(language, 'cpp');
    await waitFor(() => expect(screen.getByLabelText<HTMLTextAreaElement>('Source code').value).toBe('int main() {}'));

    // After a reload the draft and the language chosen last are back.
    first.unmount();
    renderAt(`/problems/${PROBLEM_ID}`);
    await waitFor(() => expect(screen.getByLabelText<HTMLTextAreaElement>('Source code').value).toBe('int main() {}'));
    expect(screen.getByLabelText<HTMLSelectElement>('Language').value).toBe('cpp');
    // Another problem starts with its own, empty draft.
    expect(localStorage.getItem(draftKey('another-problem', 'cpp'))).toBeNull();
  });

  it('highlights each language with the grammar its definition names, not one picked by its id', async () => {
    signIn();
    mockApi(({ url }) => {
      if (url === `/api/problems/${PROBLEM_ID}`)
        return { body: problemDetail({ languages: ['cpp', 'kotlin', 'zig'] }) };
      if (url === '/api/languages')
        return {
          body: [
            ...LANGUAGES,
            { id: 'kotlin', name: 'Kotlin (JVM)', extensions: ['kt'], editor: 'java' },
            { id: 'zig', name: 'Zig', extensions: ['zig'], editor: 'plain' },
          ],
        };
      return undefined;
    });
    renderAt(`/problems/${PROBLEM_ID}`);
    const language = await screen.findByLabelText<HTMLSelectElement>('Language');
    const mode = () => screen.getByLabelText('Source code').getAttribute('data-mode');
    await waitFor(() => expect(mode()).toBe('cpp'));
    await userEvent.selectOptions(language, 'kotlin');
    await waitFor(() => expect(mode()).toBe('java'));
    await userEvent.selectOptions(language, 'zig');
    await waitFor(() => expect(mode()).toBe('plain'));
  });

  it('submits the draft with Ctrl+Enter and opens the submission', async () => {
    signIn();
    const { calls } = api();
    const { router } = renderAt(`/problems/${PROBLEM_ID}`);
    const editor = await screen.findByLabelText('Source code');
    await userEvent.type(editor, 'print(42)');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/submissions/dddddddd-dddd-dddd-dddd-dddddddddddd'),
    );
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ problemId: PROBLEM_ID, language: 'cpp', source: 'print(42)' });
  });

  it('submits several uploaded files with the entry point picked, in the language most of them are in', async () => {
    signIn();
    const { calls } = api();
    const { router } = renderAt(`/problems/${PROBLEM_ID}`);
    const upload = await screen.findByLabelText('Upload source files');
    await userEvent.upload(upload, [
      new File(['def add(a, b):\n    return a + b\n'], 'adder.py'),
      new File(['from adder import add\nprint(add(1, 2))\n'], 'solve.py'),
    ]);
    const chosen = await screen.findByLabelText('Files to submit');
    expect([...chosen.querySelectorAll('.file-name')].map((e) => e.textContent)).toEqual(['adder.py', 'solve.py']);
    await userEvent.selectOptions(screen.getByLabelText('Entry point'), 'solve.py');
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/submissions\//));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      problemId: PROBLEM_ID,
      language: 'python',
      files: [
        { name: 'adder.py', content: 'def add(a, b):\n    return a + b\n' },
        { name: 'solve.py', content: 'from adder import add\nprint(add(1, 2))\n' },
      ],
      entryPoint: 'solve.py',
    });
  });

  it('unpacks a zipped folder, and names a file the judge would refuse before sending anything', async () => {
    signIn();
    const { calls } = api();
    renderAt(`/problems/${PROBLEM_ID}`);
    const upload = await screen.findByLabelText('Upload source files');
    const zipped = zipSync({
      'solution/main.cpp': strToU8('#include "add.h"\nint main() {}\n'),
      'solution/add.h': strToU8('int add(int, int);\n'),
      'solution/.DS_Store': strToU8('junk'),
    });
    await userEvent.upload(upload, new File([zipped], 'solution.zip'));
    const chosen = await screen.findByLabelText('Files to submit');
    expect([...chosen.querySelectorAll('.file-name')].map((e) => e.textContent)).toEqual(['add.h', 'main.cpp']);

    const escaping = zipSync({ 'main.py': strToU8('print(3)\n'), '../evil.py': strToU8('x') });
    await userEvent.upload(upload, new File([escaping], 'evil.zip'));
    await screen.findByText('../evil.py', { selector: '.file-name' });
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    expect((await screen.findByRole('alert')).textContent).toBe('"../evil.py": ".." is not allowed in a file name');
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('a submit-answer problem offers only the answer, and sends it as language answers', async () => {
    signIn();
    const { calls } = api(problemDetail({ languages: ['answers'] }));
    const { router } = renderAt(`/problems/${PROBLEM_ID}`);
    const language = await screen.findByLabelText<HTMLSelectElement>('Language');
    expect([...language.options].map((o) => o.textContent)).toEqual(['Answer (output only)']);
    await userEvent.type(screen.getByLabelText('Source code'), '42');
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/submissions/dddddddd-dddd-dddd-dddd-dddddddddddd'),
    );
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      problemId: PROBLEM_ID,
      language: 'answers',
      source: '42',
    });
  });
});
