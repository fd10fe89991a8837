import type { FeedbackLevel } from './feedback';

/**
 * Courses, assignments and exams, and the teacher's review of submissions: their API shapes (docs/api.md,
 * "Courses" and "Review").
 */

export type CourseRole = 'teacher' | 'student';

/** Body of POST /api/courses. */
export interface CourseInput {
  title: string;
  description?: string;
}

export interface CourseSummary {
  id: string;
  title: string;
  /** The caller's place in the course (null: an admin or setter looking in from outside). */
  role: CourseRole | null;
  students: number;
}

export interface CourseView extends CourseSummary {
  description: string;
  /** Teachers only. */
  joinCode?: string;
  teachers: { id: string; username: string }[];
  assignments: AssignmentSummary[];
}

export interface CourseMemberView {
  userId: string;
  username: string;
  displayName: string | null;
  role: CourseRole;
  joinedAt: string;
}

/**
 * What a late submission is worth: `per-day` takes `percent` off per started day past the deadline (never
 * below zero); `factor` multiplies its score by `factor` however late it is.
 */
export type LatePenalty = { type: 'per-day'; percent: number } | { type: 'factor'; factor: number };

export type AssignmentKind = 'assignment' | 'exam';

/** Body of POST /api/courses/:id/assignments (and PUT .../assignments/:aid). */
export interface AssignmentInput {
  title: string;
  description?: string;
  kind: AssignmentKind;
  opensAt: string;
  /** Exams: the last moment a student may start, and the end of every student's window. */
  deadline: string;
  /** Null: no late submissions. */
  latePenalty?: LatePenalty | null;
  /** Late submissions are taken until then (needs a late penalty); null: until the teacher closes it. */
  lateUntil?: string | null;
  /** Exams only: each student's time from the moment they start. */
  durationMinutes?: number | null;
  /** How much students see of their submissions' judgement; null or absent: as the problems set it (feedback.ts). */
  feedback?: FeedbackLevel | null;
  /** False: the course's students may not make runs (POST /api/runs) while it is open; absent: true. */
  runsEnabled?: boolean;
  /** Exams only, lock-down (lockdown.ts): where students may use the judge from while it is open; empty: anywhere. */
  allowedNetworks?: string[];
  /** Exams only, lock-down: a student's log-in while it is open ends their earlier sessions; absent: false. */
  oneSession?: boolean;
  problems: { problemId: string; label: string }[];
}

export interface AssignmentSummary {
  id: string;
  courseId: string;
  title: string;
  kind: AssignmentKind;
  opensAt: string;
  deadline: string;
  durationMinutes: number | null;
}

/**
 * One student's window on an assignment, with their extension and, for exams, their own start.
 * `not-started`: an open exam the student has not started yet.
 */
export interface StudentWindow {
  state: 'not-open' | 'not-started' | 'open' | 'late' | 'closed';
  opensAt: string;
  /** With the student's extension, if any; for a started exam, the end of their time. */
  deadline: string;
  lateUntil: string | null;
  startedAt: string | null;
}

export interface AssignmentProblemView {
  label: string;
  problemId: string;
  title: string;
  type: 'pass-fail' | 'scoring';
  /** The caller's best points on it so far (students). */
  points?: number | null;
}

export interface AssignmentView extends AssignmentSummary {
  description: string;
  latePenalty: LatePenalty | null;
  lateUntil: string | null;
  /** The assignment's own feedback level; null: the problems' (feedback.ts). */
  feedback: FeedbackLevel | null;
  /** False: the course's students may not make runs while it is open (403 RUNS_DISABLED). */
  runsEnabled: boolean;
  /** Exams' lock-down (lockdown.ts): CIDR ranges students must be in while it is open; empty: anywhere. */
  allowedNetworks: string[];
  /** Exams' lock-down: one session per student while it is open. */
  oneSession: boolean;
  /** Empty for students before it opens, and before they start an exam. */
  problems: AssignmentProblemView[];
  /** The caller's own window (students). */
  window: StudentWindow | null;
  /** Teachers only. */
  extensions?: ExtensionView[];
}

export interface ExtensionView {
  userId: string;
  username: string;
  deadline: string;
}

/** One student's result on one problem of an assignment. */
export interface GradeCell {
  /** Points after the late penalty, plus any manual adjustment (0–100 per problem). */
  points: number;
  /** Points the judge gave the best submission, before the late penalty. */
  autoPoints: number;
  submissionId: string;
  submittedAt: string;
  late: boolean;
  adjusted: boolean;
}

/** GET /api/courses/:id/assignments/:aid/grades (CSV: .../grades.csv). */
export interface GradeGrid {
  problems: { label: string; title: string }[];
  rows: { userId: string; username: string; total: number; cells: Record<string, GradeCell | null> }[];
}

/** A teacher's comment on one line of a submission (line null: on the whole submission). */
export interface SubmissionCommentView {
  id: string;
  line: number | null;
  body: string;
  author: { id: string; username: string };
  createdAt: string;
}

/** A teacher's manual score, kept beside the judge's score, which it never replaces. */
export interface ScoreAdjustmentView {
  /** Points out of 100 for the problem. */
  points: number;
  reason: string;
  by: { id: string; username: string };
  at: string;
}

export interface PlagiarismSubmissionRef {
  submissionId: string;
  userId: string;
  username: string;
  problemId: string;
  language: string;
  createdAt: string;
}

/** Matching lines, 1-based and inclusive, in the two sources. */
export interface PlagiarismRegion {
  a: { startLine: number; endLine: number };
  b: { startLine: number; endLine: number };
}

export interface PlagiarismPair {
  a: PlagiarismSubmissionRef;
  b: PlagiarismSubmissionRef;
  /** 0–1: shared fingerprints over the smaller of the two programs' fingerprints. */
  similarity: number;
  regions: PlagiarismRegion[];
}

/** GET /api/problems/:id/plagiarism and GET /api/courses/:id/assignments/:aid/plagiarism. */
export interface PlagiarismReport {
  /** Submissions compared: each user's latest accepted (else latest) submission per problem. */
  submissions: number;
  /** Most similar first; pairs of the same user are never listed. */
  pairs: PlagiarismPair[];
}
