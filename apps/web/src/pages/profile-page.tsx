import { Link, useParams } from 'react-router';
import type { UserProfileView } from '@judge/contract';
import { useProfile } from '../api/profiles';
import { EmptyState, Loading, PageError } from '../components/error-message';
import { formatDate, shortId } from '../components/format';
import { SubmissionsTable } from '../components/submissions-table';
import { SubmissionResult } from '../components/verdict-badge';
import { useT } from '../i18n/i18n-provider';
import { formatLocal } from './contests/contest-time';

/** The problems a user solved, by code and title, each opening the problem. */
function SolvedList({ profile }: { profile: UserProfileView }) {
  const t = useT();
  if (profile.solved.length === 0) return <EmptyState>{t('profile.solvedNone')}</EmptyState>;
  return (
    <ul className="profile-solved" aria-label={t('profile.solved', { count: profile.solved.length })}>
      {profile.solved.map((p) => (
        <li key={p.id}>
          <Link to={`/problems/${p.id}`}>{p.title}</Link> <span className="muted mono">{p.slug}</span>
        </li>
      ))}
    </ul>
  );
}

function ContestList({ profile }: { profile: UserProfileView }) {
  const t = useT();
  if (profile.contests.length === 0) return <EmptyState>{t('profile.contestsNone')}</EmptyState>;
  return (
    <ul className="profile-contests" aria-label={t('profile.contests', { count: profile.contests.length })}>
      {profile.contests.map((c) => (
        <li key={c.id}>
          <Link to={`/contests/${c.id}`}>{c.title}</Link>{' '}
          <span className="muted">
            {formatLocal(c.startsAt)} – {formatLocal(c.endsAt)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * A user's page: what they solved, the contests they took part in, and their latest submissions for themself and
 * staff (the API leaves out what the viewer may not see).
 */
export function ProfilePage() {
  const t = useT();
  const { username = '' } = useParams();
  const profile = useProfile(username);

  if (profile.isPending) return <Loading what={t('profile.loading')} />;
  if (profile.error)
    return (
      <PageError
        title={username}
        error={profile.error}
        back={<Link to="/problems">{t('profile.backToProblems')}</Link>}
      />
    );
  const p = profile.data;
  return (
    <div className="page profile-page">
      <div className="page-head">
        <h1>{p.username}</h1>
      </div>
      <dl className="facts">
        <div>
          <dt>{t('profile.role')}</dt>
          <dd>{t(`common.role.${p.role}`)}</dd>
        </div>
        <div>
          <dt>{t('profile.joined')}</dt>
          <dd>{formatDate(p.joinedAt)}</dd>
        </div>
        <div>
          <dt>{t('profile.solvedCount')}</dt>
          <dd data-testid="profile-solved-count">{p.solved.length}</dd>
        </div>
      </dl>
      <section aria-labelledby="profile-solved">
        <h2 id="profile-solved">{t('profile.solved', { count: p.solved.length })}</h2>
        <SolvedList profile={p} />
      </section>
      <section aria-labelledby="profile-contests">
        <h2 id="profile-contests">{t('profile.contests', { count: p.contests.length })}</h2>
        <ContestList profile={p} />
      </section>
      <section aria-labelledby="profile-submissions">
        <h2 id="profile-submissions">{t('profile.submissions')}</h2>
        {p.submissions === null ? (
          <p className="hint">{t('profile.submissionsHidden', { username: p.username })}</p>
        ) : p.submissions.length === 0 ? (
          <EmptyState>{t('profile.submissionsNone')}</EmptyState>
        ) : (
          <SubmissionsTable
            items={p.submissions}
            showUser={false}
            // A contest's problem opens in its contest (practice may hide it while the contest runs).
            problem={(s) => (
              <Link to={s.contestId ? `/contests/${s.contestId}` : `/problems/${s.problemId}`}>
                {s.problemTitle ?? shortId(s.problemId)}
              </Link>
            )}
            result={(s) => <SubmissionResult submission={s} withScore={false} />}
            rowTestId="profile-submission"
          />
        )}
      </section>
    </div>
  );
}
