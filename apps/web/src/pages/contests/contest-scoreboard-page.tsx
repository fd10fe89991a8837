import type { ContestScoring } from '@judge/contract';
import { useScoreboard, useScoreboardEvents, useUnfreeze } from '../../api/contests';
import { useSession } from '../../auth/use-session';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { useContestContext } from './contest-layout';
import { ScoreboardTable } from './scoreboard-table';

/** What a cell shows under each scoring rule. */
const LEGENDS: Readonly<Record<ContestScoring, string>> = {
  icpc: 'A cell shows the attempts and the minute of the first accepted one; ★ first to solve; +n? pending.',
  ioi: 'A cell shows the best points; ★ first to a full score; +n? pending.',
};

/**
 * The live scoreboard: read once, then kept current by its event stream; staff unfreeze it after the end. Also
 * for visitors without a session, who see the public board (frozen during the freeze).
 */
export function ContestScoreboardPage() {
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
    <section aria-label="Scoreboard" className="scoreboard-section">
      <div className="page-head">
        <h2>Scoreboard</h2>
        {mayUnfreeze && (
          <button
            type="button"
            className="button-primary"
            onClick={() => unfreeze.mutate()}
            disabled={unfreeze.isPending}
          >
            {unfreeze.isPending ? 'Unfreezing…' : 'Unfreeze'}
          </button>
        )}
      </div>
      <ErrorMessage error={unfreeze.error} title="Not unfrozen" />
      {!open && <EmptyState>The scoreboard opens when the contest starts.</EmptyState>}
      {open && board.isPending && <Loading what="Loading the scoreboard" />}
      <ErrorMessage error={board.error} title="Could not load the scoreboard" />
      {board.data?.frozen && (
        <div className="alert alert-info frozen-banner" role="status">
          <strong>The scoreboard is frozen.</strong> Submissions made in the last {contest.freezeMinutes} minutes show
          as pending until the organisers unfreeze it after the end.
        </div>
      )}
      {contest.canManage && !board.data?.frozen && (contest.phase === 'frozen' || mayUnfreeze) && (
        <p className="hint">You see every result; contestants see the board frozen.</p>
      )}
      {!connected && <p className="hint">Live updates are interrupted: the board is read again every 15 seconds.</p>}
      {board.data &&
        (board.data.rows.length === 0 ? (
          <EmptyState>Nobody is on the scoreboard yet.</EmptyState>
        ) : (
          <ScoreboardTable board={board.data} me={user?.id} />
        ))}
      {board.data && board.data.rows.length > 0 && (
        <p className="hint scoreboard-legend">{LEGENDS[board.data.scoring]}</p>
      )}
    </section>
  );
}
