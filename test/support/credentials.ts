import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createKey, repositoryScopeCheck, type AdminDependencies } from '../../cli/keys';
import { DynamoCredentialStore, NetworkRepository, TableStore, createDocumentClient, dropTable, ensureTable } from '../../functions/data';

/**
 * A fresh table for credentials on the test DynamoDB Local (tests never write
 * to the shared seeded table), with scope checks against the seeded network.
 */
export interface CredentialTable {
  tableName: string;
  client: DynamoDBDocumentClient;
  store: DynamoCredentialStore;
  deps: AdminDependencies;
  /** Issues a key through the admin command's code and returns its secret. */
  issue(role: 'partner' | 'city-editor' | 'admin', scopes?: string[]): Promise<{ keyId: string; secret: string }>;
  drop(): Promise<void>;
}

function rawClient(): DynamoDBClient {
  return new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

export async function credentialTable(): Promise<CredentialTable> {
  const tableName = `credentials-${randomUUID()}`;
  const raw = rawClient();
  await ensureTable(raw, tableName);
  raw.destroy();
  const client = createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'eu-central-1' });
  const store = new DynamoCredentialStore(client, tableName);
  const network = new NetworkRepository(new TableStore(client, process.env.TABLE_NAME!));
  const deps: AdminDependencies = { credentials: store, scopeExists: repositoryScopeCheck(network) };
  return {
    tableName,
    client,
    store,
    deps,
    async issue(role, scopes = []) {
      const created = await createKey(deps, {
        role,
        label: `test ${role}`,
        ...(role === 'partner' ? { programIds: scopes } : role === 'city-editor' ? { cityIds: scopes } : {}),
      });
      return { keyId: created.record.keyId, secret: created.secret };
    },
    async drop() {
      const drop = rawClient();
      await dropTable(drop, tableName);
      drop.destroy();
    },
  };
}
