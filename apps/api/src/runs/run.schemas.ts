import { z } from 'zod';
import { SUBMISSION_LIMITS } from '@judge/contract';

const positive = z.number().int().positive();

/** Body of POST /api/runs (RunRequest): one source or several files, as a submission's. */
export const runSchema = z
  .object({
    language: z.string().min(1).max(32),
    source: z.string().min(1).optional(),
    files: z
      .array(z.object({ name: z.string().max(SUBMISSION_LIMITS.maxNameLength), content: z.string() }).strict())
      .min(1)
      .optional(),
    entryPoint: z.string().min(1).max(SUBMISSION_LIMITS.maxNameLength).optional(),
    stdin: z.string().max(SUBMISSION_LIMITS.maxTotalBytes).default(''),
    args: z.array(z.string().max(4096)).max(64).default([]),
    limits: z
      .object({
        timeMs: positive,
        wallTimeMs: positive,
        memoryKb: positive,
        outputKb: positive,
        compileTimeMs: positive,
        compileWallTimeMs: positive,
        compileMemoryKb: positive,
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.source === undefined) === (body.files === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['source'], message: 'give either source or files, not both' });
    }
    if (body.entryPoint !== undefined && body.files === undefined) {
      ctx.addIssue({ code: 'custom', path: ['entryPoint'], message: 'an entry point goes with files' });
    }
  });

export type RunBody = z.infer<typeof runSchema>;

/** `?wait=true`: answer once the run is done (or the wait is over). */
export const runWaitQuery = z.object({ wait: z.enum(['true', 'false']).optional() });
