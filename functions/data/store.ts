import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
  type PutCommandInput,
  type QueryCommandInput,
  type ScanCommandInput,
  type TransactWriteCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, StoreError, StoreUnavailableError } from '../shared/errors';
import type { PrimaryKey } from './keys';
import { DEFAULT_RETRY_POLICY, isTransientStoreError, withRetries, type RetryPolicy } from './retry';

/** What the data layer needs to reach its table. */
export interface StoreOptions {
  tableName: string;
  endpoint?: string | undefined;
  region: string;
}

/**
 * One document client per process (a Lambda container reuses it); repositories
 * receive it so tests can hand in a client pointed at DynamoDB Local.
 */
export function createDocumentClient(
  options: Pick<StoreOptions, 'endpoint' | 'region'> & {
    /** Longest one request may take before the SDK gives it up (the retry policy's attempt timeout). */
    attemptTimeoutMs?: number;
  },
): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint
      ? {
          endpoint: options.endpoint,
          // DynamoDB Local accepts any credentials; never use real ones against it.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
    // One attempt per SDK call: the store retries (retry.ts) within the request's
    // time budget, which the SDK's quota-based retries know nothing of.
    maxAttempts: 1,
    // Bounds a connection that never opens or a response that never comes.
    requestHandler: {
      connectionTimeout: 1_000,
      requestTimeout: options.attemptTimeoutMs ?? DEFAULT_RETRY_POLICY.attemptTimeoutMs,
      throwOnRequestTimeout: true,
    },
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}

/** BatchGetItem's limit per call. */
export const BATCH_GET_LIMIT = 100;
/** BatchWriteItem's limit per call. */
export const BATCH_WRITE_LIMIT = 25;
const MAX_RETRIES = 8;

export type Item = Record<string, unknown>;

function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function backoff(attempt: number): number {
  // Full jitter keeps concurrent retries from stampeding the same partition.
  return Math.random() * Math.min(1000, 25 * 2 ** attempt);
}

function keyString(key: PrimaryKey | Item): string {
  return `${String(key.pk)}\u0000${String(key.sk)}`;
}

/** Thin wrapper over the document client: batching, pagination and retries. */
export class TableStore {
  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
    /** Epoch milliseconds by which every request must be done (the Lambda's remaining time); none for CLI work. */
    readonly deadline?: number,
    readonly retryPolicy: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {}

  /** The same store for one request that must finish by `deadline` (epoch milliseconds). */
  withDeadline(deadline: number): TableStore {
    return new TableStore(this.client, this.tableName, deadline, this.retryPolicy);
  }

  /**
   * Reads items by key, ≤100 keys per BatchGetItem, retrying UnprocessedKeys
   * with backoff. Results come back in key order, `undefined` for misses.
   * `consistent` reads with ConsistentRead (the write path and the feed).
   */
  async batchGet(keys: readonly PrimaryKey[], options: { consistent?: boolean } = {}): Promise<(Item | undefined)[]> {
    if (keys.length === 0) return [];
    const unique = new Map<string, PrimaryKey>();
    for (const key of keys) unique.set(keyString(key), key);
    const found = new Map<string, Item>();
    await Promise.all(
      chunk([...unique.values()], BATCH_GET_LIMIT).map(async (part) => {
        let pending: Item[] = part.map((k) => ({ pk: k.pk, sk: k.sk }));
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt > MAX_RETRIES) throw new StoreError('BatchGetItem left keys unprocessed after retries');
          if (attempt > 0) await sleep(backoff(attempt));
          const result = await this.send(() =>
            this.client.send(
              new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ...(options.consistent ? { ConsistentRead: true } : {}) } } }),
            ),
          );
          for (const item of result.Responses?.[this.tableName] ?? []) found.set(keyString(item), item);
          pending = (result.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined) ?? [];
        }
      }),
    );
    return keys.map((k) => found.get(keyString(k)));
  }

  /** Runs a Query to the end of its result set, following LastEvaluatedKey. */
  async queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const page = await this.send(() =>
        this.client.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey: start })),
      );
      items.push(...((page.Items as Item[] | undefined) ?? []));
      start = page.LastEvaluatedKey as Item | undefined;
    } while (start);
    return items;
  }

  /**
   * Queries page by page until `wanted` items passed the filter, the range is
   * exhausted, or `maxRequests` Queries were made, each evaluating at most
   * `evaluate` items. Returns the items, whether the range is exhausted and,
   * when it is not, the key to resume after: a filter that rarely matches ends
   * a page early instead of reading the whole range.
   */
  async queryUntil(
    input: Omit<QueryCommandInput, 'TableName'>,
    wanted: number,
    bound: { maxRequests: number; evaluate: number } = { maxRequests: Infinity, evaluate: Math.max(wanted * 2, 50) },
  ): Promise<{ items: Item[]; exhausted: boolean; resumeKey?: Item }> {
    const items: Item[] = [];
    let start = input.ExclusiveStartKey as Item | undefined;
    for (let requests = 0; ; ) {
      const page = await this.send(() =>
        this.client.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey: start, Limit: bound.evaluate })),
      );
      requests++;
      items.push(...((page.Items as Item[] | undefined) ?? []));
      start = page.LastEvaluatedKey as Item | undefined;
      if (!start) return { items, exhausted: true };
      if (items.length >= wanted || requests >= bound.maxRequests) return { items, exhausted: false, resumeKey: start };
    }
  }

  /** Counts the items of a Query (Select COUNT), following pagination. */
  async count(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Select'>): Promise<number> {
    let total = 0;
    let start: Item | undefined;
    do {
      const page = await this.send(() =>
        this.client.send(new QueryCommand({ ...input, TableName: this.tableName, Select: 'COUNT', ExclusiveStartKey: start })),
      );
      total += page.Count ?? 0;
      start = page.LastEvaluatedKey as Item | undefined;
    } while (start);
    return total;
  }

  /**
   * Writes items with BatchWriteItem (25 per call, `concurrency` calls in
   * flight), retrying UnprocessedItems with backoff. `onProgress` receives the
   * number of items written so far.
   */
  async batchPut(items: readonly Item[], options: { concurrency?: number; onProgress?: (written: number) => void } = {}): Promise<void> {
    const parts = chunk(items, BATCH_WRITE_LIMIT);
    let next = 0;
    let written = 0;
    const worker = async () => {
      while (next < parts.length) {
        const part = parts[next++]!;
        let pending = part.map((Item) => ({ PutRequest: { Item } }));
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt > MAX_RETRIES) throw new StoreError('BatchWriteItem left items unprocessed after retries');
          if (attempt > 0) await sleep(backoff(attempt));
          const result = await this.send(() =>
            this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } })),
          );
          pending = (result.UnprocessedItems?.[this.tableName] as typeof pending | undefined) ?? [];
        }
        written += part.length;
        options.onProgress?.(written);
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, parts.length) }, worker));
  }

  /** One page of a base-table Query with ConsistentRead. */
  async consistentQueryPage(
    input: Omit<QueryCommandInput, 'TableName' | 'ConsistentRead' | 'IndexName'>,
  ): Promise<{ items: Item[]; lastKey: Item | undefined }> {
    const page = await this.send(() => this.client.send(new QueryCommand({ ...input, TableName: this.tableName, ConsistentRead: true })));
    return { items: (page.Items as Item[] | undefined) ?? [], lastKey: page.LastEvaluatedKey as Item | undefined };
  }

  /** One page of a strongly consistent Scan of the base table. */
  async consistentScanPage(
    input: Omit<ScanCommandInput, 'TableName' | 'ConsistentRead' | 'IndexName'>,
  ): Promise<{ items: Item[]; lastKey: Item | undefined }> {
    const page = await this.send(() => this.client.send(new ScanCommand({ ...input, TableName: this.tableName, ConsistentRead: true })));
    return { items: (page.Items as Item[] | undefined) ?? [], lastKey: page.LastEvaluatedKey as Item | undefined };
  }

  /**
   * Sends one request with the store's retry policy (retry.ts) within this
   * store's deadline, and translates SDK failures at this boundary so nothing
   * above sees AWS error types: what stayed transient through the retries is
   * `StoreUnavailableError`, anything else `StoreError`.
   */
  private async send<T>(call: () => Promise<T>): Promise<T> {
    try {
      const deadline = this.deadline !== undefined ? { deadline: this.deadline } : {};
      return await withRetries(() => call(), { policy: this.retryPolicy, retryable: isTransientStoreError, ...deadline });
    } catch (error) {
      if (error instanceof StoreError || error instanceof StoreUnavailableError) throw error;
      if (isTransientStoreError(error)) {
        throw new StoreUnavailableError('The data store is busy or unavailable; retry shortly', {}, { cause: error });
      }
      throw new StoreError('DynamoDB request failed', {}, { cause: error });
    }
  }
}


// ---- writes ------------------------------------------------------------------
// The same retry loop as TableStore.send (retry.ts), with the write path's own
// reading of errors: a failed condition is an answer, not a fault.

/** TransactWriteItems' limit per call. */
export const TRANSACTION_ITEM_LIMIT = 100;

type TransactItemWithTable = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
/** One action of a transaction, without the table name (the store adds it). */
export type TransactItem =
  | { Put: Omit<NonNullable<TransactItemWithTable['Put']>, 'TableName'> }
  | { Update: Omit<NonNullable<TransactItemWithTable['Update']>, 'TableName'> }
  | { Delete: Omit<NonNullable<TransactItemWithTable['Delete']>, 'TableName'> }
  | { ConditionCheck: Omit<NonNullable<TransactItemWithTable['ConditionCheck']>, 'TableName'> };

/**
 * A write whose condition failed: the item changed since it was read (stale
 * `version`), already exists, or is missing. `failedItems` are the indexes of
 * the transaction's actions whose condition failed, so the writer can tell a
 * stale entity (the caller's conflict) from a moved feed counter (its own retry).
 */
export class ConditionFailedError extends ConflictError {
  constructor(
    message: string,
    readonly failedItems: readonly number[],
    options?: { cause?: unknown },
  ) {
    super(message, {}, options);
  }
}

/** Contention a transaction meets besides the faults every request may meet (retry.ts): safe to retry. */
const CONTENTION = new Set(['TransactionConflictException', 'TransactionInProgressException']);
/** Per-item cancellation codes that mean "try again", not "your condition failed". */
const RETRYABLE_REASONS = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded', 'None']);

interface CancellationReason {
  Code?: string;
}

/**
 * What a failed write means: `retry` for contention, throttling and transient
 * faults; otherwise the domain error to throw (ConditionFailedError for failed
 * conditions, ConflictError for a reused idempotency token, StoreError else).
 */
export function classifyWriteError(error: unknown): { retry: true } | { retry: false; error: Error } {
  const name = (error as { name?: string } | null)?.name ?? '';
  if (name === 'TransactionCanceledException') {
    const reasons = ((error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? []).map((r) => r.Code ?? 'None');
    const failed = reasons.flatMap((code, index) => (code === 'ConditionalCheckFailed' ? [index] : []));
    if (failed.length > 0) return { retry: false, error: new ConditionFailedError('A condition of the write failed', failed, { cause: error }) };
    if (reasons.length > 0 && reasons.every((code) => RETRYABLE_REASONS.has(code))) return { retry: true };
    return { retry: false, error: new StoreError('Transaction cancelled', { reasons }, { cause: error }) };
  }
  if (name === 'ConditionalCheckFailedException') {
    return { retry: false, error: new ConditionFailedError('The condition of the write failed', [0], { cause: error }) };
  }
  if (name === 'IdempotentParameterMismatchException') {
    return { retry: false, error: new ConflictError('The request token was already used for a different write', {}, { cause: error }) };
  }
  if (CONTENTION.has(name) || isTransientStoreError(error)) return { retry: true };
  return { retry: false, error: error instanceof StoreError ? error : new StoreError('DynamoDB write failed', {}, { cause: error }) };
}

export interface WriteOptions {
  /** Epoch milliseconds after which no further attempt starts (the request's time budget). */
  deadline?: number | undefined;
  /** Attempts in all, the first included. */
  maxAttempts?: number | undefined;
}

const DEFAULT_WRITE_ATTEMPTS = 8;

/**
 * The store's retry loop (retry.ts: jittered backoff, bounded attempts, no
 * attempt past the deadline) with the write path's own reading of errors:
 * contention and throttling retry, a failed condition never does.
 */
async function withWriteRetries<T>(call: () => Promise<T>, options: WriteOptions): Promise<T> {
  try {
    return await withRetries(() => call(), {
      policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: options.maxAttempts ?? DEFAULT_WRITE_ATTEMPTS },
      ...(options.deadline !== undefined ? { deadline: options.deadline } : {}),
      retryable: (error) => classifyWriteError(error).retry,
    });
  } catch (error) {
    const outcome = classifyWriteError(error);
    if (!outcome.retry) throw outcome.error;
    const attempts = (error as { attempts?: number } | null)?.attempts;
    throw new StoreError('DynamoDB write still failing after retries', { attempts }, { cause: error });
  }
}

/**
 * Runs one TransactWriteItems (≤ 100 actions) with a ClientRequestToken, so a
 * retry after a lost answer is not applied twice (DynamoDB keeps tokens for 10
 * minutes). Contention and throttling are retried with jittered backoff inside
 * the deadline, with the same token; a failed condition is a
 * ConditionFailedError naming the actions that failed.
 */
export async function transactWrite(
  store: TableStore,
  items: readonly TransactItem[],
  options: WriteOptions & { clientRequestToken?: string | undefined } = {},
): Promise<void> {
  if (items.length === 0) return;
  if (items.length > TRANSACTION_ITEM_LIMIT) {
    throw new StoreError(`A transaction holds at most ${TRANSACTION_ITEM_LIMIT} actions, got ${items.length}`);
  }
  const token = options.clientRequestToken ?? randomUUID();
  const transactItems = items.map((item) => {
    const [action, body] = Object.entries(item)[0]!;
    return { [action]: { ...body, TableName: store.tableName } };
  }) as TransactWriteCommandInput['TransactItems'];
  await withWriteRetries(
    () => store.client.send(new TransactWriteCommand({ TransactItems: transactItems, ClientRequestToken: token })),
    options,
  );
}

/** A conditional PutItem (e.g. `attribute_not_exists(pk)` to create once). */
export async function conditionalPut(
  store: TableStore,
  input: Omit<PutCommandInput, 'TableName'> & { ConditionExpression: string },
  options: WriteOptions = {},
): Promise<void> {
  await withWriteRetries(() => store.client.send(new PutCommand({ ...input, TableName: store.tableName })), options);
}

/** A conditional UpdateItem, returning the item's new attributes. */
export async function conditionalUpdate(
  store: TableStore,
  input: Omit<UpdateCommandInput, 'TableName' | 'ReturnValues'> & { ConditionExpression: string },
  options: WriteOptions = {},
): Promise<Item> {
  const result = await withWriteRetries(
    () => store.client.send(new UpdateCommand({ ...input, TableName: store.tableName, ReturnValues: 'ALL_NEW' })),
    options,
  );
  return (result.Attributes as Item | undefined) ?? {};
}

// ---- strongly consistent reads --------------------------------------------------
// The write path and the change feed must see every committed write, so they
// read with ConsistentRead; the public read path keeps eventually consistent
// reads at half the price. They go through the store's own retries.

/** Items by key with ConsistentRead, in key order, `undefined` for misses. */
export function consistentGet(store: TableStore, keys: readonly PrimaryKey[]): Promise<(Item | undefined)[]> {
  return store.batchGet(keys, { consistent: true });
}

/** One page of a base-table Query with ConsistentRead. */
export function consistentQueryPage(store: TableStore, input: Parameters<TableStore['consistentQueryPage']>[0]) {
  return store.consistentQueryPage(input);
}

/** One page of a strongly consistent Scan of the base table. */
export function consistentScanPage(store: TableStore, input: Parameters<TableStore['consistentScanPage']>[0]) {
  return store.consistentScanPage(input);
}
