/**
 * What never reaches a log line, in one place (docs/operations.md, "Logs"). Two passes, because a secret can be
 * a field or part of a text: fields whose name says secret lose their value wherever they are nested, and every
 * line, once written as text, loses credentials that have a recognisable shape (a Bearer token, an API token, a
 * webhook secret, a JWT, a password in a URL, a `token=` in a query string).
 */

/** Field names (compared without case, `-` and `_`) whose values are secrets. */
const SECRET_FIELDS = new Set(
  [
    'authorization',
    'proxy-authorization',
    'cookie',
    'set-cookie',
    'x-auth-token',
    'password',
    'new-password',
    'current-password',
    'passwd',
    'token',
    'access-token',
    'refresh-token',
    'api-token',
    'runner-token',
    'metrics-token',
    'secret',
    'jwt-secret',
    'signing-secret',
    'webhook-secret',
    'client-secret',
    'api-key',
    'private-key',
  ].map(normalised),
);

/** Query parameters whose values are secrets (`?access_token=...` on event streams, `?token=...`). */
const SECRET_PARAMS = ['access_token', 'token', 'api_key', 'apikey', 'password', 'secret', 'signature', 'sig', 'code'];

export const REDACTED = '[REDACTED]';

function normalised(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

export function isSecretField(name: string): boolean {
  return SECRET_FIELDS.has(normalised(name));
}

/** A copy of a value with the values of secret fields replaced, at any depth (cycles are cut). */
export function redactFields(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactFields(item, seen));
  if (value instanceof Error) return redactText(value.stack ?? value.message);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isSecretField(key) && item !== undefined && item !== null ? REDACTED : redactFields(item, seen);
  }
  return copy;
}

/** [pattern, replacement] pairs applied to every line; the replacement keeps what tells an operator the kind. */
const SECRET_SHAPES: [RegExp, string][] = [
  // `Authorization: Bearer <token>` or `Basic <credentials>`, however it came to be in a text.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // A JWT (a session token): three base64url parts, the first an encoded `{"`.
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
  // API tokens (jt_) and webhook secrets (whsec_): the prefix stays, so a leak attempt is still recognisable.
  [/\b(jt|whsec)_[A-Za-z0-9_-]{8,}/g, `$1_${REDACTED}`],
  // user:password@ in a URL (PostgreSQL, Redis).
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s"\\]*):[^@\s"/\\]+@/gi, `$1:${REDACTED}@`],
  // Secret query parameters, in a URL or a form body.
  // (Never past a backslash: inside a written line, it escapes a quote that must stay.)
  [new RegExp(`([?&](?:${SECRET_PARAMS.join('|')})=)[^&#\\s"\\\\]*`, 'gi'), `$1${REDACTED}`],
  // `password=...` (a form, an env line) and `"password":"..."` (serialised JSON, also inside a JSON string: \").
  // Not `password: ...` in prose: a settings error names the variable that way.
  [/((?:password|secret|token)=)(?!\[REDACTED\])[^&\s"\\,}]+/gi, `$1${REDACTED}`],
  [/((?:password|secret|token)\\?"\s*:\s*\\?")(?!\[REDACTED\])[^"\\]+/gi, `$1${REDACTED}`],
];

/** A text with every recognisable credential replaced. */
export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_SHAPES) out = out.replace(pattern, replacement);
  return out;
}
