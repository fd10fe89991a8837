import { useNavigate, useParams } from 'react-router';
import { useContestProblem, useContestSubmit } from '../../api/contests';
import { useLanguages } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../components/error-message';
import { ProblemText } from '../../components/problem-text';
import { runInputOf } from '../../components/run-input';
import { offeredLanguages, SubmitPanel } from '../../components/submit-panel';
import { useT } from '../../i18n/i18n-provider';
import { useContestContext } from './contest-layout';
import { RegisterBox } from './contest-overview';

/**
 * One problem of a contest, by its label: statement, limits, samples and the editor; opened before registering,
 * the Register button above the editor.
 */
export function ContestProblemPage() {
  const t = useT();
  const { contest } = useContestContext();
  const { label = '' } = useParams();
  const problem = useContestProblem(contest.id, label);
  const languages = useLanguages();
  const submit = useContestSubmit(contest.id);
  const navigate = useNavigate();

  const mayTakePart = contest.registered || contest.canManage || contest.phase === 'ended';
  const registerHere = !mayTakePart && (
    <>
      <div className="alert alert-info" role="status">
        {t('contest.registerToSubmit')}
      </div>
      <RegisterBox contest={contest} />
    </>
  );

  if (problem.isPending) return <Loading what={t('problem.loading')} />;
  // The API shows a contest's problems to its participants only: before registering, the tab offers to register
  // (and shows the problem once that is done).
  if (problem.error) return registerHere || <ErrorMessage error={problem.error} />;
  const p = problem.data;

  return (
    <div className="problem-columns contest-problem">
      <ProblemText
        problem={p}
        heading={
          <h2 className="contest-problem-title">
            {label}. {p.title}
          </h2>
        }
        limits="brief"
      />
      <div className="problem-submit">
        {registerHere}
        <ErrorMessage error={languages.error} title={t('problem.languagesError')} />
        <SubmitPanel
          heading={t('contest.submitLabel', { label })}
          problemId={p.id}
          languages={offeredLanguages(p, languages.data)}
          onSubmit={(program) =>
            submit.mutate(
              { problem: label, ...program },
              { onSuccess: () => void navigate(`/contests/${contest.id}/submissions`) },
            )
          }
          pending={submit.isPending}
          // The page stays as the tabs change problem: a refusal shows on the problem it was about.
          error={submit.variables?.problem === label ? submit.error : null}
          runInput={runInputOf(p, contest)}
        />
      </div>
    </div>
  );
}
