/** Where a course's pages live, so that links from an assignment stay among the assignment's pages. */

export const coursePath = (courseId: string) => `/courses/${courseId}`;

export const assignmentPath = (courseId: string, assignmentId: string) =>
  `${coursePath(courseId)}/assignments/${assignmentId}`;

/** A submission of the assignment, shown with the way back to it (SubmissionPage on the assignment's route). */
export const assignmentSubmissionPath = (courseId: string, assignmentId: string, submissionId: string) =>
  `${assignmentPath(courseId, assignmentId)}/submissions/${submissionId}`;
