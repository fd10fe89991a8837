import { type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';
import { badRequest } from './app-error';

/**
 * Validates a request part against a zod schema; the message names the field. A request with no body at all
 * (Express leaves `body` undefined) is read as an empty object: a route whose fields are all optional accepts it,
 * and one with a required field names that field.
 */
export class ZodPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: ZodType<T>) {}

  transform(value: unknown, metadata?: ArgumentMetadata): T {
    const input = value === undefined && metadata?.type === 'body' ? {} : value;
    const parsed = this.schema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.join('.') || 'body';
      throw badRequest('VALIDATION_FAILED', `${field}: ${issue.message}`);
    }
    return parsed.data;
  }
}
