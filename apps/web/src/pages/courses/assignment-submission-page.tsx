import { Link, useParams } from 'react-router';
import { useAssignment, useCourse } from '../../api/courses';
import { useT } from '../../i18n/i18n-provider';
import { SubmissionPage } from '../submission-page';
import { assignmentPath, coursePath } from './paths';

/**
 * A submission opened from an assignment (`.../assignments/:assignmentId/submissions/:id`): the submission's page
 * under the course and the assignment it belongs to, so that a student who has just submitted, or a teacher going
 * through the grades, stays among the assignment's pages and has the way back.
 */
export function AssignmentSubmissionPage() {
  const { courseId = '', assignmentId = '' } = useParams();
  const course = useCourse(courseId);
  const assignment = useAssignment(courseId, assignmentId);
  const t = useT();
  return (
    <>
      <nav className="breadcrumb" aria-label={t('course.assignment.title')}>
        <Link to={coursePath(courseId)}>{course.data?.title ?? t('course.course')}</Link>
        {' › '}
        <Link to={assignmentPath(courseId, assignmentId)}>
          {assignment.data?.title ?? t('course.assignment.title')}
        </Link>
      </nav>
      <SubmissionPage />
    </>
  );
}
