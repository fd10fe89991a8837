import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '../test/helpers';
import { openLiveStream, RECONNECT_FIRST_MS, RECONNECT_MAX_MS, type LiveStreamOptions } from './live-stream';

describe('openLiveStream', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('EventSource', FakeEventSource);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    FakeEventSource.instances = [];
  });

  const open = (on: LiveStreamOptions['on'] = {}) => {
    const onLost = vi.fn();
    const onRestored = vi.fn();
    const stream = openLiveStream('/api/x/events', { on, onLost, onRestored });
    return { stream, onLost, onRestored };
  };

  it('lets the browser reconnect by itself, and says when it is back', () => {
    const { onLost, onRestored } = open();
    const source = FakeEventSource.latest();
    source.open();
    expect(onRestored).not.toHaveBeenCalled();
    source.fail({ reconnecting: true });
    expect(onLost).not.toHaveBeenCalled();
    source.open();
    expect(onRestored).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(RECONNECT_MAX_MS);
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('opens a new stream after the browser gives up, waiting twice as long each time, and from the start once open', () => {
    const { onLost, onRestored } = open();
    // 1, 2, 4, 8, 16 seconds, then never more than 30.
    for (const wait of [1000, 2000, 4000, 8000, 16000, 30000, 30000]) {
      FakeEventSource.latest().fail({ reconnecting: false });
      const count = FakeEventSource.instances.length;
      vi.advanceTimersByTime(wait - 1);
      expect(FakeEventSource.instances).toHaveLength(count);
      vi.advanceTimersByTime(1);
      expect(FakeEventSource.instances).toHaveLength(count + 1);
    }
    expect(onLost).toHaveBeenCalledTimes(7);
    expect(FakeEventSource.latest().url).toBe('/api/x/events');

    FakeEventSource.latest().open();
    expect(onRestored).toHaveBeenCalledTimes(1);
    FakeEventSource.latest().fail({ reconnecting: false });
    vi.advanceTimersByTime(RECONNECT_FIRST_MS);
    expect(FakeEventSource.instances).toHaveLength(9);
  });

  it('passes named events on, to every new stream too', () => {
    const seen: string[] = [];
    open({ board: (event) => seen.push(event.data) });
    FakeEventSource.latest().emit('board', 1);
    FakeEventSource.latest().fail({ reconnecting: false });
    vi.advanceTimersByTime(RECONNECT_FIRST_MS);
    FakeEventSource.latest().emit('board', 2);
    expect(seen).toEqual(['1', '2']);
  });

  it('opens nothing more once closed, also when closed from an event handler', () => {
    const { stream } = open();
    FakeEventSource.latest().fail({ reconnecting: false });
    stream.close();
    vi.advanceTimersByTime(RECONNECT_MAX_MS);
    expect(FakeEventSource.instances).toHaveLength(1);

    FakeEventSource.instances = [];
    const handle = open({ done: () => handle.stream.close() });
    const source = FakeEventSource.latest();
    source.emit('done', {});
    expect(source.readyState).toBe(2);
    source.fail({ reconnecting: false });
    expect(handle.onLost).not.toHaveBeenCalled();
    vi.advanceTimersByTime(RECONNECT_MAX_MS);
    expect(FakeEventSource.instances).toHaveLength(1);
  });
});
