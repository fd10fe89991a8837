import { comparisonGroup, type ProgramLanguage } from './families';
import { tokenize, type Token } from './tokenizer';
import { DEFAULT_WINNOW, kgramHashes, winnow, type WinnowOptions } from './winnowing';

/** A program to compare, with its language's family as its definition in languages.yaml names it. */
export interface ProgramInput extends ProgramLanguage {
  id: string;
  /** Programs of the same user are never compared with each other. */
  userId: string;
  source: string;
}

/** Matching lines, 1-based and inclusive, in the two sources (the shape of the contract's PlagiarismRegion). */
export interface MatchRegion {
  a: { startLine: number; endLine: number };
  b: { startLine: number; endLine: number };
}

export interface PairMatch {
  a: string;
  b: string;
  /** 0–1: shared fingerprints over the smaller of the two programs' fingerprint counts. */
  similarity: number;
  /** Shared fingerprints (distinct hashes). */
  shared: number;
  /** In the order of program a's lines. */
  regions: MatchRegion[];
}

export interface CompareOptions extends WinnowOptions {
  /**
   * Code every program may contain, such as a template the teacher handed out: fingerprints of any of its
   * k-grams are not evidence, whatever the window picked.
   */
  boilerplate: (ProgramLanguage & { source: string })[];
  /**
   * Fingerprints found in more than this share of the programs of a family are common idioms and ignored
   * (1: never). Applied only with at least `commonMinPrograms` programs in the family: among a few programs,
   * two of three sharing a fingerprint is what a copy looks like.
   */
  commonShare: number;
  commonMinPrograms: number;
  /** Pairs below this similarity are left out. */
  minSimilarity: number;
}

export const DEFAULT_COMPARE: CompareOptions = {
  ...DEFAULT_WINNOW,
  boilerplate: [],
  commonShare: 0.5,
  commonMinPrograms: 10,
  minSimilarity: 0,
};

interface Prepared {
  input: ProgramInput;
  /** comparisonGroup of the input. */
  family: string;
  tokens: Token[];
  /** Fingerprints that count, by hash (a hash may be selected at several positions). */
  byHash: Map<number, number[]>;
}

/**
 * Every pair of programs of different users in the same language family that shares a fingerprint, most
 * similar first. Fingerprints are indexed by hash, so only programs that share one are ever paired.
 */
export function comparePrograms(programs: readonly ProgramInput[], options: Partial<CompareOptions> = {}): PairMatch[] {
  const opts = { ...DEFAULT_COMPARE, ...options };
  const prepared = programs.map((p) => prepare(p, opts));
  dropCommon(prepared, opts);

  // hash → programs holding it, within each family.
  const index = new Map<string, number[]>();
  prepared.forEach((p, i) => {
    for (const hash of p.byHash.keys()) {
      const key = `${p.family}\u0000${hash}`;
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
  });
  const sharedCounts = new Map<string, number>();
  for (const holders of index.values()) {
    for (let x = 0; x < holders.length; x++) {
      for (let y = x + 1; y < holders.length; y++) {
        const [i, j] = [holders[x], holders[y]];
        if (prepared[i].input.userId === prepared[j].input.userId) continue;
        const key = `${i}:${j}`;
        sharedCounts.set(key, (sharedCounts.get(key) ?? 0) + 1);
      }
    }
  }

  const pairs: PairMatch[] = [];
  for (const [key, shared] of sharedCounts) {
    const [i, j] = key.split(':').map(Number);
    const [a, b] = [prepared[i], prepared[j]];
    const similarity = shared / Math.min(a.byHash.size, b.byHash.size);
    if (similarity < opts.minSimilarity) continue;
    pairs.push({ a: a.input.id, b: b.input.id, similarity, shared, regions: regionsOf(a, b, opts.k) });
  }
  return pairs.sort((x, y) => y.similarity - x.similarity || y.shared - x.shared || x.a.localeCompare(y.a));
}

/** Two programs compared whatever their users and languages (tests, a teacher's one-off check). */
export function compareTwo(
  a: Omit<ProgramInput, 'id' | 'userId'>,
  b: Omit<ProgramInput, 'id' | 'userId'>,
  options: Partial<CompareOptions> = {},
): PairMatch {
  const opts = { ...DEFAULT_COMPARE, ...options };
  const pa = prepare({ ...a, id: 'a', userId: 'a' }, opts);
  const pb = prepare({ ...b, id: 'b', userId: 'b' }, opts);
  let shared = 0;
  for (const hash of pa.byHash.keys()) if (pb.byHash.has(hash)) shared++;
  const smaller = Math.min(pa.byHash.size, pb.byHash.size);
  return {
    a: 'a',
    b: 'b',
    similarity: smaller === 0 ? 0 : shared / smaller,
    shared,
    regions: regionsOf(pa, pb, opts.k),
  };
}

function prepare(input: ProgramInput, opts: CompareOptions): Prepared {
  const family = comparisonGroup(input);
  const tokens = tokenize(input.source, input.family);
  const ignored = new Set<number>();
  for (const template of opts.boilerplate) {
    if (comparisonGroup(template) !== family) continue;
    for (const hash of kgramHashes(tokenize(template.source, template.family), opts.k)) ignored.add(hash);
  }
  const byHash = new Map<number, number[]>();
  for (const { hash, position } of winnow(tokens, opts)) {
    if (ignored.has(hash)) continue;
    const positions = byHash.get(hash);
    if (positions) positions.push(position);
    else byHash.set(hash, [position]);
  }
  return { input, family, tokens, byHash };
}

function dropCommon(prepared: Prepared[], opts: CompareOptions): void {
  if (opts.commonShare >= 1) return;
  const families = new Map<string, Prepared[]>();
  for (const p of prepared) families.set(p.family, [...(families.get(p.family) ?? []), p]);
  for (const members of families.values()) {
    if (members.length < opts.commonMinPrograms) continue;
    const holders = new Map<number, number>();
    for (const p of members) for (const hash of p.byHash.keys()) holders.set(hash, (holders.get(hash) ?? 0) + 1);
    for (const [hash, count] of holders) {
      if (count / members.length > opts.commonShare) for (const p of members) p.byHash.delete(hash);
    }
  }
}

interface Span {
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
}

/** Positions of a hash paired across the two programs are capped: a line repeated many times says little. */
const MAX_OCCURRENCES = 4;

/**
 * The shared fingerprints mapped back to token ranges, merged where they overlap or touch in both programs
 * (consecutive fingerprints of one copied stretch overlap, as w ≤ k), then turned into line ranges.
 */
function regionsOf(a: Prepared, b: Prepared, k: number): MatchRegion[] {
  const spans: Span[] = [];
  for (const [hash, aPositions] of a.byHash) {
    const bPositions = b.byHash.get(hash);
    if (!bPositions) continue;
    for (const pa of aPositions.slice(0, MAX_OCCURRENCES))
      for (const pb of bPositions.slice(0, MAX_OCCURRENCES))
        spans.push({
          aFrom: pa,
          aTo: Math.min(pa + k, a.tokens.length) - 1,
          bFrom: pb,
          bTo: Math.min(pb + k, b.tokens.length) - 1,
        });
  }
  spans.sort((x, y) => x.aFrom - y.aFrom || x.bFrom - y.bFrom);

  const merged: Span[] = [];
  for (const span of spans) {
    const near = merged.find(
      (m) => span.aFrom <= m.aTo + 1 && span.aTo >= m.aFrom - 1 && span.bFrom <= m.bTo + 1 && span.bTo >= m.bFrom - 1,
    );
    if (near) {
      near.aFrom = Math.min(near.aFrom, span.aFrom);
      near.aTo = Math.max(near.aTo, span.aTo);
      near.bFrom = Math.min(near.bFrom, span.bFrom);
      near.bTo = Math.max(near.bTo, span.bTo);
    } else merged.push({ ...span });
  }

  const regions = merged.map((m) => ({
    a: { startLine: a.tokens[m.aFrom].line, endLine: a.tokens[m.aTo].line },
    b: { startLine: b.tokens[m.bFrom].line, endLine: b.tokens[m.bTo].line },
  }));
  return mergeLines(regions);
}

/** Regions whose line ranges overlap or touch in both sources become one. */
function mergeLines(regions: MatchRegion[]): MatchRegion[] {
  const out: MatchRegion[] = [];
  // Touching counts: a copied stretch is often found as two regions that meet at one line.
  const overlaps = (x: { startLine: number; endLine: number }, y: { startLine: number; endLine: number }) =>
    x.startLine <= y.endLine + 1 && y.startLine <= x.endLine + 1;
  for (const region of regions.sort((x, y) => x.a.startLine - y.a.startLine || x.b.startLine - y.b.startLine)) {
    const near = out.find((r) => overlaps(r.a, region.a) && overlaps(r.b, region.b));
    if (near) {
      near.a = {
        startLine: Math.min(near.a.startLine, region.a.startLine),
        endLine: Math.max(near.a.endLine, region.a.endLine),
      };
      near.b = {
        startLine: Math.min(near.b.startLine, region.b.startLine),
        endLine: Math.max(near.b.endLine, region.b.endLine),
      };
    } else out.push({ a: { ...region.a }, b: { ...region.b } });
  }
  return out;
}
