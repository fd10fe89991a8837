import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedApiToken } from '@judge/contract';
import { zipOf } from '../support/zip';
import { callJson, createUsers } from './fixtures';
import { startTestApi, type TestApi } from './support';

/**
 * The Judge0-compatible API over HTTP (a Judge0 client's base URL is http://host/judge0): submissions of every
 * status in Python and C on the real sandbox, base64 both ways, waiting or not, batches, fields, the reference
 * routes, Judge0's 422s, compiler options, additional files, several runs, stderr into stdout, callbacks to a
 * server on loopback, and who may call it.
 */

interface Submission {
  token: string;
  stdout: string | null;
  stderr: string | null;
  compile_output: string | null;
  message: string | null;
  time: string | null;
  memory: number | null;
  status: { id: number; description: string };
  [field: string]: unknown;
}

let api: TestApi;
let runsToken: string;
let readToken: string;
let callbacks: Server;
const received: { url: string; method: string; body: Submission }[] = [];

beforeAll(async () => {
  callbacks = createServer((request, response) => {
    let data = '';
    request.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ url: request.url ?? '', method: request.method ?? '', body: JSON.parse(data) as Submission });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => callbacks.listen(0, '127.0.0.1', resolve));
  api = await startTestApi({ RUNS_PER_MINUTE: '1000', RUNS_IN_FLIGHT: '50', OUTBOUND_ALLOW_PRIVATE: 'true' });
  const admin = await api.login('admin', 'admin-password');
  const { tokens } = await createUsers(api, admin, { alice: 'contestant' });
  const make = async (scopes: string[]) =>
    (await callJson<CreatedApiToken>(api, tokens.alice, 'POST', '/api/tokens', { name: scopes.join(), scopes })).body
      .token;
  runsToken = await make(['runs']);
  readToken = await make(['read', 'submissions']);
});

afterAll(async () => {
  await api?.dispose();
  await new Promise((resolve) => callbacks?.close(resolve));
});

/** A call to the Judge0 face with the token as Judge0 clients send it. */
function judge0(
  method: string,
  path: string,
  options: { json?: unknown; token?: string | null; base?: string } = {},
): Promise<Response> {
  const token = options.token === undefined ? runsToken : options.token;
  return fetch(`${options.base ?? api.url}/judge0${path}`, {
    method,
    headers: {
      ...(token ? { 'x-auth-token': token } : {}),
      ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: options.json !== undefined ? JSON.stringify(options.json) : undefined,
  });
}

/** POST /submissions?wait=true: the finished submission. */
async function submit(json: Record<string, unknown>, query = ''): Promise<Submission> {
  const response = await judge0('POST', `/submissions?wait=true${query}`, { json });
  expect(response.status).toBe(201);
  const body = (await response.json()) as Submission;
  expect(body.status.id).toBeGreaterThanOrEqual(3);
  return body;
}

async function untilDone(token: string, query = ''): Promise<Submission> {
  for (let i = 0; i < 300; i++) {
    const response = await judge0('GET', `/submissions/${token}${query}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Submission;
    if (body.status.id >= 3) return body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`submission ${token} never finished`);
}

/** A zip whose one entry climbs out of its folder: yazl refuses to write `..`, so the name is changed after. */
async function climbingZip(): Promise<string> {
  const zip = await zipOf({ 'AA/evil.txt': 'x' });
  return Buffer.from(zip.toString('latin1').replaceAll('AA/evil.txt', '../evil.txt'), 'latin1').toString('base64');
}

const PYTHON = 71;
const C = 50;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const unb64 = (text: string | null) => (text === null ? null : Buffer.from(text, 'base64').toString('utf8'));

async function runCount(): Promise<number> {
  const [{ n }] = await api.database.dataSource.query<[{ n: number }]>('SELECT count(*)::int AS n FROM runs');
  return n;
}

describe('statuses in Python', () => {
  const echo = 'print(input().upper())\n';

  it('Accepted when stdout matches expected_output as Judge0 compares (trailing blanks aside)', async () => {
    const result = await submit({ language_id: PYTHON, source_code: echo, stdin: 'hi\n', expected_output: 'HI  \n\n' });
    expect(result.status).toEqual({ id: 3, description: 'Accepted' });
    expect(result.stdout).toBe('HI\n');
    expect(result.stderr).toBeNull();
    expect(result.time).toMatch(/^\d+\.\d{3}$/);
    expect(result.memory).toBeGreaterThan(0);
  });

  it('Wrong Answer when it does not', async () => {
    const result = await submit({ language_id: PYTHON, source_code: echo, stdin: 'hi\n', expected_output: 'hi' });
    expect(result.status).toEqual({ id: 4, description: 'Wrong Answer' });
  });

  it('Time Limit Exceeded past cpu_time_limit', async () => {
    const result = await submit({ language_id: PYTHON, source_code: 'while True:\n    pass\n', cpu_time_limit: 0.5 });
    expect(result.status).toEqual({ id: 5, description: 'Time Limit Exceeded' });
  });

  it('Compilation Error with the compiler output', async () => {
    const result = await submit({ language_id: PYTHON, source_code: 'print(\n' });
    expect(result.status).toEqual({ id: 6, description: 'Compilation Error' });
    expect(result.compile_output).toMatch(/SyntaxError|never closed/);
    expect(result.time).toBeNull();
  });

  it('Runtime Error (NZEC) on a non-zero exit, with its code', async () => {
    const result = await submit(
      { language_id: PYTHON, source_code: 'import sys\nsys.exit(3)\n' },
      '&fields=status,exit_code,message',
    );
    expect(result).toEqual({
      status: { id: 11, description: 'Runtime Error (NZEC)' },
      exit_code: 3,
      message: 'Exited with error status 3',
    });
  });
});

describe('statuses in C', () => {
  const main = (body: string) =>
    `#include <stdio.h>\n#include <signal.h>\n#include <stdlib.h>\nint main(void) {\n${body}\n}\n`;

  it('Accepted and Wrong Answer by expected_output', async () => {
    const source = main('int a, b; scanf("%d %d", &a, &b); printf("%d\\n", a + b); return 0;');
    const ok = await submit({ language_id: C, source_code: source, stdin: '2 3', expected_output: '5' });
    expect(ok.status.id).toBe(3);
    const wrong = await submit({ language_id: C, source_code: source, stdin: '2 3', expected_output: '6' });
    expect(wrong.status.id).toBe(4);
    expect(wrong.stdout).toBe('5\n');
  });

  it('Time Limit Exceeded', async () => {
    const result = await submit({
      language_id: C,
      source_code: main('volatile unsigned long n = 0; for (;;) n++; return 0;'),
      cpu_time_limit: 0.5,
    });
    expect(result.status.id).toBe(5);
  });

  it('Compilation Error', async () => {
    const result = await submit({ language_id: C, source_code: main('return nope;') });
    expect(result.status.id).toBe(6);
    expect(result.compile_output).toContain('nope');
  });

  it('Runtime Error (SIGSEGV), (SIGFPE) and (NZEC) by how the program ended', async () => {
    const segv = await submit(
      { language_id: C, source_code: main('volatile int *p = 0; *p = 1; return 0;') },
      '&fields=status,exit_signal',
    );
    expect(segv).toEqual({ status: { id: 7, description: 'Runtime Error (SIGSEGV)' }, exit_signal: 11 });
    const fpe = await submit(
      { language_id: C, source_code: main('volatile int a = 7, z = 0; printf("%d", a / z); return 0;') },
      '&fields=status,exit_signal',
    );
    expect(fpe).toEqual({ status: { id: 9, description: 'Runtime Error (SIGFPE)' }, exit_signal: 8 });
    const nzec = await submit({ language_id: C, source_code: main('return 2;') }, '&fields=status,exit_code');
    expect(nzec).toEqual({ status: { id: 11, description: 'Runtime Error (NZEC)' }, exit_code: 2 });
  });

  it('answers output that is not UTF-8 only base64, as Judge0', async () => {
    // Waiting, Judge0 answers 201 with the token and the error.
    const created = await judge0('POST', '/submissions?wait=true', {
      json: { language_id: C, source_code: main('printf("\\xff\\xfe"); return 0;') },
    });
    expect(created.status).toBe(201);
    const { token, error } = (await created.json()) as { token: string; error: string };
    expect(error).toContain('use base64_encoded=true');
    const plain = await judge0('GET', `/submissions/${token}`);
    expect(plain.status).toBe(400);
    expect(((await plain.json()) as { error: string }).error).toContain('use base64_encoded=true');
    const encoded = await untilDone(token, '?base64_encoded=true');
    expect(Buffer.from(encoded.stdout ?? '', 'base64')).toEqual(Buffer.from([0xff, 0xfe]));
  });
});

describe('base64 and waiting', () => {
  it('takes source, stdin and expected output base64 and answers base64', async () => {
    const result = await submit(
      {
        language_id: PYTHON,
        source_code: b64('import sys\nprint(sys.stdin.read()[::-1])\nprint("é", file=sys.stderr)\n'),
        stdin: b64('abc'),
        expected_output: b64('cba\n'),
      },
      '&base64_encoded=true',
    );
    expect(result.status.id).toBe(3);
    expect(unb64(result.stdout)).toBe('cba\n');
    expect(unb64(result.stderr)).toBe('é\n');
  });

  it('without wait answers the token at once (201), and GET shows the submission once it is done', async () => {
    const response = await judge0('POST', '/submissions?wait=false', {
      json: { language_id: PYTHON, source_code: 'print(6 * 7)\n' },
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { token: string };
    expect(Object.keys(created)).toEqual(['token']);
    const done = await untilDone(created.token);
    expect(done).toMatchObject({ token: created.token, stdout: '42\n', status: { id: 3 } });
    expect(Object.keys(done).sort()).toEqual(
      ['compile_output', 'memory', 'message', 'status', 'stderr', 'stdout', 'time', 'token'].sort(),
    );
  });

  it('answers the fields asked for, every field with *, and 400 for an unknown one', async () => {
    const { token } = await submit({ language_id: PYTHON, source_code: 'print(1)\n', stdin: 'x' });
    const some = (await (
      await judge0('GET', `/submissions/${token}?fields=stdout,language_id,stdin`)
    ).json()) as object;
    expect(some).toEqual({ stdout: '1\n', language_id: PYTHON, stdin: 'x' });
    const all = (await (await judge0('GET', `/submissions/${token}?fields=*`)).json()) as Record<string, unknown>;
    expect(all).toMatchObject({
      token,
      source_code: 'print(1)\n',
      status_id: 3,
      number_of_runs: 1,
      enable_network: false,
      language: { id: PYTHON },
    });
    expect(all.cpu_time_limit).toMatch(/^\d+\.\d{3}$/);
    const bad = await judge0('GET', `/submissions/${token}?fields=stdout,nonsense`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'invalid fields: [nonsense]' });
  });
});

describe('batches', () => {
  it('creates what is valid, says why for the rest, and reads them back in order (null for unknown tokens)', async () => {
    const response = await judge0('POST', '/submissions/batch', {
      json: {
        submissions: [
          { language_id: PYTHON, source_code: 'print("a")\n' },
          { language_id: C, source_code: '#include <stdio.h>\nint main(void){puts("b");return 0;}\n' },
          { language_id: 9999, source_code: 'x' },
        ],
      },
    });
    expect(response.status).toBe(201);
    const answers = (await response.json()) as [{ token: string }, { token: string }, Record<string, string[]>];
    expect(answers[2]).toEqual({ language_id: ["language with id 9999 doesn't exist"] });
    await untilDone(answers[0].token);
    await untilDone(answers[1].token);
    const missing = '00000000-0000-4000-8000-000000000000';
    const got = await judge0(
      'GET',
      `/submissions/batch?tokens=${answers[0].token},${answers[1].token},${missing}&fields=token,stdout`,
    );
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual({
      submissions: [{ token: answers[0].token, stdout: 'a\n' }, { token: answers[1].token, stdout: 'b\n' }, null],
    });
  });
});

describe('languages, statuses, about, config_info', () => {
  it('lists the languages of this host with Judge0 ids and versioned names', async () => {
    const languages = (await (await judge0('GET', '/languages')).json()) as { id: number; name: string }[];
    expect(languages.find((l) => l.id === PYTHON)?.name).toMatch(/^Python \(3\.\d+\.\d+\)$/);
    expect(languages.find((l) => l.id === C)?.name).toMatch(/^C \(GCC \d+\.\d+/);
    const python = (await (await judge0('GET', `/languages/${PYTHON}`)).json()) as Record<string, unknown>;
    expect(python).toMatchObject({ id: PYTHON, is_archived: false, source_file: 'main.py' });
    expect((await judge0('GET', '/languages/9999')).status).toBe(404);
  });

  it("answers Judge0's statuses, about and config_info", async () => {
    const statuses = (await (await judge0('GET', '/statuses')).json()) as { id: number; description: string }[];
    expect(statuses.map((s) => s.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(statuses[13]).toEqual({ id: 14, description: 'Exec Format Error' });
    expect(await (await judge0('GET', '/about')).json()).toHaveProperty('version');
    const config = (await (await judge0('GET', '/config_info')).json()) as Record<string, unknown>;
    expect(config).toMatchObject({ max_memory_limit: api.config.RUN_MAX_MEMORY_KB, enable_network: false });
  });
});

describe('refusals as Judge0 (422, nothing queued)', () => {
  const cases: [string, Record<string, unknown>, string, Record<string, string[]> | string][] = [
    [
      'an unknown language',
      { language_id: 9999, source_code: 'x' },
      '',
      { language_id: ["language with id 9999 doesn't exist"] },
    ],
    [
      'memory over the maximum',
      { language_id: PYTHON, source_code: 'x', memory_limit: 99_999_999 },
      '',
      'memory_limit',
    ],
    [
      'CPU time over the maximum',
      { language_id: PYTHON, source_code: 'x', cpu_time_limit: 3600 },
      '',
      'cpu_time_limit',
    ],
    [
      'invalid base64',
      { language_id: PYTHON, source_code: 'not base64!' },
      '?base64_encoded=true',
      { source_code: ['is not valid base64'] },
    ],
    [
      'enable_network',
      { language_id: PYTHON, source_code: 'x', enable_network: true },
      '',
      { enable_network: ['enabling network is not allowed'] },
    ],
    [
      'a compiler option off the allow-list',
      { language_id: C, source_code: 'x', compiler_options: '-O2 -o /tmp/x' },
      '',
      'compiler_options',
    ],
    ['a source over the size limit', { language_id: PYTHON, source_code: 'x'.repeat(300 * 1024) }, '', 'source_code'],
    [
      'a zip with ../',
      {
        language_id: PYTHON,
        source_code: 'x',
        additional_files: 'a climbing zip',
      },
      '',
      'additional_files',
    ],
  ];
  for (const [what, json, query, expected] of cases) {
    it(`refuses ${what}`, async () => {
      const before = await runCount();
      const body =
        json.additional_files === 'a climbing zip' ? { ...json, additional_files: await climbingZip() } : json;
      const response = await judge0('POST', `/submissions${query}`, { json: body });
      expect(response.status).toBe(422);
      const errors = (await response.json()) as Record<string, string[]>;
      if (typeof expected === 'string') expect(Object.keys(errors)).toEqual([expected]);
      else expect(errors).toEqual(expected);
      expect(await runCount()).toBe(before);
    });
  }
});

describe('run settings', () => {
  it('compiles with an allowed compiler option', async () => {
    const result = await submit({
      language_id: C,
      source_code: '#include <stdio.h>\nint main(void){printf("%d\\n", VALUE);return 0;}\n',
      compiler_options: '-O2 -DVALUE=42',
    });
    expect(result).toMatchObject({ status: { id: 3 }, stdout: '42\n' });
  });

  it('puts additional_files (a zip) in the box for the program to read', async () => {
    const zip = await zipOf({ 'data/numbers.txt': '1 2 3\n' });
    const result = await submit({
      language_id: PYTHON,
      source_code: 'print(sum(map(int, open("data/numbers.txt").read().split())))\n',
      additional_files: zip.toString('base64'),
    });
    expect(result).toMatchObject({ status: { id: 3 }, stdout: '6\n' });
  });

  it('runs number_of_runs times and passes command_line_arguments', async () => {
    const result = await submit(
      {
        language_id: PYTHON,
        source_code: 'import sys\nprint(sys.argv[1:])\n',
        number_of_runs: 3,
        command_line_arguments: `one 'two words'`,
      },
      '&fields=status,stdout,number_of_runs,time',
    );
    expect(result).toMatchObject({ status: { id: 3 }, stdout: "['one', 'two words']\n", number_of_runs: 3 });
  });

  it('holds the program to max_file_size (SIGXFSZ) and stack_limit (SIGSEGV)', async () => {
    const big = await submit(
      {
        language_id: C,
        source_code:
          '#include <stdio.h>\nint main(void){FILE *f = fopen("/tmp/big", "w");' +
          'for (int i = 0; i < 1 << 20; i++) fputc(1, f); fclose(f); return 0;}\n',
        max_file_size: 64,
      },
      '&fields=status,exit_signal',
    );
    expect(big).toEqual({ status: { id: 8, description: 'Runtime Error (SIGXFSZ)' }, exit_signal: 25 });
    const deep = await submit(
      {
        language_id: C,
        source_code:
          '#include <stdio.h>\nint depth(int n){volatile char pad[1024]; pad[0] = (char)n;' +
          'return n == 0 ? pad[0] : depth(n - 1) + pad[0];}\nint main(void){printf("%d\\n", depth(100000));return 0;}\n',
        stack_limit: 1024,
      },
      '&fields=status',
    );
    expect(deep).toEqual({ status: { id: 7, description: 'Runtime Error (SIGSEGV)' } });
  });

  it('sends stderr to stdout with redirect_stderr_to_stdout', async () => {
    const result = await submit({
      language_id: PYTHON,
      source_code: 'import sys\nprint("out", flush=True)\nprint("err", file=sys.stderr, flush=True)\n',
      redirect_stderr_to_stdout: true,
    });
    expect(result).toMatchObject({ status: { id: 3 }, stdout: 'out\nerr\n', stderr: null });
  });
});

describe('callbacks', () => {
  it('PUTs the finished submission (base64) to callback_url', async () => {
    const { port } = callbacks.address() as AddressInfo;
    const response = await judge0('POST', '/submissions', {
      json: { language_id: PYTHON, source_code: 'print("called back")\n', callback_url: `http://127.0.0.1:${port}/cb` },
    });
    expect(response.status).toBe(201);
    const { token } = (await response.json()) as { token: string };
    for (let i = 0; i < 300 && !received.some((r) => r.body.token === token); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const calls = received.filter((r) => r.body.token === token);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ url: '/cb', method: 'PUT', body: { status: { id: 3 } } });
    expect(unb64(calls[0].body.stdout)).toBe('called back\n');
  });
});

describe('who may call', () => {
  it('documents the X-Auth-Token header in the OpenAPI document, on these routes and the runs routes', async () => {
    const document = (await (await fetch(`${api.url}/api/docs/json`)).json()) as {
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
    };
    expect(document.components.securitySchemes['X-Auth-Token']).toEqual({
      type: 'apiKey',
      in: 'header',
      name: 'X-Auth-Token',
    });
    for (const [path, method] of [
      ['/judge0/submissions', 'post'],
      ['/judge0/submissions/{token}', 'get'],
      ['/api/runs', 'post'],
    ]) {
      expect(document.paths[path][method].security).toContainEqual({ 'X-Auth-Token': [] });
    }
  });

  it('answers 401 without a credential and 403 to a token without the runs scope', async () => {
    expect((await judge0('GET', '/statuses', { token: null })).status).toBe(401);
    const response = await judge0('POST', '/submissions', {
      token: readToken,
      json: { language_id: PYTHON, source_code: 'print(1)\n' },
    });
    expect(response.status).toBe(403);
  });

  it('under EXECUTION_API_AUTH=none needs no token; a loopback callback_url is refused under the default policy', async () => {
    const open = await startTestApi({ EXECUTION_API_AUTH: 'none' });
    try {
      const response = await judge0('POST', '/submissions?wait=true', {
        base: open.url,
        token: null,
        json: { language_id: PYTHON, source_code: 'print("open")\n' },
      });
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ stdout: 'open\n', status: { id: 3 } });
      const refused = await judge0('POST', '/submissions', {
        base: open.url,
        token: null,
        json: { language_id: PYTHON, source_code: 'print(1)\n', callback_url: 'http://127.0.0.1:9/cb' },
      });
      expect(refused.status).toBe(422);
      expect(Object.keys((await refused.json()) as object)).toEqual(['callback_url']);
    } finally {
      await open.dispose();
    }
  });
});
