import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { updateProblemYaml } from './write';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function packageWith(yaml: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'judge-update-yaml-'));
  dirs.push(dir);
  await writeFile(path.join(dir, 'problem.yaml'), yaml);
  return dir;
}

describe('updateProblemYaml: the browser editor writing into an uploaded package', () => {
  it('changes name, memory and time limit where the package keeps them, and keeps its other keys and comments', async () => {
    const dir = await packageWith(
      '# from BAPCtools\nproblem_format_version: 2023-07-draft\nname:\n  en: Old\n  es: Viejo\nuuid: abc\nlimits:\n  time_limit: 1.5\n  memory: 256\n',
    );
    await updateProblemYaml(dir, { name: 'New', memoryMb: 512, timeLimitMs: 2500 });
    const text = await readFile(path.join(dir, 'problem.yaml'), 'utf8');
    expect(text).toBe(
      '# from BAPCtools\nproblem_format_version: 2023-07-draft\nname:\n  en: New\n  es: Viejo\nuuid: abc\nlimits:\n  time_limit: 2.5\n  memory: 512\n',
    );
  });

  it('writes .timelimit when problem.yaml has no time_limit, and sets legacy validation settings', async () => {
    const dir = await packageWith('name: Old\nvalidation: custom\nvalidator_flags: case_sensitive\n');
    await updateProblemYaml(dir, {
      name: 'New',
      memoryMb: 256,
      timeLimitMs: 2000,
      validation: 'default',
      validatorFlags: 'float_tolerance 1e-4',
    });
    expect(await readFile(path.join(dir, '.timelimit'), 'utf8')).toBe('2\n');
    expect(await readFile(path.join(dir, 'problem.yaml'), 'utf8')).toBe(
      'name: New\nvalidation: default\nvalidator_flags: float_tolerance 1e-4\nlimits:\n  memory: 256\n',
    );
  });
});
