/**
 * The default output validator of the ICPC/Kattis problem package format (legacy, and 2025-09 which was the
 * 2023-07 draft). Semantics follow the 2025-09 spec text; where it is silent we follow problemtools'
 * default_validator (the reference implementation).
 *
 * Both files are walked byte by byte in one pass: only the tokens being compared as numbers, and the few bytes
 * quoted in a message, are ever turned into strings, so 64 MiB outputs cost no more than a scan.
 *
 * Where the spec's text is explicit we follow it even though the reference, built on C strings and sscanf, differs:
 * numbers are decimal only (the reference also takes hex like `0x10`, and `1e` as 1), tokens compare byte for byte
 * (the reference stops at a NUL byte), and repeated or conflicting tolerance flags are package errors.
 */

export interface DefaultValidatorOptions {
  /** `case_sensitive`: tokens must be identical byte for byte (otherwise ASCII A-Z equal a-z). */
  caseSensitive: boolean;
  /** `space_change_sensitive`: every whitespace run, leading and trailing included, must be identical. */
  spaceChangeSensitive: boolean;
  /** `float_absolute_tolerance` (or `float_tolerance`); null when not given. */
  floatAbsoluteTolerance: number | null;
  /** `float_relative_tolerance` (or `float_tolerance`); null when not given. */
  floatRelativeTolerance: number | null;
}

export interface DefaultValidatorResult {
  accepted: boolean;
  /** Judge message for feedback: empty when accepted, otherwise starts with `wrong answer`. */
  message: string;
}

/** The package's validator flags are wrong: a problem package error, not the submission's fault. */
export class InvalidValidatorFlagsError extends Error {
  override readonly name = 'InvalidValidatorFlagsError';

  constructor(
    message: string,
    /** The offending flag. */
    readonly flag: string,
  ) {
    super(message);
  }
}

type ToleranceFlag = 'float_tolerance' | 'float_absolute_tolerance' | 'float_relative_tolerance';

/** Parses the default validator's command-line flags (`output_validator_flags` split on whitespace). */
export function parseDefaultValidatorFlags(flags: readonly string[]): DefaultValidatorOptions {
  const options: DefaultValidatorOptions = {
    caseSensitive: false,
    spaceChangeSensitive: false,
    floatAbsoluteTolerance: null,
    floatRelativeTolerance: null,
  };
  const seen: ToleranceFlag[] = [];
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i];
    switch (flag) {
      case 'case_sensitive':
        options.caseSensitive = true;
        break;
      case 'space_change_sensitive':
        options.spaceChangeSensitive = true;
        break;
      case 'float_tolerance':
      case 'float_absolute_tolerance':
      case 'float_relative_tolerance': {
        // 2025-09: each tolerance at most once, and float_tolerance never alongside the other two.
        if (seen.includes(flag)) {
          throw new InvalidValidatorFlagsError(`default validator flag "${flag}" is given more than once`, flag);
        }
        const clash = flag === 'float_tolerance' ? seen[0] : seen.find((f) => f === 'float_tolerance');
        if (clash !== undefined) {
          throw new InvalidValidatorFlagsError(
            `default validator flag "${flag}" cannot be combined with "${clash}" (float_tolerance sets both tolerances)`,
            flag,
          );
        }
        seen.push(flag);
        if (i + 1 >= flags.length) {
          throw new InvalidValidatorFlagsError(`default validator flag "${flag}" needs a value`, flag);
        }
        const text = flags[++i];
        const value = /^[\x21-\x7e]+$/.test(text) ? parseDecimal(Buffer.from(text, 'latin1'), 0, text.length) : null;
        // A negative tolerance could never accept anything: surely a package mistake, so report it.
        if (value === null || value < 0) {
          throw new InvalidValidatorFlagsError(
            `default validator flag "${flag}" has an invalid value "${text}" (expected a non-negative decimal number)`,
            flag,
          );
        }
        if (flag !== 'float_relative_tolerance') options.floatAbsoluteTolerance = value;
        if (flag !== 'float_absolute_tolerance') options.floatRelativeTolerance = value;
        break;
      }
      default:
        throw new InvalidValidatorFlagsError(`unknown default validator flag "${flag}"`, flag);
    }
  }
  return options;
}

/**
 * Compares a submission's output with the judge's answer the way the spec's default output validator does.
 * Linear in the size of both buffers.
 */
export function defaultValidate(
  answer: Buffer,
  output: Buffer,
  options: DefaultValidatorOptions,
): DefaultValidatorResult {
  const ans = new Cursor(answer);
  const out = new Cursor(output);
  const { floatAbsoluteTolerance: absTol, floatRelativeTolerance: relTol } = options;
  const useFloats = absTol !== null || relTol !== null;

  // `token` is the 1-based index of the next answer token.
  let token = 1;
  for (; ; token++) {
    if (options.spaceChangeSensitive) {
      const problem = matchWhitespace(ans, out, token);
      if (problem !== null) return reject(`${problem}${where(ans, out)}`);
    } else {
      ans.skipWhitespace();
      out.skipWhitespace();
    }
    if (ans.atEnd()) break;

    const aStart = ans.pos;
    const aEnd = ans.tokenEnd();
    if (out.atEnd()) {
      const note = token > 1 ? '' : output.length === 0 ? ', output is empty' : ', output contains only whitespace';
      return reject(
        `wrong answer on token ${token}: expected ${quote(answer, aStart, aEnd)}, got end of output${note}${where(ans, out)}`,
      );
    }
    const oStart = out.pos;
    const oEnd = out.tokenEnd();

    const expected = useFloats ? parseDecimal(answer, aStart, aEnd) : null;
    if (expected !== null) {
      const got = parseDecimal(output, oStart, oEnd);
      const error = got === null ? NaN : Math.abs(got - expected);
      const withinAbs = absTol !== null && error <= absTol;
      const withinRel = relTol !== null && error <= relTol * Math.abs(expected);
      if (!withinAbs && !withinRel) {
        const detail = got === null ? 'which is not a decimal number' : describeError(error, expected, absTol, relTol);
        return reject(
          `wrong answer on token ${token}: expected ${quote(answer, aStart, aEnd)}, got ${quote(output, oStart, oEnd)}, ${detail}${where(ans, out)}`,
        );
      }
    } else if (!tokensEqual(answer, aStart, aEnd, output, oStart, oEnd, options.caseSensitive)) {
      const [shownAnswer, shownOutput] = quotePair(answer, aStart, aEnd, output, oStart, oEnd, options.caseSensitive);
      return reject(`wrong answer on token ${token}: expected ${shownAnswer}, got ${shownOutput}${where(ans, out)}`);
    }
    ans.pos = aEnd;
    out.pos = oEnd;
  }

  // Whitespace is already consumed (or, when space sensitive, known to be absent), so anything left is a token.
  if (!out.atEnd()) {
    const start = out.pos;
    return reject(
      `wrong answer on token ${token}: expected end of output, got trailing output ${quote(output, start, out.tokenEnd())} (line ${out.line} of output)`,
    );
  }
  return { accepted: true, message: '' };
}

function reject(message: string): DefaultValidatorResult {
  return { accepted: false, message };
}

/** The spec's whitespace: space, \t, \n, \v, \f, \r (C's isspace in the C locale). */
function isWhitespace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

/** A read position in one file, with its 1-based line number for messages. */
class Cursor {
  pos = 0;
  line = 1;

  constructor(readonly buf: Buffer) {}

  atEnd(): boolean {
    return this.pos >= this.buf.length;
  }

  skipWhitespace(): void {
    const buf = this.buf;
    let pos = this.pos;
    while (pos < buf.length && isWhitespace(buf[pos])) {
      if (buf[pos] === 0x0a) this.line++;
      pos++;
    }
    this.pos = pos;
  }

  /** End of the token starting at pos (pos must be at a non-whitespace byte). Does not move. */
  tokenEnd(): number {
    const buf = this.buf;
    let end = this.pos;
    while (end < buf.length && !isWhitespace(buf[end])) end++;
    return end;
  }
}

/**
 * space_change_sensitive: the output's whitespace run before the next token (or the end) must equal the answer's,
 * byte for byte. Returns a message on the first difference, or null (both cursors then sit past the run).
 */
function matchWhitespace(ans: Cursor, out: Cursor, token: number): string | null {
  const position = token === 1 ? 'before the first token' : `after token ${token - 1}`;
  while (!ans.atEnd() && isWhitespace(ans.buf[ans.pos])) {
    const expected = ans.buf[ans.pos];
    if (out.atEnd() || out.buf[out.pos] !== expected) {
      return `wrong answer on whitespace ${position}: expected ${describeWhitespace(ans.buf[ans.pos])}, got ${describeNext(out)}`;
    }
    if (expected === 0x0a) {
      ans.line++;
      out.line++;
    }
    ans.pos++;
    out.pos++;
  }
  if (!out.atEnd() && isWhitespace(out.buf[out.pos])) {
    return `wrong answer on whitespace ${position}: expected ${describeNext(ans)}, got ${describeWhitespace(out.buf[out.pos])}`;
  }
  return null;
}

function describeWhitespace(byte: number): string {
  switch (byte) {
    case 0x20:
      return 'space';
    case 0x09:
      return 'tab';
    case 0x0a:
      return 'newline';
    case 0x0d:
      return 'carriage return';
    case 0x0b:
      return 'vertical tab';
    default:
      return 'form feed';
  }
}

/** What comes next at a cursor that is not at whitespace: the end, or the token there. */
function describeNext(cursor: Cursor): string {
  if (cursor.atEnd()) return 'end of output';
  const byte = cursor.buf[cursor.pos];
  if (isWhitespace(byte)) return describeWhitespace(byte);
  return quote(cursor.buf, cursor.pos, cursor.tokenEnd());
}

function where(ans: Cursor, out: Cursor): string {
  return ans.line === out.line ? ` (line ${out.line})` : ` (line ${out.line} of output, line ${ans.line} of answer)`;
}

function foldCase(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
}

function tokensEqual(
  a: Buffer,
  aStart: number,
  aEnd: number,
  b: Buffer,
  bStart: number,
  bEnd: number,
  caseSensitive: boolean,
): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  if (a.compare(b, bStart, bEnd, aStart, aEnd) === 0) return true;
  if (caseSensitive) return false;
  // Only ASCII letters fold (spec); other bytes, including non-ASCII ones, must be identical.
  for (let i = aStart, j = bStart; i < aEnd; i++, j++) {
    if (foldCase(a[i]) !== foldCase(b[j])) return false;
  }
  return true;
}

/**
 * The spec's float grammar: `[+-]? (digits? '.' digits | digits '.'? ) ([eE] [+-]? digits)?`, decimal only, so
 * no hex, inf or nan. Returns null for anything else, and (like the reference) for values outside the double range,
 * which are then compared as strings.
 */
function parseDecimal(buf: Buffer, start: number, end: number): number | null {
  let i = start;
  if (i < end && (buf[i] === 0x2b || buf[i] === 0x2d)) i++;
  let digits = 0;
  while (i < end && isDigit(buf[i])) {
    i++;
    digits++;
  }
  if (i < end && buf[i] === 0x2e) {
    i++;
    while (i < end && isDigit(buf[i])) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return null;
  if (i < end && (buf[i] === 0x65 || buf[i] === 0x45)) {
    i++;
    if (i < end && (buf[i] === 0x2b || buf[i] === 0x2d)) i++;
    const exponentStart = i;
    while (i < end && isDigit(buf[i])) i++;
    if (i === exponentStart) return null;
  }
  if (i !== end) return null;
  // The grammar is a subset of JavaScript's numeric string syntax, and Number() rounds correctly.
  const value = Number(buf.toString('latin1', start, end));
  return Number.isFinite(value) ? value : null;
}

function describeError(error: number, expected: number, absTol: number | null, relTol: number | null): string {
  const parts: string[] = [];
  if (absTol !== null) parts.push(`absolute error ${formatExceeding(error, absTol)}`);
  if (relTol !== null) {
    parts.push(
      expected === 0
        ? 'relative error undefined as the answer is 0'
        : `relative error ${formatExceeding(error / Math.abs(expected), relTol)}`,
    );
  }
  return parts.join(', ');
}

/** `error > tolerance` with just enough digits that the two printed numbers differ. */
function formatExceeding(error: number, tolerance: number): string {
  for (let digits = 3; ; digits++) {
    const e = Number(error.toPrecision(digits));
    const t = Number(tolerance.toPrecision(digits));
    if (e !== t || digits >= 17) return `${e} > ${t}`;
  }
}

/** Characters of a token shown in a message, at most (escapes included). */
const SHOWN_CHARS = 100;

/** A token for a message: quoted, escaped, and cut to about SHOWN_CHARS characters from byte `from` on. */
function quote(buf: Buffer, start: number, end: number, from = start): string {
  let shownStart = Math.max(start, Math.min(from, end - SHOWN_CHARS));
  // Start on a character boundary when the token is UTF-8 (invalid bytes are escaped anyway).
  for (let k = 0; k < 3 && shownStart > start && isContinuation(buf[shownStart]); k++) shownStart--;
  const { text, stop } = render(buf, shownStart, end, SHOWN_CHARS);
  return `"${shownStart > start ? '...' : ''}${text}${stop < end ? '...' : ''}"`;
}

/** Two differing tokens for a message; when long, both are shown from shortly before their first difference. */
function quotePair(
  a: Buffer,
  aStart: number,
  aEnd: number,
  b: Buffer,
  bStart: number,
  bEnd: number,
  caseSensitive: boolean,
): [string, string] {
  const common = Math.min(aEnd - aStart, bEnd - bStart);
  let diff = 0;
  while (diff < common) {
    const x = a[aStart + diff];
    const y = b[bStart + diff];
    if (caseSensitive ? x !== y : foldCase(x) !== foldCase(y)) break;
    diff++;
  }
  const skip = diff > SHOWN_CHARS / 2 ? diff - 20 : 0;
  return [quote(a, aStart, aEnd, aStart + skip), quote(b, bStart, bEnd, bStart + skip)];
}

function isContinuation(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

/**
 * Printable ASCII and valid UTF-8 as is; quotes, backslashes, control characters and invalid bytes escaped.
 * Stops before the text would exceed `budget` characters; `stop` is the first byte not rendered.
 */
function render(buf: Buffer, start: number, end: number, budget: number): { text: string; stop: number } {
  let text = '';
  let i = start;
  while (i < end) {
    const byte = buf[i];
    let piece: string;
    let length = 1;
    if (byte >= 0x20 && byte < 0x7f) {
      piece = byte === 0x22 || byte === 0x5c ? `\\${String.fromCharCode(byte)}` : String.fromCharCode(byte);
    } else {
      length = utf8SequenceLength(buf, i, end);
      if (length > 0) {
        piece = buf.toString('utf8', i, i + length);
      } else {
        piece = `\\x${byte.toString(16).padStart(2, '0')}`;
        length = 1;
      }
    }
    if (text.length + piece.length > budget) break;
    text += piece;
    i += length;
  }
  return { text, stop: i };
}

/** Length of the well-formed UTF-8 sequence at i that encodes a printable (non-C1) character, else 0. */
function utf8SequenceLength(buf: Buffer, i: number, end: number): number {
  const lead = buf[i];
  let length: number;
  let min = 0x80;
  let max = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
    // U+0080..U+009F are C1 control characters.
    if (lead === 0xc2) min = 0xa0;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) min = 0xa0; // overlong
    if (lead === 0xed) max = 0x9f; // surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) min = 0x90; // overlong
    if (lead === 0xf4) max = 0x8f; // above U+10FFFF
  } else {
    return 0;
  }
  if (i + length > end) return 0;
  if (buf[i + 1] < min || buf[i + 1] > max) return 0;
  for (let k = 2; k < length; k++) {
    if (!isContinuation(buf[i + k])) return 0;
  }
  return length;
}
