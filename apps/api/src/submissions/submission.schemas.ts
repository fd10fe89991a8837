import { z } from 'zod';
import { VERDICTS } from '@judge/contract';

/** What every submission body carries besides naming its problem. */
const program = {
  language: z.string().min(1).max(32),
  source: z.string().min(1),
};

const page = z.coerce.number().int().min(1).default(1);

/** Body of POST /api/submissions: a practice submission names its problem by id. */
export const submissionSchema = z.object({ problemId: z.string().uuid(), ...program });

/** Body of a contest's or an assignment's submission: its problem by label (A, B, ...) or by id. */
export const labelledSubmissionSchema = z.object({ problem: z.string().trim().min(1).max(64), ...program });

/** Query of GET /api/submissions. */
export const submissionsQuery = z.object({
  problemId: z.string().uuid().optional(),
  userId: z.string().uuid().optional(),
  verdict: z.enum(VERDICTS).optional(),
  page,
});

/** Query of a contest's or an assignment's submission list: one user's (staff, teachers), a page. */
export const labelledSubmissionsQuery = z.object({ userId: z.string().uuid().optional(), page });
