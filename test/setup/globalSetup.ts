import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NetworkRepository, TableStore, createDocumentClient, ensureTable } from '../../functions/data';
import { startDynamoDbLocal, type RunningDynamoDbLocal } from '../../local/dynamo';
import { seedNetwork } from '../../local/seed';

declare global {
  // eslint-disable-next-line no-var
  var __DYNAMO__: RunningDynamoDbLocal | undefined;
}

export const SEEDED_TABLE = 'engagierte-stadt-test';

/**
 * Starts one DynamoDB Local for the whole run on a free port and seeds the
 * shared read-only table. Tests that write create tables of their own.
 */
export default async function globalSetup(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const store = await startDynamoDbLocal();
  globalThis.__DYNAMO__ = store;
  process.env.DYNAMODB_ENDPOINT = store.endpoint;
  process.env.TABLE_NAME = SEEDED_TABLE;
  const raw = new DynamoDBClient({ endpoint: store.endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(raw, SEEDED_TABLE);
  raw.destroy();
  const repo = new NetworkRepository(new TableStore(createDocumentClient({ endpoint: store.endpoint, region: 'eu-central-1' }), SEEDED_TABLE));
  await seedNetwork(repo);
}
