import type { Response } from 'express';

/** Whether the headers a response is given (writeHead's object) make it an event stream. */
function isEventStream(headers: unknown): boolean {
  if (typeof headers !== 'object' || headers === null) return false;
  const entry = Object.entries(headers as Record<string, unknown>).find(
    ([name]) => name.toLowerCase() === 'content-type',
  );
  return typeof entry?.[1] === 'string' && entry[1].startsWith('text/event-stream');
}

/**
 * Calls `opened` when the response turns out to be a server-sent event stream: when its headers are written, which
 * Nest does once the stream's handler has accepted it (a refused stream is a plain 4xx answer).
 */
export function onEventStream(response: Response, opened: () => void): void {
  let stream = false;
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => Response;
  response.writeHead = ((...args: unknown[]) => {
    if (!stream && args.some(isEventStream)) {
      stream = true;
      opened();
    }
    return writeHead(...args);
  }) as Response['writeHead'];
}

export function isEventStreamResponse(response: Response): boolean {
  return String(response.getHeader('content-type') ?? '').startsWith('text/event-stream');
}
