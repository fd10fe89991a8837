import { describe, expect, it } from 'vitest';
import { changedFields, withoutSecrets } from './audit-details';

describe('withoutSecrets', () => {
  it('drops keys naming a secret at any depth, and keeps the rest', () => {
    expect(
      withoutSecrets({
        role: { before: 'contestant', after: 'setter' },
        password: 'hunter2',
        nested: { passwordHash: 'x', tokenHash: 'y', webhookSecret: 'z', name: 'kept' },
        list: [{ accessToken: 'a', id: 1 }],
        gone: undefined,
      }),
    ).toEqual({ role: { before: 'contestant', after: 'setter' }, nested: { name: 'kept' }, list: [{ id: 1 }] });
  });

  it('writes dates as ISO strings', () => {
    expect(withoutSecrets({ at: new Date('2026-12-03T12:00:00Z') })).toEqual({ at: '2026-12-03T12:00:00.000Z' });
  });
});

describe('changedFields', () => {
  it('keeps only the fields that changed, before and after', () => {
    const before = { title: 'A', freezeAt: new Date('2026-01-01T10:00:00Z'), problems: ['p1'] };
    const after = { title: 'A', freezeAt: null as Date | null, problems: ['p1', 'p2'] };
    expect(changedFields<typeof before>(before, after as typeof before, ['title', 'freezeAt', 'problems'])).toEqual({
      freezeAt: { before: '2026-01-01T10:00:00.000Z', after: null },
      problems: { before: ['p1'], after: ['p1', 'p2'] },
    });
  });
});
