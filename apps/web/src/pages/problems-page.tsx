import { Link, useSearchParams } from 'react-router';
import type { ProblemListItem } from '@judge/contract';
import { useProblems } from '../api/hooks';
import { isStaff } from '../auth/session';
import { useSession } from '../auth/use-session';
import { DraftBadge } from '../components/draft-badge';
import { EmptyState, ErrorMessage, Loading } from '../components/error-message';
import { formatMemoryMb, formatNumber } from '../components/format';
import { ProblemTags } from '../components/problem-tags';
import { TimeLimit } from '../components/time-limit';
import { useT, type Translate } from '../i18n/i18n-provider';

/** The caller's own standing, as the API gives it with the list. */
function MarkIcon({ problem }: { problem: ProblemListItem }) {
  const t = useT();
  if (problem.solved)
    return (
      <span
        className="mark mark-solved"
        role="img"
        aria-label={t('problem.mark.solved')}
        title={t('problem.mark.solved')}
      >
        ✓
      </span>
    );
  if (problem.attempted)
    return (
      <span
        className="mark mark-attempted"
        role="img"
        aria-label={t('problem.mark.attempted')}
        title={t('problem.mark.attemptedHint')}
      >
        ✗
      </span>
    );
  return <span className="mark" aria-hidden="true" />;
}

/** A share of accepted submissions ("75%"), or a dash before any is judged. */
export function formatAcceptance(acceptance: number | null | undefined, t: Translate): string {
  if (acceptance === null || acceptance === undefined) return t('problem.none');
  return t('problem.acceptanceValue', { rate: acceptance });
}

/** Whether a problem matches the search: its title, code (slug) or one of its tags. */
function matches(problem: ProblemListItem, needle: string): boolean {
  if (!needle) return true;
  const words = [problem.title, problem.slug, ...(problem.tags ?? [])];
  return words.some((w) => w.toLowerCase().includes(needle));
}

/**
 * Every problem with its code, tags, limits, how many solved it and its acceptance, and the user's solved /
 * attempted mark; searchable by title, code or tag (a tag's link searches for it).
 */
export function ProblemsPage() {
  const t = useT();
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
  const shown = (problems.data ?? []).filter((p) => matches(p, needle));

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('problem.list.title')}</h1>
        {isStaff(user) && (
          <Link className="button" to="/admin/problems/new">
            {t('problem.list.new')}
          </Link>
        )}
      </div>
      <label className="field field-inline search">
        <span>{t('problem.list.search')}</span>
        <input
          type="search"
          value={query}
          placeholder={t('problem.list.searchPlaceholder')}
          onChange={(e) => search(e.target.value)}
        />
      </label>
      {problems.isPending && <Loading what={t('problem.list.loading')} />}
      <ErrorMessage error={problems.error} title={t('problem.list.loadError')} />
      {problems.data && problems.data.length === 0 && (
        <EmptyState>
          {t('problem.list.empty')}
          {isStaff(user) && (
            <>
              {' '}
              <Link to="/admin/problems/new">{t('problem.list.emptyStaff')}</Link>
            </>
          )}
        </EmptyState>
      )}
      {problems.data && problems.data.length > 0 && shown.length === 0 && (
        <EmptyState>{t('problem.list.noMatch', { query })}</EmptyState>
      )}
      {shown.length > 0 && (
        <div className="table-scroll">
          <table className="problems">
            <thead>
              <tr>
                <th scope="col" className="mark-col">
                  <span className="visually-hidden">{t('problem.list.status')}</span>
                </th>
                <th scope="col" className="code-col">
                  {t('problem.code')}
                </th>
                <th scope="col">{t('problem.list.titleColumn')}</th>
                <th scope="col">{t('problem.timeLimit')}</th>
                <th scope="col">{t('problem.memoryLimit')}</th>
                <th scope="col" className="num">
                  {t('problem.solvedBy')}
                </th>
                <th scope="col" className="num acceptance-col">
                  {t('problem.acceptance')}
                </th>
                <th scope="col" className="type-col">
                  {t('problem.type')}
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.id}>
                  <td className="mark-col">
                    <MarkIcon problem={p} />
                  </td>
                  <td className="code-col mono" data-testid="problem-code">
                    {p.slug}
                  </td>
                  <td className="title-col">
                    <Link to={`/problems/${p.id}`}>{p.title}</Link> <DraftBadge visibility={p.visibility} />
                    <ProblemTags tags={p.tags} onPick={search} />
                  </td>
                  <td>
                    <TimeLimit ms={p.timeLimitMs} origin={p.timeLimitOrigin} />
                  </td>
                  <td>{formatMemoryMb(p.memoryMb)}</td>
                  <td className="num" data-testid="problem-solved-by">
                    <span title={t('problem.solvedByHint', { count: p.solvedBy ?? 0 })}>
                      {formatNumber(p.solvedBy ?? 0)}
                    </span>
                  </td>
                  <td className="num acceptance-col" data-testid="problem-acceptance">
                    {formatAcceptance(p.acceptance, t)}
                  </td>
                  <td className="type-col">
                    {p.type === 'scoring' ? t('problem.typeScoring') : t('problem.typePassFail')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
