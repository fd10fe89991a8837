import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedApiToken } from '@judge/contract';
import { callJson, createUsers } from './fixtures';
import { startTestApi, type TestApi } from './support';

/**
 * The Piston-compatible face (/api/v2/runtimes, /api/v2/execute) over HTTP, as a Piston client calls it: runs in
 * the real sandbox through the in-process runner, API tokens with the `runs` scope, and EXECUTION_API_AUTH=none.
 */

interface Runtime {
  language: string;
  version: string;
  aliases: string[];
  runtime?: string;
}

interface Stage {
  stdout: string;
  stderr: string;
  output: string;
  code: number | null;
  signal: string | null;
  message: string | null;
  status: string | null;
  cpu_time?: number;
  wall_time?: number;
  memory?: number;
}

interface Result {
  language: string;
  version: string;
  run: Stage;
  compile?: Stage;
}

let api: TestApi;
let open: TestApi;
let runsToken: string;
let readToken: string;
let session: string;

async function makeToken(name: string, scopes: string[]): Promise<string> {
  const { status, body } = await callJson<CreatedApiToken>(api, session, 'POST', '/api/tokens', { name, scopes });
  expect(status).toBe(201);
  return body.token;
}

/** POST /api/v2/execute with a body sent as is (a string keeps its content type, or none). */
function post(
  body: unknown,
  options: { token?: string | null; contentType?: string | null; server?: TestApi } = {},
): Promise<Response> {
  const token = options.token === undefined ? runsToken : options.token;
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (contentType) headers['content-type'] = contentType;
  return fetch(`${(options.server ?? api).url}/api/v2/execute`, {
    method: 'POST',
    headers,
    // A Blob with no type sends no content type at all.
    body: contentType ? JSON.stringify(body) : new Blob([JSON.stringify(body)]),
  });
}

async function execute(body: Record<string, unknown>): Promise<Result> {
  const response = await post(body);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as Result;
}

async function refusal(body: unknown): Promise<string> {
  const response = await post(body);
  expect(response.status).toBe(400);
  return ((await response.json()) as { message: string }).message;
}

beforeAll(async () => {
  [api, open] = await Promise.all([startTestApi(), startTestApi({ EXECUTION_API_AUTH: 'none' })]);
  const admin = await api.login('admin', 'admin-password');
  session = (await createUsers(api, admin, { alice: 'contestant' })).tokens.alice;
  runsToken = await makeToken('piston client', ['runs']);
  readToken = await makeToken('reader', ['read']);
});

afterAll(async () => {
  await Promise.all([api?.dispose(), open?.dispose()]);
});

describe('GET /api/v2/runtimes', () => {
  it("lists the host's languages under Piston's names and aliases, each with a semver version", async () => {
    const response = await fetch(`${api.url}/api/v2/runtimes`, { headers: { authorization: `Bearer ${runsToken}` } });
    expect(response.status).toBe(200);
    const runtimes = (await response.json()) as Runtime[];
    const python = runtimes.find((r) => r.language === 'python');
    expect(python?.aliases).toEqual(expect.arrayContaining(['py', 'py3', 'python3']));
    expect(python?.version).toMatch(/^3\.\d+\.\d+$/);
    const cpp = runtimes.find((r) => r.language === 'c++');
    expect(cpp).toMatchObject({ aliases: expect.arrayContaining(['cpp', 'g++']) as string[], runtime: 'gcc' });
    // The compiler's own version (languages.yaml's g++ is /usr/bin/g++).
    expect(cpp?.version).toBe(execFileSync('/usr/bin/g++', ['-dumpfullversion'], { encoding: 'utf8' }).trim());
    for (const runtime of runtimes) expect(runtime.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('POST /api/v2/execute', () => {
  it('runs Python with version "*": stdin (ended with a newline, as Piston does) and args', async () => {
    const result = await execute({
      language: 'python',
      version: '*',
      files: [{ name: 'main.py', content: 'import sys\nprint(repr(sys.stdin.read()), sys.argv[1:])\n' }],
      stdin: 'hello',
      args: ['1', 'two words'],
    });
    expect(result.language).toBe('python');
    expect(result.version).toMatch(/^3\./);
    expect(result.run).toMatchObject({
      stdout: "'hello\\n' ['1', 'two words']\n",
      stderr: '',
      output: "'hello\\n' ['1', 'two words']\n",
      code: 0,
      signal: null,
      status: null,
    });
    expect(result.run.memory).toBeGreaterThan(0);
    // Python has no compile stage in Piston: its syntax check is ours.
    expect(result.compile).toBeUndefined();
  });

  it('takes an alias and a semver range, and a program of several files whose first is the entry point', async () => {
    const result = await execute({
      language: 'py3',
      version: '3.x',
      files: [
        { name: 'app.py', content: 'from helper import greet\nprint(greet(input()))\n' },
        { name: 'helper.py', content: 'def greet(name):\n    return f"hi {name}"\n' },
      ],
      stdin: 'piston\n',
    });
    expect(result.run).toMatchObject({ stdout: 'hi piston\n', code: 0 });
  });

  it('decodes base64 and hex files', async () => {
    const result = await execute({
      language: 'python',
      version: '*',
      files: [
        { content: Buffer.from('import data\nprint(data.X)\n').toString('base64'), encoding: 'base64' },
        { name: 'data.py', content: Buffer.from('X = 42\n').toString('hex'), encoding: 'hex' },
      ],
    });
    expect(result.run.stdout).toBe('42\n');
  });

  it('shows the compile stage of C++, and a compile error as Piston does (the compile stage again as run)', async () => {
    const ok = await execute({
      language: 'c++',
      version: '*',
      files: [{ content: '#include <iostream>\nint main(int c, char** v) { std::cout << v[1] << "\\n"; }\n' }],
      args: ['from-args'],
    });
    expect(ok.compile).toMatchObject({ code: 0, signal: null });
    expect(ok.run).toMatchObject({ stdout: 'from-args\n', code: 0 });

    const broken = await execute({ language: 'cpp', version: '*', files: [{ content: 'int main() { return x; }\n' }] });
    expect(broken.compile?.code).not.toBe(0);
    expect(broken.compile?.stderr).toContain('x');
    expect(broken.run).toEqual(broken.compile);
  });

  it("runs Python without a syntax check of its own: a syntax error is the run's failure, as Piston shows it", async () => {
    const result = await execute({ language: 'python', version: '*', files: [{ content: 'print("unclosed"\n' }] });
    expect(result.compile).toBeUndefined();
    expect(result.run.code).toBe(1);
    expect(result.run.stderr).toContain('SyntaxError');
    expect(result.run.status).toBe('RE');
  });

  it('holds the compiler to compile_timeout', async () => {
    // g++ spends far more than 50 ms on <iostream> alone.
    const result = await execute({
      language: 'c++',
      version: '*',
      files: [{ content: '#include <iostream>\nint main() { std::cout << 1; }\n' }],
      compile_timeout: 50,
    });
    expect(result.compile).toMatchObject({ code: null, signal: 'SIGKILL', status: 'TO' });
  });

  it('reports an exit code, and a program past its run_timeout as killed (SIGKILL)', async () => {
    const failed = await execute({ language: 'python', version: '*', files: [{ content: 'raise SystemExit(3)\n' }] });
    expect(failed.run).toMatchObject({ code: 3, signal: null, status: 'RE' });

    const slow = await execute({
      language: 'python',
      version: '*',
      files: [{ content: 'while True:\n    pass\n' }],
      run_timeout: 500,
    });
    expect(slow.run).toMatchObject({ code: null, signal: 'SIGKILL', status: 'TO' });
  });

  it("refuses what it cannot run with Piston's messages", async () => {
    expect(await refusal({ language: 'cobol', version: '*', files: [{ content: 'x' }] })).toBe(
      'cobol-* runtime is unknown',
    );
    expect(await refusal({ language: 'python', version: '2.x', files: [{ content: 'x' }] })).toBe(
      'python-2.x runtime is unknown',
    );
    expect(await refusal({ language: 'python', files: [] })).toBe('version is required as a string');
    expect(await refusal({ version: '*', files: [] })).toBe('language is required as a string');
    expect(await refusal({ language: 'python', version: '*', files: 'print(1)' })).toBe(
      'files is required as an array',
    );
    expect(await refusal({ language: 'python', version: '*', files: [{ name: 'a.py' }] })).toBe(
      'files[0].content is required as a string',
    );
    expect(await refusal({ language: 'python', version: '*', files: [{ content: '' }], run_timeout: 'x' })).toBe(
      'If specified, run_timeout must be a number',
    );
    expect(await refusal({ language: 'python', version: '*', files: [{ content: '' }], run_timeout: 1e9 })).toBe(
      `run_timeout cannot exceed the configured limit of ${api.config.RUN_MAX_TIME_MS * 2 + 1000}`,
    );
    expect(await refusal({ language: 'python', version: '*', files: [{ content: '' }], stdin: 5 })).toBe(
      'If specified, stdin must be a string',
    );
  });

  it('reads the body as JSON when it comes as text/plain, as a form or with no content type', async () => {
    const body = { language: 'python', version: '*', files: [{ content: 'print("plain")' }] };
    // curl's -d sends a form's content type.
    for (const contentType of ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', null]) {
      const response = await post(body, { contentType });
      expect(response.status).toBe(200);
      expect(((await response.json()) as Result).run.stdout).toBe('plain\n');
    }
    const malformed = await fetch(`${api.url}/api/v2/execute`, {
      method: 'POST',
      headers: { authorization: `Bearer ${runsToken}`, 'content-type': 'text/plain' },
      body: '{"language": ',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { message: string }).message).toEqual(expect.any(String));
  });
});

describe('who may call it', () => {
  const body = { language: 'python', version: '*', files: [{ content: 'print("who")' }] };

  it('takes an API token with the runs scope (Bearer or X-Auth-Token) or a session; nothing else', async () => {
    expect((await post(body, { token: null })).status).toBe(401);
    expect((await fetch(`${api.url}/api/v2/runtimes`)).status).toBe(401);
    expect((await post(body, { token: readToken })).status).toBe(403);
    expect((await post(body, { token: session })).status).toBe(200);
    const viaHeader = await fetch(`${api.url}/api/v2/execute`, {
      method: 'POST',
      headers: { 'x-auth-token': runsToken, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(viaHeader.status).toBe(200);
  });

  it('needs no credential under EXECUTION_API_AUTH=none', async () => {
    const runtimes = await fetch(`${open.url}/api/v2/runtimes`);
    expect(runtimes.status).toBe(200);
    const response = await post(body, { token: null, server: open });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Result).run.stdout).toBe('who\n');
  });
});
