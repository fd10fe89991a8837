import { describe, expect, it } from 'vitest';
import { VERDICTS } from '@judge/contract';
import {
  ccsLanguageOf,
  judgementTypeOf,
  judgementTypesJson,
  languageOfCcs,
  verdictOfJudgementType,
} from './judgement-types';

describe('judgement types', () => {
  it('every verdict goes out and comes back as itself', () => {
    for (const verdict of VERDICTS) expect(verdictOfJudgementType(judgementTypeOf(verdict))).toBe(verdict);
  });

  it('writes the CCS ids, and reads the ids DOMjudge also uses', () => {
    expect(judgementTypeOf('RE')).toBe('RTE');
    expect(judgementTypeOf('CE')).toBe('CE');
    expect(verdictOfJudgementType('NO')).toBe('WA');
    expect(verdictOfJudgementType('pe')).toBe('WA');
    expect(verdictOfJudgementType('RE')).toBe('RE');
    expect(verdictOfJudgementType('XX')).toBeNull();
  });

  it('lists each type once, only AC solving, compile and judge errors without penalty', () => {
    const types = judgementTypesJson();
    expect(new Set(types.map((t) => t.id)).size).toBe(VERDICTS.length);
    expect(types.filter((t) => t.solved).map((t) => t.id)).toEqual(['AC']);
    expect(types.filter((t) => !t.penalty).map((t) => t.id)).toEqual(['AC', 'CE', 'JE']);
  });

  it('maps Python 3 to the CCS id and back, other languages as they are', () => {
    expect(ccsLanguageOf('python')).toBe('python3');
    expect(languageOfCcs('python3')).toBe('python');
    expect(ccsLanguageOf('cpp')).toBe('cpp');
    expect(languageOfCcs('CPP')).toBe('cpp');
  });
});
