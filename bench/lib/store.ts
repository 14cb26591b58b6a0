import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NetworkRepository, TableStore, createDocumentClient, ensureTable, type SeedBundle } from '../../functions/data';
import { seedItems } from '../../functions/data/bulk-items';
import { startDynamoDbLocal, type RunningDynamoDbLocal } from '../../local/dynamo';
import { seedNetwork } from '../../local/seed';
import { isMain, saveSection } from './report';

/** Region every benchmark client uses; DynamoDB Local ignores it but the SDK needs one. */
export const REGION = 'eu-central-1';
/** The table holding exactly the real seed data (network + municipalities). */
export const BASE_TABLE = 'bench-base';

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+$/;

/** A DynamoDB Local the benchmarks own for the run, in memory. */
export interface BenchStore {
  endpoint: string;
  /** Clients made here talk to this store only. */
  documentClient(): DynamoDBDocumentClient;
  /** Creates `table` (from the data layer's key definitions) if it is missing. */
  createTable(table: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local in memory and pins the process environment to it, so
 * nothing a benchmark imports (the handler reads its configuration at import)
 * can reach a real AWS endpoint or pick up real credentials.
 */
export async function startBenchStore(): Promise<BenchStore> {
  const running: RunningDynamoDbLocal = await startDynamoDbLocal();
  if (!LOOPBACK.test(running.endpoint)) throw new Error(`Benchmarks only run against loopback, got ${running.endpoint}`);
  pinEnvironment(running.endpoint, BASE_TABLE);
  return {
    endpoint: running.endpoint,
    documentClient: () => createDocumentClient({ endpoint: running.endpoint, region: REGION }),
    async createTable(table) {
      const raw = new DynamoDBClient({ endpoint: running.endpoint, region: REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      try {
        await ensureTable(raw, table);
      } finally {
        raw.destroy();
      }
    },
    stop: () => running.stop(),
  };
}

/** The environment the project's handler reads once at import. */
export function pinEnvironment(endpoint: string, table: string): void {
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.TABLE_NAME = table;
  process.env.AWS_REGION = REGION;
  process.env.APP_ENV = 'production';
  process.env.LOG_LEVEL = 'error';
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
}

/** Seeds the base table with the real data exactly as `npm start` does (network items, municipalities, marker). */
export async function seedBaseTable(store: BenchStore): Promise<void> {
  await store.createTable(BASE_TABLE);
  await seedNetwork(new NetworkRepository(new TableStore(store.documentClient(), BASE_TABLE)));
}

/** Writes extra network records (synthetic data) with the data layer's own item mapping. */
export async function writeBundle(store: BenchStore, table: string, bundle: SeedBundle): Promise<number> {
  const items = seedItems(bundle).filter((item) => item.sk !== 'ReportedMemberCounts');
  await new TableStore(store.documentClient(), table).batchPut(items, { concurrency: 8 });
  return items.length;
}

/** Runs `body` with a store of its own when a benchmark is started on its own. */
export async function withStore<T>(body: (store: BenchStore) => Promise<T>): Promise<T> {
  const store = await startBenchStore();
  try {
    return await body(store);
  } finally {
    await store.stop();
  }
}

/**
 * Runs one benchmark as its own script (`npx tsx bench/<name>.ts`): a store of
 * its own, optionally seeded, the benchmark, its table, and its section of
 * the results file. Does nothing when the module is imported by `run.ts`.
 */
export function runAsScript<T>(
  module: NodeJS.Module,
  name: string,
  benchmark: { run: (store: BenchStore) => Promise<T>; print: (result: T) => void; seed: boolean },
): void {
  if (!isMain(module)) return;
  withStore(async (store) => {
    if (benchmark.seed) await seedBaseTable(store);
    const result = await benchmark.run(store);
    benchmark.print(result);
    saveSection(name, result);
  }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
