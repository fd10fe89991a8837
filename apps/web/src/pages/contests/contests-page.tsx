import { Link } from 'react-router';
import type { ContestSummary } from '@judge/contract';
import { contestKeys, useContests } from '../../api/contests';
import { isStaff } from '../../auth/session';
import { useSession } from '../../auth/use-session';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { useNow } from '../../components/use-now';
import { formatNumber } from '../../components/format';
import { useT } from '../../i18n/i18n-provider';
import { SCORING_KEYS } from './contest-overview';
import { countdownText, formatLocal, nextMoment, PHASE_KEYS, useRefreshAt } from './contest-time';

function ContestTable({ contests, now }: { contests: ContestSummary[]; now: number }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="contests">
        <thead>
          <tr>
            <th scope="col">{t('contest.title')}</th>
            <th scope="col">{t('contest.starts')}</th>
            <th scope="col">{t('contest.ends')}</th>
            <th scope="col">{t('contest.status')}</th>
            <th scope="col">{t('contest.rules')}</th>
            <th scope="col" className="num">
              {t('contest.participants')}
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
                  {c.registered && <span className="badge contest-registered">{t('contest.registered')}</span>}
                </td>
                <td>{formatLocal(c.startsAt)}</td>
                <td>{formatLocal(c.endsAt)}</td>
                <td>
                  <span className={`badge phase-${c.phase}`}>{t(PHASE_KEYS[c.phase])}</span>
                  {next && c.phase !== 'ended' && (
                    <span className="countdown muted"> {countdownText(next, now, t)}</span>
                  )}
                </td>
                <td>{t(SCORING_KEYS[c.scoring].name)}</td>
                <td className="num">{formatNumber(c.participants)}</td>
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
  const t = useT();
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
        <h1>{t('contest.list.title')}</h1>
        {isStaff(user) && (
          <Link className="button" to="/contests/new">
            {t('contest.list.new')}
          </Link>
        )}
        {user?.role === 'admin' && (
          <Link className="button" to="/admin/contests/import">
            {t('contest.import.link')}
          </Link>
        )}
      </div>
      {contests.isPending && <Loading what={t('contest.list.loading')} />}
      <ErrorMessage error={contests.error} title={t('contest.list.loadError')} />
      {contests.data && all.length === 0 && <EmptyState>{t('contest.list.empty')}</EmptyState>}
      {running.length > 0 && (
        <section aria-label={t('contest.list.runningLabel')}>
          <h2>{t('contest.list.running')}</h2>
          <ContestTable contests={running} now={now} />
        </section>
      )}
      {upcoming.length > 0 && (
        <section aria-label={t('contest.list.upcomingLabel')}>
          <h2>{t('contest.list.upcoming')}</h2>
          <ContestTable contests={upcoming} now={now} />
        </section>
      )}
      {past.length > 0 && (
        <section aria-label={t('contest.list.pastLabel')}>
          <h2>{t('contest.list.past')}</h2>
          <ContestTable contests={past} now={now} />
        </section>
      )}
    </div>
  );
}
