import { describe, expect, it } from 'vitest';
import { BackgroundWork } from './background-work';

function later() {
  let finish: () => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const promise = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { promise, finish, fail };
}

describe('BackgroundWork', () => {
  it('waits for the work under way, forgets it once done, and swallows its failure', async () => {
    const work = new BackgroundWork();
    const a = later();
    const b = later();
    work.add(a.promise);
    work.add(b.promise);
    expect(work.size).toBe(2);
    let settled = false;
    const waiting = work.settled().then(() => (settled = true));
    a.finish();
    await Promise.resolve();
    expect(settled).toBe(false);
    b.fail(new Error('gone already'));
    await waiting;
    expect(work.size).toBe(0);
  });

  it('settled() waits for the work of now only; drained() for work added while it waits too', async () => {
    const work = new BackgroundWork();
    const first = later();
    const second = later();
    work.add(first.promise);
    const settled = work.settled();
    const drained = work.drained();
    let drainedYet = false;
    void drained.then(() => (drainedYet = true));
    work.add(second.promise);
    first.finish();
    await settled;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(drainedYet).toBe(false);
    second.finish();
    await drained;
  });
});
