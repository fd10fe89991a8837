import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/app-config';
import { parsePrintCommand, printArguments, runPrintCommand } from './print-command';

const values = {
  file: 'a b.cpp',
  team: '; rm -rf / #',
  location: '$(reboot)',
  user: 'alice',
  language: 'cpp',
  contest: 'Final',
};

describe('PRINT_COMMAND', () => {
  it('reads words separated by spaces, or a JSON array for arguments with spaces', () => {
    expect(parsePrintCommand('  lp -d hall2  -t {file} ')).toEqual(['lp', '-d', 'hall2', '-t', '{file}']);
    expect(parsePrintCommand('["/opt/print it", "--title", "{team} @ {location}"]')).toEqual([
      '/opt/print it',
      '--title',
      '{team} @ {location}',
    ]);
  });

  it('refuses what is not a command, unknown placeholders and a placeholder as the program', () => {
    expect(() => parsePrintCommand('   ')).toThrow('names no program');
    expect(() => parsePrintCommand('["lp", 3]')).toThrow('JSON array of strings');
    expect(() => parsePrintCommand('[lp')).toThrow('JSON array of strings');
    expect(() => parsePrintCommand('lp -t {filename}')).toThrow('unknown placeholder {filename}');
    expect(() => parsePrintCommand('{file} x')).toThrow('program itself');
  });

  it('is read once at start: a bad command stops the start naming the variable', () => {
    expect(loadConfig({ PRINT_COMMAND: 'lp -t {file}' }).PRINT_COMMAND).toEqual(['lp', '-t', '{file}']);
    expect(loadConfig({}).PRINT_COMMAND).toBeUndefined();
    expect(() => loadConfig({ PRINT_COMMAND: 'lp {tema}' })).toThrow(/PRINT_COMMAND: unknown placeholder \{tema\}/);
  });

  it('puts each value inside its own argument, untouched: never split, never quoted', () => {
    expect(printArguments(['lp', '-t', '{file}', '{team} @ {location}', '{user}'], values)).toEqual([
      '-t',
      'a b.cpp',
      '; rm -rf / # @ $(reboot)',
      'alice',
    ]);
  });

  it('runs the program with the text on stdin, and says why when it fails or takes too long', async () => {
    expect(await runPrintCommand(['sh', '-c', 'test "$(cat)" = "hello"', 'x'], values, 'hello', 5000)).toEqual({
      ok: true,
      error: null,
    });
    expect(await runPrintCommand(['sh', '-c', 'echo jammed >&2; exit 2'], values, 'x', 5000)).toEqual({
      ok: false,
      error: 'jammed',
    });
    const slow = await runPrintCommand(['sleep', '5'], values, '', 200);
    expect(slow).toEqual({ ok: false, error: 'the print command took longer than 0.2 s and was stopped' });
    expect((await runPrintCommand(['/nonexistent/printer'], values, '', 1000)).error).toContain('ENOENT');
  });
});
