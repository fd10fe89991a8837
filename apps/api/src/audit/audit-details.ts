/** Keys never written to the audit log, whatever a caller passes: a secret there would outlive its rotation. */
const SECRET_KEY = /password|secret|token|hash/i;

/**
 * The details as stored: keys that name a secret are dropped at any depth. A defence in depth: callers record
 * only the fields that changed, and a password change as the fact alone.
 */
export function withoutSecrets(details: Record<string, unknown>): Record<string, unknown> {
  const clean = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(clean);
    if (value instanceof Date) return value.toISOString();
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key, v]) => !SECRET_KEY.test(key) && v !== undefined)
        .map(([key, v]) => [key, clean(v)]),
    );
  };
  return clean(details) as Record<string, unknown>;
}

/** The fields of `fields` whose values differ, as `{ field: { before, after } }` (compared as JSON). */
export function changedFields<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const field of fields) {
    const was = normalise(before[field]);
    const is = normalise(after[field]);
    if (JSON.stringify(was) !== JSON.stringify(is)) changes[field] = { before: was ?? null, after: is ?? null };
  }
  return changes;
}

const normalise = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);
