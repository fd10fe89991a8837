import { Link } from 'react-router';
import type { ContestSubmissionKind, ContestView } from '@judge/contract';
import { useVirtualState, virtualKeys } from '../../api/virtual';
import { useSession } from '../../auth/use-session';
import { useNow } from '../../components/use-now';
import { useT } from '../../i18n/i18n-provider';
import { formatDuration, useRefreshAt } from './contest-time';

/**
 * The caller's virtual participation, once the contest has ended: its state, and the time left by the API's own
 * clock (its `elapsedMs` when read, plus the time since), so that a wrong clock here does not shorten it.
 */
export function useVirtual(contest: ContestView) {
  const user = useSession();
  const ended = contest.phase === 'ended';
  const state = useVirtualState(contest.id, ended && user !== null);
  const now = useNow();
  const participation = state.data?.participation ?? null;
  const running = participation?.status === 'running';
  // When it ends, on this clock: the answer's time plus what was left then.
  const endsAt = participation ? state.dataUpdatedAt + participation.durationMs - participation.elapsedMs : 0;
  // `now` ticks once a second, so it may be a little older than the answer: never more than what was left then.
  const remainingMs = participation ? Math.max(0, endsAt - Math.max(now, state.dataUpdatedAt)) : 0;
  // Read again just after the end, when its submissions turn into upsolving.
  useRefreshAt(virtualKeys.state(contest.id), running ? [endsAt] : []);
  return { state, participation, running, remainingMs, now };
}

/** Under a contest's header while the caller's virtual participation runs: the time left, and its board. */
export function VirtualTimer({ contest }: { contest: ContestView }) {
  const t = useT();
  const { running, remainingMs } = useVirtual(contest);
  if (!running) return null;
  return (
    <div className="alert alert-info virtual-timer" role="status">
      <span role="timer" aria-live="off" data-testid="virtual-countdown">
        {t('virtual.timer', { time: formatDuration(remainingMs, t) })}
      </span>{' '}
      <Link to={`/contests/${contest.id}/virtual`}>{t('virtual.boardLink')}</Link>
    </div>
  );
}

/** Beside a contest submission made after the end: virtual or upsolving (the contest's own show nothing). */
export function ContestKindBadge({ kind }: { kind: ContestSubmissionKind | null | undefined }) {
  const t = useT();
  if (kind !== 'virtual' && kind !== 'upsolve') return null;
  return (
    <>
      {' '}
      <span className={`badge kind-${kind}`}>
        {t(kind === 'virtual' ? 'virtual.kind.virtual' : 'virtual.kind.upsolve')}
      </span>
    </>
  );
}
