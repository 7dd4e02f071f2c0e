import type { CombinedError, OperationResult } from '@urql/vue';

/** The `extensions.code` values the server promises (server/src/graphql/errors.ts), plus two of our own. */
export type ProblemCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'RATE_LIMITED'
  | 'CONFLICT'
  | 'NOT_FOUND'
  | 'CSRF'
  | 'INTERNAL'
  /** No usable answer from the server at all. */
  | 'NETWORK'
  /** A code this version of the SPA does not know. */
  | 'UNKNOWN';

export interface FieldProblem {
  field: string;
  message: string;
}

/** A failed request, reduced to what the UI needs to explain it. */
export interface Problem {
  code: ProblemCode;
  /** The server's (English) message, for details the code alone cannot say. */
  message: string;
  fields: FieldProblem[];
  retryAfterSeconds?: number;
}

const KNOWN_CODES = new Set<string>(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'RATE_LIMITED', 'CONFLICT', 'NOT_FOUND', 'CSRF', 'INTERNAL']);

export class ProblemError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.message);
    this.name = 'ProblemError';
    this.problem = problem;
  }
}

function asFieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is FieldProblem => typeof item?.field === 'string' && typeof item?.message === 'string',
  );
}

export function problemFromError(error: CombinedError): Problem {
  const first = error.graphQLErrors[0];
  if (!first) return { code: 'NETWORK', message: error.networkError?.message ?? error.message, fields: [] };
  const extensions = first.extensions ?? {};
  const rawCode = typeof extensions.code === 'string' ? extensions.code : '';
  const problem: Problem = {
    code: KNOWN_CODES.has(rawCode) ? (rawCode as ProblemCode) : 'UNKNOWN',
    message: first.message,
    fields: asFieldProblems(extensions.fields),
  };
  if (typeof extensions.retryAfterSeconds === 'number') problem.retryAfterSeconds = extensions.retryAfterSeconds;
  return problem;
}

/** Any thrown value as a Problem, so views need one error path. */
export function toProblem(error: unknown): Problem {
  if (error instanceof ProblemError) return error.problem;
  return { code: 'UNKNOWN', message: error instanceof Error ? error.message : String(error), fields: [] };
}

/** The result's data, or a ProblemError: lets actions use plain async/await. */
export function unwrap<Data>(result: OperationResult<Data>): Data {
  if (result.error) throw new ProblemError(problemFromError(result.error));
  if (result.data === undefined || result.data === null) {
    throw new ProblemError({ code: 'NETWORK', message: 'The server sent no data.', fields: [] });
  }
  return result.data;
}

/** The server's message for one input field; matches `email` and nested paths like `input.email`. */
export function fieldMessage(problem: Problem | null, field: string): string | undefined {
  return problem?.fields.find((item) => item.field === field || item.field.endsWith(`.${field}`))?.message;
}
