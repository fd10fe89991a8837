import { describe, expect, it } from 'vitest';
import { ExecDemuxer } from './exec-stream';

function frame(type: number, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('the output of a docker exec', () => {
  it('is split into stdout and stderr, however the socket cuts the frames', () => {
    const out: string[] = [];
    const err: string[] = [];
    const demux = new ExecDemuxer(
      (c) => out.push(c.toString()),
      (c) => err.push(c.toString()),
    );
    const all = Buffer.concat([frame(1, 'hello '), frame(2, 'oops'), frame(1, 'world')]);
    for (let i = 0; i < all.length; i += 3) demux.push(all.subarray(i, i + 3));
    expect(out.join('')).toBe('hello world');
    expect(err.join('')).toBe('oops');
  });
});
