/**
 * Naive baseline of the partner authorizer: what a first version of the same
 * job looks like — a DynamoDB document client, GetItem of the credential by
 * the key id in the secret, a SHA-256 comparison, an Allow policy — bundled
 * with the same esbuild options as every bundle in the cold-start benchmark.
 * It reads the same credential item the deployed authorizer reads.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';

const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region: process.env.AWS_REGION ?? 'eu-central-1',
    ...(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {}),
  }),
);

export async function handler(event: { authorizationToken?: string; methodArn: string }) {
  const secret = /^Bearer esk_([0-9a-f]{16})\.\S+$/.exec(event.authorizationToken ?? '');
  if (!secret) throw new Error('Unauthorized');
  const { Item } = await client.send(
    new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: `Credential#${secret[1]}`, sk: 'Credential' }, ConsistentRead: true }),
  );
  const presented = createHash('sha256').update(event.authorizationToken!.slice('Bearer '.length)).digest('hex');
  if (!Item || Item.revokedAt || Item.secretHash !== presented) throw new Error('Unauthorized');
  return {
    principalId: secret[1],
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }] },
    context: { role: Item.role, scopes: (Item.scopes as string[]).join(',') },
  };
}
