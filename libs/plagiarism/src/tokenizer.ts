import type { LexerFamily } from '@judge/contract';
import { lexerSpec, type LexerSpec } from './families';

/**
 * One token of a program as compared: identifiers are all `ID`, numbers `NUM`, strings and characters `STR`;
 * keywords and operators are themselves. Python adds `NEWLINE`, `INDENT` and `DEDENT`.
 */
export interface Token {
  kind: string;
  /** 1-based line of the token's first character. */
  line: number;
  /** Offset of the token's first character in the source. */
  offset: number;
}

export const ID = 'ID';
export const NUM = 'NUM';
export const STR = 'STR';
export const NEWLINE = 'NEWLINE';
export const INDENT = 'INDENT';
export const DEDENT = 'DEDENT';

/** Python statements whose header ends in a `:` and a block. */
const COMPOUND = new Set([
  'if',
  'elif',
  'else',
  'for',
  'while',
  'def',
  'class',
  'try',
  'except',
  'finally',
  'with',
  'async',
  'match',
  'case',
]);

const isIdentStart = (c: string) => /[A-Za-z_$\u00c0-\uffff]/.test(c);
const isIdentPart = (c: string) => /[A-Za-z0-9_$\u00c0-\uffff]/.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

/**
 * The tokens of a program, without comments and whitespace, so that renaming identifiers, rewriting comments
 * and reformatting leave them unchanged. `family`: its language's `plagiarism` family (none: generic C-like).
 */
export function tokenize(source: string, family: LexerFamily | undefined): Token[] {
  return new Lexer(source.replace(/\r\n?/g, '\n'), lexerSpec(family)).run();
}

class Lexer {
  private pos = 0;
  private line = 1;
  private readonly tokens: Token[] = [];
  /** Brackets open: Python ignores line ends and indentation inside them. */
  private depth = 0;
  private readonly indents = [0];
  private atLineStart = true;
  /** Python: index of the current logical line's first token. */
  private lineStart = 0;
  /** Python: `lambda`s of this line at bracket depth 0 whose `:` is still to come. */
  private lambdas = 0;
  /** Python: blocks opened by `if x: y` on this line, closed at its end as if `y` were on a line of its own. */
  private inlineBlocks = 0;

  constructor(
    private readonly src: string,
    private readonly spec: LexerSpec,
  ) {}

  run(): Token[] {
    const { src, spec } = this;
    while (this.pos < src.length) {
      if (spec.indentation && this.atLineStart) {
        this.atLineStart = false;
        // Inside brackets a line's indentation means nothing.
        if (this.depth === 0) this.indentation();
      }
      const c = src[this.pos];
      if (c === '\n') {
        this.endOfLine();
        this.advance(1);
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\f' || c === '\v') {
        this.pos++;
        continue;
      }
      if (c === '\\' && src[this.pos + 1] === '\n') {
        // An explicit line continuation: the logical line goes on.
        this.advance(2);
        this.atLineStart = false;
        continue;
      }
      if (this.comment()) continue;
      if (spec.preprocessor && c === '#' && this.onlyBlanksBefore()) {
        this.directive();
        continue;
      }
      if (this.string()) continue;
      if (isDigit(c) || (c === '.' && isDigit(src[this.pos + 1] ?? ''))) {
        this.number();
        continue;
      }
      if (isIdentStart(c)) {
        this.word();
        continue;
      }
      this.operator();
    }
    if (spec.indentation) {
      this.endOfLine();
      const at = src.length;
      while (this.indents.length > 1) {
        this.indents.pop();
        this.push(DEDENT, at);
      }
    }
    return this.tokens;
  }

  private push(kind: string, offset: number, line = this.line): void {
    this.tokens.push({ kind, line, offset });
  }

  /** Moves over text that may hold line ends, counting them. */
  private advance(n: number): void {
    const end = Math.min(this.pos + n, this.src.length);
    for (let i = this.pos; i < end; i++) if (this.src[i] === '\n') this.line++;
    this.pos = end;
    if (n > 0 && this.src[end - 1] === '\n') this.atLineStart = true;
  }

  /** Python: the end of a logical line (or of a statement, at `;`). */
  private endOfLine(statementOnly = false): void {
    if (!this.spec.indentation || this.depth > 0) return;
    const last = this.tokens.at(-1);
    if (last?.kind === STR && this.tokens.length - 1 === this.lineStart) {
      // A statement of only a string is a docstring: a comment, as far as copying goes.
      this.tokens.pop();
    } else if (last && last.kind !== NEWLINE && last.kind !== INDENT && last.kind !== DEDENT) {
      this.push(NEWLINE, this.pos, last.line);
    }
    if (!statementOnly) {
      for (; this.inlineBlocks > 0; this.inlineBlocks--) this.push(DEDENT, this.pos, last?.line);
      this.lambdas = 0;
    }
    this.lineStart = this.tokens.length;
  }

  /**
   * Python: at the start of a line, compares its indentation with the enclosing blocks'. Blank and comment-only
   * lines say nothing.
   */
  private indentation(): void {
    const { src } = this;
    let width = 0;
    let i = this.pos;
    for (; i < src.length; i++) {
      if (src[i] === ' ') width++;
      else if (src[i] === '\t') width = width - (width % 8) + 8;
      else if (src[i] !== '\f') break;
    }
    if (i >= src.length || src[i] === '\n' || src[i] === '#' || src[i] === '\r') {
      this.pos = i;
      return;
    }
    this.pos = i;
    const top = this.indents[this.indents.length - 1];
    if (width > top) {
      this.indents.push(width);
      this.push(INDENT, i);
    } else {
      while (width < this.indents[this.indents.length - 1]) {
        this.indents.pop();
        this.push(DEDENT, i);
      }
    }
    this.lineStart = this.tokens.length;
  }

  private onlyBlanksBefore(): boolean {
    for (let i = this.pos - 1; i >= 0 && this.src[i] !== '\n'; i--) if (!/\s/.test(this.src[i])) return false;
    return true;
  }

  private comment(): boolean {
    const { src, spec } = this;
    for (const open of spec.lineComments) {
      if (src.startsWith(open, this.pos)) {
        const end = src.indexOf('\n', this.pos);
        this.pos = end < 0 ? src.length : end;
        return true;
      }
    }
    const block = spec.blockComment;
    if (block && src.startsWith(block.open, this.pos)) {
      let i = this.pos + block.open.length;
      let level = 1;
      while (i < src.length && level > 0) {
        if (src.startsWith(block.close, i)) {
          level--;
          i += block.close.length;
        } else if (block.nested && src.startsWith(block.open, i)) {
          level++;
          i += block.open.length;
        } else i++;
      }
      this.advance(i - this.pos);
      return true;
    }
    return false;
  }

  /** `#include <…>` and the like: one token of the directive; its continued lines are skipped. */
  private directive(): void {
    const { src } = this;
    const start = this.pos;
    const match = /^#\s*([A-Za-z_]*)/.exec(src.slice(start, start + 64));
    let i = start;
    while (i < src.length && src[i] !== '\n') i += src[i] === '\\' && src[i + 1] === '\n' ? 2 : 1;
    // `#define` bodies are code a student writes: keep them as tokens; other directives are one token.
    if (match?.[1] === 'define') {
      this.push('#define', start);
      this.pos = start + match[0].length;
      return;
    }
    this.push(`#${match?.[1] ?? ''}`, start);
    this.advance(i - start);
  }

  private string(): boolean {
    const { src, spec } = this;
    const start = this.pos;
    const line = this.line;
    let i = this.pos;
    // A prefix such as f, b, u8 or r, then the quote.
    const prefix = /^[A-Za-z0-9]{1,3}/.exec(src.slice(i, i + 3))?.[0] ?? '';
    for (let len = prefix.length; len >= 0; len--) {
      const p = src.slice(i, i + len);
      if (len > 0 && !spec.stringPrefixes.has(p)) continue;
      const q = src[i + len];
      if (q === '"' || q === "'" || q === '`' || (spec.family === 'rust' && q === '#' && p.endsWith('r'))) {
        if (len > 0 && i > 0 && isIdentPart(src[i - 1])) return false;
        i += len;
        break;
      }
      if (len === 0) return false;
    }
    const rest = src.slice(i, i + 3);
    const raw = /r|R/.test(src.slice(start, i));
    let end: number;
    if (spec.family === 'rust' && raw && /^#*"/.test(src.slice(i))) {
      const hashes = /^#*/.exec(src.slice(i))![0];
      const close = '"' + hashes;
      const found = src.indexOf(close, i + hashes.length + 1);
      end = found < 0 ? src.length : found + close.length;
    } else if (spec.family === 'c' && raw && src[i] === '"') {
      // C++ raw string R"delim( … )delim".
      const open = /^"([^(\s]{0,16})\(/.exec(src.slice(i));
      const close = `)${open?.[1] ?? ''}"`;
      const found = src.indexOf(close, i + 1);
      end = found < 0 ? src.length : found + close.length;
    } else if (spec.tripleQuotes.includes(rest)) {
      end = this.until(i + 3, rest, !raw);
    } else if (src[i] === '`') {
      if (!spec.backquoteStrings) return false;
      end = this.template(i + 1);
    } else if (src[i] === "'" && spec.lifetimes) {
      // Rust: 'a' and '\n' are characters, 'a (no closing quote two characters on) a lifetime.
      const m = /^'(\\(x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]{1,6}\}|.)|[^\\'\n])'/u.exec(src.slice(i, i + 16));
      if (!m) return false;
      end = i + m[0].length;
    } else if (spec.quotes.includes(src[i])) {
      end = this.until(i + 1, src[i], !raw, true);
    } else return false;
    this.push(STR, start, line);
    this.advance(end - this.pos);
    return true;
  }

  /** The end of a string closed by `close`; an unterminated one-line string ends at the line's end. */
  private until(from: number, close: string, escapes: boolean, oneLine = false): number {
    const { src } = this;
    let i = from;
    while (i < src.length) {
      if (escapes && src[i] === '\\') i += 2;
      else if (src.startsWith(close, i)) return i + close.length;
      else if (oneLine && src[i] === '\n') return i;
      else i++;
    }
    return src.length;
  }

  /** Backquoted strings; JavaScript template literals may hold `${ … }` with strings of their own. */
  private template(from: number): number {
    const { src } = this;
    let i = from;
    let braces = 0;
    while (i < src.length) {
      const c = src[i];
      if (c === '\\' && this.spec.family === 'javascript') i += 2;
      else if (braces === 0 && c === '`') return i + 1;
      else if (this.spec.family === 'javascript' && c === '$' && src[i + 1] === '{') {
        braces++;
        i += 2;
      } else if (braces > 0 && c === '{') {
        braces++;
        i++;
      } else if (braces > 0 && c === '}') {
        braces--;
        i++;
      } else i++;
    }
    return src.length;
  }

  private number(): void {
    const { src } = this;
    const start = this.pos;
    let i = this.pos;
    if (src[i] === '0' && /[xXbBoO]/.test(src[i + 1] ?? '')) i += 2;
    while (i < src.length) {
      const c = src[i];
      if (isIdentPart(c) || (c === "'" && this.spec.family === 'c')) {
        // Exponent signs: 1e-9, 0x1p+3.
        if (/[eEpP]/.test(c) && /[+-]/.test(src[i + 1] ?? '') && isDigit(src[i + 2] ?? '')) i += 2;
        else i++;
      } else if (c === '.' && src[i + 1] !== '.' && !isIdentStart(src[i + 1] ?? '')) i++;
      else if (c === '.' && /[eEfF]/.test(src[i + 1] ?? '') && isDigit(src[i - 1])) i++;
      else break;
    }
    this.push(NUM, start);
    this.pos = i;
  }

  private word(): void {
    const { src, spec } = this;
    const start = this.pos;
    let i = this.pos + 1;
    while (i < src.length && isIdentPart(src[i])) i++;
    const text = src.slice(start, i);
    this.push(spec.keywords.has(text) ? text : ID, start);
    this.pos = i;
    if (text === 'lambda' && spec.indentation && this.depth === 0) this.lambdas++;
  }

  /**
   * Python: `if x: y` is the same program as `if x:` with `y` indented on the next line, so a body on the
   * header's line gets the NEWLINE and INDENT it would have there (and its DEDENT at the line's end).
   */
  private blockColon(): void {
    if (this.lambdas > 0) {
      this.lambdas--;
      return;
    }
    if (!COMPOUND.has(this.tokens[this.lineStart]?.kind ?? '')) return;
    const rest = /^[ \t]*(#|\n|$)/.exec(this.src.slice(this.pos, this.pos + 200));
    if (rest) return;
    this.push(NEWLINE, this.pos);
    this.push(INDENT, this.pos);
    this.inlineBlocks++;
    this.lineStart = this.tokens.length;
  }

  private operator(): void {
    const { src, spec } = this;
    const start = this.pos;
    let op = src[start];
    for (const candidate of spec.operators) {
      if (src.startsWith(candidate, start)) {
        op = candidate;
        break;
      }
    }
    this.pos += op.length;
    if (op === '(' || op === '[' || op === '{') this.depth++;
    else if ((op === ')' || op === ']' || op === '}') && this.depth > 0) this.depth--;
    if (op === ';' && spec.optionalSemicolons) return;
    // Python: `a = 1; b = 2` is two lines.
    if (op === ';' && spec.indentation) {
      this.endOfLine(true);
      return;
    }
    this.push(op, start);
    if (op === ':' && spec.indentation && this.depth === 0) this.blockColon();
  }
}
