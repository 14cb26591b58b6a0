import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, StoreError } from '../shared/errors';
import { describeError, type Logger } from '../shared/log';

/** Codes GraphQL itself and Apollo attach; safe to pass through with their messages. */
const PUBLIC_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'CONFLICT',
  'QUERY_TOO_COMPLEX',
]);

export const INTERNAL_MESSAGE = 'Internal server error';

/**
 * The one place errors become responses: domain errors keep their message and
 * code, GraphQL's own request errors pass through, anything else is masked as
 * INTERNAL_SERVER_ERROR and logged with its cause. Stack traces never leave.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
    if (original instanceof DomainError && !(original instanceof StoreError)) {
      return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
    }
    const code = formatted.extensions?.code;
    if (!(original instanceof DomainError) && typeof code === 'string' && PUBLIC_CODES.has(code)) {
      const { stacktrace: _dropped, exception: _alsoDropped, ...extensions } = formatted.extensions ?? {};
      return { ...base, message: formatted.message, extensions };
    }
    if (original instanceof GraphQLError && !original.originalError && original.extensions?.code === undefined && !formatted.path) {
      // Request-level errors GraphQL raises without a code (e.g. variable coercion) are the caller's fault.
      return { ...base, message: formatted.message, extensions: { code: 'BAD_USER_INPUT' } };
    }
    logger.error('unhandled error in GraphQL request', { path: formatted.path, ...describeError(original) });
    return { ...base, message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
