import type { LexerFamily } from '@judge/contract';

/**
 * What the tokenizer needs to know of each language family. Which family a language belongs to is written in
 * its definition (`plagiarism` in libs/judge/languages.yaml), not here: languages of one family share a
 * tokenizer and are compared with each other (C with C++); a language that names none gets the generic C-like
 * tokenizer and is compared only with programs of its own language.
 */
export interface LexerSpec {
  family: LexerFamily | 'generic';
  keywords: ReadonlySet<string>;
  lineComments: readonly string[];
  /** Rust and Kotlin block comments nest. */
  blockComment: { open: string; close: string; nested: boolean } | null;
  /** Quote characters of ordinary string and character literals. */
  quotes: readonly string[];
  /** `"""` and `'''` strings (Python, Kotlin). */
  tripleQuotes: readonly string[];
  /** Go and JavaScript backquoted strings (JavaScript's template literals included). */
  backquoteStrings: boolean;
  /** Identifiers that, written right before a quote, make a string prefix (f"…", u8"…", b'…'). */
  stringPrefixes: ReadonlySet<string>;
  /** C preprocessor lines (`#include …`) become one token of their directive. */
  preprocessor: boolean;
  /** Python: lines and indentation carry structure. */
  indentation: boolean;
  /** Rust: `'a` is a lifetime, not an unterminated character literal. */
  lifetimes: boolean;
  /**
   * Statement separators that one writer puts and another leaves out (JavaScript, Go, Kotlin): dropped so
   * the style does not change the tokens.
   */
  optionalSemicolons: boolean;
  /** Operators of more than one character, longest first; any other punctuation is one token per character. */
  operators: readonly string[];
}

const words = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/).filter(Boolean));
const byLength = (ops: string): string[] =>
  ops
    .split(/\s+/)
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);

const C_OPERATORS = byLength('<<= >>= ... -> ++ -- << >> <= >= == != && || += -= *= /= %= &= |= ^= :: ->* .*');

const C: LexerSpec = {
  family: 'c',
  keywords: words(`
    alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t char16_t char32_t class
    compl concept const consteval constexpr constinit const_cast continue co_await co_return co_yield decltype
    default delete do double dynamic_cast else enum explicit export extern false float for friend goto if inline
    int long mutable namespace new noexcept not not_eq nullptr operator or or_eq private protected public register
    reinterpret_cast requires return short signed sizeof static static_assert static_cast struct switch template
    this thread_local throw true try typedef typeid typename union unsigned using virtual void volatile wchar_t
    while xor xor_eq _Bool restrict NULL`),
  lineComments: ['//'],
  blockComment: { open: '/*', close: '*/', nested: false },
  quotes: ['"', "'"],
  tripleQuotes: [],
  backquoteStrings: false,
  stringPrefixes: words('L u U u8 R LR uR UR u8R'),
  preprocessor: true,
  indentation: false,
  lifetimes: false,
  optionalSemicolons: false,
  operators: C_OPERATORS,
};

const JAVA: LexerSpec = {
  ...C,
  family: 'java',
  keywords: words(`
    abstract assert boolean break byte case catch char class const continue default do double else enum extends
    final finally float for goto if implements import instanceof int interface long native new package private
    protected public return short static strictfp super switch synchronized this throw throws transient try void
    volatile while var record yield sealed permits true false null`),
  stringPrefixes: words(''),
  preprocessor: false,
  tripleQuotes: ['"""'],
  operators: byLength('>>>= <<= >>= >>> ... -> ++ -- << >> <= >= == != && || += -= *= /= %= &= |= ^= ::'),
};

const KOTLIN: LexerSpec = {
  ...JAVA,
  family: 'kotlin',
  keywords: words(`
    as break class continue do else false for fun if in interface is null object package return super this throw
    true try typealias typeof val var when while by catch constructor delegate dynamic field file finally get
    import init param property receiver set setparam where abstract actual annotation companion const crossinline
    data enum expect external final infix inline inner internal lateinit noinline open operator out override
    private protected public reified sealed suspend tailrec vararg`),
  blockComment: { open: '/*', close: '*/', nested: true },
  optionalSemicolons: true,
  operators: byLength('!== === ..< ... -> ++ -- <= >= == != && || += -= *= /= %= :: ?. ?: !! ..'),
};

const PYTHON: LexerSpec = {
  family: 'python',
  keywords: words(`
    False None True and as assert async await break class continue def del elif else except finally for from
    global if import in is lambda nonlocal not or pass raise return try while with yield match case`),
  lineComments: ['#'],
  blockComment: null,
  quotes: ['"', "'"],
  tripleQuotes: ['"""', "'''"],
  backquoteStrings: false,
  stringPrefixes: words('r u b f br rb fr rf R U B F BR RB FR RF Br bR Rb rB Fr fR Rf rF'),
  preprocessor: false,
  indentation: true,
  lifetimes: false,
  optionalSemicolons: false,
  operators: byLength('**= //= >>= <<= ... -> ** // << >> <= >= == != += -= *= /= %= &= |= ^= @= := '),
};

const RUST: LexerSpec = {
  ...C,
  family: 'rust',
  keywords: words(`
    as async await break const continue crate dyn else enum extern false fn for if impl in let loop match mod move
    mut pub ref return self Self static struct super trait true type unsafe use where while`),
  blockComment: { open: '/*', close: '*/', nested: true },
  stringPrefixes: words('b r br'),
  preprocessor: false,
  lifetimes: true,
  operators: byLength('<<= >>= ..= ... -> => :: << >> <= >= == != && || += -= *= /= %= &= |= ^= ..'),
};

const GO: LexerSpec = {
  ...C,
  family: 'go',
  keywords: words(`
    break case chan const continue default defer else fallthrough for func go goto if import interface map package
    range return select struct switch type var true false nil`),
  stringPrefixes: words(''),
  preprocessor: false,
  backquoteStrings: true,
  optionalSemicolons: true,
  operators: byLength('<<= >>= &^= ... := <- << >> <= >= == != && || += -= *= /= %= &= |= ^= &^ ++ --'),
};

const JAVASCRIPT: LexerSpec = {
  ...C,
  family: 'javascript',
  keywords: words(`
    break case catch class const continue debugger default delete do else export extends false finally for
    function if import in instanceof let new null return super switch this throw true try typeof undefined var
    void while with yield async await of static get set`),
  stringPrefixes: words(''),
  preprocessor: false,
  backquoteStrings: true,
  optionalSemicolons: true,
  operators: byLength(
    '>>>= **= <<= >>= ... === !== >>> &&= ||= ??= => ** ++ -- << >> <= >= == != && || ?? ?. += -= *= /= %= &= |= ^=',
  ),
};

/** A generic C-like tokenizer for languages of no family: C comments, C strings, C operators. */
const GENERIC: LexerSpec = {
  ...C,
  family: 'generic',
  keywords: words(''),
  stringPrefixes: words(''),
  preprocessor: false,
};

const SPECS: Record<LexerFamily, LexerSpec> = {
  c: C,
  java: JAVA,
  kotlin: KOTLIN,
  python: PYTHON,
  rust: RUST,
  go: GO,
  javascript: JAVASCRIPT,
};

/** A program's language as the plagiarism check sees it. */
export interface ProgramLanguage {
  /** A language id of libs/judge/languages.yaml. */
  language: string;
  /** The language's `plagiarism` family there; none: the generic tokenizer. */
  family?: LexerFamily;
}

/** The tokenizer of a family; the generic C-like one for none. */
export function lexerSpec(family: LexerFamily | undefined): LexerSpec {
  return family ? SPECS[family] : GENERIC;
}

/**
 * What a program is compared within: its family (C and C++ share one), else its language alone, so that two
 * languages without a family of their own are never compared with each other.
 */
export function comparisonGroup(program: ProgramLanguage): string {
  return program.family ?? `generic:${program.language}`;
}
