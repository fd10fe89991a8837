import type { AssignmentSummary, AssignmentView, LatePenalty, StudentWindow } from '@judge/contract';
import { formatDate, formatNumber } from '../../components/format';
import { useT, type Translate } from '../../i18n/i18n-provider';

/** Where an assignment stands for the caller, as a badge says it. */
export type WindowState = StudentWindow['state'];

const DAY_MS = 24 * 60 * 60 * 1000;

/** The message of each state's badge (course.state.*). */
const STATE_LABELS: Record<WindowState, string> = {
  'not-open': 'course.state.notOpen',
  'not-started': 'course.state.notStarted',
  open: 'course.state.open',
  late: 'course.state.late',
  closed: 'course.state.closed',
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
  const t = useT();
  return (
    <span className={`badge window-${state}`} data-testid="window-state">
      {t(STATE_LABELS[state])}
    </span>
  );
}

/** A duration as people read a countdown: `1 d 02:03:04`, `02:03:04` (`1 天 02:03:04` in Chinese). */
export function formatRemaining(ms: number, t: Translate): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return days > 0 ? t('course.countdown.days', { days, clock }) : clock;
}

/** A percentage or factor as the chosen language writes numbers ("0.5", "0,5"). */
const number = (value: number) => formatNumber(value, 2);

/** The rule for late submissions, in a sentence. */
export function describePenalty(penalty: LatePenalty | null, lateUntil: string | null, t: Translate): string {
  if (!penalty) return t('course.penalty.none');
  const until = lateUntil ? formatDate(lateUntil) : '';
  if (penalty.type === 'per-day')
    return t(lateUntil ? 'course.penalty.perDayUntil' : 'course.penalty.perDay', {
      percent: number(penalty.percent),
      until,
    });
  return t(lateUntil ? 'course.penalty.factorUntil' : 'course.penalty.factor', {
    factor: number(penalty.factor),
    until,
  });
}

/** What submitting at `now` costs, for a student past their deadline. */
export function lateCost(penalty: LatePenalty | null, deadline: string, now: number, t: Translate): string | null {
  if (!penalty) return null;
  if (penalty.type === 'factor') return t('course.lateCost.factor', { factor: number(penalty.factor) });
  const days = Math.max(1, Math.ceil((now - Date.parse(deadline)) / DAY_MS));
  const off = Math.min(100, days * penalty.percent);
  return t('course.lateCost.perDay', { percent: number(penalty.percent), off: number(off), days });
}

/** A running exam's remaining time, or the one to come once started. */
export function ExamCountdown({ deadline, now }: { deadline: string; now: number }) {
  const t = useT();
  const left = Date.parse(deadline) - now;
  return (
    <span className="countdown" role="timer" aria-label={t('course.countdown.label')}>
      {left > 0 ? t('course.countdown.left', { time: formatRemaining(left, t) }) : t('course.countdown.up')}
    </span>
  );
}
