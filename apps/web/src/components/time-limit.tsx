import type { TimeLimitOrigin } from '@judge/contract';
import { useT } from '../i18n/i18n-provider';
import { formatNumber } from './format';

/**
 * A problem's time limit as a number ("1.5 s"), wherever it comes from: written in the package, derived from its
 * accepted solutions (said in the tooltip), or the judge's default. While it is still to be derived (a package that
 * writes none, before its first judging) it says so, in words.
 */
export function TimeLimit({ ms, origin }: { ms: number | null | undefined; origin?: TimeLimitOrigin }) {
  const t = useT();
  if (ms === null || ms === undefined) {
    return (
      <span className="muted time-limit-pending" title={t('problem.timeLimit.pendingHint')}>
        {t('problem.timeLimit.pending')}
      </span>
    );
  }
  const seconds = `${formatNumber(ms / 1000, 2)} s`;
  if (origin === 'derived' || origin === 'default') {
    return (
      <span title={t(origin === 'derived' ? 'problem.timeLimit.derivedHint' : 'problem.timeLimit.defaultHint')}>
        {seconds}
      </span>
    );
  }
  return <>{seconds}</>;
}
