import DOMPurify from 'dompurify';
import katex from 'katex';
import { Marked, type TokenizerAndRendererExtension, type Tokens } from 'marked';
import { createIntl } from 'react-intl';
import { STATEMENT_IMAGE_TYPES, type StatementFilesView } from '@judge/contract';
import { activeLocale } from '../i18n/active-locale';
import { CATALOGS, ENGLISH } from '../i18n/catalogs';
import type { MessageValues } from '../i18n/i18n-provider';
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

/** A message in the language the page is shown in (statements are rendered outside React's messages). */
function t(id: string, values?: MessageValues): string {
  const locale = activeLocale();
  return createIntl({ locale, messages: { ...ENGLISH, ...CATALOGS[locale] } }).formatMessage({ id }, values);
}

const marked = new Marked({ gfm: true, extensions: [blockMath, inlineMath] });

/** The extensions LaTeX tries for a picture named without one, those a browser shows first. */
const GUESSED_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp', '.pdf'];

/** A reference to a file next to the statement: no scheme, not absolute, not a fragment. */
function isRelative(reference: string): boolean {
  return reference !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(reference) && !/^[/#?]/.test(reference);
}

/**
 * The file of the statement's folder that a statement names (`cave.png`, `./img/plot.svg`): as written, else with
 * the extensions LaTeX would try (`\includegraphics{cave}`). Null when none of the files is it.
 */
export function resolveStatementFile(reference: string, names: readonly string[]): string | null {
  let name: string;
  try {
    name = decodeURI(reference.trim()).replace(/^(\.\/)+/, '');
  } catch {
    return null;
  }
  const available = new Set(names);
  if (available.has(name)) return name;
  for (const extension of GUESSED_EXTENSIONS) {
    for (const candidate of [name + extension, name + extension.toUpperCase()]) {
      if (available.has(candidate)) return candidate;
    }
  }
  return null;
}

function isImage(name: string): boolean {
  const extension = /\.[^./]+$/.exec(name.toLowerCase())?.[0];
  return extension !== undefined && extension in STATEMENT_IMAGE_TYPES;
}

/**
 * Points the statement's relative images and links at its files on the API. An image gets no `src` here: the API
 * answers only with the session's token, so StatementView fetches `data-statement-src` and shows it. A link gets
 * `data-statement-download`, which StatementView downloads on a click. A picture that is not there shows its name.
 */
function linkStatementFiles(files: StatementFilesView | undefined) {
  const url = (name: string) => `${files?.base}/${encodeURIComponent(name)}`;
  return (node: Element) => {
    if (node.tagName === 'IMG') {
      const src = node.getAttribute('src');
      if (src === null || !isRelative(src)) return;
      node.removeAttribute('src');
      const name = files ? resolveStatementFile(src, files.names) : null;
      if (name && isImage(name)) node.setAttribute('data-statement-src', url(name));
      else node.setAttribute('alt', t('markdown.missingFigure', { name: node.getAttribute('alt') || src }));
    } else if (node.tagName === 'A') {
      const href = node.getAttribute('href');
      const name = href !== null && isRelative(href) && files ? resolveStatementFile(href, files.names) : null;
      if (!name) return;
      node.setAttribute('href', url(name));
      node.setAttribute('data-statement-download', url(name));
      node.setAttribute('data-file-name', name.split('/').pop() ?? name);
    }
  };
}

/**
 * HTML of a statement, safe to insert. A LaTeX statement (sent in a ```latex fence) is converted first. `files` are
 * the statement's files (ProblemDetail.statementFiles), which its images and links may name.
 */
export function renderStatement(statement: string, files?: StatementFilesView): string {
  const tex = latexSource(statement);
  const markdown = tex === null ? statement : latexToMarkdown(tex);
  const html = marked.parse(markdown, { async: false });
  // The hook runs on DOMPurify's inert copy, where no image loads, after the attributes are sanitised.
  DOMPurify.addHook('afterSanitizeAttributes', linkStatementFiles(files));
  try {
    // KaTeX's MathML keeps the TeX in <semantics><annotation> (plain text, read by screen readers and copy).
    return DOMPurify.sanitize(html, { ADD_TAGS: ['semantics', 'annotation'], ADD_ATTR: ['encoding'] });
  } finally {
    DOMPurify.removeHook('afterSanitizeAttributes');
  }
}
