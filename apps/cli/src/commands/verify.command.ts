import { relative } from 'node:path';
import type { Command } from 'commander';
import type { SandboxEngineName } from '@judge/sandbox';
import pc from 'picocolors';
import { loadProblemPackage } from '@judge/problem-package';
import { verifyProblem, type VerifyReport } from '@judge/judge';
import {
  cpuConcurrencyError,
  loadEngineSettings,
  openJudgeEngine,
  SettingsError,
  type OpenedEngine,
} from '@judge/worker';
import { colorResult } from '../format';
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
      const cpus = cpuConcurrencyError(settings.cpus, options.parallel, '--parallel');
      if (cpus) throw new SettingsError(cpus);
      const problem = await loadProblemPackage(problemPath, settings.packageLimits);
      let handle: OpenedEngine | null = null;
      try {
        handle = await openJudgeEngine(settings, {
          sandbox: options.sandbox,
          wallTimeFactor: options.wallTimeFactor,
          concurrency: options.parallel,
        });
        const log = (line: string) => {
          if (!options.json) process.stdout.write(`${line}\n`);
        };
        for (const warning of problem.warnings) log(`${pc.yellow('warning:')} ${warning}`);
        const report = await verifyProblem(handle.engine, problem, {
          timeLimitMs: options.timeLimit,
          parallel: options.parallel,
          requireAllLanguages: options.requireAllLanguages,
          onResult: (entry) => {
            // Polygon keeps its solutions in solutions/, named with their folder.
            const base = problem.formatVersion === 'polygon' ? problem.root : `${problem.root}/submissions`;
            for (const line of entryLines(entry, relative(base, entry.path), problem.type)) log(line);
          },
        });
        const wrong = report.submissions.filter((s) => !s.ok && !s.unavailable);
        const unavailable = report.submissions.filter((s) => s.unavailable);
        const skipped = report.submissions.filter((s) => s.skipped);
        const warned = report.submissions.filter((s) => s.warnings.length > 0);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report)}\n`);
        } else {
          log(
            `time limit ${report.timeLimitMs / 1000} s (${report.timeLimitSource}); ` +
              `${report.submissions.length - wrong.length - unavailable.length - skipped.length} as expected, ` +
              `${wrong.length} differ, ` +
              (unavailable.length > 0 ? `${unavailable.length} cannot be judged here, ` : '') +
              `${skipped.length} skipped` +
              (warned.length > 0 ? `, ${warned.length} with warnings` : '') +
              (problem.warnings.length > 0 ? `; ${problem.warnings.length} package warnings` : ''),
          );
        }
        process.exitCode = wrong.length > 0 || unavailable.length > 0 ? 1 : 0;
      } finally {
        await handle?.close();
        await problem.dispose();
      }
    });
}

/**
 * One submission's lines: mark, name, what was expected and what it got, then why it differs and its warnings.
 * A submission with nothing to compare against is marked `?` (it counts as expected: the exit code is about
 * verdicts that differ).
 */
function entryLines(entry: VerifyReport['submissions'][number], name: string, type: string): string[] {
  const warnings = entry.warnings.map((w) => `    ${pc.yellow('warning:')} ${w}`);
  if (entry.unavailable)
    return [`${pc.red('✗')} ${name} cannot be judged here: ${entry.unavailable.split(';')[0]}`, ...warnings];
  if (entry.skipped)
    return [`${pc.dim('-')} ${name} ${pc.dim(`skipped: ${entry.skipped.split(';')[0]}`)}`, ...warnings];
  const { result } = entry;
  const expected = [
    entry.expected.length > 0 ? entry.expected.join(' or ') : null,
    entry.expectedScore !== null ? `score ${entry.expectedScore}` : null,
  ]
    .filter((e) => e !== null)
    .join(', ');
  const score = type === 'scoring' ? ` (score ${result.score}/${result.maxScore})` : '';
  const got = `got ${colorResult(result)}${score}`;
  const nothingExpected = expected === '' && entry.failures.length === 0 && entry.warnings.length > 0;
  const mark = !entry.ok ? pc.red('✗') : nothingExpected ? pc.yellow('?') : pc.green('✓');
  const judgeError = result.judgeError ? ` ${pc.magenta(result.judgeError)}` : '';
  return [
    `${mark} ${name} ${expected ? `expected ${expected}, ` : ''}${got}${judgeError}`,
    // The verdict's own miss is on the first line already.
    ...entry.failures
      .filter((f) => f !== `expected ${entry.expected.join(' or ')}, got ${result.verdict}`)
      .map((f) => `    ${pc.red(f)}`),
    ...warnings,
  ];
}
