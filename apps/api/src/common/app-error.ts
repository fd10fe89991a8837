/**
 * Domain errors with a stable string code (STYLE.md 10): clients switch on `code`, people read `message`.
 * Mapped to HTTP in one place, the exception filter.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** What a client acts on besides the code (e.g. the existing problem of PROBLEM_EXISTS); sent as `details`. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string) => new AppError(400, code, message);
export const unauthorized = (message = 'authentication required') => new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = 'not allowed') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} not found`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const tooMany = (message: string) => new AppError(429, 'RATE_LIMITED', message);
