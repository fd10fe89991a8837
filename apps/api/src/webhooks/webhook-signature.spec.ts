import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { retryDelaySeconds, signatureHeader, verifySignature } from './webhook-signature';

describe('webhook signatures', () => {
  const body = '{"id":"d1","event":"ping","createdAt":"2026-12-03T00:00:00.000Z","data":{}}';

  it('is the HMAC-SHA256 of "<t>.<body>" with the secret, in hex', () => {
    const mac = createHmac('sha256', 'whsec_x').update(`1700000000.${body}`).digest('hex');
    expect(signatureHeader('whsec_x', body, 1_700_000_000)).toBe(`t=1700000000,v1=${mac}`);
  });

  it('verifies with the right secret and a recent timestamp only', () => {
    const header = signatureHeader('whsec_x', body, 1_700_000_000);
    expect(verifySignature('whsec_x', body, header, 1_700_000_100)).toBe(true);
    expect(verifySignature('whsec_y', body, header, 1_700_000_100)).toBe(false);
    expect(verifySignature('whsec_x', `${body} `, header, 1_700_000_100)).toBe(false);
    // Ten minutes later: a replay.
    expect(verifySignature('whsec_x', body, header, 1_700_000_600)).toBe(false);
    expect(verifySignature('whsec_x', body, 'v1=abc', 1_700_000_000)).toBe(false);
  });
});

describe('retry back-off', () => {
  it('doubles from the base up to the cap: 1, 2, 4 ... 60 minutes', () => {
    const minutes = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelaySeconds(n, 60, 3600) / 60);
    expect(minutes).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
  });
});
