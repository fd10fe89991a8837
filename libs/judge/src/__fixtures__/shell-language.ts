import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LanguageRegistry } from '../languages/language-registry';

/**
 * A language table of one language whose tool every host has (POSIX shell), written into `dir`: for specs that
 * judge through a fake sandbox and need a real registry. With `compile`, it has a build step (`sh -n`).
 */
export async function shellLanguageRegistry(
  dir: string,
  options: { compile?: boolean } = {},
): Promise<LanguageRegistry> {
  const file = join(dir, 'languages.yaml');
  await writeFile(
    file,
    [
      '- id: shell',
      '  runtime: shell',
      '  name: POSIX shell',
      '  extensions: [sh]',
      '  tools: { sh: [/bin/sh] }',
      '  source: main.sh',
      ...(options.compile ? ["  compile: ['{tool:sh}', -n, main.sh]"] : []),
      "  run: ['{tool:sh}', main.sh]",
    ].join('\n'),
  );
  return LanguageRegistry.load(file);
}
