import { type PipeTransform } from '@nestjs/common';
import type { ZodType } from 'zod';
import { badRequest } from './app-error';

/** Validates a request part against a zod schema; the message names the field. */
export class ZodPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: ZodType<T>) {}

  transform(value: unknown): T {
    const parsed = this.schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.join('.') || 'body';
      throw badRequest('VALIDATION_FAILED', `${field}: ${issue.message}`);
    }
    return parsed.data;
  }
}
