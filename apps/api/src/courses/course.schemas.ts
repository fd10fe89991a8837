import { z } from 'zod';
import { FEEDBACK_LEVELS } from '@judge/contract';
import { labelledProblemsSchema } from '../problems/problem-set';
import { allowedNetworksSchema } from '../lockdown/lockdown.schemas';

const isoDate = z.iso.datetime({ offset: true });

export const courseSchema = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(100_000).optional(),
});

export const joinSchema = z.object({ code: z.string().trim().min(1).max(32) });

export const teacherSchema = z.object({ username: z.string().trim().min(1).max(64) });

const latePenaltySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('per-day'), percent: z.number().gt(0).max(100) }),
  z.object({ type: z.literal('factor'), factor: z.number().min(0).max(1) }),
]);

export const assignmentSchema = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(100_000).optional(),
  kind: z.enum(['assignment', 'exam']),
  opensAt: isoDate,
  deadline: isoDate,
  latePenalty: latePenaltySchema.nullish(),
  lateUntil: isoDate.nullish(),
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .nullish(),
  feedback: z.enum(FEEDBACK_LEVELS).nullish(),
  runsEnabled: z.boolean().optional(),
  allowedNetworks: allowedNetworksSchema.optional(),
  oneSession: z.boolean().optional(),
  problems: labelledProblemsSchema(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,20}$/, 'letters, digits, - and _, at most 20'),
  )
    .min(1)
    .max(50),
});

export const extensionSchema = z.object({ deadline: isoDate });
