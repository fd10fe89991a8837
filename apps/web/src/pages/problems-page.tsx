import { Link, useSearchParams } from 'react-router';
import type { ProblemListItem } from '@judge/contract';
import { useProblems } from '../api/hooks';
import { isStaff } from '../auth/session';
import { useSession } from '../auth/use-session';
import { DraftBadge } from '../components/draft-badge';
import { EmptyState, ErrorMessage, Loading } from '../components/error-message';
import { formatMemoryMb, formatTimeLimit } from '../components/format';

/** The caller's own standing, as the API gives it with the list. */
function MarkIcon({ problem }: { problem: ProblemListItem }) {
  if (problem.solved)
    return (
      <span className="mark mark-solved" role="img" aria-label="Solved" title="Solved">
        ✓
      </span>
    );
  if (problem.attempted)
    return (
      <span className="mark mark-attempted" role="img" aria-label="Attempted" title="Attempted, not solved yet">
        ✗
      </span>
    );
  return <span className="mark" aria-hidden="true" />;
}

/** Every problem with its limits and the user's solved / attempted mark; searchable by title or slug. */
export function ProblemsPage() {
  const user = useSession();
  const problems = useProblems();
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
                <th scope="col">Memory limit</th>
                <th scope="col" className="type-col">
                  Type
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.id}>
                  <td className="mark-col">
                    <MarkIcon problem={p} />
                  </td>
                  <td className="title-col">
                    <Link to={`/problems/${p.id}`}>{p.title}</Link> <DraftBadge visibility={p.visibility} />
                  </td>
                  <td>{formatTimeLimit(p.timeLimitMs)}</td>
                  <td>{formatMemoryMb(p.memoryMb)}</td>
                  <td className="type-col">{p.type === 'scoring' ? 'Scoring' : 'Pass / fail'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
