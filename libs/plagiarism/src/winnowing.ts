import type { Token } from './tokenizer';

/**
 * Winnowing (Schleimer, Wilkerson and Aiken, "Winnowing: local algorithms for document fingerprinting",
 * SIGMOD 2003): hash every k-gram of tokens, then keep the smallest hash of every window of w consecutive
 * k-grams. Any run of at least t = w + k − 1 tokens shared by two programs yields a shared fingerprint, and
 * no run shorter than k does.
 */
export interface WinnowOptions {
  /** Tokens per k-gram: the noise threshold; shorter common runs are never matched. */
  k: number;
  /** k-grams per window; the guarantee threshold is w + k − 1 tokens. */
  w: number;
}

/**
 * k = 12 tokens is about one and a half short statements: `for (int i = 0; i < n; i++)` is 14. Shorter k-grams
 * survive a renamed, reformatted copy with a dead line or two statements swapped better (each edit breaks
 * k − 1 k-grams around it), longer ones match less between independent solutions. On our test programs
 * (test-data/) k = 12 and w = 5 put every disguised copy at 0.82 or more and every pair of independent
 * solutions at 0.09 or less; k = 15 kept the independents as low but let one copy fall to 0.77, k = 10 let an
 * independent pair rise to 0.17 with w = 6. w = 5 puts the guarantee at 16 tokens (about two statements) and
 * keeps about 2/(w+1) = 1/3 of the k-grams, plenty for short programs.
 */
export const DEFAULT_WINNOW: WinnowOptions = { k: 12, w: 5 };

export interface Fingerprint {
  hash: number;
  /** Index of the k-gram's first token; the k-gram covers tokens [position, position + k − 1]. */
  position: number;
}

/** A 32-bit FNV-1a hash of a token kind. */
function kindHash(kind: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < kind.length; i++) {
    h ^= kind.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashes of every k-gram, by position (a program shorter than k is one k-gram of all its tokens). */
export function kgramHashes(tokens: readonly Token[], k: number): number[] {
  const kinds = tokens.map((t) => kindHash(t.kind));
  const count = kinds.length === 0 ? 0 : Math.max(1, kinds.length - k + 1);
  const hashes: number[] = [];
  for (let p = 0; p < count; p++) {
    // A polynomial hash over the k-gram, mixed at the end; k is small, so no rolling is needed.
    let h = 0x9e3779b9;
    const end = Math.min(p + k, kinds.length);
    for (let i = p; i < end; i++) h = (Math.imul(h, 0x01000193) ^ kinds[i]) >>> 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    hashes.push(h >>> 0);
  }
  return hashes;
}

/**
 * The fingerprints of a program: in every window of w k-gram hashes the smallest (the rightmost of equal
 * ones), each selected position recorded once.
 */
export function winnow(tokens: readonly Token[], options: WinnowOptions = DEFAULT_WINNOW): Fingerprint[] {
  const hashes = kgramHashes(tokens, options.k);
  const w = Math.max(1, options.w);
  const fingerprints: Fingerprint[] = [];
  if (hashes.length <= w) {
    // Fewer k-grams than one window: the one window's minimum.
    if (hashes.length > 0) fingerprints.push(minimumOf(hashes, 0, hashes.length));
    return fingerprints;
  }
  let last = -1;
  for (let start = 0; start + w <= hashes.length; start++) {
    const chosen = minimumOf(hashes, start, start + w);
    if (chosen.position !== last) {
      fingerprints.push(chosen);
      last = chosen.position;
    }
  }
  return fingerprints;
}

function minimumOf(hashes: readonly number[], from: number, to: number): Fingerprint {
  let position = from;
  for (let i = from + 1; i < to; i++) if (hashes[i] <= hashes[position]) position = i;
  return { hash: hashes[position], position };
}
