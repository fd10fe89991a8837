import { lazy, Suspense, type ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { Loading } from '../../components/error-message';
import { useT } from '../../i18n/i18n-provider';

function PageLoading() {
  const t = useT();
  return <Loading what={t('course.loadingPage')} />;
}

/**
 * The pages of courses, review and plagiarism, each a chunk of its own loaded when first opened: they stay out
 * of the first page load (the side-by-side diff brings jsdiff with it).
 */
function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  const Page = lazy(() => load().then((module) => ({ default: pick(module) })));
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}

const assignment = 'courses/:courseId/assignments/:assignmentId';

/** For every signed-in user (the API decides who is a teacher of which course). */
export const courseRoutes: RouteObject[] = [
  {
    path: 'courses',
    element: page(
      () => import('./courses-page'),
      (m) => m.CoursesPage,
    ),
  },
  {
    path: 'courses/:courseId',
    element: page(
      () => import('./course-page'),
      (m) => m.CoursePage,
    ),
  },
  {
    path: 'courses/:courseId/assignments/new',
    element: page(
      () => import('./assignment-form-page'),
      (m) => m.NewAssignmentPage,
    ),
  },
  {
    path: assignment,
    element: page(
      () => import('./assignment-page'),
      (m) => m.AssignmentPage,
    ),
  },
  {
    path: `${assignment}/edit`,
    element: page(
      () => import('./assignment-form-page'),
      (m) => m.EditAssignmentPage,
    ),
  },
  {
    path: `${assignment}/grades`,
    element: page(
      () => import('./grades-page'),
      (m) => m.GradesPage,
    ),
  },
  {
    // A submission among the assignment's pages (SubmissionPage reads `:id`, and leads back to the course and
    // the assignment from the submission's place).
    path: `${assignment}/submissions/:id`,
    element: page(
      () => import('../submission-page'),
      (m) => m.SubmissionPage,
    ),
  },
  {
    path: `${assignment}/diff`,
    element: page(
      () => import('../review/diff-page'),
      (m) => m.DiffPage,
    ),
  },
  {
    path: `${assignment}/plagiarism`,
    element: page(
      () => import('../review/plagiarism-page'),
      (m) => m.AssignmentPlagiarismPage,
    ),
  },
];

/** For setters and admins. */
export const setterReviewRoutes: RouteObject[] = [
  {
    path: 'admin/problems/:id/plagiarism',
    element: page(
      () => import('../review/plagiarism-page'),
      (m) => m.ProblemPlagiarismPage,
    ),
  },
];
