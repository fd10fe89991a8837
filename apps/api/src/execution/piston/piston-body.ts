import { json, type RequestHandler } from 'express';

/** The routes whose body is JSON whatever the content type says. */
export const PISTON_JSON_PATHS = ['/api/v2/execute'];

/**
 * Piston's clients often send JSON as text/plain (a fetch with a string body, as piston-client does) or with no
 * content type. Registered before the application's own parsers, which then find the body parsed (else a form
 * parser would take a body sent without a type, as curl's -d sends it, for a form).
 */
export function pistonJsonBody(): RequestHandler {
  return json({ type: () => true, limit: '1mb' });
}
