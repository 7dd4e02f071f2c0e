import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';

/**
 * Errors a client may see: our coded errors and GraphQL's own validation
 * errors. Anything else is an unexpected failure: logged in full, returned
 * as a generic INTERNAL error so stack traces and SQL never leak.
 */
export function maskUnexpectedErrors(errors: readonly GraphQLError[], logger: Logger): GraphQLError[] {
  return errors.map((error) => {
    const original = error.originalError;
    const status = (original as { statusCode?: number } | undefined)?.statusCode;
    const isClientFacing =
      !original ||
      original instanceof GraphQLError ||
      typeof error.extensions?.code === 'string' ||
      (typeof status === 'number' && status < 500);
    if (isClientFacing) return error;
    logger.error({ err: original, path: error.path }, 'unexpected error in resolver');
    return new GraphQLError('Internal server error', {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: 'INTERNAL' },
    });
  });
}
