import { Link, NavLink, Outlet, useLocation, useOutletContext, useParams } from 'react-router';
import type { ContestView } from '@judge/contract';
import { contestKeys, useContest } from '../../api/contests';
import { useSession } from '../../auth/use-session';
import { Loading, PageError } from '../../components/error-message';
import { useNow } from '../../components/use-now';
import { countdownText, formatLocal, nextMoment, PHASE_LABELS, useRefreshAt } from './contest-time';

/** What the pages inside a contest receive from its frame. */
export interface ContestContext {
  contest: ContestView;
}

export function useContestContext(): ContestContext {
  return useOutletContext<ContestContext>();
}

/** Phase, times in the reader's time zone, and a countdown to the start, the freeze or the end. */
export function ContestHeader({ contest }: { contest: ContestView }) {
  const now = useNow();
  const next = nextMoment(contest, now);
  useRefreshAt(
    contestKeys.contest(contest.id),
    [contest.startsAt, contest.freezesAt, contest.endsAt].filter((t) => t !== null).map((t) => Date.parse(t)),
  );
  return (
    <div className="contest-header">
      <div className="page-head">
        <h1>{contest.title}</h1>
        {contest.canManage && (
          <div className="actions">
            <Link to={`/contests/${contest.id}/edit`}>Edit</Link>
          </div>
        )}
      </div>
      <div className="contest-status">
        <span className={`badge phase-${contest.phase}`} data-testid="contest-phase">
          {PHASE_LABELS[contest.phase]}
        </span>
        {next && (
          <span className="countdown" role="timer" aria-live="off">
            {countdownText(next, now)}
          </span>
        )}
        <span className="muted contest-times">
          {formatLocal(contest.startsAt)} – {formatLocal(contest.endsAt)}
        </span>
      </div>
    </div>
  );
}

/** Tabs of a contest: the overview, one per problem by label, submissions, clarifications, scoreboard. */
function ContestTabs({ contest }: { contest: ContestView }) {
  const base = `/contests/${contest.id}`;
  return (
    <nav className="contest-tabs" aria-label="Contest">
      <NavLink to={base} end>
        Overview
      </NavLink>
      {contest.problems.map((p) => (
        <NavLink
          key={p.label}
          to={`${base}/problems/${encodeURIComponent(p.label)}`}
          title={p.title}
          className={({ isActive }) =>
            ['problem-tab', isActive ? 'active' : '', p.solved ? 'tab-solved' : p.attempted ? 'tab-attempted' : '']
              .filter(Boolean)
              .join(' ')
          }
          aria-label={`Problem ${p.label}: ${p.title}${p.solved ? ' (solved)' : ''}`}
        >
          {p.label}
        </NavLink>
      ))}
      <NavLink to={`${base}/submissions`}>{contest.canManage ? 'Submissions' : 'My submissions'}</NavLink>
      <NavLink to={`${base}/clarifications`}>Clarifications</NavLink>
      <NavLink to={`${base}/scoreboard`}>Scoreboard</NavLink>
    </nav>
  );
}

/** In place of the tabs for a visitor without a session, who may open the scoreboard only. */
function VisitorNotice() {
  const location = useLocation();
  const next = encodeURIComponent(location.pathname + location.search);
  return (
    <p className="contest-visitor" data-testid="contest-visitor">
      You see the public scoreboard. <Link to={`/login?next=${next}`}>Log in</Link> to take part or to see your own
      results.
    </p>
  );
}

/** The frame of every page of one contest (for a visitor without a session, of its scoreboard). */
export function ContestLayout() {
  const { id = '' } = useParams();
  const contest = useContest(id);
  const user = useSession();

  if (contest.isPending) return <Loading what="Loading the contest" />;
  if (contest.error)
    return <PageError title="Contest" error={contest.error} back={<Link to="/contests">Back to the contests</Link>} />;
  const context: ContestContext = { contest: contest.data };
  return (
    <div className="page contest-page">
      <ContestHeader contest={contest.data} />
      {user ? <ContestTabs contest={contest.data} /> : <VisitorNotice />}
      <Outlet context={context} />
    </div>
  );
}
