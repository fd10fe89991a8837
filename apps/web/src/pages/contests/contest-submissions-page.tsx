import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { PAGE_SIZE, useLanguages } from '../../api/hooks';
import { contestKeys, useContestSubmissions } from '../../api/contests';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { formatDate, formatMemoryKb, formatTime, shortId } from '../../components/format';
import { SubmissionState } from '../../components/verdict-badge';
import { useContestContext } from './contest-layout';

/** Submissions made in the contest (the caller's own; everyone's for its staff), each opening the submission page. */
export function ContestSubmissionsPage() {
  const { contest } = useContestContext();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const submissions = useContestSubmissions(contest.id, page);
  const languages = useLanguages();

  const labelOf = new Map(contest.problems.map((p) => [p.problemId, p]));
  const languageName = new Map((languages.data ?? []).map((l) => [l.id, l.name]));
  const items = submissions.data?.items ?? [];
  const fullPage = items.length >= PAGE_SIZE;
  const scoring = contest.scoring === 'ioi';
  const goTo = (n: number) => setParams({ page: String(n) });

  // A verdict changes the solved / attempted marks of the problem tabs: read the contest again when one arrives.
  const client = useQueryClient();
  // (Also once when the list first loads: the verdict may have come before the page read it.)
  const judged = items.filter((s) => s.status === 'done').length;
  const judgedBefore = useRef(0);
  useEffect(() => {
    if (judged > judgedBefore.current)
      void client.invalidateQueries({ queryKey: contestKeys.contest(contest.id), exact: true });
    judgedBefore.current = judged;
  }, [judged, client, contest.id]);

  return (
    <section aria-label="Contest submissions">
      <h2>{contest.canManage ? 'Submissions' : 'My submissions'}</h2>
      {submissions.isPending && <Loading what="Loading submissions" />}
      <ErrorMessage error={submissions.error} title="Could not load the submissions" />
      {submissions.data && items.length === 0 && (
        <EmptyState>{page > 1 ? 'No older submissions.' : 'No submissions in this contest yet.'}</EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="submissions">
            <thead>
              <tr>
                <th scope="col">Submission</th>
                <th scope="col">When</th>
                {contest.canManage && <th scope="col">User</th>}
                <th scope="col">Problem</th>
                <th scope="col">Language</th>
                <th scope="col">Verdict</th>
                <th scope="col" className="num">
                  Time
                </th>
                <th scope="col" className="num">
                  Memory
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => {
                const problem = labelOf.get(s.problemId);
                return (
                  <tr key={s.id} data-testid="contest-submission">
                    <td>
                      <Link to={`/submissions/${s.id}`} aria-label={`Submission ${shortId(s.id)}`}>
                        {shortId(s.id)}
                      </Link>
                    </td>
                    <td>{formatDate(s.createdAt)}</td>
                    {contest.canManage && <td>{s.username ?? shortId(s.userId)}</td>}
                    <td>
                      {problem ? (
                        <Link to={`/contests/${contest.id}/problems/${encodeURIComponent(problem.label)}`}>
                          {problem.label}. {problem.title}
                        </Link>
                      ) : (
                        (s.problemTitle ?? shortId(s.problemId))
                      )}
                    </td>
                    <td>{languageName.get(s.language) ?? s.language}</td>
                    <td>
                      <SubmissionState status={s.status} verdict={s.verdict} />
                      {scoring && s.score !== null && (
                        <span className="muted">
                          {' '}
                          {s.score}
                          {s.maxScore !== null ? `/${s.maxScore}` : ''}
                        </span>
                      )}
                    </td>
                    <td className="num">{formatTime(s.timeMs)}</td>
                    <td className="num">{formatMemoryKb(s.memoryKb)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {(page > 1 || fullPage) && (
        <nav className="pager" aria-label="Pages">
          <button type="button" disabled={page <= 1} onClick={() => goTo(page - 1)}>
            Newer
          </button>
          <span>Page {page}</span>
          <button type="button" disabled={!fullPage} onClick={() => goTo(page + 1)}>
            Older
          </button>
        </nav>
      )}
    </section>
  );
}
