import type { Command } from 'commander';
import Table from 'cli-table3';
import pc from 'picocolors';
import { loadEngineSettings, openJudgeEngine } from '@judge/worker';
import { PLAIN } from '../format';

export function registerLanguages(program: Command): void {
  program
    .command('languages')
    .description('list the languages, whether their toolchains are installed on this machine, and their versions')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const handle = await openJudgeEngine(loadEngineSettings(), { check: false });
      try {
        const infos = await handle.engine.languageInfo({ versions: true });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(infos)}\n`);
          return;
        }
        const table = new Table({
          head: ['id', 'name', 'extensions', 'available', 'version', 'toolchain'].map((h) => pc.bold(h)),
          style: PLAIN,
        });
        for (const l of infos) {
          table.push([
            l.id,
            l.name,
            l.extensions.map((e) => `.${e}`).join(' '),
            l.available ? pc.green('yes') : pc.red('no'),
            l.version ?? '',
            l.detail,
          ]);
        }
        process.stdout.write(`${table.toString()}\n`);
      } finally {
        await handle.close();
      }
    });
}
