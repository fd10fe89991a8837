import type { TestGroupResult } from './judgement';
import type { Verdict } from './verdict';
import type { SubmissionStatus } from './jobs';
import type { ScoreAdjustmentView } from './courses';
import type { EditorMode } from './languages';
import type { SubmissionFile } from './submission-files';
import type { SecurityEvent } from './security-events';
import type { FeedbackLevel, FirstFailureView } from './feedback';
import type { ContestSubmissionKind } from './virtual';

/**
 * Shapes of the HTTP API's answers, shared by the API (which produces them) and the web UI (which reads
 * them), so that neither redeclares the other's types. Routes are described in docs/api.md.
 */

/** admin: everything; setter: problems and contests; teacher: their courses and reviewing; contestant. */
export type Role = 'admin' | 'setter' | 'teacher' | 'contestant';

export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  /** What a client acts on besides the code, for some codes (PROBLEM_EXISTS: the problem the package is). */
  details?: Record<string, unknown>;
  /** The request's X-Request-Id (the client's, or one the API made): its log lines carry it. */
  requestId?: string;
}

export interface UserView {
  id: string;
  username: string;
  /** A name for people (set by an import, for now); null when none was given. */
  displayName: string | null;
  email: string | null;
  role: Role;
  disabled: boolean;
  /** Blocked by an admin: may not submit (403 USER_BLOCKED), may still log in and read. */
  blocked: boolean;
  /** A submission rate limit of their own (lower than the judge's, usually), or null for the default. */
  submissionsPerMinute: number | null;
  createdAt: string;
}

export interface LanguageView {
  id: string;
  name: string;
  extensions: string[];
  /** The grammar that highlights its sources (languages.yaml's `editor`, `plain` when it names none). */
  editor: EditorMode;
}

export interface SampleView {
  name: string;
  input: string;
  answer: string;
}

/**
 * Whether a problem is in practice: a draft is seen only by staff and, through the contests and assignments that
 * hold it, by their participants; a public one by everyone (unless a running contest or an open exam hides it).
 */
export type ProblemVisibilityState = 'draft' | 'public';
export const PROBLEM_VISIBILITY_STATES: readonly ProblemVisibilityState[] = ['draft', 'public'];

/**
 * Where a shown time limit comes from: the package writes it (`package`), it was derived from the package's accepted
 * solutions (`derived`), the package has neither and the judge's default of 1 s applies (`default`), or it is still
 * to be derived, by the first runner that judges a submission (`pending`, with `timeLimitMs` null).
 */
export type TimeLimitOrigin = 'package' | 'derived' | 'default' | 'pending';

export interface ProblemListItem {
  id: string;
  slug: string;
  title: string;
  visibility: ProblemVisibilityState;
  version: number;
  type: 'pass-fail' | 'scoring';
  /**
   * The package's time limit, or the one derived from its accepted submissions by the first runner that judged
   * it; null while that has not happened yet.
   */
  timeLimitMs: number | null;
  /** Where `timeLimitMs` comes from (absent from answers of older servers: read as `package`, or `pending` when null). */
  timeLimitOrigin?: TimeLimitOrigin;
  memoryMb: number;
  /** The package's problem.yaml `keywords`, as tags. */
  tags?: string[];
  /** The caller's own standing on the problem (in GET /api/problems). */
  solved?: boolean;
  attempted?: boolean;
  /** In GET /api/problems and GET /api/problems/:id: how many users have a fully accepted submission. */
  solvedBy?: number;
  /** Likewise: the share (0 to 1) of judged submissions that were fully accepted; null when none is judged. */
  acceptance?: number | null;
}

/**
 * A user's public page (GET /api/users/:username/profile): what they solved (of the problems the viewer may see),
 * the contests they took part in (those the viewer may see), and their recent submissions when the viewer may see
 * them (the user themself, setters and admins; null for anyone else).
 */
export interface UserProfileView {
  username: string;
  role: Role;
  joinedAt: string;
  solved: { id: string; slug: string; title: string }[];
  contests: { id: string; title: string; startsAt: string; endsAt: string }[];
  submissions: SubmissionView[] | null;
}

/**
 * A problem as an upload or a browser edit stored it (POST /api/problems, PUT /api/problems/:id, PUT
 * /api/problems/:id/authoring): what the package has that the judge reads past (unknown problem.yaml keys, …) and
 * a title other problems have too.
 */
export interface ProblemUploadResult extends ProblemListItem {
  warnings: string[];
}

/** The problem that an uploaded package is (same uuid, or same short name): details of a PROBLEM_EXISTS answer. */
export interface ExistingProblemRef {
  id: string;
  slug: string;
  title: string;
  version: number;
}

/** What the browser's editor of a problem shows and sends back (GET and PUT /api/problems/:id/authoring). */
export interface ProblemAuthoringView {
  title: string;
  /** The statement's Markdown; null when the package's statement is LaTeX or HTML, which the editor keeps as is. */
  statement: string | null;
  timeLimitMs: number;
  memoryMb: number;
  checker: {
    type: 'default' | 'float' | 'custom';
    flags?: string;
    source?: string;
    language?: 'c' | 'cpp' | 'python';
  };
  /**
   * Whether the checker can be changed here: legacy-format packages that are not interactive or multi-pass (others
   * keep theirs, changed by uploading a package). A custom checker without `source` is kept as it is.
   */
  checkerEditable: boolean;
}

/** A test case of a problem, for setters (GET /api/problems/:id/tests). */
export interface ProblemTestView {
  /** The test's path below data/ with ':' for '/', e.g. `secret:group1:03`. */
  id: string;
  name: string;
  group: string;
  sample: boolean;
  inputBytes: number;
  answerBytes: number;
}

/** Who is signed in (GET /api/auth/me). */
export interface MeView {
  id: string;
  username: string;
  role: Role;
}

/** Public settings of this judge (GET /api/settings). */
export interface SettingsView {
  registrationOpen: boolean;
  submissionsPerMinute: number;
}

export interface ProblemDetail extends ProblemListItem {
  statement: string | null;
  interactive: boolean;
  limits: {
    timeLimitMs: number | null;
    /** True when timeLimitMs was derived from the package's accepted submissions rather than written in it. */
    timeLimitDerived?: boolean;
    memoryMb: number;
    outputMb: number;
  };
  samples: SampleView[];
  testCount: number;
  /** How much of a submission's judgement its author sees in practice (contests and assignments may override). */
  feedback: FeedbackLevel;
  /** What may be submitted: language ids, or only ANSWERS_LANGUAGE for a submit-answer problem. */
  languages: string[];
  /** The files that go with the statement, served by the route the problem was read through. */
  statementFiles?: StatementFilesView;
}

/**
 * The images a statement shows, by extension (lower case), with the type the API serves each as; every other file
 * of a statement is served as a download.
 */
export const STATEMENT_IMAGE_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

/** Images and attachments of a statement's folder, and a statement PDF shipped in the package (docs/api.md). */
export interface StatementFilesView {
  /** `GET ${base}/${encodeURIComponent(name)}` answers a file of the statement's folder (a name's `/` encoded too). */
  base: string;
  /** Names below the statement's folder, sorted: `cave.png`, `img/plot.svg`. */
  names: string[];
  /** Where to `GET` the statement as a PDF, when the package ships one. */
  pdf: string | null;
}

/** A test as users see it: secret tests carry only the first five fields. */
export interface SubmissionTestView {
  name: string;
  group: string;
  verdict: Verdict;
  timeMs: number;
  memoryKb: number;
  /** Multi-pass problems: how many times the submission ran on the test. */
  passes?: number;
  /** Sample tests only. */
  feedback?: string;
  input?: string;
  expected?: string;
  output?: string;
  /** Sample tests only: how the program ended when no checker judged its run (RE), and its stderr (bounded). */
  exitCode?: number;
  signal?: number;
  stderr?: string;
}

/** Where a submission was made: a contest, or an assignment of a course; `problemLabel` is the problem's there. */
export type SubmissionPlace =
  | { kind: 'contest'; contestId: string; contestTitle: string; problemLabel: string | null }
  | {
      kind: 'assignment';
      courseId: string;
      courseTitle: string;
      assignmentId: string;
      assignmentTitle: string;
      problemLabel: string | null;
    };

/** A submission's place among those of its assignment or contest, oldest first (`position` counts from 1). */
export interface SubmissionNeighbours {
  previous: string | null;
  next: string | null;
  position: number;
  total: number;
}

export interface SubmissionView {
  id: string;
  problemId: string;
  /** Title of the problem, for lists. */
  problemTitle?: string;
  userId: string;
  username?: string;
  language: string;
  status: SubmissionStatus;
  verdict: Verdict | null;
  score: number | null;
  maxScore: number | null;
  timeMs: number | null;
  memoryKb: number | null;
  compileOutput: string | null;
  createdAt: string;
  judgedAt: string | null;
  /** Set when made in a contest or for an assignment. */
  contestId?: string | null;
  /** What a contest submission was made as (virtual.ts); null outside contests. */
  contestKind?: ContestSubmissionKind | null;
  assignmentId?: string | null;
  /**
   * In GET /api/submissions/:id and its list: where it was made, named (the contest or the course and assignment,
   * with the problem's label there); null for practice.
   */
  place?: SubmissionPlace | null;
  /**
   * In GET /api/submissions/:id, for staff and the assignment's teachers only: the submissions before and after
   * it in its assignment or contest, to go through a class's work one after another.
   */
  neighbours?: SubmissionNeighbours | null;
  /** A teacher's manual score beside the judge's (for the author and staff). */
  adjustment?: ScoreAdjustmentView | null;
  /**
   * For its author, setters and admins. Of a submission of several files, their joined text (joinSubmissionFiles),
   * which review comments count lines in.
   */
  source?: string;
  /** Every file, with `source`: one file named as judged (`main.cpp`) for a single source. */
  files?: SubmissionFile[];
  /** The entry point the submission named, if any. */
  entryPoint?: string | null;
  /**
   * What this caller is shown (see feedback.ts): `full` for staff. Below `full`, `tests` holds only sample tests
   * (none at `verdict-only`), `memoryKb` is null, and `timeMs` too at `verdict-only`.
   */
  feedback: FeedbackLevel;
  /** At `first-failure`: the first test that failed, null when none did. */
  firstFailure?: FirstFailureView | null;
  /**
   * How many tests the problem version it was judged on has, in GET /api/submissions/:id and the stream's `done`
   * (not in lists). `tests` may hold fewer: judging a pass-fail problem stops at the first failure.
   */
  testCount?: number;
  tests: SubmissionTestView[];
  groups: TestGroupResult[];
  /** Staff only, in GET /api/submissions/:id: what its runs did that probes the sandbox. */
  securityEvents?: SecurityEvent[];
}

export interface SubmissionPage {
  items: SubmissionView[];
  page: number;
}

/** Server-sent events of GET /api/submissions/:id/events (the SSE event name is `type`). */
export type SubmissionEvent =
  | { type: 'status'; status: 'compiling' | 'running' }
  /** `index` counts from 0, in the order tests run. */
  | { type: 'test'; index: number; total: number; test: SubmissionTestView }
  | { type: 'done'; submission: SubmissionView };
