import { Link, useSearchParams } from 'react-router';
import { useMarks, useProblems, type Mark } from '../api/hooks';
import { isStaff } from '../auth/session';
import { useSession } from '../auth/use-session';
import { EmptyState, ErrorMessage, Loading } from '../components/error-message';
import { formatTimeLimit } from '../components/format';

function MarkIcon({ mark }: { mark: Mark | undefined }) {
  if (mark === 'solved')
    return (
      <span className="mark mark-solved" role="img" aria-label="Solved" title="Solved">
        ✓
      </span>
    );
  if (mark === 'attempted')
    return (
      <span className="mark mark-attempted" role="img" aria-label="Attempted" title="Attempted, not solved yet">
        ✗
      </span>
    );
  return <span className="mark" aria-hidden="true" />;
}

/** Every problem with its limits and the user's solved / attempted mark; searchable by title. */
export function ProblemsPage() {
  const user = useSession();
  const problems = useProblems();
  const marks = useMarks(user?.id ?? null);
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';

  const search = (value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set('q', value);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );

  const needle = query.trim().toLowerCase();
  const shown = (problems.data ?? []).filter(
    (p) => !needle || p.title.toLowerCase().includes(needle) || p.slug.toLowerCase().includes(needle),
  );

  return (
    <div className="page">
      <div className="page-head">
        <h1>Problems</h1>
        {isStaff(user) && (
          <Link className="button" to="/admin/problems/new">
            New problem
          </Link>
        )}
      </div>
      <label className="field field-inline search">
        <span>Search</span>
        <input type="search" value={query} placeholder="Title" onChange={(e) => search(e.target.value)} />
      </label>
      {problems.isPending && <Loading what="Loading problems" />}
      <ErrorMessage error={problems.error} title="Could not load the problems" />
      {marks.error && <ErrorMessage error={marks.error} title="Could not load your solved marks" />}
      {problems.data && problems.data.length === 0 && (
        <EmptyState>
          No problems yet.
          {isStaff(user) && (
            <>
              {' '}
              <Link to="/admin/problems/new">Upload or write the first one.</Link>
            </>
          )}
        </EmptyState>
      )}
      {problems.data && problems.data.length > 0 && shown.length === 0 && (
        <EmptyState>No problem title matches “{query}”.</EmptyState>
      )}
      {shown.length > 0 && (
        <div className="table-scroll">
          <table className="problems">
            <thead>
              <tr>
                <th scope="col" className="mark-col">
                  <span className="visually-hidden">Status</span>
                </th>
                <th scope="col">Title</th>
                <th scope="col">Time limit</th>
                <th scope="col">Type</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.id}>
                  <td className="mark-col">
                    <MarkIcon mark={marks.data?.get(p.id)} />
                  </td>
                  <td>
                    <Link to={`/problems/${p.id}`}>{p.title}</Link>
                  </td>
                  <td>{formatTimeLimit(p.timeLimitMs)}</td>
                  <td>{p.type === 'scoring' ? 'Scoring' : 'Pass / fail'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
