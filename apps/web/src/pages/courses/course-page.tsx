import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { AssignmentSummary } from '@judge/contract';
import { useAddTeacher, useAssignment, useCourse, useCourseMembers, useStartExam } from '../../api/courses';
import { useSession } from '../../auth/use-session';
import { CopyButton } from '../../components/copy-button';
import { EmptyState, ErrorMessage, Loading, PageError } from '../../components/error-message';
import { formatDate } from '../../components/format';
import { useNow } from '../../components/use-now';
import { ExamCountdown, StateBadge, windowState } from './assignment-window';
import { teaches } from './teaching';

/** An exam the student may start now, or the time they have left once started. */
function ExamControls({ courseId, assignmentId }: { courseId: string; assignmentId: string }) {
  const view = useAssignment(courseId, assignmentId);
  const start = useStartExam(courseId, assignmentId);
  const now = useNow();
  const w = view.data?.window;
  if (!w) return null;
  if (w.state === 'not-started')
    return (
      <>
        <button
          type="button"
          className="button-small button-primary"
          disabled={start.isPending}
          onClick={() => {
            if (window.confirm('Start the exam now? Your time starts at once and cannot be paused.')) start.mutate();
          }}
        >
          {start.isPending ? 'Starting…' : 'Start'}
        </button>
        <ErrorMessage error={start.error} title="Not started" />
      </>
    );
  if (w.startedAt && w.state === 'open') return <ExamCountdown deadline={w.deadline} now={now} />;
  return null;
}

function AssignmentRow({ courseId, summary }: { courseId: string; summary: AssignmentSummary }) {
  // The full view carries the caller's own window (extension, exam start) and the late rule.
  const view = useAssignment(courseId, summary.id);
  const now = useNow(30_000);
  const deadline = view.data?.window?.deadline ?? summary.deadline;
  return (
    <tr data-testid="assignment-row">
      <td className="title-col">
        <Link to={`/courses/${courseId}/assignments/${summary.id}`}>{summary.title}</Link>
        {summary.kind === 'exam' && <span className="muted"> · exam, {summary.durationMinutes ?? '?'} min</span>}
      </td>
      <td>{formatDate(summary.opensAt)}</td>
      <td>{formatDate(deadline)}</td>
      <td>
        <StateBadge state={windowState(view.data ?? summary, now)} />
      </td>
      <td>{summary.kind === 'exam' && <ExamControls courseId={courseId} assignmentId={summary.id} />}</td>
    </tr>
  );
}

function Members({ courseId }: { courseId: string }) {
  const members = useCourseMembers(courseId);
  const add = useAddTeacher(courseId);
  const [username, setUsername] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(username.trim(), { onSuccess: () => setUsername('') });
  };

  return (
    <section className="card" aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      {members.isPending && <Loading what="Loading the members" />}
      <ErrorMessage error={members.error} title="Could not load the members" />
      {members.data && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
              </tr>
            </thead>
            <tbody>
              {members.data.map((m) => (
                <tr key={m.userId}>
                  <td>{m.username}</td>
                  <td>{m.role === 'teacher' ? 'Teacher' : 'Student'}</td>
                  <td>{formatDate(m.joinedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="row" onSubmit={submit} aria-label="Add a teacher">
        <label className="field field-inline">
          <span>Add a teacher</span>
          <input value={username} onChange={(e) => setUsername(e.target.value)} placeholder="Username" required />
        </label>
        <button type="submit" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add'}
        </button>
      </form>
      <ErrorMessage error={add.error} title="Not added" />
    </section>
  );
}

/** A course: its assignments and exams with their state; for teachers, the join code and the members. */
export function CoursePage() {
  const { courseId = '' } = useParams();
  const user = useSession();
  const course = useCourse(courseId);

  if (course.isPending) return <Loading what="Loading the course" />;
  if (course.error)
    return <PageError title="Course" error={course.error} back={<Link to="/courses">Back to the courses</Link>} />;
  const c = course.data;
  const teacher = teaches(c.role, user);

  return (
    <div className="page course-page">
      <div className="page-head">
        <h1>{c.title}</h1>
        {teacher && (
          <div className="actions">
            <Link to={`/courses/${c.id}/assignments/new`}>New assignment or exam</Link>
          </div>
        )}
      </div>
      {c.description && <p className="course-description">{c.description}</p>}
      <p className="muted">
        Taught by {c.teachers.map((t) => t.username).join(', ') || 'nobody yet'} · {c.students}{' '}
        {c.students === 1 ? 'student' : 'students'}
      </p>
      {teacher && c.joinCode && (
        <div className="join-code alert alert-info">
          Students join with the code <code data-testid="join-code">{c.joinCode}</code>{' '}
          <CopyButton text={c.joinCode} label="Copy the join code" />
        </div>
      )}

      <section aria-labelledby="assignments-heading">
        <h2 id="assignments-heading">Assignments and exams</h2>
        {c.assignments.length === 0 ? (
          <EmptyState>No assignment yet.</EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="assignments">
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Opens</th>
                  <th scope="col">Deadline</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Exam</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {c.assignments.map((a) => (
                  <AssignmentRow key={a.id} courseId={c.id} summary={a} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {teacher && <Members courseId={c.id} />}
    </div>
  );
}
