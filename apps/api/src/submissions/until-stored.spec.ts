import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, UntilStored } from './until-stored';

/** What node-postgres and TypeORM throw while PostgreSQL is down or restarting. */
function refused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
}

function queryFailed(driverError: Error): Error {
  return Object.assign(new Error(driverError.message), { driverError });
}

/** Fails with `error` the first `failures` times, then answers. */
function flaky(failures: number, error: () => Error) {
  let calls = 0;
  return {
    calls: () => calls,
    store: () => {
      calls++;
      return calls <= failures ? Promise.reject(error()) : Promise.resolve('stored');
    },
  };
}

describe('isDatabaseUnavailable', () => {
  it('knows a database that does not answer from one that refuses the query', () => {
    expect(isDatabaseUnavailable(refused())).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(Object.assign(new Error('shutting down'), { code: '57P01' })))).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(Object.assign(new Error('starting up'), { code: '57P03' })))).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(Object.assign(new Error('broken pipe'), { code: '08006' })))).toBe(true);
    // An answer: retrying would change nothing.
    expect(isDatabaseUnavailable(queryFailed(Object.assign(new Error('bad input'), { code: '22P02' })))).toBe(false);
    expect(isDatabaseUnavailable(new Error('a bug'))).toBe(false);
    expect(isDatabaseUnavailable('not an error')).toBe(false);
  });
});

describe('UntilStored', () => {
  it('tries again until the database answers, then returns what the store returned', async () => {
    const logs: string[] = [];
    const retry = new UntilStored({ firstDelayMs: 1, maxDelayMs: 4, log: (m) => logs.push(m) });
    const work = flaky(5, refused);
    await expect(retry.run('result of s1', work.store)).resolves.toBe('stored');
    expect(work.calls()).toBe(6);
    expect(retry.pending).toBe(0);
    // One line for the wait, not one per try.
    expect(logs).toEqual(['result of s1: the database does not answer; trying again until it does']);
  });

  it('gives an answer that refuses the query back at once', async () => {
    const retry = new UntilStored({ firstDelayMs: 1 });
    const work = flaky(1, () => new Error('a bug'));
    await expect(retry.run('s1', work.store)).rejects.toThrow('a bug');
    expect(work.calls()).toBe(1);
  });

  it('keeps at most maxPending results waiting; the next one goes back to the caller (the sweep stores it)', async () => {
    const retry = new UntilStored({ maxPending: 2, firstDelayMs: 1, maxDelayMs: 2 });
    let up = false;
    const store = () => (up ? Promise.resolve('stored') : Promise.reject(refused()));
    const first = retry.run('s1', store);
    const second = retry.run('s2', store);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(retry.pending).toBe(2);
    await expect(retry.run('s3', store)).rejects.toThrow('ECONNREFUSED');
    up = true;
    await expect(Promise.all([first, second])).resolves.toEqual(['stored', 'stored']);
    expect(retry.pending).toBe(0);
  });

  it('stops waiting when closed: the waiting results fail after one more try', async () => {
    const retry = new UntilStored({ firstDelayMs: 60_000 });
    const work = flaky(Infinity, refused);
    const waiting = retry.run('s1', work.store);
    await new Promise((resolve) => setTimeout(resolve, 5));
    retry.close();
    await expect(waiting).rejects.toThrow('ECONNREFUSED');
    expect(work.calls()).toBe(2);
  });
});
