import type { Command } from 'commander';
import { loadEngineSettings, openJudgeEngine } from '@judge/worker';
import { languagesTable } from '../languages-table';

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
        const columns = process.stdout.isTTY ? process.stdout.columns : undefined;
        process.stdout.write(`${languagesTable(infos, columns)}\n`);
      } finally {
        await handle.close();
      }
    });
}
