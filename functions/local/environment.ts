import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NetworkRepository, TableStore, createDocumentClient, dropTable, ensureTable } from '../data';
import { startDynamoDbLocal, type RunningStore } from './dynamo';
import { seedNetwork, seedPlan, type ProgressReporter, type SeedResult } from './seed';

export const LOCAL_TABLE_NAME = 'engagierte-stadt-local';
/** Where the embedded store keeps its data between runs (git-ignored). */
export const LOCAL_DATA_DIR = join(__dirname, '..', '..', '.local', 'dynamodb');

export interface LocalStore {
  endpoint: string;
  tableName: string;
  /** True when this process started DynamoDB Local itself. */
  embedded: boolean;
  seed: SeedResult;
  close(): Promise<void>;
}

/**
 * Opens the store `npm start` and `npm run seed` use: the endpoint in
 * DYNAMODB_ENDPOINT if set, otherwise an embedded DynamoDB Local persisting to
 * `.local/`. Creates the table from the data layer's key definitions and seeds
 * it when it is new, stale, or `reset` is asked for.
 */
export async function openLocalStore(options: { reset?: boolean; forceSeed?: boolean; progress?: ProgressReporter; env?: NodeJS.ProcessEnv } = {}): Promise<LocalStore> {
  const env = options.env ?? process.env;
  const tableName = env.TABLE_NAME || LOCAL_TABLE_NAME;
  const region = env.AWS_REGION || 'eu-central-1';
  let running: RunningStore | undefined;
  let endpoint = env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    mkdirSync(LOCAL_DATA_DIR, { recursive: true });
    running = await startDynamoDbLocal({ dbPath: LOCAL_DATA_DIR, ...(env.DYNAMODB_PORT ? { port: Number(env.DYNAMODB_PORT) } : {}) });
    endpoint = running.endpoint;
  }
  const raw = new DynamoDBClient({
    endpoint,
    region,
    ...(running ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const repo = new NetworkRepository(new TableStore(createDocumentClient({ endpoint, region }), tableName));
  const plan = seedPlan();
  try {
    if (options.reset) await dropTable(raw, tableName);
    await ensureTable(raw, tableName);
    const marker = await repo.getSeedDigest();
    if (marker !== null && marker !== plan.digest) {
      // Seeded by an older version of the data or the key design: start from an
      // empty table so no item keyed the old way is left behind.
      await dropTable(raw, tableName);
      await ensureTable(raw, tableName);
    }
  } finally {
    raw.destroy();
  }
  const seed = await seedNetwork(repo, {
    plan,
    force: Boolean(options.reset || options.forceSeed),
    ...(options.progress ? { progress: options.progress } : {}),
  });
  return {
    endpoint,
    tableName,
    embedded: running !== undefined,
    seed,
    close: async () => {
      await running?.stop();
    },
  };
}
