import { relative } from 'node:path';
import type { Command } from 'commander';
import type { SandboxEngineName } from '@judge/sandbox';
import pc from 'picocolors';
import { loadProblemPackage } from '@judge/problem-package';
import { verifyProblem } from '@judge/judge';
import { loadEngineSettings, openJudgeEngine, type OpenedEngine } from '@judge/worker';
import { colorVerdict } from '../format';
import { parsePositiveInt, parseSandbox, parseSeconds, parseWallTimeFactor } from '../options';

interface VerifyOptions {
  sandbox?: SandboxEngineName;
  timeLimit?: number;
  wallTimeFactor?: number;
  parallel: number;
  requireAllLanguages?: boolean;
  json?: boolean;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description("judge every submission in the package's submissions/ folders and report verdicts that differ")
    .argument('<problem>', 'problem package folder or zip')
    .option('-t, --time-limit <seconds>', 'time limit in seconds, overriding the package', parseSeconds)
    .option(
      '--wall-time-factor <n>',
      'wall time of a test = n × the time limit + 1 s (default: JUDGE_WALL_TIME_FACTOR, else 1.5)',
      parseWallTimeFactor,
    )
    .option('-p, --parallel <n>', 'submissions judged at once', parsePositiveInt, 1)
    .option(
      '--sandbox <engine>',
      'sandbox engine: namespace or docker (default: JUDGE_SANDBOX, else namespace)',
      parseSandbox,
    )
    .option(
      '--require-all-languages',
      'a submission in a language this host cannot run fails (exit 1) instead of being skipped; for CI',
    )
    .option('--json', 'print one JSON object with every result')
    .action(async (problemPath: string, options: VerifyOptions) => {
      const settings = loadEngineSettings();
      const problem = await loadProblemPackage(problemPath, settings.packageLimits);
      let handle: OpenedEngine | null = null;
      try {
        handle = await openJudgeEngine(settings, { sandbox: options.sandbox, wallTimeFactor: options.wallTimeFactor });
        const log = (line: string) => {
          if (!options.json) process.stdout.write(`${line}\n`);
        };
        const report = await verifyProblem(handle.engine, problem, {
          timeLimitMs: options.timeLimit,
          parallel: options.parallel,
          requireAllLanguages: options.requireAllLanguages,
          onResult: (entry) => {
            // Polygon keeps its solutions in solutions/, named with their folder.
            const base = problem.formatVersion === 'polygon' ? problem.root : `${problem.root}/submissions`;
            const name = relative(base, entry.path);
            if (entry.unavailable)
              log(`${pc.red('✗')} ${name} cannot be judged here: ${entry.unavailable.split(';')[0]}`);
            else if (entry.skipped) log(`${pc.dim('-')} ${name} ${pc.dim(`skipped: ${entry.skipped.split(';')[0]}`)}`);
            else if (entry.ok) log(`${pc.green('✓')} ${name} ${colorVerdict(entry.result.verdict)}`);
            else {
              const score = problem.type === 'scoring' ? ` (score ${entry.result.score}/${entry.result.maxScore})` : '';
              log(
                `${pc.red('✗')} ${name} expected ${entry.expected.join(' or ')}, got ${colorVerdict(entry.result.verdict)}${score}` +
                  (entry.result.judgeError ? ` ${pc.magenta(entry.result.judgeError)}` : ''),
              );
            }
          },
        });
        const wrong = report.submissions.filter((s) => !s.ok && !s.unavailable);
        const unavailable = report.submissions.filter((s) => s.unavailable);
        const skipped = report.submissions.filter((s) => s.skipped);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report)}\n`);
        } else {
          log(
            `time limit ${report.timeLimitMs / 1000} s (${report.timeLimitSource}); ` +
              `${report.submissions.length - wrong.length - unavailable.length - skipped.length} as expected, ` +
              `${wrong.length} differ, ` +
              (unavailable.length > 0 ? `${unavailable.length} cannot be judged here, ` : '') +
              `${skipped.length} skipped`,
          );
        }
        process.exitCode = wrong.length > 0 || unavailable.length > 0 ? 1 : 0;
      } finally {
        await handle?.close();
        await problem.dispose();
      }
    });
}
