import type { AssignmentSummary, AssignmentView, LatePenalty, StudentWindow } from '@judge/contract';

/** Where an assignment stands for the caller, as a badge says it. */
export type WindowState = StudentWindow['state'];

const DAY_MS = 24 * 60 * 60 * 1000;

const STATE_LABELS: Record<WindowState, string> = {
  'not-open': 'Not open',
  'not-started': 'Not started',
  open: 'Open',
  late: 'Late',
  closed: 'Closed',
};

/**
 * The student's own state comes from the API (their extension and exam start count); teachers see the
 * assignment's general state, worked out from its dates. A summary alone knows nothing of late submissions.
 */
export function windowState(assignment: AssignmentSummary | AssignmentView, now: number): WindowState {
  if ('window' in assignment && assignment.window) return assignment.window.state;
  if (now < Date.parse(assignment.opensAt)) return 'not-open';
  if (now < Date.parse(assignment.deadline)) return 'open';
  const view = 'latePenalty' in assignment ? assignment : null;
  if (view?.latePenalty && (view.lateUntil === null || now < Date.parse(view.lateUntil))) return 'late';
  return 'closed';
}

export function StateBadge({ state }: { state: WindowState }) {
  return (
    <span className={`badge window-${state}`} data-testid="window-state">
      {STATE_LABELS[state]}
    </span>
  );
}

/** A duration as people read a countdown: `1 d 02:03:04`, `02:03:04`. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return days > 0 ? `${days} d ${clock}` : clock;
}

/** The rule for late submissions, in a sentence. */
export function describePenalty(penalty: LatePenalty | null, lateUntil: string | null): string {
  if (!penalty) return 'Late submissions are not accepted.';
  const until = lateUntil ? ` until ${new Date(lateUntil).toLocaleString()}` : '';
  if (penalty.type === 'per-day')
    return `Late submissions are accepted${until}, at ${penalty.percent}% off per started day past the deadline.`;
  return `Late submissions are accepted${until}; their score is multiplied by ${penalty.factor}.`;
}

/** What submitting at `now` costs, for a student past their deadline. */
export function lateCost(penalty: LatePenalty | null, deadline: string, now: number): string | null {
  if (!penalty) return null;
  if (penalty.type === 'factor') return `Submitting now, your score is multiplied by ${penalty.factor}.`;
  const days = Math.max(1, Math.ceil((now - Date.parse(deadline)) / DAY_MS));
  const off = Math.min(100, days * penalty.percent);
  return `Submitting now costs ${penalty.percent}% per day late: ${off}% off (${days} ${days === 1 ? 'day' : 'days'} late).`;
}

/** A running exam's remaining time, or the one to come once started. */
export function ExamCountdown({ deadline, now }: { deadline: string; now: number }) {
  const left = Date.parse(deadline) - now;
  return (
    <span className="countdown" role="timer" aria-label="Time left">
      {left > 0 ? `${formatRemaining(left)} left` : 'Time is up'}
    </span>
  );
}
