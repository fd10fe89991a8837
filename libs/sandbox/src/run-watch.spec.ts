import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cpuRlimitSeconds, RunWatch } from './run-watch';

describe('cpuRlimitSeconds', () => {
  it('rounds the limit up to a second and adds one', () => {
    expect(cpuRlimitSeconds(1)).toBe(2);
    expect(cpuRlimitSeconds(1000)).toBe(2);
    expect(cpuRlimitSeconds(1001)).toBe(3);
    expect(cpuRlimitSeconds(2500)).toBe(4);
  });
});

describe('RunWatch', () => {
  let finished: boolean;
  let kills: number;
  let watch: RunWatch;

  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    finished = false;
    kills = 0;
    watch = new RunWatch(
      () => finished,
      () => kills++,
    );
  });

  afterEach(() => {
    watch.stop();
    vi.useRealTimers();
  });

  it('keeps the first reason and kills once', () => {
    watch.kill('output-limit');
    watch.kill('wall-time-limit');
    expect(watch.killedFor).toBe('output-limit');
    expect(kills).toBe(1);
  });

  it('kills nothing once the run has finished', () => {
    finished = true;
    watch.kill('wall-time-limit');
    expect(watch.killedFor).toBeNull();
    expect(kills).toBe(0);
  });

  it('kills at the wall-time limit, not before', () => {
    watch.startWallClock(500);
    vi.advanceTimersByTime(499);
    expect(watch.killedFor).toBeNull();
    vi.advanceTimersByTime(1);
    expect(watch.killedFor).toBe('wall-time-limit');
  });

  it('aborts at once with a signal that has fired, and later with one that fires', () => {
    const fired = new AbortController();
    fired.abort();
    watch.cancelWith(fired.signal);
    expect(watch.killedFor).toBe('aborted');

    const later = new AbortController();
    const other = new RunWatch(
      () => false,
      () => undefined,
    );
    other.cancelWith(later.signal);
    expect(other.killedFor).toBeNull();
    later.abort();
    expect(other.killedFor).toBe('aborted');
  });

  it('stops listening and clears its timers when stopped', () => {
    const controller = new AbortController();
    watch.cancelWith(controller.signal);
    watch.startWallClock(100);
    watch.stop();
    controller.abort();
    vi.advanceTimersByTime(1000);
    expect(watch.killedFor).toBeNull();
  });

  it('polls CPU time sooner as it nears the limit and kills once it is over', () => {
    // CPU time grows 2 ms per ms of the clock (two busy threads) against a 1000 ms limit.
    const looks: number[] = [];
    watch.watchCpu(1000, 100, () => {
      looks.push(Date.now());
      return Date.now() * 2;
    });
    vi.advanceTimersByTime(1000);
    expect(watch.killedFor).toBe('cpu-time-limit');
    // A quarter of what is left, at most 100 ms and at least 2 ms apart: the first look at 100 ms, the last
    // ones 2 ms apart; 500 ms of the clock is 1000 ms of CPU time, so it is over at the first look past 500.
    expect(looks[0]).toBe(100);
    const gaps = looks.slice(1).map((t, i) => t - looks[i]);
    expect(gaps[0]).toBe(100);
    expect(gaps.at(-1)).toBe(2);
    expect(looks.at(-1)).toBeGreaterThan(500);
    expect(looks.at(-1)).toBeLessThanOrEqual(502);
  });

  it('stops polling when the usage cannot be read, when asked to, or when the run has finished', () => {
    let reads = 0;
    watch.watchCpu(1000, 100, () => {
      reads++;
      throw new Error('gone');
    });
    vi.advanceTimersByTime(1000);
    expect(reads).toBe(1);

    let looks = 0;
    watch.watchCpu(
      1000,
      100,
      () => 0,
      () => ++looks < 3,
    );
    vi.advanceTimersByTime(1000);
    expect(looks).toBe(3);

    reads = 0;
    watch.watchCpu(1000, 100, () => {
      reads++;
      finished = reads === 2;
      return 0;
    });
    vi.advanceTimersByTime(1000);
    expect(reads).toBe(2);
    expect(watch.killedFor).toBeNull();
  });
});
