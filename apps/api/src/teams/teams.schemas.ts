import { z } from 'zod';
import { COUNTRY_PATTERN, TEAM_MAX_MEMBERS } from '@judge/contract';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

/** ISO 3166-1 alpha-3, as the CCS Contest API and DOMjudge have it. */
export const countrySchema = z
  .string()
  .regex(COUNTRY_PATTERN, 'a country is an ISO 3166-1 alpha-3 code in capitals, such as SWE')
  .nullish()
  .transform((v) => v ?? null);

/** Body of POST /api/organizations and PUT /api/organizations/:id (OrganizationInput). */
export const organizationInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  formalName: optionalText(500),
  country: countrySchema,
  externalId: optionalText(200),
});
export type OrganizationInputBody = z.infer<typeof organizationInputSchema>;

/** Body of POST /api/contests/:id/teams and PUT /api/contests/:id/teams/:teamId (TeamInput). */
export const teamInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  organizationId: z.string().uuid().nullish(),
  location: optionalText(200),
  externalId: optionalText(200),
  members: z
    .array(z.string().trim().min(1).max(64))
    .min(1, 'a team has at least one member')
    .max(TEAM_MAX_MEMBERS, `a team has at most ${TEAM_MAX_MEMBERS} members`)
    .refine((m) => new Set(m).size === m.length, 'a member appears once'),
});
export type TeamInputBody = z.infer<typeof teamInputSchema>;
