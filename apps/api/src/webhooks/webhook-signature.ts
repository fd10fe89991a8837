import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * How deliveries are signed (docs/integrations.md shows a receiver's side): the header
 * `X-Judge-Signature: t=<unix seconds>,v1=<hex>`, where v1 is the HMAC-SHA256, keyed with the hook's secret, of
 * `<t>.<body>`. The timestamp is signed with the body, so a receiver that also refuses old timestamps refuses a
 * recorded delivery played again later.
 */

/** What every secret starts with, so that a leaked one is recognised. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

export const newWebhookSecret = (): string => `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * Whether a header signs this body with this secret, at most `toleranceSeconds` from `nowSeconds` (a receiver's
 * check; the tests' receiver uses it).
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = new Map(header.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1');
  if (!Number.isInteger(t) || !given || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureHeader(secret, body, t).split('v1=')[1], 'hex');
  const actual = Buffer.from(given, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * When a delivery that failed `attempts` times is tried next: `base` seconds after the first failure, twice as long
 * after each further one, at most `max` apart.
 */
export function retryDelaySeconds(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}
