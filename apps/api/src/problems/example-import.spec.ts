import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EXAMPLES_DIR, importExamplesOnFirstStart } from './example-import';
import type { ProblemsService } from './problems.service';

describe('examples imported on a first start', () => {
  it('are public, so that a newcomer sees them in practice at once (new problems are drafts otherwise)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'judge-examples-'));
    try {
      await cp(join(EXAMPLES_DIR, 'hello'), join(dir, 'hello'), { recursive: true });
      const createFromZip = vi.fn().mockResolvedValue({});
      const problems = { list: vi.fn().mockResolvedValue([]), createFromZip } as unknown as ProblemsService;
      const admin = { id: 'admin-id', username: 'admin', role: 'admin' as const, address: null };
      expect(await importExamplesOnFirstStart(problems, admin, dir)).toBe(1);
      expect(createFromZip).toHaveBeenCalledWith(expect.any(Buffer), 'hello.zip', admin, 'public');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
