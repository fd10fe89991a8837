import { Link, useNavigate, useParams } from 'react-router';
import { useLanguages, useProblem, useSubmit } from '../api/hooks';
import { isStaff } from '../auth/session';
import { useSession } from '../auth/use-session';
import { ErrorMessage, Loading, PageError } from '../components/error-message';
import { formatNumber } from '../components/format';
import { ProblemTags } from '../components/problem-tags';
import { ProblemText } from '../components/problem-text';
import { runInputOf } from '../components/run-input';
import { offeredLanguages, SubmitPanel } from '../components/submit-panel';
import { DraftBadge } from '../components/draft-badge';
import { useT } from '../i18n/i18n-provider';
import { formatAcceptance } from './problems-page';

/** A problem: its code, tags and counts, statement, limits, samples, and the editor to submit a solution. */
export function ProblemPage() {
  const t = useT();
  const { id = '' } = useParams();
  const user = useSession();
  const problem = useProblem(id);
  const languages = useLanguages();
  const submit = useSubmit();
  const navigate = useNavigate();

  if (problem.isPending) return <Loading what={t('problem.loading')} />;
  if (problem.error)
    return (
      <PageError
        title={t('problem.title')}
        error={problem.error}
        back={<Link to="/problems">{t('problem.backToProblems')}</Link>}
      />
    );
  const p = problem.data;

  return (
    <div className="page problem-page">
      <div className="page-head">
        <h1>
          {p.title} <DraftBadge visibility={p.visibility} />
        </h1>
        <div className="actions">
          <Link to={`/submissions?problem=${p.id}`}>{t('problem.mySubmissions')}</Link>
          {isStaff(user) && <Link to={`/admin/problems/${p.id}`}>{t('problem.manage')}</Link>}
        </div>
      </div>
      <dl className="facts problem-facts" aria-label={t('problem.facts')}>
        <div>
          <dt>{t('problem.code')}</dt>
          <dd className="mono" data-testid="problem-code">
            {p.slug}
          </dd>
        </div>
        <div>
          <dt>{t('problem.solvedBy')}</dt>
          <dd data-testid="problem-solved-by">{formatNumber(p.solvedBy ?? 0)}</dd>
        </div>
        <div>
          <dt>{t('problem.acceptance')}</dt>
          <dd data-testid="problem-acceptance">{formatAcceptance(p.acceptance, t)}</dd>
        </div>
        {p.tags && p.tags.length > 0 && (
          <div>
            <dt>{t('problem.tags')}</dt>
            <dd>
              <ProblemTags tags={p.tags} />
            </dd>
          </div>
        )}
      </dl>
      <div className="problem-columns">
        <ProblemText problem={p} limits="all" />
        <div className="problem-submit">
          {p.testCount === 0 && (
            <div className="alert alert-info" role="status">
              {t('problem.noTests')}
            </div>
          )}
          <ErrorMessage error={languages.error} title={t('problem.languagesError')} />
          <SubmitPanel
            heading={t('problem.submit')}
            problemId={p.id}
            languages={offeredLanguages(p, languages.data)}
            onSubmit={(program) =>
              submit.mutate(
                { problemId: p.id, ...program },
                { onSuccess: ({ id }) => void navigate(`/submissions/${id}`) },
              )
            }
            pending={submit.isPending}
            // The page stays when going back or forward to another problem: a refusal shows on its own.
            error={submit.variables?.problemId === p.id ? submit.error : null}
            runInput={runInputOf(p)}
          />
        </div>
      </div>
    </div>
  );
}
