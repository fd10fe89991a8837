import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderComponent, setupDom } from '../../test/helpers';
import { SourceLines, splitLines } from './source-lines';

setupDom();

// The highlighter's answers to the component, so that a test can wait for one instead of for a while.
const highlighterAnswers = vi.hoisted(() => [] as Promise<unknown>[]);
vi.mock('./highlight', async (importOriginal) => {
  const original = await importOriginal<typeof import('./highlight')>();
  return {
    ...original,
    highlightLines: (...args: Parameters<typeof original.highlightLines>) => {
      const answer = original.highlightLines(...args);
      highlighterAnswers.push(answer);
      return answer;
    },
  };
});

const CPP = [
  '#include <cstdio>',
  '// says hello',
  'int main() {',
  '    /* a comment',
  '       on two lines */',
  '    return printf("hi");',
  '}',
  '',
].join('\n');

const PYTHON = ['def twice(x):  # doubles', '    """Twice x,', '    as a number."""', '    return x * 2', ''].join(
  '\n',
);

/** The texts of the tokens with a highlight class, in order. */
const tokens = (root: HTMLElement, className: string) =>
  [...root.querySelectorAll(`.${className}`)].map((el) => el.textContent);

const rows = () => screen.getAllByTestId('source-line');

describe('SourceLines', () => {
  it('highlights C++ keywords, strings and comments, one row a line', async () => {
    const lines = splitLines(CPP);
    const onLineClick = vi.fn();
    renderComponent(
      <SourceLines
        lines={lines}
        label="Submitted source"
        mode="cpp"
        lineClass={(n) => (n === 3 || n === 6 ? 'match match-0' : undefined)}
        below={(n) => (n === 3 ? <div data-testid="note">Why int?</div> : null)}
        onLineClick={onLineClick}
        selected={6}
      />,
    );
    const listing = screen.getByRole('region', { name: 'Submitted source' });
    // Plain text until the grammar has loaded.
    expect(listing.querySelector('[class^="tok-"]')).toBeNull();

    await waitFor(() => expect(tokens(listing, 'tok-keyword')).toContain('return'));
    expect(tokens(listing, 'tok-string')).toContain('"hi"');
    expect(tokens(listing, 'tok-comment')).toEqual(['// says hello', '/* a comment', '       on two lines */']);
    expect(tokens(listing, 'tok-typeName')).toContain('int');
    expect(tokens(listing, 'tok-meta').join('')).toContain('#include');

    // The same rows and texts as plain text, with their classes, comments and buttons.
    expect(rows()).toHaveLength(7);
    expect(rows().map((row) => row.querySelector('.line-code')!.textContent)).toEqual(lines);
    expect(rows()[2].className).toBe('match match-0');
    expect(rows()[5].className).toBe('match match-0 line-selected');
    expect(rows()[0].className).toBe('');
    const note = screen.getByTestId('note').closest('tr')!;
    expect(note.dataset.belowLine).toBe('3');
    expect(rows()[2].nextElementSibling).toBe(note);

    await userEvent.click(within(rows()[3]).getByRole('button', { name: 'Comment on line 4' }));
    expect(onLineClick).toHaveBeenCalledWith(4);
  });

  it('highlights Python keywords, strings across lines and comments', async () => {
    const lines = splitLines(PYTHON);
    renderComponent(<SourceLines lines={lines} label="Source of bob" mode="python" />);
    const listing = screen.getByRole('region', { name: 'Source of bob' });

    await waitFor(() => expect(tokens(listing, 'tok-keyword')).toEqual(['def', 'return']));
    expect(tokens(listing, 'tok-comment')).toEqual(['# doubles']);
    // The docstring's two lines, each in its own row (the indent of the second is inside the string).
    expect(tokens(listing, 'tok-string')).toEqual(['"""Twice x,', '    as a number."""']);
    expect(rows()[1].querySelector('.tok-string')!.textContent).toBe('"""Twice x,');
    expect(rows()[2].querySelector('.tok-string')!.textContent).toBe('    as a number."""');
    expect(tokens(listing, 'tok-number')).toEqual(['2']);
    expect(rows().map((row) => row.querySelector('.line-code')!.textContent)).toEqual(lines);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows plain text for a language without a grammar (the plain mode)', async () => {
    highlighterAnswers.length = 0;
    renderComponent(<SourceLines lines={['+++[>++<-]', '']} label="Source" mode="plain" />);
    // The component asked, and the highlighter, with no grammar for the plain mode, answered null.
    await waitFor(() => expect(highlighterAnswers).toHaveLength(1));
    expect(await act(() => highlighterAnswers[0])).toBeNull();
    const listing = screen.getByRole('region', { name: 'Source' });
    expect(listing.querySelector('span')).toBeNull();
    expect(rows().map((row) => row.querySelector('.line-code')!.textContent)).toEqual(['+++[>++<-]', ' ']);
  });
});
