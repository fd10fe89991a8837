import type { ContestScoring } from '@judge/contract';
import { icpcRule } from './icpc-rule';
import { ioiRule } from './ioi-rule';
import type { ScoringRule } from './scoring-rule';

export * from './scoring-rule';

/** Every contest's `scoring` names one of these; a new rule is a new file and a new line here. */
export const SCORING_RULES: Readonly<Record<ContestScoring, ScoringRule>> = {
  icpc: icpcRule,
  ioi: ioiRule,
};
