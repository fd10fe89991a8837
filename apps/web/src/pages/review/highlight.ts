import { LanguageSupport, type Language } from '@codemirror/language';
import { classHighlighter, highlightCode } from '@lezer/highlight';
import type { EditorMode } from '@judge/contract';
import { modeSupport } from '../../editor/modes';

/*
 * Syntax highlighting of the review listings, with the editor's grammars but no editor: the Lezer parser
 * gives the tokens, classHighlighter names them (tok-keyword, tok-string, ...; coloured in styles.css).
 * Loaded with import() from source-lines.tsx, so that neither this nor a grammar is in the first page.
 * @lezer/highlight is CodeMirror's own (one copy, resolved from apps/web): its tags are the grammars' tags.
 */

/** A run of a line's text with its highlight classes ('' when plain). */
export interface Span {
  text: string;
  className: string;
}

// One load per mode for the whole page (both sides of a pair share it).
const languages = new Map<EditorMode, Promise<Language | null>>();

function loadLanguage(mode: EditorMode): Promise<Language | null> {
  let language = languages.get(mode);
  if (!language) {
    language = modeSupport(mode).then((support) => (support instanceof LanguageSupport ? support.language : null));
    languages.set(mode, language);
    // A failed load (a chunk lost to a deploy) is tried again next time rather than remembered.
    language.catch(() => languages.delete(mode));
  }
  return language;
}

/** The lines' spans, one list a line; null for the plain mode (no grammar). */
export async function highlightLines(lines: string[], mode: EditorMode): Promise<Span[][] | null> {
  const language = await loadLanguage(mode);
  if (!language) return null;
  // Joined with \n alone, so that every line break the highlighter reports is one of our lines.
  const code = lines.join('\n');
  const result: Span[][] = [[]];
  highlightCode(
    code,
    language.parser.parse(code),
    classHighlighter,
    (text, className) => result[result.length - 1].push({ text, className }),
    () => result.push([]),
  );
  return result;
}
