/**
 * Domain errors with stable codes. The data layer and resolvers throw these;
 * `functions/graphql/errors.ts` maps them to `extensions.code` in one place.
 * Nothing here imports `graphql`.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'CONFLICT'
  | 'SERVICE_UNAVAILABLE'
  | 'CURSOR_EXPIRED'
  | 'INTERNAL_SERVER_ERROR';

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  /** Extra, safe-to-publish details (e.g. the argument that was wrong). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.details = details;
  }
}

export class ValidationError extends DomainError {
  override readonly name = 'ValidationError';
  readonly code = 'BAD_USER_INPUT' as const;
}

export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  readonly code = 'NOT_FOUND' as const;
}

/** No credential, or one that is unknown, malformed or revoked; the caller cannot tell which. */
export class UnauthenticatedError extends DomainError {
  override readonly name = 'UnauthenticatedError';
  readonly code = 'UNAUTHENTICATED' as const;
}

/** A valid credential asking for something outside its role or scope. */
export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
  readonly code = 'FORBIDDEN' as const;
}

export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
  readonly code = 'CONFLICT' as const;
}

/** A change-feed cursor older than the feed's retention: the client must resync from a full export. */
export class CursorExpiredError extends DomainError {
  override readonly name = 'CursorExpiredError';
  readonly code = 'CURSOR_EXPIRED' as const;
}

/** A store failure the caller cannot fix; its message is never shown to clients. */
export class StoreError extends DomainError {
  override readonly name = 'StoreError';
  readonly code = 'INTERNAL_SERVER_ERROR' as const;
}

/**
 * The store stayed throttled, failing or unreachable through every retry the
 * request's time budget allowed. Transient by nature: clients may retry later.
 */
export class StoreUnavailableError extends DomainError {
  override readonly name = 'StoreUnavailableError';
  readonly code = 'SERVICE_UNAVAILABLE' as const;
}
