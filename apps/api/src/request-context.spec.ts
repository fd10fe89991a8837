import { describe, expect, it } from 'vitest';
import { requestIdOf } from './request-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('X-Request-Id', () => {
  it("keeps a client's id that is short and plain", () => {
    for (const id of ['abc', 'req-1.2_3', 'A'.repeat(64), '0f8fad5b-d9cb-469f-a165-70867728950e']) {
      expect(requestIdOf(id)).toBe(id);
    }
  });

  it('makes one for a missing, long, or unsafe id (it lands in logs and headers)', () => {
    for (const id of [undefined, '', 'A'.repeat(65), 'a b', 'a\nforged line', '<script>', 'é', ['a', 'b']]) {
      expect(requestIdOf(id)).toMatch(UUID);
    }
  });
});
