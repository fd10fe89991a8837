import { describe, expect, it } from 'vitest';
import { VERDICTS } from '@judge/contract';
import {
  canonicalJson,
  ccsLanguageId,
  JUDGEMENT_TYPE_OF,
  judgementTypes,
  relTime,
  replyId,
  runId,
  seconds,
} from './ccs-format';

describe('the Contest API formats', () => {
  it('writes RELTIME as h:mm:ss.uuu, hours unbounded, negative before the start', () => {
    expect(relTime(0)).toBe('0:00:00.000');
    // 5 h 0 min 0 s: a contest's duration.
    expect(relTime(5 * 3_600_000)).toBe('5:00:00.000');
    // 1 h 22 min 5.034 s, the specification's own example.
    expect(relTime(3_600_000 + 22 * 60_000 + 5_034)).toBe('1:22:05.034');
    expect(relTime(-90_500)).toBe('-0:01:30.500');
    expect(relTime(27 * 3_600_000)).toBe('27:00:00.000');
  });

  it('gives seconds in thousandths', () => {
    expect(seconds(1234)).toBe(1.234);
    expect(seconds(2000)).toBe(2);
  });

  it('maps every verdict to a known judgement type; our RE is the specification’s RTE (its RE is "rejected")', () => {
    expect(Object.keys(JUDGEMENT_TYPE_OF).sort()).toEqual([...VERDICTS].sort());
    expect(JUDGEMENT_TYPE_OF.RE).toBe('RTE');
    const types = judgementTypes(true);
    expect(types.find((t) => t.id === 'AC')).toEqual({ id: 'AC', name: 'Accepted', penalty: false, solved: true });
    // Compile and judge errors cost no penalty, as in our ICPC rule; wrong answers do.
    expect(types.find((t) => t.id === 'CE')?.penalty).toBe(false);
    expect(types.find((t) => t.id === 'JE')?.penalty).toBe(false);
    expect(types.find((t) => t.id === 'WA')?.penalty).toBe(true);
    // A score contest has no penalty time, so its types say nothing of penalty.
    expect(judgementTypes(false).every((t) => !('penalty' in t))).toBe(true);
  });

  it('serves a language under the specification’s id when it or one of its codes is one', () => {
    expect(ccsLanguageId('python', ['python3'])).toBe('python3');
    expect(ccsLanguageId('cpp')).toBe('cpp');
    expect(ccsLanguageId('lua')).toBe('lua');
  });

  it('keeps derived ids within the specification’s 36 characters', () => {
    const uuid = '30eb5374-d71b-4020-bfa1-3e3e89ab642a';
    expect(runId(uuid, 1)).toBe('30eb5374d71b4020bfa13e3e89ab642a-1');
    // Ordinal 46655 is zzz in base 36: 32 + 1 + 3 characters.
    expect(runId(uuid, 46_655)).toHaveLength(36);
    expect(replyId(uuid)).toBe('30eb5374d71b4020bfa13e3e89ab642a-r');
  });

  it('compares objects whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { e: 1, f: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });
});
