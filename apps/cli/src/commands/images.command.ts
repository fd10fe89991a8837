import type { Command } from 'commander';
import Table from 'cli-table3';
import pc from 'picocolors';
import { LanguageRegistry, languageRuntime } from '@judge/judge';
import { buildRuntimeImages, DockerEngine, DEFAULT_DOCKER_OPTIONS } from '@judge/sandbox';
import { loadEngineSettings, sandboxOptions, SandboxUnavailableError, SettingsError } from '@judge/worker';
import { PLAIN } from '../format';

interface BuildOptions {
  language?: string[];
  json?: boolean;
}

export function registerImages(program: Command): void {
  const images = program.command('images').description("the docker sandbox engine's runtime images");
  images
    .command('build')
    .description('build the runtime images the docker engine needs on the current Docker daemon (no registry needed)')
    .option('-l, --language <id...>', 'only the runtimes of these languages (default: every language)')
    .option('--json', 'print JSON')
    .action(async (options: BuildOptions) => {
      const settings = loadEngineSettings();
      const languages = await LanguageRegistry.load(settings.languagesFile);
      const chosen = options.language ?? languages.definitions.map((l) => l.id);
      const runtimes = chosen.map((id) => {
        const language = languages.find(id);
        if (!language) throw new SettingsError(`unknown language "${id}" (see \`judge languages\`)`);
        return languageRuntime(language);
      });
      const engine = new DockerEngine({ ...DEFAULT_DOCKER_OPTIONS, ...sandboxOptions(settings).docker });
      const problems = await engine.check().then((p) => p.filter((m) => !/runtime image/.test(m)));
      if (problems.length > 0) throw new SandboxUnavailableError(problems.join('; '));
      const built = await buildRuntimeImages(engine.docker, runtimes, {
        rebuild: true,
        hostRoot: settings.hostRoot,
        overrides: settings.dockerImages,
      });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(built)}\n`);
        return;
      }
      const table = new Table({ head: ['runtime', 'image', 'built'].map((h) => pc.bold(h)), style: PLAIN });
      for (const b of built) table.push([b.runtime, b.image, b.built ? pc.green('yes') : 'from JUDGE_DOCKER_IMAGES']);
      process.stdout.write(`${table.toString()}\n`);
    });
}
