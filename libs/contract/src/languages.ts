/**
 * The closed sets a language definition (libs/judge/languages.yaml) picks from for the parts of the
 * platform that are not the judge: each value has an implementation in code, a language names one of them.
 * The registry's schema checks the names; the implementations are typed against these lists, so a name
 * without an implementation does not compile.
 */

/**
 * Highlighting grammars of the web editor and review listings (`editor` in languages.yaml), each a CodeMirror
 * package loaded on first use (apps/web/src/editor/modes.ts). `plain` highlights nothing.
 */
export const EDITOR_MODES = ['plain', 'cpp', 'python', 'java', 'javascript', 'typescript', 'rust', 'go'] as const;
export type EditorMode = (typeof EDITOR_MODES)[number];

/** The mode of a language whose definition names none. */
export const DEFAULT_EDITOR_MODE: EditorMode = 'plain';

/**
 * Tokenizers of the plagiarism check (`plagiarism` in languages.yaml; libs/plagiarism/src/families.ts).
 * Programs are compared only with programs of the same family: C and C++ share `c`. A language that names
 * none gets a generic C-like tokenizer and is compared only with programs of its own language.
 */
export const LEXER_FAMILIES = ['c', 'java', 'kotlin', 'python', 'rust', 'go', 'javascript'] as const;
export type LexerFamily = (typeof LEXER_FAMILIES)[number];

/**
 * The pseudo-language of a submit-answer (output-only) problem's submissions: nothing is compiled or run, the
 * submission is the answers, one file per test named after it (`secret/03.out`, or `03.out` when no other test
 * has that name; `.ans` is read too), and each goes to the output validator as that test's output. A problem with
 * a single test also takes one plain file. It is never in languages.yaml and never offered for other problems.
 */
export const ANSWERS_LANGUAGE = 'answers';
