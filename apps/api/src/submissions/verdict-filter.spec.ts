import { FindOperator } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { SOLVED_SQL, verdictWhere } from './verdict-filter';

/** The SQL a Raw condition makes for a column alias. */
function sql(condition: unknown): string {
  expect(condition).toBeInstanceOf(FindOperator);
  const raw = condition as FindOperator<unknown>;
  return raw.getSql?.('s.score') ?? '';
}

describe('verdictWhere', () => {
  it('finds partial results: AC with a score strictly between 0 and the maximum', () => {
    const where = verdictWhere('partial');
    expect(where.verdict).toBe('AC');
    expect(sql(where.score)).toBe('(s.score > 0 AND s.score < max_score)');
  });

  it('finds accepted results without the partial ones, a missing score or maximum counting as accepted', () => {
    const where = verdictWhere('AC');
    expect(where.verdict).toBe('AC');
    expect(sql(where.score)).toBe('COALESCE(s.score > 0 AND s.score < max_score, false) = false');
  });

  it('finds any other verdict by the verdict alone, whatever its score', () => {
    expect(verdictWhere('WA')).toEqual({ verdict: 'WA' });
    expect(verdictWhere('CE')).toEqual({ verdict: 'CE' });
  });
});

describe('SOLVED_SQL', () => {
  it('counts an AC as solved unless its score is partial', () => {
    expect(SOLVED_SQL).toBe("(verdict = 'AC' AND COALESCE(score > 0 AND score < max_score, false) = false)");
  });
});
