import { z } from 'zod';
import { BALLOON_FILTERS, PRINT_MAX_BYTES } from '@judge/contract';

export const balloonsQuery = z.object({ status: z.enum(BALLOON_FILTERS).default('pending') });

/**
 * Body of POST /api/contests/:id/prints. The file name is shown on the printout and may be passed to the print
 * command as an argument, so it is a plain name: no path, no control characters, not starting with `-` (which a
 * program could read as an option) or `.`.
 */
export const printSchema = z.object({
  fileName: z
    .string()
    .regex(
      /^[\p{L}\p{N}_+][\p{L}\p{N}._+\- ]{0,127}$/u,
      'a file name is letters, digits, spaces and . _ - +, up to 128, not starting with - or .',
    ),
  language: z
    .string()
    .regex(/^[a-z0-9][a-z0-9+#._-]{0,31}$/)
    .optional(),
  // Characters here; the service checks the UTF-8 size (PRINT_MAX_BYTES).
  content: z.string().min(1).max(PRINT_MAX_BYTES),
});
