import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Drain } from './drain';

describe('the graceful stop of a process', () => {
  let drain: Drain;
  let server: Server;
  let base: string;

  beforeEach(async () => {
    drain = new Drain();
    const app = express();
    app.use(drain.middleware());
    app.get('/api/health/ready', (_request, response) => {
      response.status(drain.isReady ? 200 : 503).end();
    });
    app.get('/api/thing', (_request, response) => {
      response.json({ ok: true });
    });
    app.get('/api/stream', (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      response.write('event: hello\ndata: {}\n\n');
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('first only fails readiness, and serves everything else as before', async () => {
    drain.notReady();
    expect((await fetch(`${base}/api/health/ready`)).status).toBe(503);
    expect((await fetch(`${base}/api/thing`)).status).toBe(200);
  });

  it('then ends every event stream with a retry hint, and refuses new requests but the health routes', async () => {
    const stream = await fetch(`${base}/api/stream`);
    const reading = stream.text();
    // The stream's headers are out: it is known.
    expect(drain.stopTaking()).toBe(1);
    expect(await reading).toBe('event: hello\ndata: {}\n\nretry: 1000\n\n');
    const refused = await fetch(`${base}/api/thing`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('connection')).toBe('close');
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({ code: 'SHUTTING_DOWN' });
    expect((await fetch(`${base}/api/health/ready`)).status).toBe(503);
    expect(drain.stopTaking()).toBe(0);
  });
});
