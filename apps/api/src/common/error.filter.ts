import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { ApiErrorBody } from '@judge/contract';
import { currentLogFields } from '@judge/worker';
import { TooManyAttempts } from '../auth/auth-throttle';
import { AppError } from './app-error';

const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

/**
 * Every error leaves as JSON `{statusCode, code, message, requestId}`; unexpected ones are logged, never leaked.
 * The request's id (X-Request-Id) lets whoever reports an error point at its lines in the log.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    let body: ApiErrorBody;
    if (error instanceof AppError) {
      body = { statusCode: error.statusCode, code: error.code, message: error.message };
      if (error.details) body.details = error.details;
      if (error instanceof TooManyAttempts) response.setHeader('Retry-After', String(error.retryAfterSeconds));
    } else if (error instanceof HttpException) {
      const status = error.getStatus();
      const raw = error.getResponse();
      const detail = typeof raw === 'string' ? raw : (raw as { message?: unknown }).message;
      const message = Array.isArray(detail) ? detail.join('; ') : typeof detail === 'string' ? detail : error.message;
      body = { statusCode: status, code: CODES[status] ?? `HTTP_${status}`, message };
    } else if (isHttpError(error)) {
      // Errors of Express's body parsers (a body too large, malformed JSON) carry their own status.
      const status = error.status;
      body = { statusCode: status, code: CODES[status] ?? `HTTP_${status}`, message: error.message };
    } else {
      this.logger.error(error instanceof Error ? error : String(error));
      body = { statusCode: 500, code: 'INTERNAL', message: 'internal error' };
    }
    const { requestId } = currentLogFields();
    if (requestId !== undefined) body.requestId = requestId;
    response.status(body.statusCode).json(body);
  }
}

function isHttpError(error: unknown): error is Error & { status: number } {
  const status = error instanceof Error ? (error as Error & { status?: unknown }).status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500;
}
