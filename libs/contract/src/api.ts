import type { TestGroupResult } from './judgement';
import type { Verdict } from './verdict';
import type { SubmissionStatus } from './jobs';

/**
 * Shapes of the HTTP API's answers, shared by the API (which produces them) and the web UI (which reads
 * them), so that neither redeclares the other's types. Routes are described in docs/api.md.
 */

export type Role = 'admin' | 'setter' | 'contestant';

export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
}

export interface UserView {
  id: string;
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export interface LanguageView {
  id: string;
  name: string;
  extensions: string[];
}

export interface SampleView {
  name: string;
  input: string;
  answer: string;
}

export interface ProblemListItem {
  id: string;
  slug: string;
  title: string;
  version: number;
  type: 'pass-fail' | 'scoring';
  /** Null when the package gives none: derived from its accepted submissions when judging. */
  timeLimitMs: number | null;
}

export interface ProblemDetail extends ProblemListItem {
  statement: string | null;
  interactive: boolean;
  limits: { timeLimitMs: number | null; memoryMb: number; outputMb: number };
  samples: SampleView[];
  testCount: number;
  languages: string[];
}

/** A test as users see it: secret tests carry only the first five fields. */
export interface SubmissionTestView {
  name: string;
  group: string;
  verdict: Verdict;
  timeMs: number;
  memoryKb: number;
  /** Sample tests only. */
  feedback?: string;
  input?: string;
  expected?: string;
  output?: string;
}

export interface SubmissionView {
  id: string;
  problemId: string;
  userId: string;
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
  /** For its author, setters and admins. */
  source?: string;
  tests: SubmissionTestView[];
  groups: TestGroupResult[];
}

export interface SubmissionPage {
  items: SubmissionView[];
  page: number;
}

/** Server-sent events of GET /api/submissions/:id/events (the SSE event name is `type`). */
export type SubmissionEvent =
  | { type: 'status'; status: 'compiling' | 'running' }
  | { type: 'test'; index: number; total: number; test: SubmissionTestView }
  | { type: 'done'; submission: SubmissionView };
