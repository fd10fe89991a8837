import { z } from 'zod';
import { CONTEST_REGISTRATION, CONTEST_SCORING } from '@judge/contract';

const instant = z.string().datetime({ offset: true });

/** Body of POST /api/contests and PUT /api/contests/:id (ContestInput). */
export const contestInputSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().max(100_000).optional(),
    startsAt: instant,
    endsAt: instant,
    scoring: z.enum(CONTEST_SCORING),
    freezeMinutes: z.number().int().min(0).max(100_000),
    registration: z.enum(CONTEST_REGISTRATION),
    joinCode: z.string().trim().min(1).max(64).optional(),
    invited: z.array(z.string().min(1).max(64)).max(10_000).optional(),
    practiceAfter: z.boolean().optional(),
    problems: z
      .array(
        z.object({
          problemId: z.string().uuid(),
          label: z
            .string()
            .regex(/^[A-Z][A-Z0-9]{0,3}$/, 'a label is a capital letter, then up to three letters or digits'),
        }),
      )
      .max(52),
  })
  .refine((c) => Date.parse(c.endsAt) > Date.parse(c.startsAt), { message: 'must be after startsAt', path: ['endsAt'] })
  .refine((c) => new Set(c.problems.map((p) => p.label)).size === c.problems.length, {
    message: 'labels must differ',
    path: ['problems'],
  })
  .refine((c) => new Set(c.problems.map((p) => p.problemId)).size === c.problems.length, {
    message: 'a problem appears once',
    path: ['problems'],
  });

export type ContestInputBody = z.infer<typeof contestInputSchema>;

export const registerSchema = z.object({ code: z.string().max(64).optional() });

export const contestSubmitSchema = z.object({
  /** A label (A, B, ...) or the problem's id. */
  problem: z.string().min(1).max(64),
  language: z.string().min(1).max(32),
  source: z.string().min(1),
});

export const contestSubmissionsQuery = z.object({
  userId: z.string().uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
});

export const askSchema = z.object({
  problemLabel: z.string().min(1).max(8).optional(),
  question: z.string().trim().min(1).max(10_000),
});

export const answerSchema = z.object({
  answer: z.string().trim().min(1).max(10_000),
  public: z.boolean(),
});

export const announceSchema = z.object({ text: z.string().trim().min(1).max(10_000) });
