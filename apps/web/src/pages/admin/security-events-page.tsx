import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { SECURITY_EVENT_SORTS, type SecurityEventSort, type SecurityEventUserRow } from '@judge/contract';
import { useSecurityEvents, useUpdateUser } from '../../api/hooks';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { formatDate, formatNumber, shortId } from '../../components/format';
import { useSecurityEventLabel } from '../../components/security-events-panel';
import { VerdictBadge } from '../../components/verdict-badge';
import { useT } from '../../i18n/i18n-provider';

const SORT_LABELS: Record<SecurityEventSort, string> = { count: 'security.sort.count', recent: 'security.sort.recent' };

function UserRow({ row }: { row: SecurityEventUserRow }) {
  const t = useT();
  const update = useUpdateUser();
  return (
    <>
      <tr className={row.blocked ? 'disabled' : undefined}>
        <td>
          <Link to={`/admin/submissions?user=${row.userId}`}>{row.username}</Link>
          {row.role !== 'contestant' && <span className="muted"> ({t(`common.role.${row.role}`)})</span>}
        </td>
        <td className="num">{formatNumber(row.events)}</td>
        <td className="num">{formatNumber(row.submissions)}</td>
        <td>{formatDate(row.lastEventAt)}</td>
        <td>
          {row.blocked
            ? t('security.blocked')
            : row.submissionsPerMinute !== null
              ? t('security.perMinute', { count: row.submissionsPerMinute })
              : t('security.default')}
        </td>
        <td>
          <button
            type="button"
            className="button-small"
            disabled={update.isPending}
            onClick={() => update.mutate({ id: row.userId, blocked: !row.blocked })}
          >
            {row.blocked ? t('security.unblock', { name: row.username }) : t('security.block', { name: row.username })}
          </button>
        </td>
      </tr>
      {update.error ? (
        <tr>
          <td colSpan={6}>
            <ErrorMessage error={update.error} title={t('security.notChanged', { name: row.username })} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/**
 * For admins: who probes the sandbox. The users and the submissions whose results hold the most security events
 * (or the most recent), each linking to the submissions; a user can be blocked from here, or given a rate limit
 * of their own on the Users page.
 */
export function SecurityEventsPage() {
  const t = useT();
  const label = useSecurityEventLabel();
  const [params, setParams] = useSearchParams();
  const sortParam = params.get('sort');
  const sort: SecurityEventSort = sortParam === 'recent' ? 'recent' : 'count';
  const report = useSecurityEvents(sort);

  return (
    <div className="page">
      <h1>{t('security.title')}</h1>
      <p className="hint">
        <FormattedMessage
          id="security.intro"
          values={{ users: (chunks: ReactNode[]) => <Link to="/admin/users">{chunks}</Link> }}
        />
      </p>
      <div className="row" role="group" aria-label={t('security.sort')}>
        {SECURITY_EVENT_SORTS.map((s) => (
          <button
            key={s}
            type="button"
            className="button-small"
            aria-pressed={s === sort}
            onClick={() => setParams(s === 'count' ? {} : { sort: s })}
          >
            {t(SORT_LABELS[s])}
          </button>
        ))}
      </div>
      {report.isPending && <Loading what={t('security.loading')} />}
      <ErrorMessage error={report.error} title={t('security.loadError')} />
      {report.data && (
        <>
          <section aria-label={t('security.users')}>
            <h2>{t('security.users')}</h2>
            {report.data.users.length === 0 ? (
              <EmptyState>{t('security.noEvents')}</EmptyState>
            ) : (
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('security.user')}</th>
                      <th scope="col" className="num">
                        {t('security.events')}
                      </th>
                      <th scope="col" className="num">
                        {t('security.submissions')}
                      </th>
                      <th scope="col">{t('security.last')}</th>
                      <th scope="col">{t('security.submitting')}</th>
                      <th scope="col">{t('security.action')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.data.users.map((u) => (
                      <UserRow key={u.userId} row={u} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section aria-label={t('security.submissions')}>
            <h2>{t('security.submissions')}</h2>
            {report.data.submissions.length === 0 ? (
              <EmptyState>{t('security.noSubmissions')}</EmptyState>
            ) : (
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('security.submission')}</th>
                      <th scope="col">{t('security.user')}</th>
                      <th scope="col">{t('security.problem')}</th>
                      <th scope="col">{t('security.verdict')}</th>
                      <th scope="col" className="num">
                        {t('security.events')}
                      </th>
                      <th scope="col">{t('security.kinds')}</th>
                      <th scope="col">{t('security.judged')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.data.submissions.map((s) => (
                      <tr key={s.submissionId}>
                        <td>
                          <Link to={`/submissions/${s.submissionId}`}>{shortId(s.submissionId)}</Link>
                        </td>
                        <td>{s.username}</td>
                        <td>{s.problemTitle}</td>
                        <td>{s.verdict ? <VerdictBadge verdict={s.verdict} /> : '—'}</td>
                        <td className="num">{formatNumber(s.events)}</td>
                        <td>{s.kinds.map(label).join(', ')}</td>
                        <td>{formatDate(s.judgedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </div>
  );
}
