import { Link } from 'react-router';
import { SCORING_LABELS, type ContestSummary } from '@judge/contract';
import { contestKeys, useContests } from '../../api/contests';
import { isStaff } from '../../auth/session';
import { useSession } from '../../auth/use-session';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { useNow } from '../../components/use-now';
import { countdownText, formatLocal, nextMoment, PHASE_LABELS, useRefreshAt } from './contest-time';

function ContestTable({ contests, now }: { contests: ContestSummary[]; now: number }) {
  return (
    <div className="table-scroll">
      <table className="contests">
        <thead>
          <tr>
            <th scope="col">Contest</th>
            <th scope="col">Starts</th>
            <th scope="col">Ends</th>
            <th scope="col">Status</th>
            <th scope="col">Rules</th>
            <th scope="col" className="num">
              Participants
            </th>
          </tr>
        </thead>
        <tbody>
          {contests.map((c) => {
            const next = nextMoment(c, now);
            return (
              <tr key={c.id}>
                <td className="title-col">
                  <Link to={`/contests/${c.id}`}>{c.title}</Link>
                  {c.registered && <span className="badge contest-registered">Registered</span>}
                </td>
                <td>{formatLocal(c.startsAt)}</td>
                <td>{formatLocal(c.endsAt)}</td>
                <td>
                  <span className={`badge phase-${c.phase}`}>{PHASE_LABELS[c.phase]}</span>
                  {next && c.phase !== 'ended' && <span className="countdown muted"> {countdownText(next, now)}</span>}
                </td>
                <td>{SCORING_LABELS[c.scoring].name}</td>
                <td className="num">{c.participants}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Every contest the caller may see: running first, then upcoming, then past; times in the reader's time zone. */
export function ContestsPage() {
  const user = useSession();
  const contests = useContests();
  const now = useNow();
  const all = contests.data ?? [];
  useRefreshAt(
    contestKeys.list,
    all.flatMap((c) => [Date.parse(c.startsAt), Date.parse(c.endsAt)]),
  );

  const running = all.filter((c) => c.phase === 'running' || c.phase === 'frozen');
  const upcoming = all
    .filter((c) => c.phase === 'upcoming')
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const past = all.filter((c) => c.phase === 'ended').sort((a, b) => Date.parse(b.endsAt) - Date.parse(a.endsAt));

  return (
    <div className="page">
      <div className="page-head">
        <h1>Contests</h1>
        {isStaff(user) && (
          <Link className="button" to="/contests/new">
            New contest
          </Link>
        )}
      </div>
      {contests.isPending && <Loading what="Loading contests" />}
      <ErrorMessage error={contests.error} title="Could not load the contests" />
      {contests.data && all.length === 0 && <EmptyState>No contests yet.</EmptyState>}
      {running.length > 0 && (
        <section aria-label="Running contests">
          <h2>Running</h2>
          <ContestTable contests={running} now={now} />
        </section>
      )}
      {upcoming.length > 0 && (
        <section aria-label="Upcoming contests">
          <h2>Upcoming</h2>
          <ContestTable contests={upcoming} now={now} />
        </section>
      )}
      {past.length > 0 && (
        <section aria-label="Past contests">
          <h2>Past</h2>
          <ContestTable contests={past} now={now} />
        </section>
      )}
    </div>
  );
}
