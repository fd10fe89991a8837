import { Link, useSearchParams } from 'react-router';
import { VERDICT_FILTERS, isVerdictFilter } from '@judge/contract';
import { PAGE_SIZE, useProblems, useSubmissionPage, useUsers } from '../api/hooks';
import { useSession } from '../auth/use-session';
import { EmptyState, ErrorMessage, Loading } from '../components/error-message';
import { SubmissionProblemLink } from '../components/submission-place';
import { Pager, SubmissionsTable } from '../components/submissions-table';
import { SubmissionResult, useVerdictWords } from '../components/verdict-badge';
import { useT } from '../i18n/i18n-provider';

/**
 * Submissions, newest first, 50 a page: the user's own, or (`all`, for setters and admins) everyone's.
 * Filters live in the address (`problem`, `verdict`, `user` and `page`) and are applied by the API.
 */
export function SubmissionsPage({ all = false }: { all?: boolean }) {
  const t = useT();
  const words = useVerdictWords();
  const user = useSession();
  const [params, setParams] = useSearchParams();
  const problemId = params.get('problem') ?? '';
  const verdictParam = params.get('verdict') ?? '';
  const verdict = isVerdictFilter(verdictParam) ? verdictParam : '';
  const userFilter = all ? (params.get('user') ?? '') : (user?.id ?? '');
  const page = Math.max(1, Number(params.get('page')) || 1);

  const problems = useProblems();
  const users = useUsers(all && user?.role === 'admin');
  const submissions = useSubmissionPage({
    problemId: problemId || undefined,
    // A user id is sent once it is whole (the API answers 400 to a partial one).
    userId: /^[0-9a-f-]{36}$/i.test(userFilter) ? userFilter : undefined,
    verdict: verdict || undefined,
    page,
  });

  const set = (name: string, value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(name, value);
      else next.delete(name);
      if (name !== 'page') next.delete('page');
      return next;
    });

  const scoring = new Set((problems.data ?? []).filter((p) => p.type === 'scoring').map((p) => p.id));
  const items = submissions.data?.items ?? [];
  const fullPage = items.length >= PAGE_SIZE;
  const filtered = problemId !== '' || verdict !== '' || (all && userFilter !== '');

  return (
    <div className="page">
      <h1>{all ? t('submission.all') : t('submission.mine')}</h1>
      <div className="filters" role="search" aria-label={t('submission.filter')}>
        <label className="field field-inline">
          <span>{t('submission.problem')}</span>
          <select value={problemId} onChange={(e) => set('problem', e.target.value)}>
            <option value="">{t('submission.allProblems')}</option>
            {(problems.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-inline">
          <span>{t('submission.verdict')}</span>
          <select value={verdict} onChange={(e) => set('verdict', e.target.value)}>
            <option value="">{t('verdict.any')}</option>
            {VERDICT_FILTERS.map((v) => (
              <option key={v} value={v}>
                {words.verdict(v)}
              </option>
            ))}
          </select>
        </label>
        {all &&
          (users.data ? (
            <label className="field field-inline">
              <span>{t('submission.column.user')}</span>
              <select value={userFilter} onChange={(e) => set('user', e.target.value)}>
                <option value="">{t('submission.everyone')}</option>
                {users.data.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.username}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <label className="field field-inline">
              <span>{t('submission.userId')}</span>
              <input
                value={userFilter}
                placeholder={t('submission.everyone')}
                onChange={(e) => set('user', e.target.value.trim())}
                pattern="[0-9a-fA-F-]{36}"
              />
            </label>
          ))}
      </div>
      {submissions.isPending && <Loading what={t('submission.loadingList')} />}
      <ErrorMessage error={submissions.error} title={t('submission.listError')} />
      {submissions.data && items.length === 0 && (
        <EmptyState>
          {page > 1 ? (
            t('submission.noOlder')
          ) : filtered ? (
            t('submission.noMatch')
          ) : all ? (
            t('submission.noneYet')
          ) : (
            <>
              {t('submission.noneOfYours')} <Link to="/problems">{t('submission.pickProblem')}</Link>
            </>
          )}
        </EmptyState>
      )}
      {items.length > 0 && (
        <SubmissionsTable
          items={items}
          showUser={all}
          problem={(s) => <SubmissionProblemLink submission={s} withPlace />}
          result={(s) => <SubmissionResult submission={s} withScore={scoring.has(s.problemId)} />}
        />
      )}
      <Pager page={page} fullPage={fullPage} goTo={(n) => set('page', String(n))} />
    </div>
  );
}
