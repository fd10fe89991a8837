import { verdictCounts, type CcsJudgementType, type Verdict } from '@judge/contract';

/*
 * The CCS Contest API's value formats and the one table from our verdicts to its judgement types. Pure, tested in
 * ccs-format.spec.ts.
 */

/** TIME: ISO 8601 with milliseconds, in UTC (the specification wants the same optional parts everywhere). */
export function absTime(at: Date): string {
  return at.toISOString();
}

/** RELTIME: `(-)h:mm:ss.uuu`, from milliseconds. */
export function relTime(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const total = Math.abs(Math.round(ms));
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const seconds = Math.floor((total % 60_000) / 1000);
  const millis = total % 1000;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${sign}${hours}:${two(minutes)}:${two(seconds)}.${String(millis).padStart(3, '0')}`;
}

/** Seconds as the specification's numbers (multiples of 0.001), from milliseconds. */
export function seconds(ms: number): number {
  return Math.round(ms) / 1000;
}

/**
 * Our verdicts as the specification's known judgement types. Ours `RE` is a run-time error, the specification's
 * `RTE` (its `RE` means "rejected"). Penalty follows our ICPC rule: compile and judge errors cost nothing.
 */
export const JUDGEMENT_TYPE_OF: Readonly<Record<Verdict, string>> = {
  AC: 'AC',
  WA: 'WA',
  TLE: 'TLE',
  MLE: 'MLE',
  OLE: 'OLE',
  RE: 'RTE',
  CE: 'CE',
  JE: 'JE',
};

const JUDGEMENT_TYPE_NAMES: Readonly<Record<string, string>> = {
  AC: 'Accepted',
  WA: 'Wrong Answer',
  TLE: 'Time Limit Exceeded',
  MLE: 'Memory Limit Exceeded',
  OLE: 'Output Limit Exceeded',
  RTE: 'Run-Time Error',
  CE: 'Compile Error',
  JE: 'Judging Error',
};

/** The judgement types of our verdicts; `penalty` only where the contest has a penalty time (pass-fail). */
export function judgementTypes(withPenalty: boolean): CcsJudgementType[] {
  return (Object.entries(JUDGEMENT_TYPE_OF) as [Verdict, string][]).map(([verdict, id]) => ({
    id,
    name: JUDGEMENT_TYPE_NAMES[id] ?? id,
    ...(withPenalty ? { penalty: verdict !== 'AC' && verdictCounts(verdict) } : {}),
    solved: verdict === 'AC',
  })) as CcsJudgementType[];
}

/** The specification's known language ids: a language is served under the first of its id and codes listed here. */
const KNOWN_LANGUAGE_IDS = new Set([
  'ada',
  'c',
  'cpp',
  'csharp',
  'go',
  'haskell',
  'java',
  'javascript',
  'kotlin',
  'objectivec',
  'pascal',
  'php',
  'prolog',
  'python2',
  'python3',
  'ruby',
  'rust',
  'scala',
]);

/** Our language id as the Contest API's (`python` is `python3`); unknown ones keep ours. */
export function ccsLanguageId(id: string, codes: readonly string[] = []): string {
  return [id, ...codes].find((c) => KNOWN_LANGUAGE_IDS.has(c)) ?? id;
}

/**
 * IDs are at most 36 characters, as long as our uuids: a run is its submission's uuid without dashes and its
 * ordinal in base 36, an answer its question's uuid without dashes and `-r`.
 */
export function runId(submissionId: string, ordinal: number): string {
  return `${submissionId.replace(/-/g, '')}-${ordinal.toString(36)}`;
}

export function replyId(clarificationId: string): string {
  return `${clarificationId.replace(/-/g, '')}-r`;
}

/** Object keys sorted at every level: two objects compare equal whatever the order of their keys. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
