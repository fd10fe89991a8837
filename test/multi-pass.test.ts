import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProblemPackage } from '@judge/problem-package';
import { ENGINES, openHarness, type Harness } from './support/harness';

/**
 * Multi-pass problems on the real sandbox beyond what examples/problems/relay shows: passes of an interactive
 * problem (each pass an interactive run), and a validator that asks for more passes than the package allows.
 */

// Kattis interactor: tells the submission `<pass> <n>` (its input file, which is nextpass.in after the first pass),
// wants 2n back, and asks for a second pass on the doubled number.
const INTERACTOR = `import sys
input_file, answer_file, feedback_dir = sys.argv[1:4]
stage, n = open(input_file).read().split()
print(stage, n, flush=True)
reply = sys.stdin.readline().strip()
with open(feedback_dir + 'judgemessage.txt', 'a') as f:
    f.write(f'{stage}: {n} -> {reply}\\n')
if reply != str(2 * int(n)):
    sys.exit(43)
if stage == 'first':
    with open(feedback_dir + 'nextpass.in', 'w') as f:
        f.write(f'second {2 * int(n)}\\n')
sys.exit(42)
`;

// A validator that asks for another pass every time.
const GREEDY = `import sys
sys.stdin.read()
with open(sys.argv[3] + 'nextpass.in', 'w') as f:
    f.write('more\\n')
sys.exit(42)
`;

describe.each(ENGINES)('multi-pass problems on the %s engine', (engineName) => {
  let harness: Harness;
  let work: string;

  beforeAll(async () => {
    harness = await openHarness(engineName);
    work = await mkdtemp(join(tmpdir(), 'judge-multi-pass-'));
    await chmod(work, 0o755);
  });

  afterAll(async () => {
    await harness?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  async function write(name: string, files: Record<string, string>): Promise<string> {
    const root = join(work, name);
    for (const [file, text] of Object.entries(files)) {
      await mkdir(dirname(join(root, file)), { recursive: true });
      await writeFile(join(root, file), text);
    }
    return root;
  }

  async function judge(root: string, source: string) {
    const problem = await loadProblemPackage(root);
    try {
      return await harness.engine.judge({ problem, source: { fileName: 'main.py', code: source } });
    } finally {
      await problem.dispose();
    }
  }

  it('an interactive multi-pass problem runs an interactive pass each time, with the feedback of both', async () => {
    const root = await write('interactive', {
      'problem.yaml': 'name: Twice\nvalidation: custom interactive multi-pass\nlimits:\n  time_limit: 2\n',
      'data/secret/1.in': 'first 21\n',
      'data/secret/1.ans': '\n',
      'output_validators/interactor/interactor.py': INTERACTOR,
    });
    const doubling = 'stage, n = input().split()\nprint(2 * int(n), flush=True)\n';
    const accepted = await judge(root, doubling);
    expect(accepted.verdict).toBe('AC');
    expect(accepted.tests[0]).toMatchObject({
      verdict: 'AC',
      passes: 2,
      feedback: 'first: 21 -> 42\nsecond: 42 -> 84',
    });

    const wrongSecond = 'stage, n = input().split()\nprint(2 * int(n) if stage == "first" else 0, flush=True)\n';
    const rejected = await judge(root, wrongSecond);
    expect(rejected.verdict).toBe('WA');
    expect(rejected.tests[0]).toMatchObject({ verdict: 'WA', passes: 2, feedback: 'first: 21 -> 42\nsecond: 42 -> 0' });
  });

  it('a validator asking for more passes than limits.validation_passes makes the judgement JE', async () => {
    const root = await write('greedy', {
      'problem.yaml': 'name: Greedy\nvalidation: custom multi-pass\nlimits:\n  time_limit: 2\n  validation_passes: 3\n',
      'data/secret/1.in': 'go\n',
      'data/secret/1.ans': '\n',
      'output_validators/v/validate.py': GREEDY,
    });
    const result = await judge(root, 'print(input())\n');
    expect(result.verdict).toBe('JE');
    expect(result.judgeError).toBe(
      'problem package: output validator asked for pass 4, more than limits.validation_passes (3)',
    );
  });
});
