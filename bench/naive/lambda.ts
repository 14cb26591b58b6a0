/**
 * The naive GraphQL Lambda, configured from the same environment variables as
 * the project's handler, over the SDL it is given. It imports the whole
 * DynamoDB client module namespace, as code that builds its client from
 * `* as dynamodb` does. The cold-start benchmark bundles a two-line entry
 * that calls this with the SDL text of the function it stands beside
 * (bench/naive/baselines.ts), so the SDL is a string in the bundle, as a
 * first version embeds it.
 */
import { handlers, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import * as dynamodb from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createNaiveServer } from './server';

export function createHandler(typeDefs: string) {
  const client = DynamoDBDocumentClient.from(
    new dynamodb.DynamoDBClient({
      region: process.env.AWS_REGION ?? 'eu-central-1',
      ...(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {}),
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return startServerAndCreateLambdaHandler(createNaiveServer(client, process.env.TABLE_NAME ?? '', typeDefs), handlers.createAPIGatewayProxyEventRequestHandler());
}
