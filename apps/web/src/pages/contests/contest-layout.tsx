import { FormattedMessage } from 'react-intl';
import { Link, NavLink, Outlet, useLocation, useOutletContext, useParams } from 'react-router';
import type { ContestView } from '@judge/contract';
import { contestKeys, useContest } from '../../api/contests';
import { useSession } from '../../auth/use-session';
import { Loading, PageError } from '../../components/error-message';
import { useNow } from '../../components/use-now';
import { useT } from '../../i18n/i18n-provider';
import { ContestExportButton } from './contest-export-button';
import { countdowns, countdownText, formatLocal, PHASE_KEYS, useRefreshAt } from './contest-time';
import { VirtualTimer } from './virtual-timer';

/** What the pages inside a contest receive from its frame. */
export interface ContestContext {
  contest: ContestView;
}

export function useContestContext(): ContestContext {
  return useOutletContext<ContestContext>();
}

/**
 * Phase, times in the reader's time zone, and live countdowns (every second): to the start, or to the end (and to
 * the freeze while it is ahead).
 */
export function ContestHeader({ contest }: { contest: ContestView }) {
  const t = useT();
  const now = useNow();
  const timers = countdowns(contest, now);
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
            <Link to={`/contests/${contest.id}/edit`}>{t('contest.edit')}</Link>
            {contest.teams && <Link to={`/contests/${contest.id}/teams`}>{t('teams.title')}</Link>}
            {contest.phase === 'ended' && <Link to={`/contests/${contest.id}/reveal`}>{t('reveal.open')}</Link>}
            <ContestExportButton contestId={contest.id} />
          </div>
        )}
      </div>
      <div className="contest-status">
        <span className={`badge phase-${contest.phase}`} data-testid="contest-phase">
          {t(PHASE_KEYS[contest.phase])}
        </span>
        {timers.map((timer) => (
          <span
            key={timer.what}
            className={`countdown countdown-${timer.what}`}
            role="timer"
            aria-live="off"
            data-testid={`countdown-${timer.what}`}
          >
            {countdownText(timer, now, t)}
          </span>
        ))}
        <span className="muted contest-times">
          {formatLocal(contest.startsAt)} – {formatLocal(contest.endsAt)}
        </span>
      </div>
    </div>
  );
}

/** Tabs of a contest: the overview, one per problem by label, submissions, clarifications, scoreboard. */
function ContestTabs({ contest }: { contest: ContestView }) {
  const t = useT();
  const base = `/contests/${contest.id}`;
  return (
    <nav className="contest-tabs" aria-label={t('contest.tabs')}>
      <NavLink to={base} end>
        {t('contest.overview')}
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
          aria-label={t(p.solved ? 'contest.problemTabSolved' : 'contest.problemTab', {
            label: p.label,
            title: p.title,
          })}
        >
          {p.label}
        </NavLink>
      ))}
      <NavLink to={`${base}/submissions`}>
        {contest.canManage ? t('contest.submissions') : t('contest.mySubmissions')}
      </NavLink>
      <NavLink to={`${base}/clarifications`}>{t('contest.clarifications')}</NavLink>
      <NavLink to={`${base}/scoreboard`}>{t('contest.scoreboard')}</NavLink>
      {contest.phase === 'ended' && <NavLink to={`${base}/upsolving`}>{t('virtual.upsolving')}</NavLink>}
      {contest.canManage && <NavLink to={`${base}/balloons`}>{t('onsite.tab.balloons')}</NavLink>}
      {contest.canManage && <NavLink to={`${base}/prints`}>{t('onsite.tab.prints')}</NavLink>}
      {!contest.canManage && contest.registered && <NavLink to={`${base}/print`}>{t('onsite.tab.print')}</NavLink>}
    </nav>
  );
}

/** In place of the tabs for a visitor without a session, who may open the scoreboard only. */
function VisitorNotice() {
  const location = useLocation();
  const next = encodeURIComponent(location.pathname + location.search);
  return (
    <p className="contest-visitor" data-testid="contest-visitor">
      <FormattedMessage
        id="contest.visitor"
        values={{ login: (chunks) => <Link to={`/login?next=${next}`}>{chunks}</Link> }}
      />
    </p>
  );
}

/** The frame of every page of one contest (for a visitor without a session, of its scoreboard). */
export function ContestLayout() {
  const { id = '' } = useParams();
  const contest = useContest(id);
  const user = useSession();
  const t = useT();

  if (contest.isPending) return <Loading what={t('contest.loading')} />;
  if (contest.error)
    return (
      <PageError
        title={t('contest.title')}
        error={contest.error}
        back={<Link to="/contests">{t('contest.backToContests')}</Link>}
      />
    );
  const context: ContestContext = { contest: contest.data };
  return (
    <div className="page contest-page">
      <ContestHeader contest={contest.data} />
      {user && <VirtualTimer contest={contest.data} />}
      {user ? <ContestTabs contest={contest.data} /> : <VisitorNotice />}
      <Outlet context={context} />
    </div>
  );
}
