import { z } from 'zod';
import { SUBMISSION_LIMITS, VERDICT_FILTERS } from '@judge/contract';

/**
 * What every submission body carries besides naming its problem (SubmissionProgram): one source, or several files.
 * Names, count and size are checked by the service with the language's rules (submissionFilesProblem), so that the
 * message names the file.
 */
const program = {
  language: z.string().min(1).max(32),
  source: z.string().min(1).optional(),
  files: z
    .array(z.object({ name: z.string().max(SUBMISSION_LIMITS.maxNameLength), content: z.string() }).strict())
    .min(1)
    .optional(),
  entryPoint: z.string().min(1).max(SUBMISSION_LIMITS.maxNameLength).optional(),
};

/** Exactly one of `source` and `files`; an entry point only with files. */
function oneProgram(body: { source?: string; files?: unknown[]; entryPoint?: string }, ctx: z.RefinementCtx): void {
  if ((body.source === undefined) === (body.files === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['source'], message: 'give either source or files, not both' });
  }
  if (body.entryPoint !== undefined && body.files === undefined) {
    ctx.addIssue({ code: 'custom', path: ['entryPoint'], message: 'an entry point goes with files' });
  }
}

const page = z.coerce.number().int().min(1).default(1);

/** Body of POST /api/submissions: a practice submission names its problem by id. */
export const submissionSchema = z.object({ problemId: z.string().uuid(), ...program }).superRefine(oneProgram);

/**
 * Body of a contest's or an assignment's submission: its problem by label (A, B, ...) or by id in `problem`, or by
 * id in `problemId` as POST /api/submissions takes it. Labels are at most 20 characters, so an id is never a label.
 */
export const labelledSubmissionSchema = z
  .object({ problem: z.string().trim().min(1).max(64).optional(), problemId: z.string().uuid().optional(), ...program })
  .superRefine((body, ctx) => {
    if ((body.problem === undefined) === (body.problemId === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['problem'],
        message: 'give either problem (a label or an id) or problemId',
      });
    }
    oneProgram(body, ctx);
  })
  .transform(({ problem, problemId, ...rest }) => ({ ...rest, problem: problem ?? problemId ?? '' }));

/** Query of GET /api/submissions. */
export const submissionsQuery = z.object({
  problemId: z.string().uuid().optional(),
  userId: z.string().uuid().optional(),
  /** A verdict, or `partial`: an AC with some but not all of the points (`AC` is then full points). */
  verdict: z.enum(VERDICT_FILTERS).optional(),
  page,
});

/** Query of a contest's or an assignment's submission list: one user's (staff, teachers), a page. */
export const labelledSubmissionsQuery = z.object({ userId: z.string().uuid().optional(), page });
