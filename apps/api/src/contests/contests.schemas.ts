import { z } from 'zod';
import { COLOR_PATTERN, CONTEST_REGISTRATION, CONTEST_SCORING, FEEDBACK_LEVELS } from '@judge/contract';
import { labelledProblemsSchema, repeatedIn } from '../problems/problem-set';
import { allowedNetworksSchema } from '../lockdown/lockdown.schemas';

const instant = z.string().datetime({ offset: true });
const medalCount = z.number().int().min(0).max(1000);

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
    feedback: z.enum(FEEDBACK_LEVELS).nullish(),
    runsEnabled: z.boolean().optional(),
    teams: z.boolean().optional(),
    medals: z.object({ gold: medalCount, silver: medalCount, bronze: medalCount }).strict().optional(),
    problems: z
      .array(
        labelledProblemsSchema(
          z.string().regex(/^[A-Z][A-Z0-9]{0,3}$/, 'a label is a capital letter, then up to three letters or digits'),
        ).element.extend({
          color: z.string().regex(COLOR_PATTERN, 'a colour is #rrggbb in lower case').nullish(),
        }),
      )
      .max(52),
    balloonsDuringFreeze: z.boolean().optional(),
    allowedNetworks: allowedNetworksSchema.optional(),
    oneSession: z.boolean().optional(),
  })
  .refine((c) => Date.parse(c.endsAt) > Date.parse(c.startsAt), { message: 'must be after startsAt', path: ['endsAt'] })
  .refine((c) => repeatedIn(c.problems) !== 'label', {
    message: 'labels must differ',
    path: ['problems'],
  })
  .refine((c) => repeatedIn(c.problems) !== 'problem', {
    message: 'a problem appears once',
    path: ['problems'],
  });

export type ContestInputBody = z.infer<typeof contestInputSchema>;

export const registerSchema = z.object({ code: z.string().max(64).optional() });

export const askSchema = z.object({
  problemLabel: z.string().min(1).max(8).optional(),
  question: z.string().trim().min(1).max(10_000),
});

export const answerSchema = z.object({
  answer: z.string().trim().min(1).max(10_000),
  public: z.boolean(),
});

export const announceSchema = z.object({ text: z.string().trim().min(1).max(10_000) });
