import type { HTTPGraphQLRequest } from '@apollo/server';
import type { middleware } from '@as-integrations/aws-lambda';
// The package index also loads its ALB and HTTP API handlers, which require
// @apollo/server's CommonJS build: a second copy of Apollo Server in an ES
// module bundle. These two files are all the REST adapter needs.
import { startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda/dist/lambdaHandler';
import { createRequestHandler } from '@as-integrations/aws-lambda/dist/request-handlers/_create';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { GraphQLSchema } from 'graphql';
import { DEFAULT_RETRY_POLICY, NetworkRepository, TableStore, createDocumentClient, feedSigningKey } from '../data';
import { loadConfig } from '../shared/config';
import { createLogger, describeError } from '../shared/log';
import { principalForEvent, unauthenticatedResult } from './auth';
import type { Principal } from '../auth';
import { createContext, type ContextDependencies } from './context';
import { checkRequest, finishResult, internalErrorResult, isPartnerEvent, preflightResult, refusalResult, toResult } from './http';
import { METRIC, createMetrics, metricsPlugin } from './observability';
import { buildSchema, type SchemaOptions } from './schema';
import { createApolloServer } from './server';

// Built once per container: configuration, client and server are reused across
// invocations; loaders are built per request in createContext.
const config = loadConfig();
const logger = createLogger(config.logLevel);
const metrics = createMetrics();
const client = createDocumentClient({ endpoint: config.dynamodbEndpoint, region: config.region, attemptTimeoutMs: config.storeAttemptTimeoutMs });
// One invocation at a time per container: a counter reset per invocation counts its DynamoDB requests.
let storeRequests = 0;
client.middlewareStack.add(
  (next) => async (args) => {
    storeRequests++;
    return next(args);
  },
  // `finalizeRequest` runs once per attempt, so retries count.
  { step: 'finalizeRequest', name: 'countStoreRequests' },
);
const store = new TableStore(client, config.tableName, undefined, { ...DEFAULT_RETRY_POLICY, attemptTimeoutMs: config.storeAttemptTimeoutMs });
// Per container, not per request: repositories are built per request for their time budget.
const signingKey = feedSigningKey(store);

/** Time kept back from the store's budget to format and return the answer. */
const ANSWER_MARGIN_MS = 500;

/**
 * The request's repository: the store must be done (retries included) while
 * the function still has time to answer, so a throttled or unreachable store
 * becomes an error answer, never a Lambda timeout.
 */
function repositoryFor(lambda: Partial<Context>): NetworkRepository {
  // Callers outside Lambda (probes, tools) may pass a bare context: the configured budget applies.
  const remaining = typeof lambda.getRemainingTimeInMillis === 'function' ? lambda.getRemainingTimeInMillis() - ANSWER_MARGIN_MS : Infinity;
  const budget = Math.min(remaining, config.requestBudgetMs);
  return new NetworkRepository(store.withDeadline(Date.now() + budget), {
    retentionDays: config.changeRetentionDays,
    nominationRetentionDays: config.nominationRetentionDays,
    signingKey,
  });
}
// The HTTP checks parse the body and read the principal once; the event parser and the context pick them up here.
const checked = new WeakMap<APIGatewayProxyEvent, { request: HTTPGraphQLRequest; principal: Principal }>();

const requestHandler = createRequestHandler<APIGatewayProxyEvent, APIGatewayProxyResult>(
  (event) => {
    const request = checked.get(event)?.request;
    if (!request) throw new Error('request reached Apollo without passing the HTTP checks');
    return request;
  },
  {
    success: toResult,
    error: (error) => {
      logger.error('GraphQL HTTP adapter failed', describeError(error));
      return internalErrorResult();
    },
  },
);

/** Answers preflights and refuses malformed requests before Apollo; finishes every answer's headers. */
const httpLayer: middleware.MiddlewareFn<typeof requestHandler> = async (event) => {
  const outcome = checkRequest(event);
  if (outcome.kind === 'preflight') return preflightResult(isPartnerEvent(event));
  if (outcome.kind === 'refused') {
    const result = refusalResult(outcome.error, event.headers?.accept ?? event.headers?.Accept);
    finishResult(event, result);
    return result;
  }
  // Defence in depth: API Gateway (or the local server) authenticates first, and
  // a partner request without its principal never reaches Apollo.
  const principal = principalForEvent(event);
  if (!principal) {
    const result = unauthenticatedResult();
    finishResult(event, result);
    return result;
  }
  checked.set(event, { request: outcome.request, principal });
  return async (result) => finishResult(event, result);
};

/**
 * Builds an API Gateway REST API (proxy integration) entry point around a
 * schema: every log line of the invocation carries its request id and
 * cold-start flag, and its metrics go out as one EMF line at the end. The
 * public function serves the public schema (`handler` below); the partner
 * function adds the private one (`partner-handler.ts`).
 */
export function createGraphqlHandler(
  schemaFor: (options: SchemaOptions) => GraphQLSchema,
  /** What only the partner function hands its resolvers: photo uploads and the photo eraser. */
  extras: Pick<ContextDependencies, 'photos' | 'photoEraser'> = {},
): (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult> {
  const schema = schemaFor({ validate: config.environment !== 'production' });
  const server = createApolloServer({ logger, environment: config.environment, plugins: [metricsPlugin(metrics)], schema });
  const graphqlHandler = startServerAndCreateLambdaHandler(server, requestHandler, {
    context: async ({ event, context }) =>
      createContext({ repo: repositoryFor(context), logger, principal: checked.get(event)?.principal, ...extras }),
    middleware: [httpLayer],
  });
  return async (event, context) => {
    logger.addInvocation(context);
    metrics.captureColdStartMetric();
    storeRequests = 0;
    try {
      return (await graphqlHandler(event, context, () => undefined)) as APIGatewayProxyResult;
    } finally {
      metrics.addMetric(METRIC.storeRequests, MetricUnit.Count, storeRequests);
      metrics.publishStoredMetrics();
    }
  };
}

/**
 * The public resource's entry point (`/graphql`; tests also send it partner
 * events): the public schema only. Pure, so a bundle that imports only the
 * factory (the partner entry) leaves this server and the public schema document out.
 */
export const handler = /* @__PURE__ */ createGraphqlHandler(buildSchema);
