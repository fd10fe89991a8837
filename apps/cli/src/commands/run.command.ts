import type { Command } from 'commander';
import type { SandboxEngineName } from '@judge/sandbox';
import { loadProblemPackage } from '@judge/problem-package';
import { loadEngineSettings, openJudgeEngine, type OpenedEngine } from '@judge/worker';
import { resultTable, testLine } from '../format';
import { parseSandbox, parseSeconds, parseWallTimeFactor } from '../options';

interface RunOptions {
  sandbox?: SandboxEngineName;
  language?: string;
  timeLimit?: number;
  wallTimeFactor?: number;
  json?: boolean;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('judge one solution against a problem package (a folder or a .zip)')
    .argument('<problem>', 'problem package folder or zip')
    .argument(
      '<solution>',
      'source file of the solution; for a submit-answer problem, its answers (a folder, a .zip or one file)',
    )
    .option('-l, --language <id>', 'language id (default: from the file extension; see `judge languages`)')
    .option('-t, --time-limit <seconds>', 'time limit in seconds, overriding the package', parseSeconds)
    .option(
      '--wall-time-factor <n>',
      'wall time of a test = n × the time limit + 1 s (default: JUDGE_WALL_TIME_FACTOR, else 1.5)',
      parseWallTimeFactor,
    )
    .option(
      '--sandbox <engine>',
      'sandbox engine: namespace or docker (default: JUDGE_SANDBOX, else namespace)',
      parseSandbox,
    )
    .option('--json', 'print exactly one JSON object with the result')
    .action(async (problemPath: string, solution: string, options: RunOptions) => {
      const settings = loadEngineSettings();
      const problem = await loadProblemPackage(problemPath, settings.packageLimits);
      let handle: OpenedEngine | null = null;
      try {
        handle = await openJudgeEngine(settings, { sandbox: options.sandbox, wallTimeFactor: options.wallTimeFactor });
        const log = (line: string) => {
          if (!options.json) process.stderr.write(`${line}\n`);
        };
        const result = await handle.engine.judge({
          problem,
          source: { path: solution },
          language: options.language,
          timeLimitMs: options.timeLimit,
          onProgress: (event) => {
            if (event.type === 'compile-started') log(`compiling (${event.language})…`);
            if (event.type === 'compile-finished' && !event.ok) log('compilation failed');
            if (event.type === 'test-finished') log(testLine(event.result, event.index, event.total));
          },
        });
        if (options.json) {
          const { verdict, score, compileOutput, tests } = result;
          const json = {
            verdict,
            score,
            maxScore: result.maxScore,
            compileOutput,
            tests: tests.map((t) => ({
              name: t.name,
              group: t.group,
              verdict: t.verdict,
              timeMs: t.timeMs,
              wallMs: t.wallMs,
              memoryKb: t.memoryKb,
              score: t.score,
              feedback: t.feedback,
              ...(t.passes === undefined ? {} : { passes: t.passes }),
            })),
            groups: result.groups,
            ...(result.judgeError ? { judgeError: result.judgeError } : {}),
          };
          process.stdout.write(`${JSON.stringify(json)}\n`);
        } else {
          process.stdout.write(`${resultTable(result)}\n`);
        }
        // Judging happened: 0 whatever the verdict, except our own failure.
        process.exitCode = result.verdict === 'JE' ? 1 : 0;
      } finally {
        await handle?.close();
        await problem.dispose();
      }
    });
}
