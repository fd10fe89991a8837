import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsers } from './fixtures';
import { startTestApi, type TestApi } from './support';

/** POST /api/runs and GET /api/runs/:id: one program, one input, no problem (in-process runner, real sandbox). */

interface Run {
  id: string;
  status: 'queued' | 'running' | 'done';
  language: string;
  verdict?: string;
  compileOutput?: string;
  stdout?: string;
  stderr?: string;
  exitCode?: number | null;
  signal?: number | null;
  timeMs?: number;
  memoryKb?: number;
  stdoutTruncated?: boolean;
}

let api: TestApi;
let admin: string;
let alice: string;
let bob: string;

beforeAll(async () => {
  api = await startTestApi({ RUNS_PER_MINUTE: '100', RUNS_IN_FLIGHT: '2' });
  admin = await api.login('admin', 'admin-password');
  ({ alice, bob } = (await createUsers(api, admin, { alice: 'contestant', bob: 'contestant' })).tokens);
});

afterAll(async () => {
  await api?.dispose();
});

async function post(token: string, json: unknown, wait = true): Promise<Response> {
  return api.call('POST', `/api/runs${wait ? '?wait=true' : ''}`, { token, json });
}

/** A run made with `?wait=true`: its result comes with the answer. */
async function run(json: Record<string, unknown>, token = alice): Promise<Run> {
  const response = await post(token, json);
  expect(response.status).toBe(201);
  const body = (await response.json()) as Run;
  expect(body.status).toBe('done');
  return body;
}

async function untilDone(token: string, id: string): Promise<Run> {
  for (let i = 0; i < 300; i++) {
    const response = await api.call('GET', `/api/runs/${id}`, { token });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Run;
    if (body.status === 'done') return body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${id} never finished`);
}

const small = { timeMs: 1000, memoryKb: 131_072 };

describe('runs in Python', () => {
  it('echoes stdin and passes the arguments: OK', async () => {
    const result = await run({
      language: 'python',
      source: 'import sys\nprint(sys.stdin.read().upper(), end="")\nprint(sys.argv[1:])\n',
      stdin: 'hello runs\n',
      args: ['--flag', 'two words'],
    });
    expect(result).toMatchObject({
      verdict: 'OK',
      stdout: "HELLO RUNS\n['--flag', 'two words']\n",
      exitCode: 0,
      stdoutTruncated: false,
    });
    expect(result.timeMs).toBeGreaterThanOrEqual(0);
    expect(result.memoryKb).toBeGreaterThan(0);
  });

  it('a syntax error is CE, with the message', async () => {
    // Python compiles to bytecode first (languages.yaml): a syntax error stops there.
    const result = await run({ language: 'python', source: 'print(\n' });
    expect(result.verdict).toBe('CE');
    expect(result.compileOutput).toMatch(/SyntaxError|never closed|unexpected EOF/);
  });

  it('an exception is RE, with stderr and the exit code', async () => {
    const result = await run({ language: 'python', source: 'raise ValueError("boom")\n' });
    expect(result).toMatchObject({ verdict: 'RE', exitCode: 1 });
    expect(result.stderr).toContain('ValueError: boom');
  });

  it('a loop past the time limit is TLE', async () => {
    const result = await run({ language: 'python', source: 'while True:\n    pass\n', limits: { timeMs: 500 } });
    expect(result.verdict).toBe('TLE');
  });

  it('memory past the limit is MLE', async () => {
    const result = await run({
      language: 'python',
      source: 'x = bytearray(400_000_000)\nprint(len(x))\n',
      limits: small,
    });
    expect(result.verdict).toBe('MLE');
  });

  it('stdout past the output limit is OLE', async () => {
    const result = await run({ language: 'python', source: 'print("x" * 10_000)\n', limits: { outputKb: 1 } });
    expect(result.verdict).toBe('OLE');
  });

  it('output over 65,536 characters is cut, and the cut reported', async () => {
    const result = await run({ language: 'python', source: 'print("é" * 70_000)\n' });
    expect(result.verdict).toBe('OK');
    expect(result.stdoutTruncated).toBe(true);
    expect(result.stdout).toBe('é'.repeat(65_536));
  });
});

describe('runs in C and C++', () => {
  it('C: OK with stdin, CE, RE by exit code and by signal', async () => {
    const echo = await run({
      language: 'c',
      source:
        '#include <stdio.h>\nint main(int c, char **v) { int a, b; scanf("%d %d", &a, &b); printf("%d %s\\n", a + b, v[1]); }\n',
      stdin: '2 3\n',
      args: ['arg'],
    });
    expect(echo).toMatchObject({ verdict: 'OK', stdout: '5 arg\n' });
    const ce = await run({ language: 'c', source: 'int main() { return undefined_name; }\n' });
    expect(ce.verdict).toBe('CE');
    expect(ce.compileOutput).toContain('undefined_name');
    expect(await run({ language: 'c', source: 'int main() { return 3; }\n' })).toMatchObject({
      verdict: 'RE',
      exitCode: 3,
    });
    const segv = await run({ language: 'c', source: 'int main() { volatile int *p = 0; *p = 1; return 0; }\n' });
    expect(segv).toMatchObject({ verdict: 'RE', signal: 11 });
  });

  it('C++: TLE, MLE and OLE', async () => {
    const tle = await run({
      language: 'cpp',
      source: 'int main() { for (volatile int i = 0;; i++); }\n',
      limits: { timeMs: 500 },
    });
    expect(tle.verdict).toBe('TLE');
    const mle = await run({
      language: 'cpp',
      source:
        '#include <cstdio>\n#include <vector>\nint main(int argc, char **) { std::vector<int> v(100 << 20);\n' +
        'for (size_t i = 0; i < v.size(); i++) v[i] = int(i);\nprintf("%d\\n", v[argc * 12345]); }\n',
      limits: small,
    });
    expect(mle.verdict).toBe('MLE');
    const ole = await run({
      language: 'cpp',
      source: '#include <cstdio>\nint main() { for (int i = 0; i < 100000; i++) puts("output"); }\n',
      limits: { outputKb: 4 },
    });
    expect(ole.verdict).toBe('OLE');
  });
});

describe('runs in JavaScript', () => {
  it('OK with stdin, RE, and TLE', async () => {
    const ok = await run({
      language: 'javascript',
      source:
        'const s = require("fs").readFileSync(0, "utf8"); console.log(s.trim().split(" ").reverse().join(" "));\n',
      stdin: 'one two three\n',
    });
    expect(ok).toMatchObject({ verdict: 'OK', stdout: 'three two one\n' });
    const re = await run({ language: 'javascript', source: 'throw new Error("nope");\n' });
    expect(re.verdict).toBe('RE');
    expect(re.stderr).toContain('nope');
    const tle = await run({ language: 'javascript', source: 'for (;;) {}\n', limits: { timeMs: 500 } });
    expect(tle.verdict).toBe('TLE');
  });
});

describe('the runs API', () => {
  it('without wait answers the id at once; polling shows the run until it is done', async () => {
    const response = await post(alice, { language: 'python', source: 'print(input())\n', stdin: 'polled\n' }, false);
    expect(response.status).toBe(201);
    const { id, ...rest } = (await response.json()) as { id: string };
    expect(rest).toEqual({});
    const done = await untilDone(alice, id);
    expect(done).toMatchObject({ id, language: 'python', verdict: 'OK', stdout: 'polled\n' });
  });

  it("someone else's run is 404; an admin reads it", async () => {
    const mine = await run({ language: 'python', source: 'print(1)\n' });
    expect((await api.call('GET', `/api/runs/${mine.id}`, { token: bob })).status).toBe(404);
    expect((await api.call('GET', '/api/runs/not-an-id', { token: bob })).status).toBe(404);
    const read = await api.call('GET', `/api/runs/${mine.id}`, { token: admin });
    expect(read.status).toBe(200);
    expect(((await read.json()) as Run).stdout).toBe('1\n');
  });

  it('is for signed-in users only, and refuses bad requests before queueing', async () => {
    expect((await api.call('POST', '/api/runs', { json: { language: 'python', source: 'print(1)' } })).status).toBe(
      401,
    );
    const unknown = await post(alice, { language: 'cobol', source: 'x' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { code: string }).code).toBe('UNKNOWN_LANGUAGE');
    const tooLong = await post(alice, { language: 'python', source: 'print(1)', limits: { timeMs: 60_000 } });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { code: string; message: string }).message).toContain('10000');
  });

  it('refuses a run beyond RUNS_IN_FLIGHT until one ends', async () => {
    // Each sleeps on the wall clock, so they stay in flight while the third is asked for.
    const slow = { language: 'python', source: 'import time\ntime.sleep(1.5)\n' };
    const first = await post(bob, slow, false);
    const second = await post(bob, slow, false);
    expect([first.status, second.status]).toEqual([201, 201]);
    const third = await post(bob, slow, false);
    expect(third.status).toBe(429);
    expect(((await third.json()) as { code: string }).code).toBe('RUNS_IN_FLIGHT');
    await untilDone(bob, ((await first.json()) as { id: string }).id);
    await untilDone(bob, ((await second.json()) as { id: string }).id);
    expect((await post(bob, { language: 'python', source: 'print(2)\n' })).status).toBe(201);
  });
});

describe('the per-user rate limit', () => {
  let limited: TestApi;
  beforeAll(async () => {
    limited = await startTestApi({ RUNS_PER_MINUTE: '3', RUN_WAIT_SECONDS: '1' });
  });
  afterAll(async () => {
    await limited?.dispose();
  });

  it('?wait=true answers a run still going after RUN_WAIT_SECONDS as it stands; it ends done', async () => {
    const token = await limited.login('admin', 'admin-password');
    const response = await limited.call('POST', '/api/runs?wait=true', {
      token,
      json: { language: 'python', source: 'import time\ntime.sleep(2.5)\nprint("late")\n' },
    });
    expect(response.status).toBe(201);
    const pending = (await response.json()) as Run;
    expect(['queued', 'running']).toContain(pending.status);
    expect(pending.verdict).toBeUndefined();
    for (let i = 0; i < 300; i++) {
      const read = (await (await limited.call('GET', `/api/runs/${pending.id}`, { token })).json()) as Run;
      if (read.status === 'done') {
        expect(read).toMatchObject({ verdict: 'OK', stdout: 'late\n' });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the run never finished');
  });

  it('allows RUNS_PER_MINUTE runs a minute', async () => {
    const adminToken = await limited.login('admin', 'admin-password');
    const { carol } = (await createUsers(limited, adminToken, { carol: 'contestant' })).tokens;
    const call = () =>
      limited.call('POST', '/api/runs?wait=true', { token: carol, json: { language: 'python', source: 'print(3)\n' } });
    for (let i = 0; i < 3; i++) expect((await call()).status).toBe(201);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { code: string }).code).toBe('RATE_LIMITED');
  });
});
