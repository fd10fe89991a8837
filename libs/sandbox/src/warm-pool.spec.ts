import { describe, expect, it } from 'vitest';
import { WarmPool } from './warm-pool';

function pool(capacity: number) {
  const discarded: string[] = [];
  return { discarded, pool: new WarmPool<string>(capacity, (item) => discarded.push(item)) };
}

describe('WarmPool', () => {
  it('hands out the oldest of the kind asked for, once', async () => {
    const { pool: p } = pool(3);
    p.add('gcc', Promise.resolve('gcc-1'));
    p.add('python', Promise.resolve('python-1'));
    p.add('gcc', Promise.resolve('gcc-2'));
    expect(await p.take('gcc')).toBe('gcc-1');
    expect(await p.take('gcc')).toBe('gcc-2');
    expect(p.take('gcc')).toBeNull();
    expect(p.size).toBe(1);
  });

  it('holds at most its capacity, counting those being made: the oldest is pushed out and discarded once made', async () => {
    const { pool: p, discarded } = pool(2);
    let finish: (item: string) => void = () => undefined;
    p.add('gcc', new Promise((resolve) => (finish = resolve)));
    p.add('gcc', Promise.resolve('b'));
    p.add('python', Promise.resolve('c'));
    expect(p.size).toBe(2);
    expect(discarded).toEqual([]);
    finish('a');
    await p.settled();
    expect(discarded).toEqual(['a']);
    expect(await p.take('gcc')).toBe('b');
  });

  it('never discards what could not be made, and drains everything else', async () => {
    const { pool: p, discarded } = pool(0);
    p.add('gcc', Promise.resolve(null));
    p.add('gcc', Promise.resolve('a'));
    await p.settled();
    expect(discarded).toEqual(['a']);
    const { pool: q, discarded: drained } = pool(2);
    q.add('gcc', Promise.resolve('x'));
    q.add('jvm', Promise.resolve('y'));
    await q.drain();
    expect(drained.sort()).toEqual(['x', 'y']);
    expect(q.size).toBe(0);
  });

  it('tells a thing it handed out (used: replace it) from one it made and never handed out', async () => {
    const { pool: p } = pool(1);
    p.add('gcc', Promise.resolve('a'));
    await p.settled();
    expect(p.waiting).toEqual(['a']);
    expect(await p.take('gcc')).toBe('a');
    expect(p.waiting).toEqual([]);
    p.add('gcc', Promise.resolve('b'));
    p.add('gcc', Promise.resolve('c')); // pushes b out
    await p.settled();
    expect(p.used('a')).toBe(true);
    expect(p.used('b')).toBe(false);
    expect(p.waiting).toEqual(['c']);
  });
});
