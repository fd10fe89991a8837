import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { AssignmentView, SubmissionView } from '@judge/contract';
import {
  useAssignment,
  useAssignmentProblem,
  useAssignmentSubmissions,
  useAssignmentSubmit,
  useCourse,
  useCourseMembers,
  useSetExtension,
  useStartExam,
} from '../../api/courses';
import { useLanguages } from '../../api/hooks';
import { useSession } from '../../auth/use-session';
import { EmptyState, ErrorMessage, Loading, PageError } from '../../components/error-message';
import { fromLocalInput, toLocalInput } from '../../components/datetime-local';
import { formatDate, formatNumber, formatPoints, pointsOf, shortId } from '../../components/format';
import { ProblemText } from '../../components/problem-text';
import { Statement } from '../../components/statement';
import { runInputOf } from '../../components/run-input';
import { offeredLanguages, SubmitPanel } from '../../components/submit-panel';
import { SubmissionState } from '../../components/verdict-badge';
import { useNow } from '../../components/use-now';
import { useT } from '../../i18n/i18n-provider';
import { describePenalty, ExamCountdown, lateCost, StateBadge, windowState } from './assignment-window';
import { assignmentPath, assignmentSubmissionPath } from './paths';
import { teaches } from './teaching';

/** The student's window in words: when it opens, what is left, what submitting late costs. */
function WindowNotice({ assignment }: { assignment: AssignmentView }) {
  const t = useT();
  const now = useNow();
  const start = useStartExam(assignment.courseId, assignment.id);
  const w = assignment.window;
  if (!w) return null;
  const exam = assignment.kind === 'exam';
  let text: React.ReactNode;
  switch (w.state) {
    case 'not-open':
      text = t('course.window.opens', { date: formatDate(w.opensAt) });
      break;
    case 'not-started':
      text = (
        <>
          {t('course.window.notStarted', {
            minutes: assignment.durationMinutes ?? 0,
            deadline: formatDate(w.deadline),
          })}{' '}
          <button
            type="button"
            className="button-primary"
            disabled={start.isPending}
            onClick={() => {
              if (window.confirm(t('course.exam.confirmStart'))) start.mutate();
            }}
          >
            {start.isPending ? t('course.exam.starting') : t('course.exam.startTheExam')}
          </button>
        </>
      );
      break;
    case 'open':
      text = exam ? (
        <>
          {t('course.window.examEnds', { date: formatDate(w.deadline) })}{' '}
          <ExamCountdown deadline={w.deadline} now={now} />
        </>
      ) : (
        `${t('course.window.due', { date: formatDate(w.deadline) })} ${describePenalty(assignment.latePenalty, w.lateUntil, t)}`
      );
      break;
    case 'late':
      text = (
        <>
          {t('course.window.deadlinePassed', { date: formatDate(w.deadline) })}{' '}
          {lateCost(assignment.latePenalty, w.deadline, now, t)}
          {w.lateUntil && ` ${t('course.window.lateCloses', { date: formatDate(w.lateUntil) })}`}
        </>
      );
      break;
    case 'closed':
      text = t('course.window.closed');
      break;
  }
  return (
    <div className={`alert ${w.state === 'late' || w.state === 'closed' ? 'alert-error' : 'alert-info'}`} role="status">
      {text}
      <ErrorMessage error={start.error} title={t('course.exam.notStarted')} />
    </div>
  );
}

function AssignmentProblem({ assignment, label }: { assignment: AssignmentView; label: string }) {
  const problem = useAssignmentProblem(assignment.courseId, assignment.id, label);
  const languages = useLanguages();
  const submit = useAssignmentSubmit(assignment.courseId, assignment.id);
  const navigate = useNavigate();
  const t = useT();
  if (problem.isPending) return <Loading what={t('course.problem.loading', { label })} />;
  if (problem.error) return <ErrorMessage error={problem.error} title={t('course.problem.title', { label })} />;
  const p = problem.data;
  return (
    <div className="problem-columns">
      <ProblemText problem={p} heading={<h2>{t('course.problem.heading', { label, title: p.title })}</h2>} />
      <div className="problem-submit">
        <SubmitPanel
          heading={t('course.problem.submitTo', { label })}
          problemId={p.id}
          languages={offeredLanguages(p, languages.data)}
          onSubmit={(program) =>
            submit.mutate(
              { problem: label, ...program },
              // The student stays in the assignment: its copy of the submission's page, with the way back.
              {
                onSuccess: ({ id }) => void navigate(assignmentSubmissionPath(assignment.courseId, assignment.id, id)),
              },
            )
          }
          pending={submit.isPending}
          error={submit.error}
          upload={false}
          runInput={runInputOf(p, assignment)}
        />
      </div>
    </div>
  );
}

function SubmissionList({ assignment, teacher }: { assignment: AssignmentView; teacher: boolean }) {
  const t = useT();
  const submissions = useAssignmentSubmissions(assignment.courseId, assignment.id);
  const labels = new Map(assignment.problems.map((p) => [p.problemId, p.label]));
  const items = submissions.data?.items ?? [];
  return (
    <section aria-labelledby="submissions-heading">
      <h2 id="submissions-heading">{teacher ? t('course.submissions.heading') : t('course.submissions.mine')}</h2>
      {submissions.isPending && <Loading what={t('course.submissions.loading')} />}
      <ErrorMessage error={submissions.error} title={t('course.submissions.notLoaded')} />
      {submissions.data && items.length === 0 && <EmptyState>{t('course.submissions.none')}</EmptyState>}
      {items.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('course.submissions.submission')}</th>
                <th scope="col">{t('course.submissions.when')}</th>
                {teacher && <th scope="col">{t('course.student')}</th>}
                <th scope="col">{t('course.submissions.problem')}</th>
                <th scope="col">{t('course.submissions.verdict')}</th>
                <th scope="col" className="num" title={t('course.points.outOf100')}>
                  {t('course.points.heading')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((s: SubmissionView) => (
                <tr key={s.id}>
                  <td>
                    <Link to={assignmentSubmissionPath(assignment.courseId, assignment.id, s.id)}>{shortId(s.id)}</Link>
                  </td>
                  <td>{formatDate(s.createdAt)}</td>
                  {teacher && <td>{s.username ?? shortId(s.userId)}</td>}
                  <td>{labels.get(s.problemId) ?? s.problemTitle ?? shortId(s.problemId)}</td>
                  <td>
                    <SubmissionState status={s.status} verdict={s.verdict} score={s.score} maxScore={s.maxScore} />
                  </td>
                  <td className="num" data-testid="submission-points">
                    {s.adjustment ? (
                      <span
                        title={t('course.points.adjustedBy', {
                          name: s.adjustment.by.username,
                          reason: s.adjustment.reason,
                        })}
                      >
                        {formatPoints(pointsOf(s))}{' '}
                        <span className="marker marker-adjusted">{t('course.marker.adjusted')}</span>
                      </span>
                    ) : (
                      formatPoints(pointsOf(s))
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A teacher's extensions: a later deadline for one student. */
function Extensions({ assignment }: { assignment: AssignmentView }) {
  const t = useT();
  const members = useCourseMembers(assignment.courseId);
  const set = useSetExtension(assignment.courseId, assignment.id);
  const [userId, setUserId] = useState('');
  const [deadline, setDeadline] = useState('');
  const students = (members.data ?? []).filter((m) => m.role === 'student');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const iso = fromLocalInput(deadline);
    if (!userId || !iso) return;
    set.mutate({ userId, deadline: iso }, { onSuccess: () => setDeadline('') });
  };

  return (
    <section className="card" aria-labelledby="extensions-heading">
      <h2 id="extensions-heading">{t('course.extensions.heading')}</h2>
      {(assignment.extensions ?? []).length === 0 ? (
        <p className="hint">{t('course.extensions.none')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('course.student')}</th>
                <th scope="col">{t('course.deadline')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('course.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(assignment.extensions ?? []).map((e) => (
                <tr key={e.userId}>
                  <td>{e.username}</td>
                  <td>{formatDate(e.deadline)}</td>
                  <td>
                    <button
                      type="button"
                      className="button-small button-danger"
                      disabled={set.isPending}
                      onClick={() => set.mutate({ userId: e.userId, deadline: null })}
                    >
                      {t('course.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="row" onSubmit={submit} aria-label={t('course.extensions.give')}>
        <label className="field field-inline">
          <span>{t('course.student')}</span>
          <select value={userId} onChange={(e) => setUserId(e.target.value)} required>
            <option value="">{t('course.choose')}</option>
            {students.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.username}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-inline">
          <span>{t('course.extensions.newDeadline')}</span>
          <input
            type="datetime-local"
            value={deadline}
            min={toLocalInput(assignment.deadline)}
            onChange={(e) => setDeadline(e.target.value)}
            required
          />
        </label>
        <button type="submit" disabled={set.isPending}>
          {set.isPending ? t('course.saving') : t('course.extensions.giveButton')}
        </button>
      </form>
      <ErrorMessage error={set.error} title={t('course.notSaved')} />
    </section>
  );
}

/**
 * An assignment or exam: the student's window and late rule, its problems by label with the editor, and the
 * submissions; for teachers, links to edit it, its grades, plagiarism and diffs, and the extensions.
 */
export function AssignmentPage() {
  const { courseId = '', assignmentId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const user = useSession();
  const course = useCourse(courseId);
  const assignment = useAssignment(courseId, assignmentId);
  const now = useNow(30_000);
  const t = useT();

  if (assignment.isPending) return <Loading what={t('course.assignment.loading')} />;
  if (assignment.error)
    return (
      <PageError
        title={t('course.assignment.title')}
        error={assignment.error}
        back={<Link to={`/courses/${courseId}`}>{t('course.backToCourse')}</Link>}
      />
    );
  const a = assignment.data;
  const teacher = teaches(course.data?.role, user) || a.extensions !== undefined;
  const label = params.get('problem') ?? a.problems[0]?.label ?? '';
  const base = assignmentPath(courseId, a.id);

  return (
    <div className="page assignment-page">
      <p className="breadcrumb">
        <Link to={`/courses/${courseId}`}>{course.data?.title ?? t('course.course')}</Link>
      </p>
      <div className="page-head">
        <h1>
          {a.title} {a.kind === 'exam' && <span className="muted">{t('course.assignment.examMark')}</span>}
        </h1>
        {teacher && (
          <div className="actions">
            <Link to={`${base}/edit`}>{t('course.assignment.edit')}</Link>
            <Link to={`${base}/grades`}>{t('course.grades.heading')}</Link>
            <Link to={`${base}/plagiarism`}>{t('course.assignment.plagiarism')}</Link>
            <Link to={`${base}/diff`}>{t('course.assignment.compare')}</Link>
          </div>
        )}
      </div>
      <dl className="facts">
        <div>
          <dt>{t('course.state')}</dt>
          <dd>
            <StateBadge state={windowState(a, now)} />
          </dd>
        </div>
        <div>
          <dt>{t('course.opens')}</dt>
          <dd>{formatDate(a.opensAt)}</dd>
        </div>
        <div>
          <dt>{a.kind === 'exam' ? t('course.assignment.lastStart') : t('course.deadline')}</dt>
          <dd>{formatDate(a.deadline)}</dd>
        </div>
        {a.kind === 'exam' && (
          <div>
            <dt>{t('course.assignment.duration')}</dt>
            <dd>{a.durationMinutes === null ? '—' : t('course.minutes', { minutes: a.durationMinutes })}</dd>
          </div>
        )}
      </dl>
      {/* Markdown with math, sanitised, as a contest's description and a statement. */}
      {a.description && <Statement source={a.description} label={t('course.description')} />}
      {teacher && <p className="hint">{describePenalty(a.latePenalty, a.lateUntil, t)}</p>}
      <WindowNotice assignment={a} />

      {a.problems.length > 0 ? (
        <>
          <nav className="label-tabs" aria-label={t('course.problems')}>
            {a.problems.map((p) => (
              <button
                type="button"
                key={p.label}
                className={p.label === label ? 'label-tab active' : 'label-tab'}
                aria-pressed={p.label === label}
                onClick={() => setParams({ problem: p.label })}
              >
                <strong>{p.label}</strong> {p.title}
                {p.points !== undefined && p.points !== null && (
                  <span className="muted"> · {t('course.points.short', { points: formatNumber(p.points, 2) })}</span>
                )}
              </button>
            ))}
          </nav>
          {label && <AssignmentProblem key={label} assignment={a} label={label} />}
        </>
      ) : (
        a.window?.state !== 'closed' && (
          <EmptyState>
            {a.kind === 'exam' ? t('course.problems.onceStarted') : t('course.problems.onceOpen')}
          </EmptyState>
        )
      )}

      <SubmissionList assignment={a} teacher={teacher} />
      {teacher && <Extensions assignment={a} />}
    </div>
  );
}
