import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  type FeedbackLevel,
  DEFAULT_EDITOR_MODE,
  type EditorMode,
  type LanguageView,
  type MeView,
  type ProblemAuthoringView,
  type ProblemDetail,
  type ProblemListItem,
  type ProblemUploadResult,
  type ProblemTestView,
  type ProblemVisibilityState,
  type Role,
  type SecurityEventSort,
  type SecurityEventsReport,
  type SettingsView,
  type SubmissionPage,
  type SubmissionProgram,
  type SubmissionView,
  type UserView,
  type VerdictFilter,
} from '@judge/contract';
import { request, type RequestOptions } from './client';

/** Query keys in one place, so that mutations invalidate exactly what they change. */
export const keys = {
  me: (userId: string) => ['me', userId] as const,
  settings: ['settings'] as const,
  problems: ['problems'] as const,
  problem: (id: string) => ['problems', id] as const,
  problemTests: (id: string) => ['problems', id, 'tests'] as const,
  languages: ['languages'] as const,
  submissions: ['submissions'] as const,
  submissionPage: (filter: SubmissionFilter) => ['submissions', 'page', filter] as const,
  submission: (id: string) => ['submissions', 'one', id] as const,
  users: ['users'] as const,
  securityEvents: (sort: SecurityEventSort) => ['security-events', sort] as const,
};

export const PAGE_SIZE = 50;

export interface SubmissionFilter {
  problemId?: string;
  userId?: string;
  /** Filtered by the API, across all pages; `partial` is an AC with some but not all of the points. */
  verdict?: VerdictFilter;
  page: number;
}

/** Who is signed in, as the API knows it now (the name, which the token does not carry, and the current role). */
export function useMe(userId: string | null) {
  return useQuery({
    queryKey: keys.me(userId ?? ''),
    queryFn: () => request<MeView>('/api/auth/me'),
    enabled: userId !== null,
    staleTime: 60_000,
  });
}

/** The judge's public settings (whether registration is open). */
export function useSettings() {
  return useQuery({
    queryKey: keys.settings,
    queryFn: () => request<SettingsView>('/api/settings'),
    staleTime: 5 * 60_000,
  });
}

/** The problems, each with the caller's own `solved` / `attempted` marks. */
export function useProblems() {
  return useQuery({ queryKey: keys.problems, queryFn: () => request<ProblemListItem[]>('/api/problems') });
}

export function useProblem(id: string) {
  return useQuery({
    queryKey: keys.problem(id),
    queryFn: () => request<ProblemDetail>(`/api/problems/${encodeURIComponent(id)}`),
  });
}

/** Every test of the current version of a problem, secret ones included (for setters). */
export function useProblemTests(id: string) {
  return useQuery({
    queryKey: keys.problemTests(id),
    queryFn: () => request<ProblemTestView[]>(`/api/problems/${encodeURIComponent(id)}/tests`),
  });
}

export function useLanguages() {
  return useQuery({
    queryKey: keys.languages,
    queryFn: () => request<LanguageView[]>('/api/languages'),
    staleTime: 10 * 60_000,
  });
}

/**
 * The grammar that highlights sources of a language, as its definition names it; `plain` until the list of
 * languages has loaded, and for a language this judge no longer runs.
 */
export function useEditorMode(languageId: string | undefined): EditorMode {
  const languages = useLanguages();
  return languages.data?.find((l) => l.id === languageId)?.editor ?? DEFAULT_EDITOR_MODE;
}

function submissionsPath(filter: SubmissionFilter): string {
  const params = new URLSearchParams();
  if (filter.problemId) params.set('problemId', filter.problemId);
  if (filter.userId) params.set('userId', filter.userId);
  if (filter.verdict) params.set('verdict', filter.verdict);
  params.set('page', String(filter.page));
  return `/api/submissions?${params}`;
}

export function useSubmissionPage(filter: SubmissionFilter) {
  return useQuery({
    queryKey: keys.submissionPage(filter),
    queryFn: () => request<SubmissionPage>(submissionsPath(filter)),
    // Keeps the rows of the page shown while the next one loads.
    placeholderData: (previous) => previous,
    // Pending submissions change by themselves: look again while any is not done.
    refetchInterval: (query) => (query.state.data?.items.some((s) => s.status !== 'done') ? 3000 : false),
  });
}

/**
 * After a submission is made, judged or rejudged: its lists, and the solved / attempted marks of the problem
 * list (not each problem's details, which do not change).
 */
export function refreshJudged(client: QueryClient, except?: string): Promise<unknown> {
  return Promise.all([
    client.invalidateQueries({
      queryKey: keys.submissions,
      predicate: except === undefined ? undefined : (query) => query.queryKey[2] !== except,
    }),
    client.invalidateQueries({ queryKey: keys.problems, exact: true }),
  ]);
}

export function useSubmission(id: string) {
  return useQuery({
    queryKey: keys.submission(id),
    queryFn: () => request<SubmissionView>(`/api/submissions/${encodeURIComponent(id)}`),
    // Live progress comes over server-sent events; reading it now and then as well catches a lost stream.
    refetchInterval: (query) => (query.state.data && query.state.data.status !== 'done' ? 5000 : false),
  });
}

export function useSubmit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SubmissionProgram & { problemId: string }) =>
      request<{ id: string }>('/api/submissions', { method: 'POST', json: body }),
    onSuccess: () => refreshJudged(client),
  });
}

export function useRejudgeSubmission(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => request<{ id: string }>(`/api/submissions/${encodeURIComponent(id)}/rejudge`, { method: 'POST' }),
    onSuccess: () => refreshJudged(client),
  });
}

/** Publishes a draft problem (`public`) or takes it back out of practice (`draft`). */
export function useSetProblemVisibility(problemId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (visibility: ProblemVisibilityState) =>
      request<ProblemListItem>(`/api/problems/${encodeURIComponent(problemId)}/visibility`, {
        method: 'PUT',
        json: { visibility },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.problems }),
  });
}

export function useRejudgeProblem(problemId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      request<{ count: number }>(`/api/problems/${encodeURIComponent(problemId)}/rejudge`, { method: 'POST' }),
    onSuccess: () => refreshJudged(client),
  });
}

/** A problem's feedback level in practice (PUT /api/problems/:id/feedback). */
export function useSetProblemFeedback(problemId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (feedback: FeedbackLevel) =>
      request<{ feedback: FeedbackLevel }>(`/api/problems/${encodeURIComponent(problemId)}/feedback`, {
        method: 'PUT',
        json: { feedback },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.problem(problemId), exact: true }),
  });
}

export function useLogin() {
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      request<{ accessToken: string }>('/api/auth/login', { method: 'POST', json: body }),
  });
}

export function useRegister() {
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      request<{ id: string; accessToken: string }>('/api/auth/register', { method: 'POST', json: body }),
  });
}

/** A problem package zip: a new problem, or (with `problemId`) a new version of one. */
/**
 * A package zip as a new problem, or (with `problemId`, given here or per call) as a new version of one. A new
 * problem that the package already is answers 409 PROBLEM_EXISTS with that problem in `details`.
 */
export function useUploadPackage(problemId?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, asVersionOf = problemId }: { file: File; asVersionOf?: string }) => {
      const form = new FormData();
      form.append('package', file, file.name);
      return asVersionOf
        ? request<ProblemUploadResult>(`/api/problems/${encodeURIComponent(asVersionOf)}`, { method: 'PUT', form })
        : request<ProblemUploadResult>('/api/problems', { method: 'POST', form });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: keys.problems }),
  });
}

/** The settings the browser's editor shows of a problem's current version. */
export function useProblemAuthoring(id: string) {
  return useQuery({
    queryKey: [...keys.problem(id), 'authoring'] as const,
    queryFn: () => request<ProblemAuthoringView>(`/api/problems/${encodeURIComponent(id)}/authoring`),
  });
}

/** Saves the editor's settings: a new version of the problem. */
export function useEditProblem(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (problem: Omit<AuthoredProblem, 'statement'> & { statement: string | null }) =>
      request<ProblemUploadResult>(`/api/problems/${encodeURIComponent(id)}/authoring`, {
        method: 'PUT',
        json: problem,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.problems }),
  });
}

export type CheckerType = 'default' | 'float' | 'custom';

export interface AuthoredProblem {
  title: string;
  statement: string;
  timeLimitMs: number;
  memoryMb: number;
  checker: { type: CheckerType; flags?: string; source?: string; language?: 'c' | 'cpp' | 'python' };
}

/** A test as typed in or chosen as files. */
export interface TestDraft {
  input: string | File;
  answer: string | File;
  sample: boolean;
  group: string;
}

export interface AddedTest extends ProblemListItem {
  testId: string;
}

function testRequest(test: Pick<TestDraft, 'input' | 'answer'> & Partial<TestDraft>): RequestOptions {
  const group = test.group?.trim() || undefined;
  if (typeof test.input === 'string' && typeof test.answer === 'string') {
    return { json: { input: test.input, answer: test.answer, sample: test.sample ?? false, group } };
  }
  const form = new FormData();
  const file = (value: string | File) => (typeof value === 'string' ? new Blob([value]) : value);
  form.append('input', file(test.input), 'test.in');
  form.append('answer', file(test.answer), 'test.ans');
  form.append('sample', String(test.sample ?? false));
  if (group) form.append('group', group);
  return { form };
}

export function addTest(problemId: string, test: TestDraft): Promise<AddedTest> {
  return request<AddedTest>(`/api/problems/${encodeURIComponent(problemId)}/tests`, {
    method: 'POST',
    ...testRequest(test),
  });
}

/** Tests sent with the problem itself (in its first version) up to this much text; the rest are added after. */
const FIRST_VERSION_BYTES = 512 * 1024;

/**
 * Creates a problem with its tests in version 1: as many as fit in one request, as text; any left (large files)
 * are added one by one after it, each a new version.
 */
export function useCreateProblem() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ problem, tests }: { problem: AuthoredProblem; tests: TestDraft[] }) => {
      const first: { input: string; answer: string; sample: boolean; group?: string }[] = [];
      let bytes = problem.statement.length + (problem.checker.source?.length ?? 0);
      for (const test of tests) {
        const size = sizeOf(test.input) + sizeOf(test.answer);
        if (bytes + size > FIRST_VERSION_BYTES) break;
        const [input, answer] = await Promise.all([textOf(test.input), textOf(test.answer)]);
        if (input === null || answer === null) break;
        first.push({ input, answer, sample: test.sample, group: test.group.trim() || undefined });
        bytes += size;
      }
      const created = await request<ProblemUploadResult>('/api/problems', {
        method: 'POST',
        json: { ...problem, tests: first },
      });
      const added: string[] = [];
      try {
        for (const test of tests.slice(first.length)) added.push((await addTest(created.id, test)).testId);
      } catch (error) {
        throw Object.assign(error as Error, { createdProblem: created });
      }
      return { problem: created, testIds: added };
    },
    onSettled: () => client.invalidateQueries({ queryKey: keys.problems }),
  });
}

const sizeOf = (value: string | File) => (typeof value === 'string' ? value.length : value.size);

/** A test file's text, or null when it is not UTF-8 text (sent as a file then, byte for byte). */
async function textOf(value: string | File): Promise<string | null> {
  if (typeof value === 'string') return value;
  const bytes = new Uint8Array(await value.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function useAddTest(problemId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (test: TestDraft) => addTest(problemId, test),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.problems }),
  });
}

export function useReplaceTest(problemId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ testId, test }: { testId: string; test: Pick<TestDraft, 'input' | 'answer'> }) =>
      request<ProblemListItem>(`/api/problems/${encodeURIComponent(problemId)}/tests/${encodeURIComponent(testId)}`, {
        method: 'PUT',
        ...testRequest(test),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.problems }),
  });
}

export function useDeleteTest(problemId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (testId: string) =>
      request<ProblemListItem>(`/api/problems/${encodeURIComponent(problemId)}/tests/${encodeURIComponent(testId)}`, {
        method: 'DELETE',
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.problems }),
  });
}

export function useUsers(enabled = true) {
  return useQuery({ queryKey: keys.users, queryFn: () => request<UserView[]>('/api/users'), enabled });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string; role: Role }) =>
      request<{ id: string }>('/api/users', { method: 'POST', json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.users }),
  });
}

/** What an admin may change of a user (PATCH /api/users/:id). */
export interface UserChange {
  role?: Role;
  disabled?: boolean;
  password?: string;
  blocked?: boolean;
  submissionsPerMinute?: number | null;
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & UserChange) =>
      request<UserView>(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', json: body }),
    onSuccess: async (user) => {
      // The answer is the changed user: shown at once, then the lists that show users are read again.
      client.setQueryData<UserView[]>(keys.users, (users) => users?.map((u) => (u.id === user.id ? user : u)));
      await client.invalidateQueries({ queryKey: ['security-events'] });
      return client.invalidateQueries({ queryKey: keys.users });
    },
  });
}

/** For admins: the users and submissions with the most security events (GET /api/security-events). */
export function useSecurityEvents(sort: SecurityEventSort) {
  return useQuery({
    queryKey: keys.securityEvents(sort),
    queryFn: () => request<SecurityEventsReport>(`/api/security-events?sort=${sort}`),
  });
}
