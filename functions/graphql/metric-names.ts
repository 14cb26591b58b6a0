/**
 * Names of the API's own CloudWatch metrics (EMF), free of dependencies so the
 * CDK operations construct alarms on the same names the handler emits.
 */

/** CloudWatch namespace of the API's own metrics. */
export const METRICS_NAMESPACE = 'EngagierteStadt';

/** The `service` dimension Powertools adds to every metric (functions/shared/log.ts SERVICE_NAME). */
export const METRICS_SERVICE = 'engagierte-stadt-graphql';

export const METRIC = Object.freeze({
  operations: 'Operations',
  cost: 'QueryCost',
  storeRequests: 'DynamoDBRequests',
  /** Errors in answers, with a `code` dimension (codes are a fixed set: bounded cardinality). */
  errors: 'GraphQLErrors',
});

/** Error codes that mean the API, not the caller, failed: what the error alarm watches. */
export const SERVER_ERROR_CODES = ['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE'] as const;
