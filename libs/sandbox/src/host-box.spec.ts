import { describe, expect, it } from 'vitest';
import { HostBox } from './host-box';
import { connectRuns } from './run-connection';
import { sandboxError } from './run-capture';
import type { RunResult, RunSpec } from './types';

/** A box whose runs finish when the test says so. */
class FakeBox extends HostBox {
  readonly id = 'fake';
  readonly uid = 1234;
  readonly sandboxPath = '/box';
  readonly hostBoxDir = '/nonexistent';
  readonly events: string[] = [];
  private readonly pending: (() => void)[] = [];

  finishNext(): void {
    this.pending.shift()?.();
  }

  protected execute(spec: RunSpec): Promise<RunResult> {
    const name = spec.argv[0];
    this.events.push(`start ${name}`);
    return new Promise((resolve) => {
      this.pending.push(() => {
        this.events.push(`end ${name}`);
        resolve({ ...sandboxError(''), status: 'ok', error: undefined });
      });
    });
  }

  protected release(): Promise<void> {
    this.events.push('release');
    return Promise.resolve();
  }
}

const spec = (name: string, stdin: RunSpec['stdin'] = { kind: 'null' }) => ({ argv: [name], stdin }) as RunSpec;
const settle = () => new Promise((r) => setImmediate(r));

describe('HostBox', () => {
  it('starts a run only when the previous one has finished', async () => {
    const box = new FakeBox();
    const first = box.run(spec('a'));
    const second = box.run(spec('b'));
    await settle();
    expect(box.events).toEqual(['start a']);
    box.finishNext();
    await first;
    await settle();
    expect(box.events).toEqual(['start a', 'end a', 'start b']);
    box.finishNext();
    expect((await second).status).toBe('ok');
  });

  it('releases after the last run, once, and refuses runs after destroy', async () => {
    const box = new FakeBox();
    const run = box.run(spec('a'));
    const destroyed = box.destroy();
    await settle();
    expect(box.events).toEqual(['start a']);
    box.finishNext();
    await run;
    await destroyed;
    await box.destroy();
    expect(box.events).toEqual(['start a', 'end a', 'release']);
    expect(await box.run(spec('b'))).toMatchObject({ status: 'sandbox-error', error: 'box already destroyed' });
  });

  it("ends a connected run's side when the run is over, and when the box could not run it", async () => {
    const box = new FakeBox();
    const [first, second] = connectRuns();
    const run = box.run(spec('a', { kind: 'connected', end: first }));
    await settle();
    expect(first.ended).toBe(false);
    box.finishNext();
    await run;
    expect(first.ended).toBe(true);
    expect(first.endedFirst).toBe(true);
    await box.destroy();
    await box.run(spec('b', { kind: 'connected', end: second }));
    expect(second.ended).toBe(true);
    expect(second.endedFirst).toBe(false);
  });
});
