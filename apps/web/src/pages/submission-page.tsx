import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import { firstFailureOf, resultState, type FeedbackLevel, type SubmissionView } from '@judge/contract';
import { useComments } from '../api/courses';
import { mergeTests, useSubmissionEvents, type LiveProgress } from '../api/events';
import { useEditorMode, useLanguages, useProblems, useRejudgeSubmission, useSubmission } from '../api/hooks';
import { isStaff } from '../auth/session';
import { useSession } from '../auth/use-session';
import { EmptyState, ErrorMessage, Loading, PageError } from '../components/error-message';
import { formatDate, formatMemoryKb, formatNumber, formatTime, shortId } from '../components/format';
import { SampleComparison } from '../components/sample-comparison';
import { SecurityEventsPanel } from '../components/security-events-panel';
import { placeLinks, SubmissionProblemLink, submissionPathIn } from '../components/submission-place';
import { assignmentPath } from './courses/paths';
import { TestTable, type TestRow } from '../components/test-table';
import { formatScore, PartialBadge, StatusBadge, useVerdictWords, VerdictBadge } from '../components/verdict-badge';
import { Editor } from '../editor/lazy-editor';
import { useT } from '../i18n/i18n-provider';
import { AdjustmentNote, AdjustScoreForm, ReviewedSource } from './review/submission-review';

function Progress({ submission, live, done }: { submission: SubmissionView; live: LiveProgress; done: number }) {
  const t = useT();
  const status = live.status ?? submission.status;
  // Below full feedback the stream sends no secret test: a count would stop at the samples.
  const counted = submission.feedback === 'full';
  return (
    <div className="progress-line" role="status" data-testid="status">
      <StatusBadge status={status} />
      {!counted ? null : status === 'running' && live.total ? (
        <>
          <progress max={live.total} value={done} aria-label={t('submission.testsFinished')} />
          <span>{t('submission.doneOfTotal', { done, total: live.total })}</span>
        </>
      ) : status === 'running' && done > 0 ? (
        // Opened while judging: the number of tests shows with the next one to finish.
        <span>{t('submission.finishedCount', { count: done })}</span>
      ) : null}
      {!live.connected && <span className="muted">{t('submission.liveLost')}</span>}
    </div>
  );
}

function FinalVerdict({ submission, scoring }: { submission: SubmissionView; scoring: boolean }) {
  const t = useT();
  const words = useVerdictWords();
  const { verdict, score, maxScore } = submission;
  const failure = failedTest(submission);
  // An AC with some but not all of the points is its own state, in yellow with the score (contract's resultState).
  const partial =
    verdict !== null && score !== null && maxScore !== null && resultState({ verdict, score, maxScore }) === 'partial'
      ? { score, maxScore }
      : null;
  const shown = partial ? 'partial' : verdict?.toLowerCase();
  const name = partial ? words.partial(partial.score, partial.maxScore) : verdict ? words.verdict(verdict) : '';
  return (
    <div className={`final-verdict ${shown ? `final-${shown}` : ''}`}>
      {verdict ? (
        <span data-testid="verdict" className={`verdict-text verdict-${shown}`}>
          {failure ? (
            <FormattedMessage
              id="submission.verdictOnTest"
              values={{
                verdict: name,
                position: failure.position,
                name: failure.name,
                test: (chunks: ReactNode[]) => <span className="first-failure">{chunks}</span>,
                muted: (chunks: ReactNode[]) => <span className="muted">{chunks}</span>,
              }}
            />
          ) : (
            name
          )}
        </span>
      ) : (
        <span data-testid="verdict">{words.status('done')}</span>
      )}
      {scoring && !partial && submission.score !== null && (
        <span className="score">
          {t('submission.score', { score: formatScore(submission.score, submission.maxScore, ' / ') })}
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
  'first-failure': 'submission.hidden.firstFailure',
  'verdict-only': 'submission.hidden.verdictOnly',
};

/** For staff and teachers: the previous and next submissions of the same contest or assignment. */
function Neighbours({ submission: s }: { submission: SubmissionView }) {
  const t = useT();
  const n = s.neighbours;
  if (!n) return null;
  const where = s.place?.kind === 'contest' ? s.place.contestTitle : s.place?.assignmentTitle;
  return (
    <nav className="submission-neighbours" aria-label={t('submission.neighbours')}>
      {n.previous ? (
        <Link to={submissionPathIn(s.place, n.previous)} rel="prev">
          {t('submission.previous')}
        </Link>
      ) : (
        <span className="muted">{t('submission.previous')}</span>
      )}
      <span data-testid="neighbours-position">
        {t('submission.position', {
          position: formatNumber(n.position),
          total: formatNumber(n.total),
          where: where ?? '',
        })}
      </span>
      {n.next ? (
        <Link to={submissionPathIn(s.place, n.next)} rel="next">
          {t('submission.next')}
        </Link>
      ) : (
        <span className="muted">{t('submission.next')}</span>
      )}
    </nav>
  );
}

/**
 * A submission: where it was made (the contest or the assignment, with the problem's label there), per-test
 * progress while it is judged (the tests finished before the page opened, then those the event stream reports),
 * then the verdict, compile output, source and samples. Staff and teachers see whose it is and go to the previous
 * and next submission of its contest or assignment.
 */
export function SubmissionPage() {
  const t = useT();
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

  if (submission.isPending) return <Loading what={t('submission.loading')} />;
  if (submission.error)
    return (
      <PageError
        title={t('submission.title')}
        error={submission.error}
        back={<Link to="/submissions">{t('submission.backToMine')}</Link>}
      />
    );
  const s = submission.data;
  const problem = problems.data?.find((p) => p.id === s.problemId);
  const place = placeLinks(s);
  const languageName = languages.data?.find((l) => l.id === s.language)?.name ?? s.language;
  const rows: TestRow[] = pending
    ? mergeTests(s.tests, live.tests)
    : s.tests.map((test, i) => ({ index: i + 1, test }));
  const samples = s.tests.filter((test) => test.input !== undefined);
  const own = user !== null && s.userId === user.id;
  // Someone else's submission of an assignment is open to its teachers only; staff review any submission.
  const canReview = user !== null && !own && (isStaff(user) || Boolean(s.assignmentId));
  const commentList = comments.data ?? [];
  const compileError = !pending && s.verdict === 'CE';

  return (
    <div className="page submission-page">
      {place.trail.length > 0 && (
        <nav className="breadcrumb" aria-label={t('submission.placeTrail')} data-testid="submission-place">
          {place.trail.map((step, i) => (
            <span key={step.to}>
              {i > 0 && ' / '}
              <Link to={step.to}>{step.text}</Link>
            </span>
          ))}
        </nav>
      )}
      <div className="page-head">
        <h1>{t('submission.heading', { id: shortId(s.id) })}</h1>
        {isStaff(user) && (
          <button type="button" onClick={() => rejudge.mutate()} disabled={rejudge.isPending || pending}>
            {rejudge.isPending ? t('submission.rejudging') : t('submission.rejudge')}
          </button>
        )}
      </div>
      <ErrorMessage error={rejudge.error} title={t('submission.notRejudged')} />
      <Neighbours submission={s} />
      <dl className="facts">
        <div>
          <dt>{t('submission.problem')}</dt>
          <dd>
            <SubmissionProblemLink submission={s} title={problem?.title} testId="submission-problem" />
          </dd>
        </div>
        {!own && (
          <div>
            <dt>{t('submission.author')}</dt>
            <dd data-testid="submission-author">{s.username ?? shortId(s.userId)}</dd>
          </div>
        )}
        {s.place?.kind === 'contest' && (
          <div>
            <dt>{t('submission.contest')}</dt>
            <dd>
              <Link to={`/contests/${s.place.contestId}`}>{s.place.contestTitle}</Link>
            </dd>
          </div>
        )}
        {s.place?.kind === 'assignment' && (
          <div>
            <dt>{t('submission.assignment')}</dt>
            <dd>
              <Link to={assignmentPath(s.place.courseId, s.place.assignmentId)}>{s.place.assignmentTitle}</Link>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('submission.language')}</dt>
          <dd>{languageName}</dd>
        </div>
        <div>
          <dt>{t('submission.submitted')}</dt>
          <dd>{formatDate(s.createdAt)}</dd>
        </div>
        {!pending && !compileError && s.feedback !== 'verdict-only' && (
          <div>
            <dt>{t('submission.time')}</dt>
            <dd>{formatTime(s.timeMs)}</dd>
          </div>
        )}
        {!pending && !compileError && s.feedback === 'full' && (
          <div>
            <dt>{t('submission.memory')}</dt>
            <dd>{formatMemoryKb(s.memoryKb)}</dd>
          </div>
        )}
      </dl>

      {pending ? (
        <Progress submission={s} live={live} done={rows.length} />
      ) : (
        <FinalVerdict submission={s} scoring={problem?.type === 'scoring'} />
      )}

      {compileError ? (
        // No test ran: no tests table, only what the compiler said.
        <p className="hint" data-testid="feedback-note">
          {t('submission.notCompiled')}
        </p>
      ) : (
        <section aria-label={t('submission.tests')}>
          <h2>{t('submission.tests')}</h2>
          {s.feedback !== 'full' ? (
            <p className="hint" data-testid="feedback-note">
              {t(HIDDEN_TESTS[s.feedback])}
            </p>
          ) : rows.length > 0 ? (
            <TestTable rows={rows} total={(pending ? live.total : null) ?? s.testCount ?? null} />
          ) : (
            <EmptyState>{pending ? t('submission.waitingFirst') : t('submission.noResults')}</EmptyState>
          )}
        </section>
      )}

      {!pending && s.groups.length > 1 && (
        <section aria-label={t('submission.groups')}>
          <h2>{t('submission.groups')}</h2>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('submission.group')}</th>
                  <th scope="col">{t('submission.verdict')}</th>
                  <th scope="col" className="num">
                    {t('submission.scoreColumn')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {s.groups.map((g) => (
                  <tr key={g.name}>
                    <td>{g.name}</td>
                    <td>{resultState(g) === 'partial' ? <PartialBadge /> : <VerdictBadge verdict={g.verdict} />}</td>
                    <td className="num">{formatScore(g.score, g.maxScore, ' / ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {s.compileOutput && (
        <section aria-label={t('submission.compilerOutput')}>
          <h2>{t('submission.compilerOutput')}</h2>
          <pre className="compile-output">{s.compileOutput}</pre>
        </section>
      )}

      {!pending && samples.length > 0 && (
        <section aria-label={t('submission.sampleTests')}>
          <h2>{t('submission.sampleTests')}</h2>
          {samples.map((test) => (
            <SampleComparison key={test.name} test={test} />
          ))}
        </section>
      )}

      {s.source !== undefined && (
        <section aria-label={t('submission.source')}>
          <h2>
            {s.files && s.files.length > 1
              ? t('submission.sourceFiles', { count: s.files.length })
              : t('submission.source')}
          </h2>
          {s.entryPoint && <p className="hint">{t('submission.entryPoint', { name: s.entryPoint })}</p>}
          {canReview || commentList.length > 0 ? (
            <ReviewedSource submission={s} comments={commentList} canReview={canReview} />
          ) : s.files && s.files.length > 1 ? (
            <div className="submission-files">
              {s.files.map((file) => (
                <div key={file.name}>
                  <h3 className="file-name">{file.name}</h3>
                  <Editor
                    value={file.content}
                    mode={editorMode}
                    readOnly
                    label={t('submission.submittedFile', { name: file.name })}
                  />
                </div>
              ))}
            </div>
          ) : (
            <Editor value={s.source} mode={editorMode} readOnly label={t('submission.submittedSource')} />
          )}
        </section>
      )}

      {isStaff(user) && !pending && s.securityEvents && <SecurityEventsPanel events={s.securityEvents} />}

      {canReview && !pending && <AdjustScoreForm submission={s} />}
    </div>
  );
}
