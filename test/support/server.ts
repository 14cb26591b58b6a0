import type { ApolloServer } from '@apollo/server';
import { NetworkRepository, TableStore, createDocumentClient } from '../../functions/data';
import { createContext, type GraphQLContext } from '../../functions/graphql/context';
import { createApolloServer } from '../../functions/graphql/server';
import { buildSchema } from '../../functions/graphql/schema';
import { createLogger } from '../../functions/shared/log';

/**
 * The production Apollo server over a client whose DynamoDB requests are
 * counted by an SDK middleware (the store is real; nothing is mocked).
 */
export interface CountingServer {
  server: ApolloServer<GraphQLContext>;
  /** Runs an operation and returns its result and the DynamoDB requests it made, by command. */
  run(query: string, variables?: Record<string, unknown>): Promise<{ body: any; requests: number; byCommand: Record<string, number> }>;
  logs: string[];
}

/** Which schema the server serves: the public resource's, or the partner resource's (public + `schema/private/`). */
export type SchemaChoice = 'public' | 'partner';

export async function countingServer(tableName = process.env.TABLE_NAME!, options: { schema?: SchemaChoice } = {}): Promise<CountingServer> {
  const client = createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'eu-central-1' });
  let byCommand: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName);
      byCommand[name] = (byCommand[name] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  const logs: string[] = [];
  const logger = createLogger('error', (line) => logs.push(line));
  const repo = new NetworkRepository(new TableStore(client, tableName));
  const server = createApolloServer({
    logger,
    environment: 'test',
    schema: options.schema === 'partner' ? (await import('../../functions/graphql/partner-schema')).buildPartnerSchema({ validate: true }) : buildSchema({ validate: true }),
  });
  await server.start();
  return {
    server,
    logs,
    async run(query, variables) {
      byCommand = {};
      const response = await server.executeOperation({ query, variables }, { contextValue: createContext({ repo, logger }) });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      const requests = Object.values(byCommand).reduce((a, b) => a + b, 0);
      return { body: response.body.singleResult, requests, byCommand: { ...byCommand } };
    },
  };
}
