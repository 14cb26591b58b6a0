/**
 * Lambda entry of the naive baseline, configured from the same environment
 * variables as the project's handler. It imports the whole DynamoDB client
 * module namespace, as code that builds its client from `* as dynamodb` does.
 */
import { handlers, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import * as dynamodb from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createNaiveServer } from './server';

const client = DynamoDBDocumentClient.from(
  new dynamodb.DynamoDBClient({
    region: process.env.AWS_REGION ?? 'eu-central-1',
    ...(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {}),
  }),
  { marshallOptions: { removeUndefinedValues: true } },
);

export const handler = startServerAndCreateLambdaHandler(
  createNaiveServer(client, process.env.TABLE_NAME ?? ''),
  handlers.createAPIGatewayProxyEventRequestHandler(),
);
