import { useCallback } from 'react';
import {
  resultState,
  type SubmissionStatus,
  type SubmissionView,
  type Verdict,
  type VerdictFilter,
} from '@judge/contract';
import { useT } from '../i18n/i18n-provider';
import { formatNumber } from './format';

/**
 * The words for verdicts and judging states, in the chosen language (catalog area "verdict"): every page names a
 * verdict through these, so "Wrong Answer" reads the same everywhere (答案错误, Respuesta incorrecta).
 */
export function useVerdictWords() {
  const t = useT();
  /** A verdict's full name, or `partial` (an AC with some of the points). */
  const verdict = useCallback((v: VerdictFilter) => t(v === 'partial' ? 'verdict.partial' : `verdict.${v}`), [t]);
  /** "Partial 30/100". */
  const partial = useCallback((score: number, maxScore: number) => t('verdict.partialScore', { score, maxScore }), [t]);
  const status = useCallback((s: SubmissionStatus) => t(`verdict.status.${s}`), [t]);
  return { verdict, partial, status };
}

/** A verdict in its colour with its full name (the short code in the tooltip). */
export function VerdictBadge({ verdict, testId }: { verdict: Verdict; testId?: string }) {
  const words = useVerdictWords();
  return (
    <span className={`badge verdict-${verdict.toLowerCase()}`} title={verdict} data-testid={testId}>
      {words.verdict(verdict)}
    </span>
  );
}

/**
 * An AC with some but not all of the points, in yellow with its score ("Partial 30/100"), or the word alone where
 * the score has a column of its own.
 */
export function PartialBadge({ score, maxScore, testId }: { score?: number; maxScore?: number; testId?: string }) {
  const t = useT();
  const words = useVerdictWords();
  return (
    <span className="badge verdict-partial" title={t('verdict.partialTitle')} data-testid={testId}>
      {score !== undefined && maxScore !== undefined ? words.partial(score, maxScore) : words.verdict('partial')}
    </span>
  );
}

/** Where a submission is in judging, as a grey badge ("Running…"). */
export function StatusBadge({ status }: { status: SubmissionStatus }) {
  const t = useT();
  const words = useVerdictWords();
  return <span className="badge status-pending">{t('verdict.pending', { status: words.status(status) })}</span>;
}

/**
 * A submission's verdict once judged (a partial result as its own state when the score is given), else where it is
 * in judging.
 */
export function SubmissionState({
  status,
  verdict,
  score = null,
  maxScore = null,
}: {
  status: SubmissionStatus;
  verdict: Verdict | null;
  score?: number | null;
  maxScore?: number | null;
}) {
  if (status === 'done' && verdict) {
    if (score !== null && maxScore !== null && resultState({ verdict, score, maxScore }) === 'partial')
      return <PartialBadge score={score} maxScore={maxScore} />;
    return <VerdictBadge verdict={verdict} />;
  }
  return <StatusBadge status={status} />;
}

/** A row's result in a list of submissions: its state, and its score beside it where a score means something. */
export function SubmissionResult({ submission: s, withScore }: { submission: SubmissionView; withScore: boolean }) {
  // A partial result's badge already says its score.
  const partial =
    s.verdict !== null && resultState({ verdict: s.verdict, score: s.score, maxScore: s.maxScore }) === 'partial';
  return (
    <>
      <SubmissionState status={s.status} verdict={s.verdict} score={s.score} maxScore={s.maxScore} />
      {withScore && !partial && s.score !== null && <span className="muted"> {formatScore(s.score, s.maxScore)}</span>}
    </>
  );
}

/** "30/100", or the score alone when there is no maximum, in the language's numbers. */
export function formatScore(score: number, maxScore: number | null, separator = '/'): string {
  return maxScore !== null
    ? `${formatNumber(score, 2)}${separator}${formatNumber(maxScore, 2)}`
    : formatNumber(score, 2);
}
