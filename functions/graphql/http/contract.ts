/**
 * The HTTP contract of the public endpoint as plain constants, free of
 * dependencies so the CDK API construct imports the same values the handler
 * enforces (preflight headers, body limit) instead of a copy that can drift.
 */

/** Methods the endpoints answer; anything else is 405 with this list in `Allow`. */
export const ALLOWED_METHODS = ['GET', 'POST', 'OPTIONS'] as const;

/** Request headers browsers may send cross-origin (the preflight answer). */
export const CORS_ALLOWED_REQUEST_HEADERS: readonly string[] = [
  'Content-Type',
  'Accept',
  'If-None-Match',
  'Apollo-Require-Preflight',
  'X-Apollo-Operation-Name',
  'Apollographql-Client-Name',
  'Apollographql-Client-Version',
];

/** Browsers may reuse a preflight answer for a day. */
export const CORS_MAX_AGE_SECONDS = 86_400;

/** Size of a POST body in bytes; larger bodies get 413. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Size of a GET query string in bytes; longer queries go by POST or as persisted queries. */
export const MAX_QUERY_STRING_BYTES = 8 * 1024;
