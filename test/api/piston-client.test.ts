import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import piston from 'piston-client';
import { startTestApi, type TestApi } from './support';

/**
 * piston-client, the npm client of the Piston API, pointed at the platform as its readme shows: the server's
 * address and nothing else. It sends no credential (so the API runs with EXECUTION_API_AUTH=none) and posts its
 * JSON without a content type of JSON.
 */
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ EXECUTION_API_AUTH: 'none' });
});

afterAll(async () => {
  await api?.dispose();
});

describe('piston-client against the platform', () => {
  it('lists the runtimes', async () => {
    const runtimes = (await piston({ server: api.url }).runtimes()) as { language: string; version: string }[];
    expect(runtimes.map((r) => r.language)).toEqual(expect.arrayContaining(['python', 'c++', 'javascript']));
  });

  it('runs code given as language and source, at the newest version it found (and its default args)', async () => {
    const client = piston({ server: api.url });
    const result = (await client.execute('python', 'import sys\nprint("Hello", sys.argv[1:])')) as {
      language: string;
      run: { stdout: string; code: number };
    };
    expect(result.language).toBe('python');
    // The client passes 1 2 3 when no args are given.
    expect(result.run).toMatchObject({ stdout: "Hello ['1', '2', '3']\n", code: 0 });
  });

  it('runs a full configuration: C++ by alias and version range, with files, stdin and limits', async () => {
    const result = (await piston({ server: api.url }).execute({
      language: 'cpp',
      version: '>=4',
      files: [
        {
          name: 'main.cpp',
          content: '#include <iostream>\nint main() { int a, b; std::cin >> a >> b; std::cout << a + b; }',
        },
      ],
      stdin: '2 40',
      args: [],
      runTimeout: 2000,
      runMemoryLimit: 128_000_000,
    })) as { compile: { code: number }; run: { stdout: string } };
    expect(result.compile.code).toBe(0);
    expect(result.run.stdout).toBe('42');
  });

  it("returns Piston's message for an unknown language", async () => {
    const client = piston({ server: api.url });
    const result = (await client.execute('brainfuck', '+.', { version: '*' })) as { message: string };
    expect(result.message).toBe('brainfuck-* runtime is unknown');
  });
});
