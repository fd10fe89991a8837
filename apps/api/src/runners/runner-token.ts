import { timingSafeEqual } from 'node:crypto';
import { unauthorized } from '../common/app-error';

/** Runners call the API with RUNNER_TOKEN as a bearer token (packages, time limits, heartbeats). */
export function checkRunnerToken(expectedToken: string, authorization: string | undefined): void {
  const given = Buffer.from(authorization?.startsWith('Bearer ') ? authorization.slice(7) : '');
  const expected = Buffer.from(expectedToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw unauthorized('runner token required');
}
