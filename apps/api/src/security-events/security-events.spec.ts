import { describe, expect, it } from 'vitest';
import type { SecurityEvent } from '@judge/contract';
import { MAX_STORED_EVENTS, securityEventColumns } from './security-events';

describe('securityEventColumns', () => {
  it('keeps nothing when the result reports nothing', () => {
    expect(securityEventColumns({})).toEqual({ securityEvents: [], securityEventCount: 0 });
    expect(securityEventColumns({ securityEvents: [] })).toEqual({ securityEvents: [], securityEventCount: 0 });
  });

  it('keeps the events as reported and counts one per kind and run', () => {
    const events: SecurityEvent[] = [
      { kind: 'fork-bomb', test: 'secret/01', detail: 'killed at 64 processes', count: 1 },
      { kind: 'syscall-denied', test: 'secret/01', detail: 'keyctl', count: 40 },
    ];
    expect(securityEventColumns({ securityEvents: events })).toEqual({ securityEvents: events, securityEventCount: 2 });
  });

  it('drops unknown kinds, cuts long details and caps the list, still counting every event', () => {
    const many = Array.from({ length: MAX_STORED_EVENTS + 5 }, (_, i) => ({
      kind: 'output-flood' as const,
      test: `secret/${i}`,
      detail: 'x'.repeat(1000),
      count: 0,
    }));
    const odd = { kind: 'telepathy', test: null, detail: '', count: 1 } as unknown as SecurityEvent;
    const columns = securityEventColumns({ securityEvents: [odd, ...many] });
    expect(columns.securityEventCount).toBe(MAX_STORED_EVENTS + 5);
    expect(columns.securityEvents).toHaveLength(MAX_STORED_EVENTS);
    expect(columns.securityEvents[0]).toEqual({
      kind: 'output-flood',
      test: 'secret/0',
      detail: 'x'.repeat(200),
      count: 1,
    });
  });
});
