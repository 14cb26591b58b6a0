export {
  ALLOWED_METHODS,
  CORS_ALLOW_HEADERS,
  CORS_MAX_AGE_SECONDS,
  checkRequest,
  finishResult,
  internalErrorResult,
  isPartnerEvent,
  preflightResult,
  refusalResult,
  toResult,
} from './adapter';
export { GRAPHQL_RESPONSE_JSON, JSON_TYPE, negotiateResponseType } from './media';
export { etagOf, matchesIfNoneMatch } from './etag';
