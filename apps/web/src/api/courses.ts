import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssignmentInput,
  AssignmentView,
  CourseInput,
  CourseMemberView,
  CourseSummary,
  CourseView,
  GradeGrid,
  PlagiarismReport,
  ProblemDetail,
  SubmissionCommentView,
  SubmissionPage,
  SubmissionProgram,
  SubmissionView,
} from '@judge/contract';
import { request } from './client';
import { keys as judgeKeys, refreshJudged } from './hooks';

/** Courses, assignments, review and plagiarism: the API's "Courses" and "Review" routes (docs/api.md). */

const enc = encodeURIComponent;
const coursePath = (courseId: string) => `/api/courses/${enc(courseId)}`;
const assignmentPath = (courseId: string, assignmentId: string) =>
  `${coursePath(courseId)}/assignments/${enc(assignmentId)}`;

export const courseKeys = {
  courses: ['courses'] as const,
  course: (id: string) => ['courses', id] as const,
  members: (id: string) => ['courses', id, 'members'] as const,
  /** Everything of one assignment starts with this, so that one invalidation reaches it all. */
  assignment: (id: string) => ['assignments', id] as const,
  assignmentProblem: (id: string, label: string) => ['assignments', id, 'problem', label] as const,
  assignmentSubmissions: (id: string) => ['assignments', id, 'submissions'] as const,
  grades: (id: string) => ['assignments', id, 'grades'] as const,
  assignmentPlagiarism: (id: string) => ['assignments', id, 'plagiarism'] as const,
  problemPlagiarism: (id: string) => ['plagiarism', 'problem', id] as const,
  comments: (submissionId: string) => ['comments', submissionId] as const,
};

export function useCourses() {
  return useQuery({ queryKey: courseKeys.courses, queryFn: () => request<CourseSummary[]>('/api/courses') });
}

export function useCourse(id: string) {
  return useQuery({ queryKey: courseKeys.course(id), queryFn: () => request<CourseView>(coursePath(id)) });
}

export function useCourseMembers(id: string, enabled = true) {
  return useQuery({
    queryKey: courseKeys.members(id),
    queryFn: () => request<CourseMemberView[]>(`${coursePath(id)}/members`),
    enabled,
  });
}

export function useCreateCourse() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CourseInput) =>
      request<{ id: string; joinCode: string }>('/api/courses', { method: 'POST', json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: courseKeys.courses }),
  });
}

export function useJoinCourse() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => request<{ id: string }>('/api/courses/join', { method: 'POST', json: { code } }),
    onSuccess: () => client.invalidateQueries({ queryKey: courseKeys.courses }),
  });
}

export function useAddTeacher(courseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (username: string) =>
      request<unknown>(`${coursePath(courseId)}/teachers`, { method: 'POST', json: { username } }),
    onSuccess: () => client.invalidateQueries({ queryKey: courseKeys.course(courseId) }),
  });
}

export function useAssignment(courseId: string, assignmentId: string) {
  return useQuery({
    queryKey: courseKeys.assignment(assignmentId),
    queryFn: () => request<AssignmentView>(assignmentPath(courseId, assignmentId)),
    // A window opens, closes or runs out by itself: look again now and then.
    refetchInterval: 60_000,
  });
}

/** Creates an assignment, or (with `assignmentId`) changes one. */
export function useSaveAssignment(courseId: string, assignmentId?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AssignmentInput) =>
      assignmentId
        ? request<unknown>(assignmentPath(courseId, assignmentId), { method: 'PUT', json: body }).then(() => ({
            id: assignmentId,
          }))
        : request<{ id: string }>(`${coursePath(courseId)}/assignments`, { method: 'POST', json: body }),
    onSuccess: ({ id }) =>
      Promise.all([
        client.invalidateQueries({ queryKey: courseKeys.course(courseId) }),
        client.invalidateQueries({ queryKey: courseKeys.assignment(id) }),
      ]),
  });
}

/** Sets (deadline) or removes (null) one student's extension. */
export function useSetExtension(courseId: string, assignmentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, deadline }: { userId: string; deadline: string | null }) =>
      request<unknown>(`${assignmentPath(courseId, assignmentId)}/extensions/${enc(userId)}`, {
        method: deadline === null ? 'DELETE' : 'PUT',
        json: deadline === null ? undefined : { deadline },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: courseKeys.assignment(assignmentId) }),
  });
}

/** Starts the caller's own time on an exam. */
export function useStartExam(courseId: string, assignmentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => request<unknown>(`${assignmentPath(courseId, assignmentId)}/start`, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: courseKeys.assignment(assignmentId) }),
  });
}

export function useAssignmentProblem(courseId: string, assignmentId: string, label: string) {
  return useQuery({
    queryKey: courseKeys.assignmentProblem(assignmentId, label),
    queryFn: () => request<ProblemDetail>(`${assignmentPath(courseId, assignmentId)}/problems/${enc(label)}`),
    enabled: label !== '',
  });
}

export function useAssignmentSubmit(courseId: string, assignmentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SubmissionProgram & { problem: string }) =>
      request<{ id: string }>(`${assignmentPath(courseId, assignmentId)}/submissions`, { method: 'POST', json: body }),
    onSuccess: () =>
      Promise.all([client.invalidateQueries({ queryKey: courseKeys.assignment(assignmentId) }), refreshJudged(client)]),
  });
}

/** The assignment's submissions: the caller's own for students, everyone's for teachers. */
export function useAssignmentSubmissions(courseId: string, assignmentId: string) {
  return useQuery({
    queryKey: courseKeys.assignmentSubmissions(assignmentId),
    queryFn: () => request<SubmissionPage>(`${assignmentPath(courseId, assignmentId)}/submissions`),
    // Pending submissions change by themselves: look again while any is not done.
    refetchInterval: (query) => (query.state.data?.items.some((s) => s.status !== 'done') ? 3000 : false),
  });
}

export function useGrades(courseId: string, assignmentId: string) {
  return useQuery({
    queryKey: courseKeys.grades(assignmentId),
    queryFn: () => request<GradeGrid>(`${assignmentPath(courseId, assignmentId)}/grades`),
  });
}

export const gradesCsvPath = (courseId: string, assignmentId: string) =>
  `${assignmentPath(courseId, assignmentId)}/grades.csv`;

export function useAssignmentPlagiarism(courseId: string, assignmentId: string) {
  return useQuery({
    queryKey: courseKeys.assignmentPlagiarism(assignmentId),
    queryFn: () => request<PlagiarismReport>(`${assignmentPath(courseId, assignmentId)}/plagiarism`),
    staleTime: 60_000,
  });
}

export function useProblemPlagiarism(problemId: string) {
  return useQuery({
    queryKey: courseKeys.problemPlagiarism(problemId),
    queryFn: () => request<PlagiarismReport>(`/api/problems/${enc(problemId)}/plagiarism`),
    staleTime: 60_000,
  });
}

/** A submission read for comparing (its source): the same cache entry as its own page. */
export function useSubmissionSource(id: string) {
  return useQuery({
    queryKey: judgeKeys.submission(id),
    queryFn: () => request<SubmissionView>(`/api/submissions/${enc(id)}`),
    enabled: id !== '',
  });
}

export function useComments(submissionId: string) {
  return useQuery({
    queryKey: courseKeys.comments(submissionId),
    queryFn: () => request<SubmissionCommentView[]>(`/api/submissions/${enc(submissionId)}/comments`),
  });
}

export function useAddComment(submissionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { line?: number; body: string }) =>
      request<SubmissionCommentView>(`/api/submissions/${enc(submissionId)}/comments`, { method: 'POST', json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: courseKeys.comments(submissionId) }),
  });
}

export function useDeleteComment(submissionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (commentId: string) =>
      request<unknown>(`/api/submissions/${enc(submissionId)}/comments/${enc(commentId)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: courseKeys.comments(submissionId) }),
  });
}

/** A teacher's manual score: shown beside the judge's, and counted in the grades instead of it. */
export function useAdjustScore(submission: Pick<SubmissionView, 'id' | 'assignmentId'>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { points: number; reason: string }) =>
      request<unknown>(`/api/submissions/${enc(submission.id)}/adjustment`, { method: 'POST', json: body }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: judgeKeys.submission(submission.id) }),
        submission.assignmentId
          ? client.invalidateQueries({ queryKey: courseKeys.assignment(submission.assignmentId) })
          : null,
      ]),
  });
}
