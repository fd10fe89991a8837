import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CommandShell } from './command-shell';

// A command that logs its arguments one per line, and fails as umount does when its first argument is `busy`.
const dir = mkdtempSync(join(tmpdir(), "command-shell-o'dd "));
const log = join(dir, 'log');
const command = join(dir, "log-args'");
writeFileSync(
  command,
  `#!/bin/sh\nfor a in "$@"; do echo "[$a]" >> "$(dirname "$0")/log"; done\nif [ "$1" = busy ]; then echo 'umount: target is busy.' >&2; exit 32; fi\n`,
  { mode: 0o755 },
);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CommandShell', () => {
  const shell = new CommandShell();
  afterAll(() => shell.close());

  it('runs commands one after another, each argument exactly as given', async () => {
    await Promise.all([shell.run([command, 'a b', "it's"]), shell.run([command, '$HOME', '`id`', '*', '; rm -rf /'])]);
    expect(readFileSync(log, 'utf8')).toBe("[a b]\n[it's]\n[$HOME]\n[`id`]\n[*]\n[; rm -rf /]\n");
  });

  it('fails with what the command said, and goes on with the next one', async () => {
    await expect(shell.run([command, 'busy'])).rejects.toThrow('umount: target is busy.');
    await shell.run([command, 'next']);
    expect(readFileSync(log, 'utf8').split('\n').slice(-3)).toEqual(['[busy]', '[next]', '']);
  });

  it('refuses an argument that would end the line, and runs the next command as its own', async () => {
    await expect(shell.run([command, 'x\nreboot'])).rejects.toThrow(/line break/);
    await expect(shell.run([command, 'busy'])).rejects.toThrow('umount: target is busy.');
    await shell.run([command, 'after']);
  });
});
