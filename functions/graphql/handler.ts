import { handlers, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import { NetworkRepository, TableStore, createDocumentClient } from '../data';
import { loadConfig } from '../shared/config';
import { createLogger } from '../shared/log';
import { createContext } from './context';
import { createApolloServer } from './server';

// Built once per container: configuration, client and server are reused across
// invocations; loaders are built per request in createContext.
const config = loadConfig();
const logger = createLogger(config.logLevel);
const repo = new NetworkRepository(
  new TableStore(createDocumentClient({ endpoint: config.dynamodbEndpoint, region: config.region }), config.tableName),
);
const server = createApolloServer({ logger, environment: config.environment });

/** API Gateway REST API (proxy integration) entry point. */
export const handler = startServerAndCreateLambdaHandler(server, handlers.createAPIGatewayProxyEventRequestHandler(), {
  context: async () => createContext({ repo, logger }),
});
