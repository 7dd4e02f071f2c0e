import { GraphQLError } from 'graphql';

/**
 * The catalogue of error codes a client can rely on (`extensions.code`).
 * One place, like fastify's FST_ERR_* list, so the SPA and plugin authors
 * can switch on codes instead of parsing messages.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  CSRF: 'CSRF',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldProblem {
  field: string;
  message: string;
}

export class KefuError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
    this.name = 'KefuError';
    this.code = code;
  }
}

export const unauthenticated = (message = 'Sign in first.') => new KefuError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You do not have permission to do this.') => new KefuError('FORBIDDEN', message);
export const notFound = (what: string) => new KefuError('NOT_FOUND', `${what} not found.`);
export const conflict = (message: string) => new KefuError('CONFLICT', message);
export const badInput = (problems: FieldProblem[]) =>
  new KefuError('BAD_USER_INPUT', problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '), {
    fields: problems,
  });
export const rateLimited = (retryAfterSeconds: number) =>
  new KefuError('RATE_LIMITED', `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, {
    retryAfterSeconds,
  });
