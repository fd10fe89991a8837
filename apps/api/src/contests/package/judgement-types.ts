import type { Verdict } from '@judge/contract';

/**
 * Our verdicts and the CCS judgement types (judgement-types.json), in one table: export writes the first id of a
 * verdict's row, import reads every id of the row. JE is not a CCS type; it travels under its own id.
 */
const JUDGEMENT_TYPES: readonly {
  verdict: Verdict;
  /** CCS ids, the one we write first; the others are what DOMjudge and other systems also send. */
  ids: readonly string[];
  name: string;
}[] = [
  { verdict: 'AC', ids: ['AC'], name: 'Accepted' },
  { verdict: 'WA', ids: ['WA', 'PE', 'NO', 'APE', 'EO', 'IO'], name: 'Wrong Answer' },
  { verdict: 'TLE', ids: ['TLE'], name: 'Time Limit Exceeded' },
  { verdict: 'MLE', ids: ['MLE'], name: 'Memory Limit Exceeded' },
  { verdict: 'OLE', ids: ['OLE'], name: 'Output Limit Exceeded' },
  { verdict: 'RE', ids: ['RTE', 'RE'], name: 'Run-Time Error' },
  { verdict: 'CE', ids: ['CE'], name: 'Compiler Error' },
  { verdict: 'JE', ids: ['JE'], name: 'Judge Error' },
];

/** The CCS judgement type id of a verdict. */
export function judgementTypeOf(verdict: Verdict): string {
  return (JUDGEMENT_TYPES.find((t) => t.verdict === verdict) ?? JUDGEMENT_TYPES[JUDGEMENT_TYPES.length - 1]).ids[0];
}

/** The verdict of a CCS judgement type id, or null for one this judge does not know. */
export function verdictOfJudgementType(id: string): Verdict | null {
  return JUDGEMENT_TYPES.find((t) => t.ids.includes(id.toUpperCase()))?.verdict ?? null;
}

/** judgement-types.json: the types export writes, as the CCS Contest API describes them. */
export function judgementTypesJson(): { id: string; name: string; penalty: boolean; solved: boolean }[] {
  return JUDGEMENT_TYPES.map((t) => ({
    id: t.ids[0],
    name: t.name,
    // Compile and judge errors are not attempts under our ICPC rule (scoring/icpc-rule.ts).
    penalty: !['AC', 'CE', 'JE'].includes(t.verdict),
    solved: t.verdict === 'AC',
  }));
}

/** Our language ids and the CCS ones where they differ (CCS and DOMjudge call Python 3 `python3`). */
const LANGUAGE_IDS: readonly { ours: string; ccs: readonly string[] }[] = [
  { ours: 'python', ccs: ['python3', 'py3'] },
  { ours: 'javascript', ccs: ['javascript', 'js'] },
  { ours: 'csharp', ccs: ['csharp', 'cs'] },
];

export function ccsLanguageOf(ours: string): string {
  return LANGUAGE_IDS.find((l) => l.ours === ours)?.ccs[0] ?? ours;
}

/** Our language id of a CCS language id (unknown ones as written, for the registry to judge). */
export function languageOfCcs(ccs: string): string {
  return LANGUAGE_IDS.find((l) => l.ccs.includes(ccs.toLowerCase()))?.ours ?? ccs.toLowerCase();
}
