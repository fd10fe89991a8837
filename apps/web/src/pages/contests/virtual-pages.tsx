import { useState } from 'react';
import { Link } from 'react-router';
import type { ContestView, VirtualRefusal } from '@judge/contract';
import { useStartVirtual, useUpsolving, useVirtualScoreboard } from '../../api/virtual';
import { useSession } from '../../auth/use-session';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { formatNumber } from '../../components/format';
import { useT } from '../../i18n/i18n-provider';
import { useContestContext } from './contest-layout';
import { formatDuration } from './contest-time';
import { ScoreboardTable } from './scoreboard-table';
import { useVirtual } from './virtual-timer';

/** Why starting is refused, in words (catalog keys); the API's own message is shown for anything else. */
const REFUSAL_KEYS: Record<VirtualRefusal, string> = {
  CONTEST_NOT_ENDED: 'virtual.refusal.notEnded',
  PROBLEMS_HIDDEN: 'virtual.refusal.hidden',
  TOOK_PART: 'virtual.refusal.tookPart',
  VIRTUAL_EXISTS: 'virtual.refusal.exists',
};

/** On an ended contest's overview: start a virtual participation (after a confirmation), or where it stands. */
export function VirtualBox({ contest }: { contest: ContestView }) {
  const t = useT();
  const { state, participation, running } = useVirtual(contest);
  const start = useStartVirtual(contest.id);
  const [confirming, setConfirming] = useState(false);
  if (contest.phase !== 'ended' || !state.data) return null;
  const duration = formatDuration(Date.parse(contest.endsAt) - Date.parse(contest.startsAt), t);

  if (participation)
    return (
      <div className="card virtual-box" aria-label={t('virtual.heading')} role="region">
        <h2>{t('virtual.heading')}</h2>
        <p>{running ? t('virtual.running') : t('virtual.finished')}</p>
        <Link to={`/contests/${contest.id}/virtual`}>{t('virtual.boardLink')}</Link>
      </div>
    );
  if (!state.data.canStart) {
    const refusal = state.data.refusal;
    return refusal && refusal !== 'CONTEST_NOT_ENDED' ? <p className="hint">{t(REFUSAL_KEYS[refusal])}</p> : null;
  }
  return (
    <div className="card virtual-box" aria-label={t('virtual.heading')} role="region">
      <h2>{t('virtual.heading')}</h2>
      <p className="hint">{t('virtual.explain', { duration })}</p>
      {confirming ? (
        <div className="row" role="group" aria-label={t('virtual.confirmLabel')}>
          <p>{t('virtual.confirm', { duration })}</p>
          <button
            type="button"
            className="button-primary"
            disabled={start.isPending}
            onClick={() => start.mutate(undefined, { onSuccess: () => setConfirming(false) })}
          >
            {start.isPending ? t('virtual.starting') : t('virtual.confirmStart')}
          </button>
          <button type="button" onClick={() => setConfirming(false)} disabled={start.isPending}>
            {t('virtual.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="button-primary" onClick={() => setConfirming(true)}>
          {t('virtual.start')}
        </button>
      )}
      <ErrorMessage error={start.error} title={t('virtual.notStarted')} />
    </div>
  );
}

/** The virtual board: the real contestants as they stood at the caller's contest time, the caller's row marked. */
export function VirtualScoreboardPage() {
  const t = useT();
  const { contest } = useContestContext();
  const user = useSession();
  const { state, participation, running } = useVirtual(contest);
  const board = useVirtualScoreboard(contest.id, running, participation !== null);

  return (
    <section aria-label={t('virtual.board')} className="scoreboard-section">
      <h2>{t('virtual.board')}</h2>
      {state.isPending && contest.phase === 'ended' && <Loading what={t('virtual.loading')} />}
      <ErrorMessage error={state.error ?? board.error} title={t('virtual.loadError')} />
      {state.data && !participation && <EmptyState>{t('virtual.none')}</EmptyState>}
      {board.data && (
        <>
          <p className="hint" data-testid="virtual-minute">
            {t('virtual.atMinute', { minute: Math.floor(board.data.elapsedMs / 60_000) })}
          </p>
          {board.data.frozen && (
            <div className="alert alert-info frozen-banner" role="status">
              {t('virtual.frozen')}
            </div>
          )}
          <ScoreboardTable board={board.data} me={user?.id} linkUsers />
        </>
      )}
    </section>
  );
}

/** Who solved what after the end, outside virtual participations: apart from the board, which it never changes. */
export function UpsolvingPage() {
  const t = useT();
  const { contest } = useContestContext();
  const upsolving = useUpsolving(contest.id);

  return (
    <section aria-label={t('virtual.upsolving')}>
      <h2>{t('virtual.upsolving')}</h2>
      <p className="hint">{t('virtual.upsolvingExplain')}</p>
      {upsolving.isPending && <Loading what={t('virtual.upsolvingLoading')} />}
      <ErrorMessage error={upsolving.error} title={t('virtual.upsolvingError')} />
      {upsolving.data &&
        (upsolving.data.rows.length === 0 ? (
          <EmptyState>{t('virtual.upsolvingEmpty')}</EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="upsolving">
              <thead>
                <tr>
                  <th scope="col">{t('virtual.user')}</th>
                  <th scope="col">{t('virtual.solved')}</th>
                  <th scope="col">{t('virtual.attempted')}</th>
                  <th scope="col" className="num">
                    {t('virtual.submissions')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {upsolving.data.rows.map((row) => (
                  <tr key={row.userId} data-testid="upsolving-row">
                    <th scope="row">
                      <Link to={`/users/${encodeURIComponent(row.username)}`}>{row.username}</Link>
                    </th>
                    <td>{row.solved.join(' ')}</td>
                    <td>{row.attempted.join(' ')}</td>
                    <td className="num">{formatNumber(row.submissions)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
