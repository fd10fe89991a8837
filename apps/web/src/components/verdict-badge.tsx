import {
  VERDICT_LABELS,
  partialLabel,
  resultState,
  type SubmissionStatus,
  type SubmissionView,
  type Verdict,
} from '@judge/contract';

/** A verdict in its colour with its full name (the short code in the tooltip). */
export function VerdictBadge({ verdict, testId }: { verdict: Verdict; testId?: string }) {
  return (
    <span className={`badge verdict-${verdict.toLowerCase()}`} title={verdict} data-testid={testId}>
      {VERDICT_LABELS[verdict]}
    </span>
  );
}

const STATUS_LABELS: Record<SubmissionStatus, string> = {
  queued: 'In queue',
  compiling: 'Compiling',
  running: 'Running',
  done: 'Judged',
};

/**
 * An AC with some but not all of the points, in yellow with its score ("Partial 30/100"), or the word alone where
 * the score has a column of its own.
 */
export function PartialBadge({ score, maxScore, testId }: { score?: number; maxScore?: number; testId?: string }) {
  return (
    <span className="badge verdict-partial" title="AC, partial score" data-testid={testId}>
      {score !== undefined && maxScore !== undefined ? partialLabel(score, maxScore) : 'Partial'}
    </span>
  );
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
  return <span className="badge status-pending">{STATUS_LABELS[status]}…</span>;
}

/** A row's result in a list of submissions: its state, and its score beside it where a score means something. */
export function SubmissionResult({ submission: s, withScore }: { submission: SubmissionView; withScore: boolean }) {
  // A partial result's badge already says its score.
  const partial =
    s.verdict !== null && resultState({ verdict: s.verdict, score: s.score, maxScore: s.maxScore }) === 'partial';
  return (
    <>
      <SubmissionState status={s.status} verdict={s.verdict} score={s.score} maxScore={s.maxScore} />
      {withScore && !partial && s.score !== null && (
        <span className="muted">
          {' '}
          {s.score}
          {s.maxScore !== null ? `/${s.maxScore}` : ''}
        </span>
      )}
    </>
  );
}

export function statusLabel(status: SubmissionStatus): string {
  return STATUS_LABELS[status];
}
