import { SECURITY_EVENT_KINDS, type JudgeResult, type SecurityEvent } from '@judge/contract';

/** At most this many events are kept per submission (its count still says how many there were). */
export const MAX_STORED_EVENTS = 200;
const MAX_DETAIL_CHARS = 200;

const KINDS: ReadonlySet<string> = new Set(SECURITY_EVENT_KINDS);

/**
 * The columns a stored result sets for its security events: the events as the runner reported them (of known
 * kinds, details cut short, the list capped) and their number, one per kind and run. They replace the previous
 * result's, so storing the same result twice counts it once.
 */
export function securityEventColumns(result: Pick<JudgeResult, 'securityEvents'>): {
  securityEvents: SecurityEvent[];
  securityEventCount: number;
} {
  const events = (result.securityEvents ?? [])
    .filter((e) => KINDS.has(e.kind))
    .map((e) => ({
      kind: e.kind,
      test: typeof e.test === 'string' ? e.test : null,
      detail: String(e.detail ?? '').slice(0, MAX_DETAIL_CHARS),
      count: Number.isInteger(e.count) && e.count > 0 ? e.count : 1,
    }));
  return { securityEvents: events.slice(0, MAX_STORED_EVENTS), securityEventCount: events.length };
}
