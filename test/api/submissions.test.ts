import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsers, untilJudged, uploadExample } from './fixtures';
import { startTestApi, type TestApi } from './support';

let api: TestApi;
let admin: string;
let alice: string;
let bob: string;
let problemId: string;

interface Submission {
  id: string;
  status: string;
  verdict: string | null;
  score: number | null;
  judgedAt: string | null;
  source?: string;
  compileOutput: string | null;
  testCount?: number;
  tests: {
    name: string;
    verdict: string;
    timeMs: number;
    memoryKb: number;
    input?: string;
    expected?: string;
    feedback?: string;
  }[];
}

async function submit(token: string, language: string, source: string): Promise<string> {
  const response = await api.call('POST', '/api/submissions', { token, json: { problemId, language, source } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const verdictOf = (token: string, id: string) => untilJudged<Submission>(api, token, id);

beforeAll(async () => {
  // A wall limit well above the CPU limit: on a busy machine the TLE below is still reached on CPU time.
  api = await startTestApi({ SUBMISSIONS_PER_MINUTE: '12', JUDGE_WALL_TIME_FACTOR: '5' });
  admin = await api.login('admin', 'admin-password');
  ({ alice, bob } = (await createUsers(api, admin, { alice: 'contestant', bob: 'contestant' })).tokens);
  problemId = await uploadExample(api, admin, 'hello');
});

afterAll(async () => {
  await api?.dispose();
});

const sources = {
  ac: 'a, b = map(int, input().split())\nprint(a + b)\n',
  wa: 'a, b = map(int, input().split())\nprint(a - b)\n',
  tle: 'while True:\n    pass\n',
  ce: 'print(\n',
};

describe('judging over HTTP (in-process runner, real PostgreSQL)', () => {
  it('AC, WA, TLE and CE solutions get their verdicts with per-test results', async () => {
    const ids = {
      ac: await submit(alice, 'python', sources.ac),
      wa: await submit(alice, 'python', sources.wa),
      tle: await submit(alice, 'python', sources.tle),
      ce: await submit(alice, 'python', sources.ce),
    };
    const ac = await verdictOf(alice, ids.ac);
    expect(ac.verdict).toBe('AC');
    expect(ac.tests).toHaveLength(5);
    // The problem's number of tests, which the page shows as "3 / 5 judged" when judging stops early.
    expect(ac.testCount).toBe(5);
    expect((await verdictOf(alice, ids.wa)).verdict).toBe('WA');
    const tle = await verdictOf(alice, ids.tle);
    expect(tle.verdict).toBe('TLE');
    expect(tle.tests.at(-1)?.timeMs).toBeGreaterThanOrEqual(1000);
    const ce = await verdictOf(alice, ids.ce);
    expect(ce.verdict).toBe('CE');
    expect(ce.compileOutput).toMatch(/SyntaxError|never closed/);
  });

  it('samples show input and expected output; secret tests only verdict, time and memory', async () => {
    const submission = await verdictOf(alice, await submit(alice, 'python', sources.ac));
    const sample = submission.tests.find((t) => t.name.startsWith('sample/'));
    const secret = submission.tests.filter((t) => t.name.startsWith('secret/'));
    expect(sample?.input).toBeDefined();
    expect(sample?.expected).toBeDefined();
    expect((sample as { output?: string } | undefined)?.output).toBe(sample?.expected);
    for (const t of secret) expect(Object.keys(t).sort()).toEqual(['group', 'memoryKb', 'name', 'timeMs', 'verdict']);
  });

  it("a contestant cannot read another contestant's submission or source", async () => {
    const id = await submit(alice, 'python', sources.ac);
    const theirs = await api.call('GET', `/api/submissions/${id}`, { token: bob });
    expect(theirs.status).toBe(404);
    const list = (await (await api.call('GET', `/api/submissions?problemId=${problemId}`, { token: bob })).json()) as {
      items: { id: string }[];
    };
    expect(list.items.map((s) => s.id)).not.toContain(id);
    const mine = (await (await api.call('GET', `/api/submissions/${id}`, { token: alice })).json()) as Submission;
    expect(mine.source).toBe(sources.ac);
    const staff = await api.call('GET', `/api/submissions/${id}`, { token: admin });
    expect(staff.status).toBe(200);
  });

  it('streams one event per test, then the result', async () => {
    const id = await submit(bob, 'python', sources.ac);
    const response = await fetch(`${api.url}/api/submissions/${id}/events?access_token=${bob}`);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    const events = text
      .split('\n')
      .filter((l) => l.startsWith('event: '))
      .map((l) => l.slice(7));
    expect(events.at(-1)).toBe('done');
    // Either every test was streamed live, or the stream opened after the result and got it at once.
    expect(events.filter((e) => e === 'test').length === 5 || events.length === 1).toBe(true);
  });

  it('refuses an unknown language, a source over the size limit, and too many submissions a minute', async () => {
    const unknown = await api.call('POST', '/api/submissions', {
      token: bob,
      json: { problemId, language: 'cobol', source: 'x' },
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ code: 'UNKNOWN_LANGUAGE' });
    const huge = await api.call('POST', '/api/submissions', {
      token: bob,
      json: { problemId, language: 'python', source: `#${'x'.repeat(300 * 1024)}` },
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ code: 'SOURCE_TOO_LARGE' });
    let limited: Response | null = null;
    for (let i = 0; i < 15 && !limited; i++) {
      const response = await api.call('POST', '/api/submissions', {
        token: bob,
        json: { problemId, language: 'python', source: sources.ac },
      });
      if (response.status === 429) limited = response;
    }
    expect(limited).not.toBeNull();
    expect(await limited!.json()).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('a setter rejudges a submission and gets the same verdict again', async () => {
    const id = await submit(alice, 'python', sources.wa);
    await verdictOf(alice, id);
    expect((await api.call('POST', `/api/submissions/${id}/rejudge`, { token: alice })).status).toBe(403);
    expect((await api.call('POST', `/api/submissions/${id}/rejudge`, { token: admin })).status).toBe(202);
    expect((await verdictOf(admin, id)).verdict).toBe('WA');
  });

  it('lists with names, filters by verdict, and marks solved and attempted problems', async () => {
    const wrong = await verdictOf(alice, await submit(alice, 'python', sources.wa));
    expect(wrong.verdict).toBe('WA');
    const page = (await (await api.call('GET', `/api/submissions?verdict=WA`, { token: alice })).json()) as {
      items: { verdict: string; username: string; problemTitle: string }[];
    };
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items)
      expect(item).toMatchObject({ verdict: 'WA', username: 'alice', problemTitle: 'Sum of Two Numbers' });
    const problems = (await (await api.call('GET', '/api/problems', { token: alice })).json()) as {
      id: string;
      solved: boolean;
      attempted: boolean;
      memoryMb: number;
    }[];
    expect(problems.find((p) => p.id === problemId)).toMatchObject({ solved: true, attempted: true, memoryMb: 256 });
    const me = (await (await api.call('GET', '/api/auth/me', { token: alice })).json()) as { username: string };
    expect(me.username).toBe('alice');
    const settings = (await (await api.call('GET', '/api/settings')).json()) as { registrationOpen: boolean };
    expect(settings.registrationOpen).toBe(false);
    const tests = (await (await api.call('GET', `/api/problems/${problemId}/tests`, { token: admin })).json()) as {
      id: string;
      sample: boolean;
    }[];
    expect(tests.map((t) => t.id)).toEqual(['sample:01', 'secret:01', 'secret:02', 'secret:03', 'secret:04']);
    expect((await api.call('GET', `/api/problems/${problemId}/tests`, { token: bob })).status).toBe(403);
  });

  it('a setter rejudges every submission of a problem', async () => {
    expect((await api.call('POST', `/api/problems/${problemId}/rejudge`, { token: bob })).status).toBe(403);
    const list = (await (
      await api.call('GET', `/api/submissions?problemId=${problemId}`, { token: admin })
    ).json()) as {
      items: { id: string }[];
    };
    const before = new Map<string, Submission>();
    for (const item of list.items) before.set(item.id, await verdictOf(admin, item.id));
    const response = await api.call('POST', `/api/problems/${problemId}/rejudge`, { token: admin });
    expect(response.status).toBe(202);
    const { count } = (await response.json()) as { count: number };
    expect(count).toBe(list.items.length);
    expect(count).toBeGreaterThan(5);
    // Each one judged again (a later judgement) to the same verdict: nothing about the problem changed.
    for (const [id, earlier] of before) {
      const again = await verdictOf(admin, id);
      expect(again.verdict).toBe(earlier.verdict);
      expect(Date.parse(again.judgedAt ?? '')).toBeGreaterThan(Date.parse(earlier.judgedAt ?? ''));
    }
  });
  it('a program that runs into the process limit carries a security event for staff, never for its author', async () => {
    // Forks until the sandbox refuses, then prints a wrong answer: WA, with the limit reached on every test.
    const forks = [
      'import os, time',
      'while True:',
      '    try:',
      '        pid = os.fork()',
      '    except OSError:',
      '        break',
      '    if pid == 0:',
      '        time.sleep(5)',
      '        os._exit(0)',
      'print(0)',
      '',
    ].join('\n');
    // A user of its own: the tests above use up Alice's and Bob's submissions for this minute.
    const { carol } = (await createUsers(api, admin, { carol: 'contestant' })).tokens;
    const id = await submit(carol, 'python', forks);
    const own = await verdictOf(carol, id);
    expect(own.verdict).toBe('WA');
    expect(own).not.toHaveProperty('securityEvents');
    const staff = (await (await api.call('GET', `/api/submissions/${id}`, { token: admin })).json()) as {
      securityEvents?: { kind: string; test: string | null; count: number }[];
    };
    const limits = (staff.securityEvents ?? []).filter((e) => e.kind === 'process-limit');
    expect(limits.length).toBeGreaterThan(0);
    expect(limits.every((e) => e.test !== null && e.count > 0)).toBe(true);
  });
});
