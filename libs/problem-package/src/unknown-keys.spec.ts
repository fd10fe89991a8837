import { afterEach, describe, expect, it } from 'vitest';
import { MINIMAL, TempDirs } from './__fixtures__/tree';
import { loadProblemPackage } from './index';
import { unknownKeys } from './problem-yaml';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

describe('problem.yaml keys the format does not know', () => {
  it('are warnings of the loaded package, with the known key they probably meant', async () => {
    const problem = await loadProblemPackage(
      await temp.package({
        ...MINIMAL,
        'problem.yaml': 'name: Hello World\nlimts:\n  memory: 256\ntimelimit: 2\n',
      }),
    );
    expect(problem.warnings).toEqual([
      'problem.yaml: limts: unknown key, ignored (did you mean limits?)',
      'problem.yaml: timelimit: unknown key, ignored (did you mean limits.time_limit?)',
    ]);
  });

  it('looks inside limits, and knows both versions of the format and what DOMjudge reads', () => {
    expect(unknownKeys({ limits: { memory: 256, time_limt: 1 } })).toEqual([
      'problem.yaml: limits.time_limt: unknown key, ignored (did you mean time_limit?)',
    ]);
    const legacy = {
      problem_format_version: 'legacy',
      name: 'A',
      uuid: 'x',
      author: 'a',
      source: 's',
      source_url: 'u',
      license: 'cc by',
      rights_owner: 'r',
      validation: 'custom score',
      validator_flags: 'float_tolerance 1e-6',
      keywords: 'k',
      grading: { objective: 'max', show_test_data_groups: true, on_reject: 'grade' },
      scoring: { objective: 'max' },
      limits: { time_multiplier: 5, time_safety_margin: 2, memory: 1024, output: 8, code: 128 },
    };
    const current = {
      problem_format_version: '2023-07-draft',
      type: 'pass-fail',
      name: { en: 'A' },
      version: '1',
      credits: { authors: ['a'] },
      embargo_until: '2030-01-01',
      languages: 'all',
      allow_file_writing: false,
      constants: {},
      limits: {
        time_limit: 1,
        time_multipliers: { ac_to_time_limit: 2, time_limit_to_tle: 1.5 },
        validation_passes: 2,
      },
    };
    expect(unknownKeys(legacy)).toEqual([]);
    expect(unknownKeys(current)).toEqual([]);
  });
});
