import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, StoreError, StoreUnavailableError } from '../shared/errors';
import { describeError, type Logger } from '../shared/log';

/**
 * Codes this API refuses a request with before or instead of executing it.
 * Public contract: third parties branch on them (docs/API.md lists each).
 */
export type RefusalCode =
  | 'QUERY_TOO_DEEP'
  | 'TOO_MANY_ALIASES'
  | 'TOO_MANY_DIRECTIVES'
  | 'TOO_MANY_TOKENS'
  | 'QUERY_TOO_COSTLY'
  | 'PAYLOAD_TOO_LARGE'
  | 'URI_TOO_LONG'
  | 'METHOD_NOT_ALLOWED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'NOT_ACCEPTABLE'
  | 'BAD_REQUEST';

/** Codes GraphQL itself, Apollo and our refusals attach; safe to pass through with their messages. */
const PUBLIC_CODES = new Set<string>([
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
  'SERVICE_UNAVAILABLE',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'TOO_MANY_TOKENS',
  'QUERY_TOO_COSTLY',
  'PAYLOAD_TOO_LARGE',
  'URI_TOO_LONG',
  'METHOD_NOT_ALLOWED',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_ACCEPTABLE',
]);

/**
 * Codes of errors in a request that was well-formed HTTP but is not a valid or
 * acceptable GraphQL request. The GraphQL-over-HTTP spec wants 200 for these
 * when the client asked for legacy `application/json`.
 */
export const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'TOO_MANY_TOKENS',
  'QUERY_TOO_COSTLY',
]);

export const INTERNAL_MESSAGE = 'Internal server error';

/**
 * A request refused by a limit or by the HTTP layer. Apollo re-wraps validation
 * errors under GRAPHQL_VALIDATION_FAILED; the formatter finds this error in the
 * chain and restores its own code.
 */
export class RequestRefusedError extends GraphQLError {
  constructor(
    readonly code: RefusalCode,
    message: string,
    /** Safe-to-publish details such as `{ limit: 10 }`. */
    readonly details: Record<string, unknown> = {},
    readonly status = 400,
  ) {
    super(message, { extensions: { code, ...details, http: { status } } });
  }
}

// graphql-js raises its own token limit (parse option `maxTokens`) as a plain syntax error (16.x spells it "more that").
const TOKEN_LIMIT = /Document contains more tha[nt] (\d+) tokens/;

function refusalIn(error: unknown): RequestRefusedError | undefined {
  for (let e = error, hops = 0; e instanceof Error && hops < 5; e = (e as GraphQLError).originalError ?? e.cause, hops++) {
    if (e instanceof RequestRefusedError) return e;
  }
  return undefined;
}

/**
 * The body of an error answered without running GraphQL (HTTP-layer refusals),
 * shaped like any GraphQL error response.
 */
export function refusalBody(error: RequestRefusedError): { errors: GraphQLFormattedError[] } {
  return { errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }] };
}

/**
 * The one place errors become responses: domain errors keep their message and
 * code, limit refusals get their own code back, GraphQL's own request errors
 * pass through, anything else is masked as INTERNAL_SERVER_ERROR and logged
 * with its cause. Stack traces never leave.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
    if (original instanceof StoreUnavailableError) {
      // Operators see the cause; clients see a stable code they may retry on.
      logger.warn('store unavailable', { path: formatted.path, ...describeError(original) });
    }
    if (original instanceof DomainError && !(original instanceof StoreError)) {
      return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
    }
    const refusal = refusalIn(original);
    if (refusal) return { ...base, ...refusalBody(refusal).errors[0]! };
    const code = formatted.extensions?.code;
    const tokens = code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null;
    if (tokens) {
      const limit = Number(tokens[1]);
      return { message: `Query has more than ${limit} tokens, the limit`, extensions: { code: 'TOO_MANY_TOKENS', limit } };
    }
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
