import { FormattedMessage } from 'react-intl';
import type { ContestScoring } from '@judge/contract';
import { useScoreboard, useScoreboardEvents, useUnfreeze } from '../../api/contests';
import { useSession } from '../../auth/use-session';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { useT } from '../../i18n/i18n-provider';
import { useContestContext } from './contest-layout';
import { ScoreboardTable } from './scoreboard-table';

/** What a cell shows under each scoring rule (catalog keys). */
const LEGENDS: Readonly<Record<ContestScoring, string>> = {
  icpc: 'contest.board.legendIcpc',
  ioi: 'contest.board.legendIoi',
};

/**
 * The live scoreboard: read once, then kept current by its event stream; staff unfreeze it after the end. Also
 * for visitors without a session, who see the public board (frozen during the freeze).
 */
export function ContestScoreboardPage() {
  const t = useT();
  const { contest } = useContestContext();
  const user = useSession();
  // Before the start the API shows the board to staff only: for everyone else it opens with the contest (the
  // contest is read again at the start, see ContestHeader).
  const open = contest.phase !== 'upcoming' || contest.canManage;
  const connected = useScoreboardEvents(contest.id, open);
  const board = useScoreboard(contest.id, !connected, open);
  const unfreeze = useUnfreeze(contest.id);
  const mayUnfreeze = contest.canManage && contest.phase === 'ended' && contest.freezesAt !== null && !contest.unfrozen;

  return (
    <section aria-label={t('contest.scoreboard')} className="scoreboard-section">
      <div className="page-head">
        <h2>{t('contest.scoreboard')}</h2>
        {mayUnfreeze && (
          <button
            type="button"
            className="button-primary"
            onClick={() => unfreeze.mutate()}
            disabled={unfreeze.isPending}
          >
            {unfreeze.isPending ? t('contest.board.unfreezing') : t('contest.board.unfreeze')}
          </button>
        )}
      </div>
      <ErrorMessage error={unfreeze.error} title={t('contest.board.notUnfrozen')} />
      {!open && <EmptyState>{t('contest.board.opensAtStart')}</EmptyState>}
      {open && board.isPending && <Loading what={t('contest.board.loading')} />}
      <ErrorMessage error={board.error} title={t('contest.board.loadError')} />
      {board.data?.frozen && (
        <div className="alert alert-info frozen-banner" role="status">
          <FormattedMessage
            id="contest.board.frozen"
            values={{ minutes: contest.freezeMinutes, strong: (chunks) => <strong>{chunks}</strong> }}
          />
        </div>
      )}
      {contest.canManage && !board.data?.frozen && (contest.phase === 'frozen' || mayUnfreeze) && (
        <p className="hint">{t('contest.board.staffSeesAll')}</p>
      )}
      {!connected && <p className="hint">{t('contest.board.interrupted')}</p>}
      {board.data &&
        (board.data.rows.length === 0 ? (
          <EmptyState>{t('contest.board.empty')}</EmptyState>
        ) : (
          <ScoreboardTable board={board.data} me={user?.id} linkUsers={user !== null} />
        ))}
      {board.data && board.data.rows.length > 0 && (
        <p className="hint scoreboard-legend">{t(LEGENDS[board.data.scoring])}</p>
      )}
    </section>
  );
}
