import DOMPurify from 'dompurify';
import katex from 'katex';
import { Marked, type TokenizerAndRendererExtension, type Tokens } from 'marked';
import { latexSource, latexToMarkdown } from './latex';

/**
 * Problem statements: Markdown (GitHub flavour) with math in `$...$`, `$$...$$`, `\(...\)` and `\[...\]`
 * rendered by KaTeX, then sanitised, since statements come from uploaded packages.
 */

function math(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, { displayMode, throwOnError: false, output: 'htmlAndMathml' });
}

interface MathToken extends Tokens.Generic {
  text: string;
  display: boolean;
}

const blockMath: TokenizerAndRendererExtension = {
  name: 'blockMath',
  level: 'block',
  start: (src) => /^ {0,3}(\$\$|\\\[)/m.exec(src)?.index,
  tokenizer(src) {
    const match = /^ {0,3}(?:\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\])[ \t]*(?:\n+|$)/.exec(src);
    if (!match) return undefined;
    return { type: 'blockMath', raw: match[0], text: (match[1] ?? match[2]).trim(), display: true };
  },
  renderer: (token) => `<div class="math-display">${math((token as MathToken).text, true)}</div>\n`,
};

const inlineMath: TokenizerAndRendererExtension = {
  name: 'inlineMath',
  level: 'inline',
  // A backslash before `$` stops the text there too, so that `\$` stays an escaped dollar.
  start: (src) => {
    const index = src.search(/\\?\$|\\\(|\\\[/);
    return index < 0 ? undefined : index;
  },
  tokenizer(src) {
    const display = /^\$\$([\s\S]+?)\$\$/.exec(src) ?? /^\\\[([\s\S]+?)\\\]/.exec(src);
    if (display) return { type: 'inlineMath', raw: display[0], text: display[1].trim(), display: true };
    // `$x$`: no space just inside the dollars and no digit right after, so that "$5 and $10" stays text.
    const inline = /^\$(?![\s$])((?:\\.|[^\\$])+?)(?<!\s)\$(?!\d)/.exec(src) ?? /^\\\(([\s\S]+?)\\\)/.exec(src);
    if (inline && !inline[1].includes('\n\n'))
      return { type: 'inlineMath', raw: inline[0], text: inline[1], display: false };
    return undefined;
  },
  renderer: (token) => math((token as MathToken).text, (token as MathToken).display),
};

const marked = new Marked({ gfm: true, extensions: [blockMath, inlineMath] });

/** HTML of a statement, safe to insert. A LaTeX statement (sent in a ```latex fence) is converted first. */
export function renderStatement(statement: string): string {
  const tex = latexSource(statement);
  const markdown = tex === null ? statement : latexToMarkdown(tex);
  const html = marked.parse(markdown, { async: false });
  // KaTeX's MathML keeps the TeX in <semantics><annotation> (plain text, read by screen readers and copy).
  return DOMPurify.sanitize(html, { ADD_TAGS: ['semantics', 'annotation'], ADD_ATTR: ['encoding'] });
}
