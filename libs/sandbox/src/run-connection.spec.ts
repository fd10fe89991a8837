import { readSync, writeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectRuns } from './run-connection';

function readAll(fd: number): string {
  const buffer = Buffer.alloc(64);
  let text = '';
  for (let n; (n = readSync(fd, buffer)) > 0;) text += buffer.toString('utf8', 0, n);
  return text;
}

describe('connectRuns', () => {
  it('kernel pipes: each side reads what the other wrote, and end of file once the writer has finished', async () => {
    const [a, b] = connectRuns();
    const [fdsA, fdsB] = await Promise.all([a.pipeFds(), b.pipeFds()]);
    writeSync(fdsA.stdout, 'question\n');
    writeSync(fdsB.stdout, 'answer\n');
    a.finish();
    // The judge held the only other copy of a's output: b now reads it to its end.
    expect(readAll(fdsB.stdin)).toBe('question\n');
    expect(a.endedFirst).toBe(true);
    // b's output is still open (b runs on): read what is there, without waiting for an end.
    const buffer = Buffer.alloc(64);
    expect(buffer.toString('utf8', 0, readSync(fdsA.stdin, buffer))).toBe('answer\n');
    b.finish();
    expect(b.endedFirst).toBe(false);
  });
});
