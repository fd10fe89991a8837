import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCourses, useCreateCourse, useJoinCourse } from '../../api/courses';
import { canTeach } from '../../auth/session';
import { useSession } from '../../auth/use-session';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';
import { formatNumber } from '../../components/format';
import { useT } from '../../i18n/i18n-provider';

function JoinCourse() {
  const join = useJoinCourse();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const t = useT();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) return;
    join.mutate(code.trim(), { onSuccess: ({ id }) => void navigate(`/courses/${id}`) });
  };

  return (
    <section className="card" aria-labelledby="join-heading">
      <h2 id="join-heading">{t('course.join.heading')}</h2>
      <form className="row" onSubmit={submit} aria-label={t('course.join.heading')}>
        <label className="field field-inline">
          <span>{t('course.join.code')}</span>
          <input value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" required />
        </label>
        <button type="submit" className="button-primary" disabled={join.isPending}>
          {join.isPending ? t('course.join.joining') : t('course.join.join')}
        </button>
      </form>
      <ErrorMessage error={join.error} title={t('course.join.notJoined')} />
    </section>
  );
}

function CreateCourse() {
  const create = useCreateCourse();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const t = useT();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { title: title.trim(), description: description.trim() || undefined },
      { onSuccess: ({ id }) => void navigate(`/courses/${id}`) },
    );
  };

  return (
    <section className="card" aria-labelledby="create-heading">
      <h2 id="create-heading">{t('course.create.heading')}</h2>
      <form className="form" onSubmit={submit} aria-label={t('course.create.heading')}>
        <label className="field">
          <span>{t('course.title')}</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} required />
        </label>
        <label className="field">
          <span>{t('course.description')}</span>
          <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <ErrorMessage error={create.error} title={t('course.create.notCreated')} />
        <div>
          <button type="submit" className="button-primary" disabled={create.isPending}>
            {create.isPending ? t('course.create.creating') : t('course.create.button')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The caller's courses, joining one by its code, and (setters) creating one. */
export function CoursesPage() {
  const user = useSession();
  const courses = useCourses();
  const t = useT();

  return (
    <div className="page courses-page">
      <h1>{t('course.list.heading')}</h1>
      {courses.isPending && <Loading what={t('course.list.loading')} />}
      <ErrorMessage error={courses.error} title={t('course.list.notLoaded')} />
      {courses.data && courses.data.length === 0 && <EmptyState>{t('course.list.none')}</EmptyState>}
      {courses.data && courses.data.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('course.course')}</th>
                <th scope="col">{t('course.list.youAre')}</th>
                <th scope="col" className="num">
                  {t('course.list.students')}
                </th>
              </tr>
            </thead>
            <tbody>
              {courses.data.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/courses/${c.id}`}>{c.title}</Link>
                  </td>
                  <td>
                    {c.role === 'teacher'
                      ? t('course.role.teacher')
                      : c.role === 'student'
                        ? t('course.role.student')
                        : t('course.role.staff')}
                  </td>
                  <td className="num">{formatNumber(c.students)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="course-forms">
        <JoinCourse />
        {canTeach(user) && <CreateCourse />}
      </div>
    </div>
  );
}
