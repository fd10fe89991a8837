import type {
  AssignmentView,
  CourseView,
  LanguageView,
  ProblemDetail,
  SubmissionView,
  UserView,
} from '@judge/contract';

export const PROBLEM_ID = 'cccccccc-cccc-cccc-cccc-cccccccccccc';

export function problemDetail(overrides: Partial<ProblemDetail> = {}): ProblemDetail {
  return {
    id: PROBLEM_ID,
    slug: 'squares',
    title: 'Squares',
    visibility: 'public',
    version: 3,
    type: 'pass-fail',
    timeLimitMs: 2000,
    memoryMb: 256,
    statement:
      '# Squares\n\nPrint $x^2$ for the given **integer** $x$.\n\n$$\\sum_{i=1}^{n} i$$\n\n## Input\n\nOne integer.\n',
    interactive: false,
    limits: { timeLimitMs: 2000, memoryMb: 256, outputMb: 8 },
    samples: [{ name: 'sample/1', input: '3\n', answer: '9\n' }],
    testCount: 4,
    feedback: 'full',
    languages: ['cpp', 'python'],
    ...overrides,
  };
}

export const LANGUAGES: LanguageView[] = [
  { id: 'cpp', name: 'C++ (GCC, C++20)', extensions: ['cpp', 'cc'], editor: 'cpp' },
  { id: 'python', name: 'Python 3', extensions: ['py'], editor: 'python' },
];

/* Courses, assignments and review (pages/courses, pages/review). */
export const COURSE_ID = 'c0c0c0c0-0000-4000-8000-000000000001';
export const ASSIGNMENT_ID = 'a0a0a0a0-0000-4000-8000-000000000002';
export const TEACHER_ID = '22222222-2222-2222-2222-222222222222';
export const STUDENT_ID = '11111111-1111-1111-1111-111111111111';

export function courseView(overrides: Partial<CourseView> = {}): CourseView {
  return {
    id: COURSE_ID,
    title: 'Algorithms 101',
    role: 'student',
    students: 2,
    description: 'Weekly problem sets.',
    teachers: [{ id: TEACHER_ID, username: 'tom' }],
    assignments: [],
    ...overrides,
  };
}

export function assignmentView(overrides: Partial<AssignmentView> = {}): AssignmentView {
  return {
    id: ASSIGNMENT_ID,
    courseId: COURSE_ID,
    title: 'Week 1',
    kind: 'assignment',
    opensAt: '2025-01-01T09:00:00.000Z',
    deadline: '2025-01-08T09:00:00.000Z',
    durationMinutes: null,
    description: '',
    latePenalty: { type: 'per-day', percent: 10 },
    lateUntil: null,
    feedback: null,
    runsEnabled: true,
    allowedNetworks: [],
    oneSession: false,
    problems: [{ label: 'A', problemId: PROBLEM_ID, title: 'Squares', type: 'pass-fail', points: null }],
    window: {
      state: 'open',
      opensAt: '2025-01-01T09:00:00.000Z',
      deadline: '2025-01-08T09:00:00.000Z',
      lateUntil: null,
      startedAt: null,
    },
    ...overrides,
  };
}

export function submissionView(overrides: Partial<SubmissionView> = {}): SubmissionView {
  return {
    id: 'dddddddd-dddd-dddd-dddd-dddddddddddd',
    problemId: PROBLEM_ID,
    userId: STUDENT_ID,
    username: 'alice',
    language: 'python',
    status: 'done',
    verdict: 'AC',
    score: 100,
    maxScore: 100,
    timeMs: 20,
    memoryKb: 4096,
    compileOutput: null,
    createdAt: '2025-01-02T10:00:00.000Z',
    judgedAt: '2025-01-02T10:00:02.000Z',
    assignmentId: ASSIGNMENT_ID,
    source: 'x = int(input())\nprint(x * x)\n',
    feedback: 'full',
    tests: [],
    groups: [],
    ...overrides,
  };
}

// Contests (pages/contests).
import type { ContestView, ScoreboardCell } from '@judge/contract';

export const CONTEST_ID = 'eeeeeeee-eeee-eeee-eeee-eeeeeeeeeeee';

/** A running ICPC contest with two problems, which the caller has registered for. */
export function contestView(overrides: Partial<ContestView> = {}): ContestView {
  const hour = 3600_000;
  return {
    id: CONTEST_ID,
    title: 'Spring Cup',
    startsAt: new Date(Date.now() - hour).toISOString(),
    endsAt: new Date(Date.now() + 2 * hour).toISOString(),
    scoring: 'icpc',
    registration: 'open',
    phase: 'running',
    registered: true,
    participants: 2,
    description: 'Two problems, two hours.',
    freezeMinutes: 30,
    freezesAt: new Date(Date.now() + 1.5 * hour).toISOString(),
    unfrozen: false,
    practiceAfter: true,
    feedback: null,
    runsEnabled: true,
    teams: false,
    medals: { gold: 4, silver: 4, bronze: 4 },
    balloonsDuringFreeze: true,
    allowedNetworks: [],
    oneSession: false,
    problems: [
      { label: 'A', problemId: PROBLEM_ID, title: 'Squares', type: 'pass-fail', timeLimitMs: 2000, memoryMb: 256 },
      {
        label: 'B',
        problemId: 'ffffffff-ffff-ffff-ffff-ffffffffffff',
        title: 'Paths',
        type: 'pass-fail',
        timeLimitMs: 1000,
        memoryMb: 256,
      },
    ],
    canManage: false,
    ...overrides,
  };
}

export function scoreboardCell(overrides: Partial<ScoreboardCell> = {}): ScoreboardCell {
  return { attempts: 0, solvedAtMinutes: null, score: null, pending: 0, firstToSolve: false, ...overrides };
}

/* Users (pages/admin): a contestant the users page lists. */
export const DAVE = '55555555-5555-4555-8555-555555555555';

export function userView(overrides: Partial<UserView> = {}): UserView {
  return {
    id: DAVE,
    username: 'dave',
    displayName: null,
    email: null,
    role: 'contestant',
    disabled: false,
    blocked: false,
    submissionsPerMinute: null,
    createdAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}
