import { Link, useSearchParams } from 'react-router';
import { SECURITY_EVENT_SORTS, type SecurityEventSort, type SecurityEventUserRow } from '@judge/contract';
import { useSecurityEvents, useUpdateUser } from '../../api/hooks';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { formatDate, shortId } from '../../components/format';
import { SECURITY_EVENT_LABELS } from '../../components/security-events-panel';
import { VerdictBadge } from '../../components/verdict-badge';

const SORT_LABELS: Record<SecurityEventSort, string> = { count: 'Most events', recent: 'Most recent' };

function UserRow({ row }: { row: SecurityEventUserRow }) {
  const update = useUpdateUser();
  return (
    <>
      <tr className={row.blocked ? 'disabled' : undefined}>
        <td>
          <Link to={`/admin/submissions?user=${row.userId}`}>{row.username}</Link>
          {row.role !== 'contestant' && <span className="muted"> ({row.role})</span>}
        </td>
        <td className="num">{row.events}</td>
        <td className="num">{row.submissions}</td>
        <td>{formatDate(row.lastEventAt)}</td>
        <td>
          {row.blocked
            ? 'Blocked'
            : row.submissionsPerMinute !== null
              ? `${row.submissionsPerMinute} a minute`
              : 'Default'}
        </td>
        <td>
          <button
            type="button"
            className="button-small"
            disabled={update.isPending}
            onClick={() => update.mutate({ id: row.userId, blocked: !row.blocked })}
          >
            {row.blocked ? `Unblock ${row.username}` : `Block ${row.username}`}
          </button>
        </td>
      </tr>
      {update.error ? (
        <tr>
          <td colSpan={6}>
            <ErrorMessage error={update.error} title={`${row.username} not changed`} />
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
  const [params, setParams] = useSearchParams();
  const sortParam = params.get('sort');
  const sort: SecurityEventSort = sortParam === 'recent' ? 'recent' : 'count';
  const report = useSecurityEvents(sort);

  return (
    <div className="page">
      <h1>Security events</h1>
      <p className="hint">
        What submissions did that probes the sandbox: denied system calls, fork bombs, the process, output and file size
        limits reached. Block a user&apos;s submissions here, or give them a lower rate limit on the{' '}
        <Link to="/admin/users">Users</Link> page.
      </p>
      <div className="row" role="group" aria-label="Sort">
        {SECURITY_EVENT_SORTS.map((s) => (
          <button
            key={s}
            type="button"
            className="button-small"
            aria-pressed={s === sort}
            onClick={() => setParams(s === 'count' ? {} : { sort: s })}
          >
            {SORT_LABELS[s]}
          </button>
        ))}
      </div>
      {report.isPending && <Loading what="Loading security events" />}
      <ErrorMessage error={report.error} title="Could not load the security events" />
      {report.data && (
        <>
          <section aria-label="Users">
            <h2>Users</h2>
            {report.data.users.length === 0 ? (
              <EmptyState>No security events yet.</EmptyState>
            ) : (
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">User</th>
                      <th scope="col" className="num">
                        Events
                      </th>
                      <th scope="col" className="num">
                        Submissions
                      </th>
                      <th scope="col">Last</th>
                      <th scope="col">Submitting</th>
                      <th scope="col">Action</th>
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
          <section aria-label="Submissions">
            <h2>Submissions</h2>
            {report.data.submissions.length === 0 ? (
              <EmptyState>No submission has security events.</EmptyState>
            ) : (
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Submission</th>
                      <th scope="col">User</th>
                      <th scope="col">Problem</th>
                      <th scope="col">Verdict</th>
                      <th scope="col" className="num">
                        Events
                      </th>
                      <th scope="col">Kinds</th>
                      <th scope="col">Judged</th>
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
                        <td className="num">{s.events}</td>
                        <td>{s.kinds.map((k) => SECURITY_EVENT_LABELS[k] ?? k).join(', ')}</td>
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
