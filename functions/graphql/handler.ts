import type { HTTPGraphQLRequest } from '@apollo/server';
import { handlers, startServerAndCreateLambdaHandler, type middleware } from '@as-integrations/aws-lambda';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { NetworkRepository, TableStore, createDocumentClient } from '../data';
import { loadConfig } from '../shared/config';
import { createLogger, describeError } from '../shared/log';
import { createContext } from './context';
import { checkRequest, finishResult, internalErrorResult, isPartnerEvent, preflightResult, refusalResult, toResult } from './http';
import { createApolloServer } from './server';

// Built once per container: configuration, client and server are reused across
// invocations; loaders are built per request in createContext.
const config = loadConfig();
const logger = createLogger(config.logLevel);
const repo = new NetworkRepository(
  new TableStore(createDocumentClient({ endpoint: config.dynamodbEndpoint, region: config.region }), config.tableName),
  { retentionDays: config.changeRetentionDays },
);
const server = createApolloServer({ logger, environment: config.environment });

// The HTTP checks parse the body once; the event parser picks the result up here.
const checked = new WeakMap<APIGatewayProxyEvent, HTTPGraphQLRequest>();

const requestHandler = handlers.createRequestHandler<APIGatewayProxyEvent, APIGatewayProxyResult>(
  (event) => {
    const request = checked.get(event);
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
  checked.set(event, outcome.request);
  return async (result) => finishResult(event, result);
};

/** API Gateway REST API (proxy integration) entry point, for `/graphql` and `/partner/graphql`. */
export const handler = startServerAndCreateLambdaHandler(server, requestHandler, {
  context: async () => createContext({ repo, logger }),
  middleware: [httpLayer],
});
