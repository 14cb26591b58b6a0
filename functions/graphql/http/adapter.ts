import { HeaderMap, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { INTERNAL_MESSAGE, REQUEST_ERROR_CODES, RequestRefusedError, refusalBody } from '../errors';
import { LIMITS } from '../limits';
import { UNCACHEABLE } from '../cache';
import { etagOf, matchesIfNoneMatch } from './etag';
import { JSON_TYPE, negotiateResponseType, parseMediaType } from './media';
import { ALLOWED_METHODS as ALLOWED_METHOD_LIST, CORS_ALLOWED_REQUEST_HEADERS, CORS_MAX_AGE_SECONDS } from './contract';

export const ALLOWED_METHODS = ALLOWED_METHOD_LIST.join(', ');
const PARTNER_METHODS = 'POST, OPTIONS';
export const CORS_ALLOW_HEADERS = CORS_ALLOWED_REQUEST_HEADERS.join(', ');
export { CORS_MAX_AGE_SECONDS };

/** The API-key endpoint partners sync through: never cached by anyone, no CORS. */
export function isPartnerEvent(event: APIGatewayProxyEvent): boolean {
  return (event.resource ?? event.path ?? '').startsWith('/partner/');
}

export type Checked =
  | { kind: 'request'; request: HTTPGraphQLRequest }
  | { kind: 'preflight' }
  | { kind: 'refused'; error: RequestRefusedError };

function headerMap(event: APIGatewayProxyEvent): HeaderMap {
  const headers = new HeaderMap();
  // Repeated headers arrive only in multiValueHeaders; join them as HTTP does.
  for (const [name, values] of Object.entries(event.multiValueHeaders ?? {})) {
    if (values && values.length > 0) headers.set(name, values.join(', '));
  }
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined && !headers.has(name)) headers.set(name, value);
  }
  return headers;
}

function searchOf(event: APIGatewayProxyEvent): URLSearchParams {
  // API Gateway has already percent-decoded these values; decoding again (as the
  // stock integration does) corrupts a literal `%` and throws on a lone one.
  const search = new URLSearchParams();
  const multi = event.multiValueQueryStringParameters;
  if (multi) {
    for (const [name, values] of Object.entries(multi)) for (const value of values ?? []) search.append(name, value);
  } else {
    for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) if (value !== undefined) search.append(name, value);
  }
  return search;
}

const refused = (code: ConstructorParameters<typeof RequestRefusedError>[0], message: string, status: number, details: Record<string, unknown> = {}): Checked => ({
  kind: 'refused',
  error: new RequestRefusedError(code, message, details, status),
});

/**
 * Checks what Apollo does not, or does only after running the operation: the
 * method, request size, media types, JSON syntax and batching. What passes is
 * the request Apollo executes.
 */
export function checkRequest(event: APIGatewayProxyEvent): Checked {
  const method = (event.httpMethod ?? '').toUpperCase();
  const headers = headerMap(event);
  if (method === 'OPTIONS') return { kind: 'preflight' };
  if (method !== 'GET' && method !== 'POST') {
    return refused('METHOD_NOT_ALLOWED', `Method ${method || '(none)'} is not allowed; use GET or POST`, 405, { allow: ALLOWED_METHODS });
  }
  // Partners sync with keyed POSTs only (the API Gateway method is POST), locally too.
  if (method !== 'POST' && isPartnerEvent(event)) {
    return refused('METHOD_NOT_ALLOWED', `Method ${method} is not allowed on the partner endpoint; use POST`, 405, { allow: PARTNER_METHODS });
  }
  if (negotiateResponseType(headers.get('accept')) === null) {
    return refused('NOT_ACCEPTABLE', 'Accept must allow application/graphql-response+json or application/json', 406);
  }
  const search = searchOf(event);
  const searchString = search.toString();
  if (method === 'GET') {
    if (Buffer.byteLength(searchString) > LIMITS.maxQueryStringBytes) {
      return refused('URI_TOO_LONG', `Query string exceeds the limit of ${LIMITS.maxQueryStringBytes} bytes; use POST or a persisted query`, 414, {
        limit: LIMITS.maxQueryStringBytes,
      });
    }
    return { kind: 'request', request: { method, headers, search: searchString, body: undefined } };
  }

  const raw = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8')) : null;
  if (raw && raw.length > LIMITS.maxBodyBytes) {
    return refused('PAYLOAD_TOO_LARGE', `Request body exceeds the limit of ${LIMITS.maxBodyBytes} bytes`, 413, { limit: LIMITS.maxBodyBytes });
  }
  // Only JSON bodies: they cannot be sent cross-site without a CORS preflight,
  // which is what keeps simple (CSRF-able) POSTs from ever executing.
  const contentType = headers.get('content-type');
  const media = contentType ? parseMediaType(contentType) : undefined;
  if (!media || media.essence !== JSON_TYPE || (media.params.charset !== undefined && media.params.charset !== 'utf-8')) {
    return refused('UNSUPPORTED_MEDIA_TYPE', 'POST bodies must be application/json (utf-8)', 415);
  }
  if (!raw || raw.length === 0) return refused('BAD_REQUEST', 'POST body is empty; send {"query": "..."}', 400);
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return refused('BAD_REQUEST', 'Request body is not valid JSON', 400);
  }
  if (Array.isArray(body)) return refused('BAD_REQUEST', 'Batched requests are not supported; send one operation per request', 400);
  return { kind: 'request', request: { method, headers, search: searchString, body } };
}

function corsHeaders(): Record<string, string> {
  return { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'ETag' };
}

/** The answer to a preflight (OPTIONS): which methods and headers, cached by the browser. */
export function preflightResult(partner: boolean): APIGatewayProxyResult {
  const headers: Record<string, string> = { allow: ALLOWED_METHODS, 'cache-control': 'public, max-age=' + CORS_MAX_AGE_SECONDS };
  if (!partner) {
    Object.assign(headers, {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': ALLOWED_METHODS,
      'access-control-allow-headers': CORS_ALLOW_HEADERS,
      'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
    });
  }
  return { statusCode: 204, headers, body: '' };
}

/** A refusal from the HTTP layer, shaped like any GraphQL error response. */
export function refusalResult(error: RequestRefusedError, accept: string | undefined): APIGatewayProxyResult {
  const body = JSON.stringify(refusalBody(error));
  const headers: Record<string, string> = {
    'content-type': `${negotiateResponseType(accept) ?? JSON_TYPE}; charset=utf-8`,
    'cache-control': UNCACHEABLE,
  };
  const allow = error.details.allow;
  if (typeof allow === 'string') headers.allow = allow;
  return { statusCode: error.status, headers, body };
}

/** Apollo's answer as a REST API proxy result. */
export function toResult(response: HTTPGraphQLResponse): APIGatewayProxyResult {
  if (response.body.kind !== 'complete') throw new Error('incremental delivery is not enabled');
  return { statusCode: response.status ?? 200, headers: Object.fromEntries(response.headers), body: response.body.string };
}

/** The answer when the adapter itself fails: masked, as formatError would. */
export function internalErrorResult(): APIGatewayProxyResult {
  return {
    statusCode: 500,
    headers: { 'content-type': `${JSON_TYPE}; charset=utf-8`, 'cache-control': UNCACHEABLE },
    body: JSON.stringify({ errors: [{ message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }),
  };
}

function onlyRequestErrors(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
    return (
      parsed.data === undefined &&
      Array.isArray(parsed.errors) &&
      parsed.errors.length > 0 &&
      parsed.errors.every((e) => typeof e.extensions?.code === 'string' && REQUEST_ERROR_CODES.has(e.extensions.code))
    );
  } catch {
    return false;
  }
}

/**
 * Finishes every answer in place: CORS on the public endpoint, `private,
 * no-store` on the partner endpoint, `ETag` and `304` for GETs, and the
 * GraphQL-over-HTTP status rule for legacy `application/json` clients.
 */
export function finishResult(event: APIGatewayProxyEvent, result: APIGatewayProxyResult): void {
  const partner = isPartnerEvent(event);
  const headers: Record<string, string | number | boolean> = { ...(result.headers ?? {}) };
  const contentType = String(headers['content-type'] ?? '');
  // The spec: with application/json, a well-formed request whose GraphQL
  // document fails (parse, validation, variables, our limits) answers 200.
  if (result.statusCode === 400 && contentType.startsWith(JSON_TYPE) && onlyRequestErrors(result.body)) result.statusCode = 200;
  headers.vary = 'Accept';
  if (partner) headers['cache-control'] = 'private, no-store';
  else Object.assign(headers, corsHeaders());
  const method = (event.httpMethod ?? '').toUpperCase();
  if (method === 'GET' && result.statusCode === 200 && result.body) {
    const etag = etagOf(result.body);
    headers.etag = etag;
    const ifNoneMatch = headerMap(event).get('if-none-match');
    if (matchesIfNoneMatch(ifNoneMatch, etag)) {
      result.statusCode = 304;
      result.body = '';
      delete headers['content-type'];
      delete headers['content-length'];
    }
  }
  result.headers = headers;
}
