// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { StatementFilesView } from '@judge/contract';
import { setActiveLocale } from '../i18n/active-locale';
import { renderStatement, resolveStatementFile } from './markdown';

const BASE = '/api/problems/p1/versions/2/statement';
const FILES: StatementFilesView = {
  base: BASE,
  names: ['img/diagram.svg', 'notes.txt', 'plot.pdf', 'problem.en.md', 'square.pdf', 'square.png'],
  pdf: null,
};

/** The rendered statement as a DOM, to read its elements' attributes. */
function rendered(statement: string, files: StatementFilesView | null = FILES): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = renderStatement(statement, files ?? undefined);
  return root;
}

const images = (root: HTMLElement) =>
  [...root.querySelectorAll('img')].map((img) => ({
    src: img.getAttribute('src'),
    file: img.getAttribute('data-statement-src'),
    alt: img.getAttribute('alt'),
    style: img.getAttribute('style'),
  }));

const latex = (tex: string) => `\`\`\`latex\n${tex}\n\`\`\``;

describe('the files a statement shows', () => {
  it('a Markdown image of the statement folder points at the API, to be fetched with the token (no src)', () => {
    const root = rendered('A square:\n\n![A 3 by 3 square](square.png)\n\n![Diagram](./img/diagram.svg)');
    expect(images(root)).toEqual([
      { src: null, file: `${BASE}/square.png`, alt: 'A 3 by 3 square', style: null },
      { src: null, file: `${BASE}/img%2Fdiagram.svg`, alt: 'Diagram', style: null },
    ]);
  });

  it('LaTeX \\includegraphics without an extension shows the image that exists, at its width', () => {
    // square.pdf is what pdflatex would take; a browser cannot show it in <img>, so square.png is shown.
    const root = rendered(latex('\\begin{center}\n\\includegraphics[width=0.3\\textwidth]{square}\n\\end{center}'));
    expect(images(root)).toEqual([{ src: null, file: `${BASE}/square.png`, alt: '', style: 'width: 30%' }]);
    expect(root.textContent).not.toContain('includegraphics');

    const sized = rendered(latex('\\includegraphics[scale=2, width=4cm]{square.png}'));
    expect(images(sized)[0]).toMatchObject({ file: `${BASE}/square.png`, style: 'width: 4cm' });
  });

  it('LaTeX \\illustration is a figure with its caption beside the text', () => {
    const root = rendered(latex('\\illustration{0.25}{img/diagram.svg}{The square from above}\nText.'));
    const figure = root.querySelector('figure.illustration');
    expect(figure?.getAttribute('style')).toBe('width: 25%');
    expect(figure?.querySelector('figcaption')?.textContent).toBe('The square from above');
    expect(images(root)).toEqual([
      { src: null, file: `${BASE}/img%2Fdiagram.svg`, alt: 'The square from above', style: null },
    ]);
  });

  it('a picture that is not there, or that no browser shows, is its name in text, and nothing is fetched', () => {
    const root = rendered('![](missing.png) ![a cave](cave.jpg)');
    expect(images(root)).toEqual([
      { src: null, file: null, alt: '[figure: missing.png]', style: null },
      { src: null, file: null, alt: '[figure: a cave]', style: null },
    ]);
    const pdfOnly = rendered(latex('\\includegraphics{plot}'));
    expect(images(pdfOnly)).toEqual([{ src: null, file: null, alt: '[figure: plot]', style: null }]);
  });

  it('names a missing picture in the language the page is shown in', () => {
    setActiveLocale('zh-CN');
    try {
      expect(images(rendered('![](missing.png)'))[0].alt).toBe('[图：missing.png]');
      setActiveLocale('es');
      expect(images(rendered('![una cueva](cave.jpg)'))[0].alt).toBe('[figura: una cueva]');
    } finally {
      setActiveLocale('en');
    }
  });

  it('no name outside the statement folder resolves, whatever the path says', () => {
    const root = rendered('![](../problem.yaml) ![](img/../../data/secret/1.ans) ![](%2E%2E/notes.txt)');
    expect(images(root).map((i) => i.file)).toEqual([null, null, null]);
    expect(resolveStatementFile('../square.png', FILES.names)).toBeNull();
    expect(resolveStatementFile('img/../square.png', FILES.names)).toBeNull();
    expect(resolveStatementFile('/square.png', FILES.names)).toBeNull();
  });

  it('an image at an address is left as the statement has it', () => {
    const root = rendered('![logo](https://example.org/logo.png)');
    expect(images(root)).toEqual([{ src: 'https://example.org/logo.png', file: null, alt: 'logo', style: null }]);
  });

  it('a link to a file of the statement downloads it from the API', () => {
    const link = rendered('The [notes](notes.txt) and [the spec](https://example.org/spec).').querySelectorAll('a');
    expect(link[0].getAttribute('href')).toBe(`${BASE}/notes.txt`);
    expect(link[0].getAttribute('data-statement-download')).toBe(`${BASE}/notes.txt`);
    expect(link[0].getAttribute('data-file-name')).toBe('notes.txt');
    expect(link[1].getAttribute('href')).toBe('https://example.org/spec');
    expect(link[1].hasAttribute('data-statement-download')).toBe(false);
  });

  it('without the list of files (an authored statement being previewed), no relative image is fetched', () => {
    expect(images(rendered('![a square](square.png)', null))).toEqual([
      { src: null, file: null, alt: '[figure: a square]', style: null },
    ]);
  });

  it('resolves names as written first, then with the extensions LaTeX tries', () => {
    const names = ['a.png', 'a', 'b.JPG', 'c d.png'];
    expect(resolveStatementFile('a', names)).toBe('a');
    expect(resolveStatementFile('./a.png', names)).toBe('a.png');
    expect(resolveStatementFile('b', names)).toBe('b.JPG');
    expect(resolveStatementFile('c%20d.png', names)).toBe('c d.png');
    expect(resolveStatementFile('e', names)).toBeNull();
  });
});
