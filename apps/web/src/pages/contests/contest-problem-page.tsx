import { useNavigate, useParams } from 'react-router';
import { useContestProblem, useContestSubmit } from '../../api/contests';
import { useLanguages } from '../../api/hooks';
import { ErrorMessage, Loading } from '../../components/error-message';
import { ProblemText } from '../../components/problem-text';
import { offeredLanguages, SubmitPanel } from '../../components/submit-panel';
import { useContestContext } from './contest-layout';

/** One problem of a contest, by its label: statement, limits, samples and the editor. */
export function ContestProblemPage() {
  const { contest } = useContestContext();
  const { label = '' } = useParams();
  const problem = useContestProblem(contest.id, label);
  const languages = useLanguages();
  const submit = useContestSubmit(contest.id);
  const navigate = useNavigate();

  if (problem.isPending) return <Loading what="Loading the problem" />;
  if (problem.error) return <ErrorMessage error={problem.error} />;
  const p = problem.data;
  const mayTakePart = contest.registered || contest.canManage || contest.phase === 'ended';

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
        {!mayTakePart && (
          <div className="alert alert-info" role="status">
            Register on the overview tab to submit.
          </div>
        )}
        <ErrorMessage error={languages.error} title="Could not load the languages" />
        <SubmitPanel
          heading={`Submit ${label}`}
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
        />
      </div>
    </div>
  );
}
