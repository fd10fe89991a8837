import { Link, useNavigate, useParams } from 'react-router';
import { useLanguages, useProblem, useSubmit } from '../api/hooks';
import { isStaff } from '../auth/session';
import { useSession } from '../auth/use-session';
import { ErrorMessage, Loading, PageError } from '../components/error-message';
import { ProblemText } from '../components/problem-text';
import { offeredLanguages, SubmitPanel } from '../components/submit-panel';
import { DraftBadge } from '../components/draft-badge';

/** A problem: statement, limits, samples, and the editor to submit a solution. */
export function ProblemPage() {
  const { id = '' } = useParams();
  const user = useSession();
  const problem = useProblem(id);
  const languages = useLanguages();
  const submit = useSubmit();
  const navigate = useNavigate();

  if (problem.isPending) return <Loading what="Loading the problem" />;
  if (problem.error)
    return <PageError title="Problem" error={problem.error} back={<Link to="/problems">Back to the problems</Link>} />;
  const p = problem.data;

  return (
    <div className="page problem-page">
      <div className="page-head">
        <h1>
          {p.title} <DraftBadge visibility={p.visibility} />
        </h1>
        <div className="actions">
          <Link to={`/submissions?problem=${p.id}`}>My submissions</Link>
          {isStaff(user) && <Link to={`/admin/problems/${p.id}`}>Manage</Link>}
        </div>
      </div>
      <div className="problem-columns">
        <ProblemText problem={p} limits="all" />
        <div className="problem-submit">
          {p.testCount === 0 && (
            <div className="alert alert-info" role="status">
              This problem has no tests yet: submissions are refused until it has.
            </div>
          )}
          <ErrorMessage error={languages.error} title="Could not load the languages" />
          <SubmitPanel
            heading="Submit"
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
          />
        </div>
      </div>
    </div>
  );
}
