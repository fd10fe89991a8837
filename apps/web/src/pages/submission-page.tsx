import { Link, useParams } from 'react-router';
import {
  firstFailureOf,
  VERDICT_LABELS,
  partialLabel,
  resultState,
  type FeedbackLevel,
  type SubmissionView,
} from '@judge/contract';
import { useComments } from '../api/courses';
import { mergeTests, useSubmissionEvents, type LiveProgress } from '../api/events';
import { useEditorMode, useLanguages, useProblems, useRejudgeSubmission, useSubmission } from '../api/hooks';
import { isStaff } from '../auth/session';
import { useSession } from '../auth/use-session';
import { EmptyState, ErrorMessage, Loading, PageError } from '../components/error-message';
import { formatDate, formatMemoryKb, formatTime, shortId } from '../components/format';
import { SampleComparison } from '../components/sample-comparison';
import { SecurityEventsPanel } from '../components/security-events-panel';
import { TestTable, type TestRow } from '../components/test-table';
import { PartialBadge, statusLabel, VerdictBadge } from '../components/verdict-badge';
import { Editor } from '../editor/lazy-editor';
import { AdjustmentNote, AdjustScoreForm, ReviewedSource } from './review/submission-review';

function Progress({ submission, live, done }: { submission: SubmissionView; live: LiveProgress; done: number }) {
  const status = live.status ?? submission.status;
  // Below full feedback the stream sends no secret test: a count would stop at the samples.
  const counted = submission.feedback === 'full';
  return (
    <div className="progress-line" role="status" data-testid="status">
      <span className="badge status-pending">{statusLabel(status)}…</span>
      {!counted ? null : status === 'running' && live.total ? (
        <>
          <progress max={live.total} value={done} aria-label="Tests finished" />
          <span>
            {done} of {live.total} tests
          </span>
        </>
      ) : status === 'running' && done > 0 ? (
        // Opened while judging: the number of tests shows with the next one to finish.
        <span>{done === 1 ? '1 test finished' : `${done} tests finished`}</span>
      ) : null}
      {!live.connected && <span className="muted">Live updates lost; checking every few seconds.</span>}
    </div>
  );
}

function FinalVerdict({ submission, scoring }: { submission: SubmissionView; scoring: boolean }) {
  const { verdict, score, maxScore } = submission;
  const failure = failedTest(submission);
  // An AC with some but not all of the points is its own state, in yellow with the score (contract's resultState).
  const partial =
    verdict !== null && score !== null && maxScore !== null && resultState({ verdict, score, maxScore }) === 'partial'
      ? { score, maxScore }
      : null;
  const shown = partial ? 'partial' : verdict?.toLowerCase();
  return (
    <div className={`final-verdict ${shown ? `final-${shown}` : ''}`}>
      {verdict ? (
        <span data-testid="verdict" className={`verdict-text verdict-${shown}`}>
          {partial ? partialLabel(partial.score, partial.maxScore) : VERDICT_LABELS[verdict]}
          {failure && (
            <span className="first-failure">
              {' '}
              on test {failure.position} <span className="muted">({failure.name})</span>
            </span>
          )}
        </span>
      ) : (
        <span data-testid="verdict">Judged</span>
      )}
      {scoring && !partial && submission.score !== null && (
        <span className="score">
          Score {submission.score}
          {submission.maxScore !== null ? ` / ${submission.maxScore}` : ''}
        </span>
      )}
      {submission.adjustment && <AdjustmentNote adjustment={submission.adjustment} />}
    </div>
  );
}

/**
 * The test the verdict is about, as "Wrong Answer on test 3 (secret/02)": at `first-failure` the API names it; at
 * `full` it is the first test of the run that failed (the same rule, firstFailureOf); none at `verdict-only`.
 */
function failedTest(submission: SubmissionView) {
  if (submission.feedback === 'full') return submission.verdict === 'AC' ? null : firstFailureOf(submission.tests);
  return submission.firstFailure ?? null;
}

/** What a feedback level below full leaves out, said where the tests would be (docs/security-model.md). */
const HIDDEN_TESTS: Record<Exclude<FeedbackLevel, 'full'>, string> = {
  'first-failure':
    'Results of secret tests are not shown here: only the verdict, the first test that failed and the largest time.',
  'verdict-only': 'Only the verdict and the score are shown here.',
};

/**
 * A submission: per-test progress while it is judged (the tests finished before the page opened, then those the
 * event stream reports), then the verdict, compile output, source and samples.
 */
export function SubmissionPage() {
  const { id = '' } = useParams();
  const user = useSession();
  const submission = useSubmission(id);
  const problems = useProblems();
  const languages = useLanguages();
  const editorMode = useEditorMode(submission.data?.language);
  const rejudge = useRejudgeSubmission(id);
  const pending = submission.data !== undefined && submission.data.status !== 'done';
  const live = useSubmissionEvents(id, pending);
  const comments = useComments(id);

  if (submission.isPending) return <Loading what="Loading the submission" />;
  if (submission.error)
    return (
      <PageError
        title="Submission"
        error={submission.error}
        back={<Link to="/submissions">Back to my submissions</Link>}
      />
    );
  const s = submission.data;
  const problem = problems.data?.find((p) => p.id === s.problemId);
  const languageName = languages.data?.find((l) => l.id === s.language)?.name ?? s.language;
  const rows: TestRow[] = pending
    ? mergeTests(s.tests, live.tests)
    : s.tests.map((test, i) => ({ index: i + 1, test }));
  const samples = s.tests.filter((t) => t.input !== undefined);
  // Someone else's submission of an assignment is open to its teachers only; staff review any submission.
  const canReview = user !== null && s.userId !== user.id && (isStaff(user) || Boolean(s.assignmentId));
  const commentList = comments.data ?? [];

  return (
    <div className="page submission-page">
      <div className="page-head">
        <h1>Submission {shortId(s.id)}</h1>
        {isStaff(user) && (
          <button type="button" onClick={() => rejudge.mutate()} disabled={rejudge.isPending || pending}>
            {rejudge.isPending ? 'Rejudging…' : 'Rejudge'}
          </button>
        )}
      </div>
      <ErrorMessage error={rejudge.error} title="Not rejudged" />
      <dl className="facts">
        <div>
          <dt>Problem</dt>
          <dd>
            <Link to={`/problems/${s.problemId}`}>{problem?.title ?? s.problemTitle ?? shortId(s.problemId)}</Link>
          </dd>
        </div>
        <div>
          <dt>Language</dt>
          <dd>{languageName}</dd>
        </div>
        <div>
          <dt>Submitted</dt>
          <dd>{formatDate(s.createdAt)}</dd>
        </div>
        {!pending && s.feedback !== 'verdict-only' && (
          <div>
            <dt>Time</dt>
            <dd>{formatTime(s.timeMs)}</dd>
          </div>
        )}
        {!pending && s.feedback === 'full' && (
          <div>
            <dt>Memory</dt>
            <dd>{formatMemoryKb(s.memoryKb)}</dd>
          </div>
        )}
      </dl>

      {pending ? (
        <Progress submission={s} live={live} done={rows.length} />
      ) : (
        <FinalVerdict submission={s} scoring={problem?.type === 'scoring'} />
      )}

      <section aria-label="Tests">
        <h2>Tests</h2>
        {s.feedback !== 'full' ? (
          <p className="hint" data-testid="feedback-note">
            {s.verdict === 'CE' ? 'No test ran: the source did not compile.' : HIDDEN_TESTS[s.feedback]}
          </p>
        ) : rows.length > 0 ? (
          <TestTable rows={rows} total={(pending ? live.total : null) ?? s.testCount ?? null} />
        ) : (
          <EmptyState>
            {pending
              ? 'Waiting for the first test to finish…'
              : s.verdict === 'CE'
                ? 'No test ran: the source did not compile.'
                : 'No test results.'}
          </EmptyState>
        )}
      </section>

      {!pending && s.groups.length > 1 && (
        <section aria-label="Groups">
          <h2>Groups</h2>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Verdict</th>
                  <th scope="col" className="num">
                    Score
                  </th>
                </tr>
              </thead>
              <tbody>
                {s.groups.map((g) => (
                  <tr key={g.name}>
                    <td>{g.name}</td>
                    <td>{resultState(g) === 'partial' ? <PartialBadge /> : <VerdictBadge verdict={g.verdict} />}</td>
                    <td className="num">
                      {g.score}
                      {g.maxScore !== null ? ` / ${g.maxScore}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {s.compileOutput && (
        <section aria-label="Compiler output">
          <h2>Compiler output</h2>
          <pre className="compile-output">{s.compileOutput}</pre>
        </section>
      )}

      {!pending && samples.length > 0 && (
        <section aria-label="Sample tests">
          <h2>Sample tests</h2>
          {samples.map((t) => (
            <SampleComparison key={t.name} test={t} />
          ))}
        </section>
      )}

      {s.source !== undefined && (
        <section aria-label="Source">
          <h2>{s.files && s.files.length > 1 ? `Source: ${s.files.length} files` : 'Source'}</h2>
          {s.entryPoint && <p className="hint">Entry point: {s.entryPoint}</p>}
          {canReview || commentList.length > 0 ? (
            <ReviewedSource submission={s} comments={commentList} canReview={canReview} />
          ) : s.files && s.files.length > 1 ? (
            <div className="submission-files">
              {s.files.map((file) => (
                <div key={file.name}>
                  <h3 className="file-name">{file.name}</h3>
                  <Editor value={file.content} mode={editorMode} readOnly label={`Submitted file ${file.name}`} />
                </div>
              ))}
            </div>
          ) : (
            <Editor value={s.source} mode={editorMode} readOnly label="Submitted source" />
          )}
        </section>
      )}

      {isStaff(user) && !pending && s.securityEvents && <SecurityEventsPanel events={s.securityEvents} />}

      {canReview && !pending && <AdjustScoreForm submission={s} />}
    </div>
  );
}
