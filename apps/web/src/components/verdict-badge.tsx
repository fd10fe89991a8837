import { VERDICT_LABELS, type SubmissionStatus, type SubmissionView, type Verdict } from '@judge/contract';

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

/** A submission's verdict once judged, else where it is in judging. */
export function SubmissionState({ status, verdict }: { status: SubmissionStatus; verdict: Verdict | null }) {
  if (status === 'done' && verdict) return <VerdictBadge verdict={verdict} />;
  return <span className="badge status-pending">{STATUS_LABELS[status]}…</span>;
}

/** A row's result in a list of submissions: its state, and its score beside it where a score means something. */
export function SubmissionResult({ submission: s, withScore }: { submission: SubmissionView; withScore: boolean }) {
  return (
    <>
      <SubmissionState status={s.status} verdict={s.verdict} />
      {withScore && s.score !== null && (
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
