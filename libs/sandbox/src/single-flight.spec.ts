import { describe, expect, it } from 'vitest';
import { singleFlight } from './single-flight';

describe('singleFlight', () => {
  it('gives calls made while the action goes on the same execution, and a later call a new one', async () => {
    let started = 0;
    let finish = () => {};
    const action = singleFlight(() => {
      started++;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    const first = action();
    const second = action();
    expect(second).toBe(first);
    expect(started).toBe(1);
    finish();
    await first;
    const third = action();
    expect(third).not.toBe(first);
    expect(started).toBe(2);
    finish();
    await third;
  });

  it('passes a failure to every caller of that execution, and tries again on the next call', async () => {
    let calls = 0;
    const action = singleFlight(() => {
      calls++;
      return calls === 1 ? Promise.reject(new Error('survives SIGKILL')) : Promise.resolve();
    });
    const [a, b] = [action(), action()];
    await expect(a).rejects.toThrow('survives SIGKILL');
    await expect(b).rejects.toThrow('survives SIGKILL');
    await expect(action()).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
