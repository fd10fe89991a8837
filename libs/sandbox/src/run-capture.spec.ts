import { closeSync, mkdtempSync, readSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStdinFile, RunOutput, withFilePaths } from './run-capture';

describe('RunOutput', () => {
  it('keeps stdout up to its limit and calls the limit passed once over', () => {
    let over = 0;
    const output = new RunOutput({ stdoutBytes: 5, stderrBytes: 3 }, () => over++);
    output.onStdout(Buffer.from('abc'));
    output.onStdout(Buffer.from('de'));
    expect(over).toBe(0);
    output.onStdout(Buffer.from('f'));
    expect(over).toBe(1);
    output.onStderr(Buffer.from('warning'));
    expect(output.buffers()).toEqual({ stdout: Buffer.from('abcde'), stderr: Buffer.from('war') });
  });

  it('never calls the limit for stderr', () => {
    let over = 0;
    const output = new RunOutput({ stdoutBytes: 1, stderrBytes: 1 }, () => over++);
    output.onStderr(Buffer.from('much more than one byte'));
    expect(over).toBe(0);
  });
});

describe('withFilePaths', () => {
  it('replaces each {file:N} by where file N is visible', () => {
    expect(withFilePaths(['check', '{file:0}', '--answer={file:1}', 'file:2'], (i) => `/fd/${i + 4}`)).toEqual([
      'check',
      '/fd/4',
      '--answer=/fd/5',
      'file:2',
    ]);
  });
});

describe('openStdinFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'run-capture-'));
  writeFileSync(join(dir, 'input'), 'x');
  symlinkSync(join(dir, 'input'), join(dir, 'link'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens a host file, and nothing for other kinds of stdin', () => {
    const fd = openStdinFile({ kind: 'file', path: join(dir, 'input') });
    expect(fd).not.toBeNull();
    const byte = Buffer.alloc(1);
    readSync(fd!, byte);
    closeSync(fd!);
    expect(byte.toString()).toBe('x');
    expect(openStdinFile({ kind: 'null' })).toBeNull();
    expect(openStdinFile({ kind: 'buffer', data: Buffer.from('x') })).toBeNull();
  });

  it('refuses links and folders, naming the input', () => {
    expect(() => openStdinFile({ kind: 'file', path: join(dir, 'link') })).toThrow(/^cannot open input .*link: /);
    expect(() => openStdinFile({ kind: 'file', path: dir })).toThrow(/not a regular file/);
  });
});
