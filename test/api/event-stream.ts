/**
 * A server-sent event stream read as a browser's EventSource reads it: one `event:`/`data:` frame after another,
 * each event's data parsed as JSON.
 */
export interface EventStream {
  response: Response;
  /** The next event; throws once the server has ended the stream and every event was read. */
  next<T>(): Promise<{ type: string; data: T }>;
  /** Resolves once the server has ended the stream (the events left unread are dropped). */
  ended(): Promise<void>;
  /** The reconnection delay the server last sent (a `retry:` field), in ms. */
  retryMs(): number | null;
  /** Drops the connection, as a browser does when the network goes or the tab closes. */
  close(): Promise<void>;
}

export async function openEventStream(url: string): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let retry: number | null = null;
  let done = false;
  const read = async () => {
    const chunk = await reader.read();
    if (chunk.done) done = true;
    else buffer += chunk.value;
  };
  return {
    response,
    retryMs: () => retry,
    ended: async () => {
      for (;;) {
        for (const line of buffer.split('\n')) if (line.startsWith('retry: ')) retry = Number(line.slice(7));
        buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
        if (done) return;
        await read();
      }
    },
    next: async <T>() => {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const retryLine = lines.find((l) => l.startsWith('retry: '));
          if (retryLine) retry = Number(retryLine.slice(7));
          const type = lines.find((l) => l.startsWith('event: '))?.slice(7);
          const data = lines
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (type && data) return { type, data: JSON.parse(data) as T };
          continue;
        }
        if (done) throw new Error('the stream ended');
        await read();
      }
    },
    close: async () => {
      controller.abort();
      await reader.cancel().catch(() => undefined);
    },
  };
}
