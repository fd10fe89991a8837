import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import type { ProblemVisibilityState, Role, ScoreboardView } from '@judge/contract';
import type { ApiClient } from './support';

/*
 * What the API tests set up the same way: the example problems uploaded, users made and logged in, calls
 * answered as JSON, and submissions waited for until judged.
 */

const execFileAsync = promisify(execFile);
/** The example problem packages' folder. */
export const EXAMPLES = join(__dirname, '..', '..', 'examples', 'problems');

/** The password every test user gets. */
export const passwordOf = (username: string) => `${username}-password`;

/** Uploads examples/problems/<name> as a setter does (a zip of its folder); answers the problem's id. */
export async function uploadExample(
  api: ApiClient,
  token: string,
  name: string,
  visibility: ProblemVisibilityState = 'public',
): Promise<string> {
  return (await uploadFolder(api, token, join(EXAMPLES, name), visibility)).id;
}

/**
 * Uploads a problem package folder as a zip; answers the problem's id and the package's hash (sha256 of the zip).
 * Public unless told otherwise (the API makes a draft by default), so that contestants practise on it.
 */
export async function uploadFolder(
  api: ApiClient,
  token: string,
  folder: string,
  visibility: ProblemVisibilityState = 'public',
): Promise<{ id: string; packageHash: string }> {
  const work = await mkdtemp(join(tmpdir(), 'judge-example-'));
  try {
    const name = basename(folder);
    const zip = join(work, `${name}.zip`);
    await execFileAsync('python3', ['-m', 'zipfile', '-c', zip, folder]);
    const data = await readFile(zip);
    const form = new FormData();
    form.append('package', new Blob([new Uint8Array(data)]), `${name}.zip`);
    form.append('visibility', visibility);
    const response = await api.call('POST', '/api/problems', { token, body: form });
    if (response.status !== 201) throw new Error(`upload ${name}: ${response.status} ${await response.text()}`);
    const { id } = (await response.json()) as { id: string };
    return { id, packageHash: createHash('sha256').update(data).digest('hex') };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Users the admin makes (each with the password `passwordOf` gives), logged in: their ids and tokens by name. */
export async function createUsers(
  api: ApiClient,
  adminToken: string,
  roles: Record<string, Role>,
): Promise<{ ids: Record<string, string>; tokens: Record<string, string> }> {
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  for (const [username, role] of Object.entries(roles)) {
    const response = await api.call('POST', '/api/users', {
      token: adminToken,
      json: { username, password: passwordOf(username), role },
    });
    if (response.status !== 201) throw new Error(`create ${username}: ${response.status} ${await response.text()}`);
    ids[username] = ((await response.json()) as { id: string }).id;
    tokens[username] = await api.login(username, passwordOf(username));
  }
  return { ids, tokens };
}

/** Calls the API; answers the status and the parsed body (null when empty). */
export async function callJson<T>(
  api: ApiClient,
  token: string | undefined,
  method: string,
  path: string,
  json?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await api.call(method, path, { token, json });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Polls a submission until judged, as a caller who may see it; a judgement here takes a few seconds at most. */
export async function untilJudged<T extends { status: string }>(api: ApiClient, token: string, id: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const submission = (await (await api.call('GET', `/api/submissions/${id}`, { token })).json()) as T;
    if (submission.status === 'done') return submission;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`submission ${id} was not judged in time`);
}

/** A board as people read it: everything but the ids, which are each database's own (to compare two judges' boards). */
export function readableBoard(view: ScoreboardView) {
  return {
    scoring: view.scoring,
    problems: view.problems,
    rows: view.rows.map(({ userId: _userId, team, ...row }) => ({
      ...row,
      ...(team ? { team: { name: team.name, organization: team.organization } } : {}),
    })),
  };
}

/** POST /api/contests/import of a contest package (a zip), as the Import contest page sends it. */
export async function importContestPackage(
  api: ApiClient,
  token: string,
  data: Buffer,
  rejudge = false,
): Promise<Response> {
  const form = new FormData();
  form.append('package', new Blob([new Uint8Array(data)]), 'contest.zip');
  if (rejudge) form.append('rejudge', 'true');
  return api.call('POST', '/api/contests/import', { token, body: form });
}

/**
 * A contest's start and end, `from` and `to` minutes from now, read from one clock reading: two
 * readings can straddle a millisecond and make the duration off by one.
 */
export function contestWindow(from: number, to: number): { startsAt: string; endsAt: string } {
  const now = Date.now();
  const at = (n: number) => new Date(now + n * 60_000).toISOString();
  return { startsAt: at(from), endsAt: at(to) };
}

/** A contest running now (from a minute ago, for an hour), ICPC, open to registration, the problems as A, B... */
export async function createRunningContest(api: ApiClient, token: string, problemIds: string[]): Promise<string> {
  const response = await api.call('POST', '/api/contests', {
    token,
    json: {
      title: 'Running now',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      scoring: 'icpc',
      freezeMinutes: 0,
      registration: 'open',
      problems: problemIds.map((problemId, i) => ({ problemId, label: String.fromCharCode(65 + i) })),
    },
  });
  if (response.status !== 201) throw new Error(`contest: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}
