import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { PAGE_SIZE } from '../../api/hooks';
import { contestKeys, useContestSubmissions } from '../../api/contests';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { shortId } from '../../components/format';
import { Pager, SubmissionsTable } from '../../components/submissions-table';
import { SubmissionResult } from '../../components/verdict-badge';
import { useT } from '../../i18n/i18n-provider';
import { useContestContext } from './contest-layout';
import { ContestKindBadge } from './virtual-timer';

/** Submissions made in the contest (the caller's own; everyone's for its staff), each opening the submission page. */
export function ContestSubmissionsPage() {
  const t = useT();
  const { contest } = useContestContext();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const submissions = useContestSubmissions(contest.id, page);

  const labelOf = new Map(contest.problems.map((p) => [p.problemId, p]));
  const items = submissions.data?.items ?? [];
  const fullPage = items.length >= PAGE_SIZE;

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
    <section aria-label={t('contest.subs.label')}>
      <h2>{contest.canManage ? t('contest.submissions') : t('contest.mySubmissions')}</h2>
      {submissions.isPending && <Loading what={t('contest.subs.loading')} />}
      <ErrorMessage error={submissions.error} title={t('contest.subs.loadError')} />
      {submissions.data && items.length === 0 && (
        <EmptyState>{page > 1 ? t('contest.subs.noOlder') : t('contest.subs.empty')}</EmptyState>
      )}
      {items.length > 0 && (
        <SubmissionsTable
          items={items}
          showUser={contest.canManage}
          problem={(s) => {
            const problem = labelOf.get(s.problemId);
            return (
              <>
                {problem ? (
                  <Link to={`/contests/${contest.id}/problems/${encodeURIComponent(problem.label)}`}>
                    {problem.label}. {problem.title}
                  </Link>
                ) : (
                  (s.problemTitle ?? shortId(s.problemId))
                )}
                <ContestKindBadge kind={s.contestKind} />
              </>
            );
          }}
          result={(s) => <SubmissionResult submission={s} withScore={contest.scoring === 'ioi'} />}
          rowTestId="contest-submission"
        />
      )}
      <Pager page={page} fullPage={fullPage} goTo={(n) => setParams({ page: String(n) })} />
    </section>
  );
}
