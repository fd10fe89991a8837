import { z } from 'zod';
import { ROLES } from '../database/entities';

export const usernameSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only');

export const passwordSchema = z.string().min(8, 'at least 8 characters').max(200);

export const credentialsSchema = z.object({ username: usernameSchema, password: passwordSchema });

/**
 * What logging in takes: any name and password (bounded). The registration rules (length, characters) are not
 * checked here, so that a wrong password is answered as a wrong password, never with a rule about new ones.
 */
export const loginSchema = z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(200) });

export const roleSchema = z.enum(ROLES as [string, ...string[]]).transform((r) => r as (typeof ROLES)[number]);

export const createUserSchema = z.object({ username: usernameSchema, password: passwordSchema, role: roleSchema });

export const updateUserSchema = z
  .object({
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
    /** May not submit (403 USER_BLOCKED) while set. */
    blocked: z.boolean().optional(),
    /** A rate limit of the user's own; null goes back to the judge's SUBMISSIONS_PER_MINUTE. */
    submissionsPerMinute: z.number().int().min(1).max(10_000).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
