/**
 * The person's own withdrawal link, without a partner key: `POST /withdrawal`
 * with the one-time token issued with the consent. It calls the same erasure
 * as `withdrawConsent` on the partner resource (functions/data/erasure.ts),
 * with the audit actor `withdrawal-token`. Only POST withdraws: link
 * prefetchers and scanners send GET, which must never erase anyone.
 *
 * Kept free of GraphQL and Apollo, so its bundle and cold start stay small.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { parseWithdrawalToken } from '../data/consent';
import type { Erasure } from '../data/erasure';
import { ConflictError, NotFoundError, StoreUnavailableError } from '../shared/errors';
import { describeError, type Logger } from '../shared/log';

/** Path of the resource, on API Gateway and under `npm start`. */
export const WITHDRAWAL_PATH = 'withdrawal';

/** Methods the resource answers; everything else is 405 with this list as `Allow`. */
export const WITHDRAWAL_METHODS = ['POST', 'OPTIONS'] as const;

/** Request headers a cross-origin page may send: only the body's type. */
export const WITHDRAWAL_CORS_HEADERS = ['Content-Type'] as const;

/** How long browsers may cache the preflight answer. */
export const WITHDRAWAL_CORS_MAX_AGE_SECONDS = 86_400;

/**
 * Largest body accepted. A token is a portrait id plus 43 characters; a form
 * post adds a field name or two. Anything bigger is not a withdrawal.
 */
export const MAX_WITHDRAWAL_BODY_BYTES = 2_048;

/** Stable codes of the answers (docs/API.md, "Withdrawal link"). */
export type WithdrawalErrorCode =
  | 'BAD_REQUEST'
  | 'TOKEN_UNKNOWN_OR_USED'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'CONFLICT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export interface WithdrawalDependencies {
  /** The erasure for one request; the context bounds its store time. */
  erasureFor(context: Partial<Context>): Erasure;
  logger: Logger;
}

export type WithdrawalHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const BASE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'application/json; charset=utf-8',
  // The answer is about one person's consent: no cache may keep or replay it.
  'Cache-Control': 'no-store',
  'Access-Control-Allow-Origin': '*',
  'X-Content-Type-Options': 'nosniff',
};

function answer(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode, headers: { ...BASE_HEADERS, ...headers }, body: JSON.stringify(body) };
}

function refusal(statusCode: number, code: WithdrawalErrorCode, message: string, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return answer(statusCode, { error: { code, message } }, headers);
}

function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

type ParsedBody = { kind: 'token'; token: string } | { kind: 'refused'; result: APIGatewayProxyResult };

function badRequest(message: string): ParsedBody {
  return { kind: 'refused', result: refusal(400, 'BAD_REQUEST', message) };
}

/** The token from a JSON body `{"token": "…"}` or a form post `token=…`; nothing else is read. */
function tokenOf(event: APIGatewayProxyEvent): ParsedBody {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > MAX_WITHDRAWAL_BODY_BYTES) {
    return { kind: 'refused', result: refusal(413, 'PAYLOAD_TOO_LARGE', `The body may hold at most ${MAX_WITHDRAWAL_BODY_BYTES} bytes`) };
  }
  const text = bytes.toString('utf8');
  const mediaType = (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  let token: unknown;
  if (mediaType === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return badRequest('The body is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return badRequest('The body must be a JSON object {"token": "…"}');
    token = (parsed as Record<string, unknown>).token;
  } else if (mediaType === 'application/x-www-form-urlencoded') {
    const values = new URLSearchParams(text).getAll('token');
    if (values.length > 1) return badRequest('Give the token once');
    token = values[0];
  } else {
    return {
      kind: 'refused',
      result: refusal(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send application/json or application/x-www-form-urlencoded'),
    };
  }
  if (typeof token !== 'string' || token.length === 0) return badRequest('The body must carry the token');
  // A token that cannot be one is a malformed request, not an unknown token.
  if (!parseWithdrawalToken(token)) return badRequest('This is not a withdrawal token');
  return { kind: 'token', token };
}

/**
 * Builds the Lambda entry around an erasure. Logs carry opaque ids and counts
 * only: never the body, the token or the event (CloudWatch cannot delete a
 * single log event).
 */
export function createWithdrawalHandler(deps: WithdrawalDependencies): WithdrawalHandler {
  const { logger } = deps;
  return async (event, context) => {
    logger.addInvocation(context);
    const method = (event.httpMethod ?? '').toUpperCase();
    if (method === 'OPTIONS') {
      return {
        statusCode: 204,
        headers: {
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Allow-Methods': WITHDRAWAL_METHODS.join(','),
          'Access-Control-Allow-Headers': WITHDRAWAL_CORS_HEADERS.join(','),
          'Access-Control-Max-Age': String(WITHDRAWAL_CORS_MAX_AGE_SECONDS),
          'Cache-Control': 'no-store',
        },
        body: '',
      };
    }
    if (method !== 'POST') {
      return refusal(405, 'METHOD_NOT_ALLOWED', 'Only POST withdraws consent', { Allow: WITHDRAWAL_METHODS.join(', ') });
    }
    const body = tokenOf(event);
    if (body.kind === 'refused') return body.result;

    try {
      const erasure = deps.erasureFor(context);
      const portraitId = await erasure.portraitOfToken(body.token);
      const outcome = await erasure.erase(portraitId, { kind: 'withdrawal-token' }, 'CONSENT_WITHDRAWN');
      logger.info('Consent withdrawn by token', { portraitId, itemsErased: outcome.itemsErased, photosErased: outcome.photosErased });
      if (!outcome.photosErased) logger.warn("No photo eraser is configured: the erased portrait's photos were not erased", { portraitId });
      return answer(200, { withdrawn: true });
    } catch (error) {
      // Unknown and used alike, so the answer tells a guesser nothing.
      if (error instanceof NotFoundError) return refusal(404, 'TOKEN_UNKNOWN_OR_USED', 'This withdrawal link is unknown or has been used');
      if (error instanceof ConflictError) {
        return refusal(409, 'CONFLICT', 'The portrait changed while withdrawing; send the request again');
      }
      if (error instanceof StoreUnavailableError) {
        return refusal(503, 'SERVICE_UNAVAILABLE', 'The service is busy; nothing was withdrawn, try again shortly', { 'Retry-After': '5' });
      }
      logger.error('Withdrawal failed', describeError(error));
      return refusal(500, 'INTERNAL_SERVER_ERROR', 'Nothing was withdrawn; try again later');
    }
  };
}
