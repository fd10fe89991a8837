import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutboundUrl, isPublicAddress, sendOutbound } from './outbound-http';

let server: Server;
let port: number;
const received: { method?: string; body: string; headers: Record<string, unknown> }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ method: req.method, body, headers: req.headers });
      if (req.url === '/redirect') {
        res.writeHead(302, { location: 'http://127.0.0.1/elsewhere' }).end();
      } else if (req.url === '/slow') {
        setTimeout(() => res.writeHead(200).end('late'), 2000);
      } else res.writeHead(201).end('stored');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const open = { allowPrivate: true };
const guarded = { allowPrivate: false };

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
    '::1',
    'fd00::1',
    'fe80::1',
    '::ffff:10.0.0.1',
    '100.64.0.1',
    'nonsense',
  ])('%s is not public', (address) => expect(isPublicAddress(address)).toBe(false));
  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111'])('%s is public', (address) =>
    expect(isPublicAddress(address)).toBe(true),
  );
});

describe('checkOutboundUrl', () => {
  it('takes http and https URLs only, without credentials', () => {
    expect(() => checkOutboundUrl('ftp://example.com/x', guarded)).toThrow('only http and https');
    expect(() => checkOutboundUrl('file:///etc/passwd', guarded)).toThrow('only http and https');
    expect(() => checkOutboundUrl('http://user:pw@example.com/', guarded)).toThrow('credentials');
    expect(() => checkOutboundUrl('not a url', guarded)).toThrow('not a valid URL');
    expect(checkOutboundUrl('https://example.com/hook', guarded).host).toBe('example.com');
  });

  it('refuses private address literals and localhost unless allowed', () => {
    for (const url of ['http://127.0.0.1:80/', 'http://[::1]/', 'http://169.254.169.254/latest', 'http://localhost/']) {
      expect(() => checkOutboundUrl(url, guarded)).toThrow('not a public address');
      expect(checkOutboundUrl(url, open)).toBeInstanceOf(URL);
    }
  });
});

describe('sendOutbound', () => {
  it('delivers the body with its headers and answers the status and the response', async () => {
    const response = await sendOutbound(
      {
        method: 'PUT',
        url: `http://127.0.0.1:${port}/hook`,
        headers: { 'x-test': 'yes' },
        body: '{"a":1}',
        timeoutMs: 5000,
      },
      open,
    );
    expect(response).toMatchObject({ status: 201, detail: 'stored' });
    expect(received.at(-1)).toMatchObject({ method: 'PUT', body: '{"a":1}', headers: { 'x-test': 'yes' } });
  });

  it('refuses a loopback receiver under the guard, before connecting', async () => {
    const before = received.length;
    const response = await sendOutbound(
      { method: 'POST', url: `http://127.0.0.1:${port}/hook`, headers: {}, body: '{}', timeoutMs: 5000 },
      guarded,
    );
    expect(response.status).toBeNull();
    expect(response.detail).toContain('not a public address');
    expect(received.length).toBe(before);
  });

  it('checks the addresses a name resolves to when connecting', async () => {
    // A name that resolves to loopback (DNS rebinding looks the same from here).
    const response = await sendOutbound(
      { method: 'POST', url: `http://localhost.:${port}/hook`, headers: {}, body: '{}', timeoutMs: 5000 },
      guarded,
    );
    expect(response.status).toBeNull();
    expect(response.detail).toMatch(/not a public address|ENOTFOUND/);
  });

  it('does not follow redirects, and gives up after its timeout', async () => {
    const redirected = await sendOutbound(
      { method: 'POST', url: `http://127.0.0.1:${port}/redirect`, headers: {}, body: '', timeoutMs: 5000 },
      open,
    );
    expect(redirected.status).toBe(302);
    const slow = await sendOutbound(
      { method: 'POST', url: `http://127.0.0.1:${port}/slow`, headers: {}, body: '', timeoutMs: 200 },
      open,
    );
    expect(slow).toMatchObject({ status: null, detail: 'no answer in 200 ms' });
  });
});
