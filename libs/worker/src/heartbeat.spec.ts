import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunnerHeartbeat } from '@judge/contract';
import { startHeartbeat } from './heartbeat';

const beat = (jobsDone: number): RunnerHeartbeat => ({
  runnerId: 'r1',
  host: 'h',
  engine: 'namespace',
  languages: ['python'],
  concurrency: 1,
  jobsDone,
});

afterEach(() => {
  vi.useRealTimers();
});

describe('runner heartbeat', () => {
  it('beats at once and then every interval, with what the runner says at that moment', async () => {
    vi.useFakeTimers();
    const sent: RunnerHeartbeat[] = [];
    let jobs = 0;
    const heartbeat = startHeartbeat({
      beat: () => beat(jobs),
      send: (b) => {
        sent.push(b);
        return Promise.resolve();
      },
      intervalMs: 1000,
      log: { info: () => {}, error: () => {} },
    });
    expect(sent.map((b) => b.jobsDone)).toEqual([0]);
    jobs = 2;
    await vi.advanceTimersByTimeAsync(1000);
    jobs = 3;
    await vi.advanceTimersByTimeAsync(1000);
    await heartbeat.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent.map((b) => b.jobsDone)).toEqual([0, 2, 3]);
  });

  it('logs a lost heartbeat once until one gets through again', async () => {
    vi.useFakeTimers();
    const log = { info: vi.fn(), error: vi.fn() };
    let down = true;
    const heartbeat = startHeartbeat({
      beat: () => beat(0),
      send: () => (down ? Promise.reject(new Error('connection refused')) : Promise.resolve()),
      intervalMs: 1000,
      log,
    });
    await vi.advanceTimersByTimeAsync(3000);
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(log.error.mock.calls[0][0]).toContain('connection refused');
    down = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(log.info).toHaveBeenCalledTimes(1);
    down = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(log.error).toHaveBeenCalledTimes(2);
    await heartbeat.stop();
  });
});
