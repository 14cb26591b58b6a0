import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NetworkRepository, TableStore, createDocumentClient, dropTable, ensureTable } from '../functions/data';
import { LocalSetupError, startDynamoDbLocal, type RunningDynamoDbLocal } from './dynamo';
import { seedNetwork, seedPlan, type ProgressReporter, type SeedResult } from './seed';

export const LOCAL_TABLE_NAME = 'engagierte-stadt-local';
/** Where the embedded store keeps its data between runs (git-ignored). */
export const LOCAL_DATA_DIR = join(__dirname, '..', '.local', 'dynamodb');

export interface LocalTable {
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
 * `.local/`. Creates the table from the data layer's key definitions and
 * brings it up to date with the seed through the write path, exactly as a seed
 * against AWS does (nothing written through the API is overwritten). `reset`
 * drops the table first, on a loopback endpoint only unless `allowRemoteReset`.
 */
export async function openLocalTable(
  options: { reset?: boolean; allowRemoteReset?: boolean; forceSeed?: boolean; progress?: ProgressReporter; env?: NodeJS.ProcessEnv } = {},
): Promise<LocalTable> {
  const env = options.env ?? process.env;
  const tableName = env.TABLE_NAME || LOCAL_TABLE_NAME;
  const region = env.AWS_REGION || 'eu-central-1';
  let running: RunningDynamoDbLocal | undefined;
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
    if (options.reset) {
      // Dropping a table is for the embedded store and other stores on this
      // machine; anything else needs the caller to say so explicitly.
      if (!isLoopbackEndpoint(endpoint) && !options.allowRemoteReset) {
        throw new LocalSetupError(`Refusing to drop ${tableName} behind ${endpoint}: not a loopback endpoint. Pass --force-remote-reset to do it anyway.`);
      }
      await dropTable(raw, tableName);
    }
    await ensureTable(raw, tableName);
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

/** True for endpoints on this machine (the embedded store, a DynamoDB Local started by hand). */
export function isLoopbackEndpoint(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname;
    return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}
