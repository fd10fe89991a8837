import { useState, type FormEvent } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router';
import type { AssignmentSummary } from '@judge/contract';
import { useAddTeacher, useAssignment, useCourse, useCourseMembers, useStartExam } from '../../api/courses';
import { useSession } from '../../auth/use-session';
import { AccountImportPanel } from '../../components/account-import-panel';
import { CopyButton } from '../../components/copy-button';
import { EmptyState, ErrorMessage, Loading, PageError } from '../../components/error-message';
import { formatDate, formatNumber } from '../../components/format';
import { useNow } from '../../components/use-now';
import { Statement } from '../../components/statement';
import { WebhooksPanel } from '../../components/webhooks-panel';
import { useT } from '../../i18n/i18n-provider';
import { ExamCountdown, StateBadge, windowState } from './assignment-window';
import { teaches } from './teaching';

/** An exam the student may start now, or the time they have left once started. */
function ExamControls({ courseId, assignmentId }: { courseId: string; assignmentId: string }) {
  const view = useAssignment(courseId, assignmentId);
  const start = useStartExam(courseId, assignmentId);
  const now = useNow();
  const t = useT();
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
            if (window.confirm(t('course.exam.confirmStart'))) start.mutate();
          }}
        >
          {start.isPending ? t('course.exam.starting') : t('course.exam.start')}
        </button>
        <ErrorMessage error={start.error} title={t('course.exam.notStarted')} />
      </>
    );
  if (w.startedAt && w.state === 'open') return <ExamCountdown deadline={w.deadline} now={now} />;
  return null;
}

function AssignmentRow({ courseId, summary }: { courseId: string; summary: AssignmentSummary }) {
  // The full view carries the caller's own window (extension, exam start) and the late rule.
  const view = useAssignment(courseId, summary.id);
  const now = useNow(30_000);
  const t = useT();
  const deadline = view.data?.window?.deadline ?? summary.deadline;
  return (
    <tr data-testid="assignment-row">
      <td className="title-col">
        <Link to={`/courses/${courseId}/assignments/${summary.id}`}>{summary.title}</Link>
        {summary.kind === 'exam' && (
          <span className="muted">
            {' · '}
            {summary.durationMinutes === null
              ? t('course.exam.kind')
              : t('course.exam.kindMinutes', { minutes: summary.durationMinutes })}
          </span>
        )}
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
  const t = useT();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(username.trim(), { onSuccess: () => setUsername('') });
  };

  return (
    <section className="card" aria-labelledby="members-heading">
      <h2 id="members-heading">{t('course.members.heading')}</h2>
      {members.isPending && <Loading what={t('course.members.loading')} />}
      <ErrorMessage error={members.error} title={t('course.members.notLoaded')} />
      {members.data && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('course.members.name')}</th>
                <th scope="col">{t('course.members.role')}</th>
                <th scope="col">{t('course.members.joined')}</th>
              </tr>
            </thead>
            <tbody>
              {members.data.map((m) => (
                <tr key={m.userId}>
                  <td>
                    {m.username}
                    {m.displayName && <span className="muted"> ({m.displayName})</span>}
                  </td>
                  <td>{m.role === 'teacher' ? t('course.role.teacher') : t('course.role.student')}</td>
                  <td>{formatDate(m.joinedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="row" onSubmit={submit} aria-label={t('course.members.addTeacher')}>
        <label className="field field-inline">
          <span>{t('course.members.addTeacher')}</span>
          <input
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            placeholder={t('course.members.username')}
            required
          />
        </label>
        <button type="submit" disabled={add.isPending}>
          {add.isPending ? t('course.members.adding') : t('course.members.add')}
        </button>
      </form>
      <ErrorMessage error={add.error} title={t('course.members.notAdded')} />
    </section>
  );
}

/** A course: its assignments and exams with their state; for teachers, the join code and the members. */
export function CoursePage() {
  const { courseId = '' } = useParams();
  const user = useSession();
  const course = useCourse(courseId);
  const t = useT();

  if (course.isPending) return <Loading what={t('course.loading')} />;
  if (course.error)
    return (
      <PageError
        title={t('course.course')}
        error={course.error}
        back={<Link to="/courses">{t('course.backToCourses')}</Link>}
      />
    );
  const c = course.data;
  const teacher = teaches(c.role, user);

  return (
    <div className="page course-page">
      <div className="page-head">
        <h1>{c.title}</h1>
        {teacher && (
          <div className="actions">
            <Link to={`/courses/${c.id}/assignments/new`}>{t('course.assignment.new')}</Link>
          </div>
        )}
      </div>
      {/* Markdown with math, sanitised, as an assignment's description. */}
      {c.description && <Statement source={c.description} label={t('course.description')} />}
      <p className="muted">
        {c.teachers.length > 0
          ? t('course.taughtBy', { names: c.teachers.map((teacher) => teacher.username).join(', ') })
          : t('course.taughtByNobody')}
        {' · '}
        {t('course.studentCount', { count: c.students, students: formatNumber(c.students) })}
      </p>
      {teacher && c.joinCode && (
        <div className="join-code alert alert-info">
          <FormattedMessage id="course.joinWith" values={{ code: <code data-testid="join-code">{c.joinCode}</code> }} />{' '}
          <CopyButton text={c.joinCode} label={t('course.copyJoinCode')} />
        </div>
      )}

      <section aria-labelledby="assignments-heading">
        <h2 id="assignments-heading">{t('course.assignments.heading')}</h2>
        {c.assignments.length === 0 ? (
          <EmptyState>{t('course.assignments.none')}</EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="assignments">
              <thead>
                <tr>
                  <th scope="col">{t('course.title')}</th>
                  <th scope="col">{t('course.opens')}</th>
                  <th scope="col">{t('course.deadline')}</th>
                  <th scope="col">{t('course.state')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('course.exam.column')}</span>
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
      {teacher && <AccountImportPanel target={{ kind: 'course', courseId: c.id }} />}
      {teacher && <WebhooksPanel scope={{ courseId: c.id }} />}
    </div>
  );
}
