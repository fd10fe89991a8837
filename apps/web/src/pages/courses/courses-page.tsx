import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCourses, useCreateCourse, useJoinCourse } from '../../api/courses';
import { canTeach } from '../../auth/session';
import { useSession } from '../../auth/use-session';
import { EmptyState, ErrorMessage, Loading } from '../../components/error-message';

function JoinCourse() {
  const join = useJoinCourse();
  const navigate = useNavigate();
  const [code, setCode] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) return;
    join.mutate(code.trim(), { onSuccess: ({ id }) => void navigate(`/courses/${id}`) });
  };

  return (
    <section className="card" aria-labelledby="join-heading">
      <h2 id="join-heading">Join a course</h2>
      <form className="row" onSubmit={submit} aria-label="Join a course">
        <label className="field field-inline">
          <span>Join code</span>
          <input value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" required />
        </label>
        <button type="submit" className="button-primary" disabled={join.isPending}>
          {join.isPending ? 'Joining…' : 'Join'}
        </button>
      </form>
      <ErrorMessage error={join.error} title="Not joined" />
    </section>
  );
}

function CreateCourse() {
  const create = useCreateCourse();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { title: title.trim(), description: description.trim() || undefined },
      { onSuccess: ({ id }) => void navigate(`/courses/${id}`) },
    );
  };

  return (
    <section className="card" aria-labelledby="create-heading">
      <h2 id="create-heading">New course</h2>
      <form className="form" onSubmit={submit} aria-label="New course">
        <label className="field">
          <span>Title</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} required />
        </label>
        <label className="field">
          <span>Description</span>
          <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <ErrorMessage error={create.error} title="Not created" />
        <div>
          <button type="submit" className="button-primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create course'}
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

  return (
    <div className="page courses-page">
      <h1>Courses</h1>
      {courses.isPending && <Loading what="Loading your courses" />}
      <ErrorMessage error={courses.error} title="Could not load the courses" />
      {courses.data && courses.data.length === 0 && (
        <EmptyState>You are in no course yet: join one with the code your teacher gave you.</EmptyState>
      )}
      {courses.data && courses.data.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Course</th>
                <th scope="col">You are</th>
                <th scope="col" className="num">
                  Students
                </th>
              </tr>
            </thead>
            <tbody>
              {courses.data.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/courses/${c.id}`}>{c.title}</Link>
                  </td>
                  <td>{c.role === 'teacher' ? 'Teacher' : c.role === 'student' ? 'Student' : 'Staff'}</td>
                  <td className="num">{c.students}</td>
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
