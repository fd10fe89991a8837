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
import { formatDate, formatPoints, pointsOf, shortId } from '../../components/format';
import { ProblemText } from '../../components/problem-text';
import { Statement } from '../../components/statement';
import { offeredLanguages, SubmitPanel } from '../../components/submit-panel';
import { SubmissionState } from '../../components/verdict-badge';
import { useNow } from '../../components/use-now';
import { describePenalty, ExamCountdown, lateCost, StateBadge, windowState } from './assignment-window';
import { assignmentPath, assignmentSubmissionPath } from './paths';
import { teaches } from './teaching';

/** The student's window in words: when it opens, what is left, what submitting late costs. */
function WindowNotice({ assignment }: { assignment: AssignmentView }) {
  const now = useNow();
  const start = useStartExam(assignment.courseId, assignment.id);
  const w = assignment.window;
  if (!w) return null;
  const exam = assignment.kind === 'exam';
  let text: React.ReactNode;
  switch (w.state) {
    case 'not-open':
      text = `Opens ${formatDate(w.opensAt)}.`;
      break;
    case 'not-started':
      text = (
        <>
          You have {assignment.durationMinutes ?? '?'} minutes from the moment you start, and must start before{' '}
          {formatDate(w.deadline)}.{' '}
          <button
            type="button"
            className="button-primary"
            disabled={start.isPending}
            onClick={() => {
              if (window.confirm('Start the exam now? Your time starts at once and cannot be paused.')) start.mutate();
            }}
          >
            {start.isPending ? 'Starting…' : 'Start the exam'}
          </button>
        </>
      );
      break;
    case 'open':
      text = exam ? (
        <>
          Your time ends {formatDate(w.deadline)}: <ExamCountdown deadline={w.deadline} now={now} />.
        </>
      ) : (
        `Due ${formatDate(w.deadline)}. ${describePenalty(assignment.latePenalty, w.lateUntil)}`
      );
      break;
    case 'late':
      text = (
        <>
          The deadline ({formatDate(w.deadline)}) has passed. {lateCost(assignment.latePenalty, w.deadline, now)}
          {w.lateUntil && ` Late submissions close ${formatDate(w.lateUntil)}.`}
        </>
      );
      break;
    case 'closed':
      text = 'Closed: submissions are no longer accepted.';
      break;
  }
  return (
    <div className={`alert ${w.state === 'late' || w.state === 'closed' ? 'alert-error' : 'alert-info'}`} role="status">
      {text}
      <ErrorMessage error={start.error} title="Not started" />
    </div>
  );
}

function AssignmentProblem({ assignment, label }: { assignment: AssignmentView; label: string }) {
  const problem = useAssignmentProblem(assignment.courseId, assignment.id, label);
  const languages = useLanguages();
  const submit = useAssignmentSubmit(assignment.courseId, assignment.id);
  const navigate = useNavigate();
  if (problem.isPending) return <Loading what={`Loading problem ${label}`} />;
  if (problem.error) return <ErrorMessage error={problem.error} title={`Problem ${label}`} />;
  const p = problem.data;
  return (
    <div className="problem-columns">
      <ProblemText
        problem={p}
        heading={
          <h2>
            {label}. {p.title}
          </h2>
        }
      />
      <div className="problem-submit">
        <SubmitPanel
          heading={`Submit to ${label}`}
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
        />
      </div>
    </div>
  );
}

function SubmissionList({ assignment, teacher }: { assignment: AssignmentView; teacher: boolean }) {
  const submissions = useAssignmentSubmissions(assignment.courseId, assignment.id);
  const labels = new Map(assignment.problems.map((p) => [p.problemId, p.label]));
  const items = submissions.data?.items ?? [];
  return (
    <section aria-labelledby="submissions-heading">
      <h2 id="submissions-heading">{teacher ? 'Submissions' : 'My submissions'}</h2>
      {submissions.isPending && <Loading what="Loading submissions" />}
      <ErrorMessage error={submissions.error} title="Could not load the submissions" />
      {submissions.data && items.length === 0 && <EmptyState>No submissions yet.</EmptyState>}
      {items.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Submission</th>
                <th scope="col">When</th>
                {teacher && <th scope="col">Student</th>}
                <th scope="col">Problem</th>
                <th scope="col">Verdict</th>
                <th scope="col" className="num" title="Out of 100 per problem, as in the grades">
                  Points
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
                      <span title={`Adjusted by ${s.adjustment.by.username}: ${s.adjustment.reason}`}>
                        {formatPoints(pointsOf(s))} <span className="marker marker-adjusted">adjusted</span>
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
      <h2 id="extensions-heading">Extensions</h2>
      {(assignment.extensions ?? []).length === 0 ? (
        <p className="hint">No student has an extension.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Student</th>
                <th scope="col">Deadline</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
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
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="row" onSubmit={submit} aria-label="Give an extension">
        <label className="field field-inline">
          <span>Student</span>
          <select value={userId} onChange={(e) => setUserId(e.target.value)} required>
            <option value="">Choose…</option>
            {students.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.username}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-inline">
          <span>New deadline</span>
          <input
            type="datetime-local"
            value={deadline}
            min={toLocalInput(assignment.deadline)}
            onChange={(e) => setDeadline(e.target.value)}
            required
          />
        </label>
        <button type="submit" disabled={set.isPending}>
          {set.isPending ? 'Saving…' : 'Give extension'}
        </button>
      </form>
      <ErrorMessage error={set.error} title="Not saved" />
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

  if (assignment.isPending) return <Loading what="Loading the assignment" />;
  if (assignment.error)
    return (
      <PageError
        title="Assignment"
        error={assignment.error}
        back={<Link to={`/courses/${courseId}`}>Back to the course</Link>}
      />
    );
  const a = assignment.data;
  const teacher = teaches(course.data?.role, user) || a.extensions !== undefined;
  const label = params.get('problem') ?? a.problems[0]?.label ?? '';
  const base = assignmentPath(courseId, a.id);

  return (
    <div className="page assignment-page">
      <p className="breadcrumb">
        <Link to={`/courses/${courseId}`}>{course.data?.title ?? 'Course'}</Link>
      </p>
      <div className="page-head">
        <h1>
          {a.title} {a.kind === 'exam' && <span className="muted">(exam)</span>}
        </h1>
        {teacher && (
          <div className="actions">
            <Link to={`${base}/edit`}>Edit</Link>
            <Link to={`${base}/grades`}>Grades</Link>
            <Link to={`${base}/plagiarism`}>Plagiarism</Link>
            <Link to={`${base}/diff`}>Compare</Link>
          </div>
        )}
      </div>
      <dl className="facts">
        <div>
          <dt>State</dt>
          <dd>
            <StateBadge state={windowState(a, now)} />
          </dd>
        </div>
        <div>
          <dt>Opens</dt>
          <dd>{formatDate(a.opensAt)}</dd>
        </div>
        <div>
          <dt>{a.kind === 'exam' ? 'Last start' : 'Deadline'}</dt>
          <dd>{formatDate(a.deadline)}</dd>
        </div>
        {a.kind === 'exam' && (
          <div>
            <dt>Duration</dt>
            <dd>{a.durationMinutes ?? '—'} min</dd>
          </div>
        )}
      </dl>
      {/* Markdown with math, sanitised, as a contest's description and a statement. */}
      {a.description && <Statement source={a.description} label="Description" />}
      {teacher && <p className="hint">{describePenalty(a.latePenalty, a.lateUntil)}</p>}
      <WindowNotice assignment={a} />

      {a.problems.length > 0 ? (
        <>
          <nav className="label-tabs" aria-label="Problems">
            {a.problems.map((p) => (
              <button
                type="button"
                key={p.label}
                className={p.label === label ? 'label-tab active' : 'label-tab'}
                aria-pressed={p.label === label}
                onClick={() => setParams({ problem: p.label })}
              >
                <strong>{p.label}</strong> {p.title}
                {p.points !== undefined && p.points !== null && <span className="muted"> · {p.points} pts</span>}
              </button>
            ))}
          </nav>
          {label && <AssignmentProblem key={label} assignment={a} label={label} />}
        </>
      ) : (
        a.window?.state !== 'closed' && (
          <EmptyState>The problems show once the assignment is open{a.kind === 'exam' && ' and started'}.</EmptyState>
        )
      )}

      <SubmissionList assignment={a} teacher={teacher} />
      {teacher && <Extensions assignment={a} />}
    </div>
  );
}
