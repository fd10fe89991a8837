import { realpath } from 'node:fs/promises';
import type { Command } from 'commander';
import type { SandboxEngineName } from '@judge/sandbox';
import { loadProblemPackage } from '@judge/problem-package';
import { loadEngineSettings, openJudgeEngine, type OpenedEngine } from '@judge/worker';
import { resultTable, testLine } from '../format';
import { parseSandbox, parseSeconds, parseWallTimeFactor } from '../options';

interface RunOptions {
  sandbox?: SandboxEngineName;
  language?: string;
  entryPoint?: string;
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
      'source file of the solution, or a folder of its files; for a submit-answer problem, its answers (a folder, a .zip or one file)',
    )
    .option('-l, --language <id>', 'language id (default: from the file extensions; see `judge languages`)')
    .option(
      '-e, --entry-point <name>',
      "the file (Java, Kotlin: the class) that starts a solution of several files (default: the language's rule, or the package's submissions.json)",
    )
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
      // One of the package's own submissions: the entry point its submissions.json names.
      const real = await realpath(solution).catch(() => solution);
      const packaged = problem.submissions.find((s) => s.path === real);
      let handle: OpenedEngine | null = null;
      try {
        handle = await openJudgeEngine(settings, {
          sandbox: options.sandbox,
          wallTimeFactor: options.wallTimeFactor,
          keepAhead: false,
        });
        const log = (line: string) => {
          if (!options.json) process.stderr.write(`${line}\n`);
        };
        const result = await handle.engine.judge({
          problem,
          source: { path: solution },
          language: options.language,
          entryPoint: options.entryPoint ?? packaged?.entryPoint,
          timeLimitMs: options.timeLimit,
          onProgress: (event) => {
            if (event.type === 'compile-started') log(`compiling (${event.language})…`);
            if (event.type === 'compile-finished' && event.cached) log('compile result from the compile cache');
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
