/**
 * `npm run bench:writes`: the cost of the write path and the change feed,
 * against DynamoDB Local started for the run.
 *
 * - requests and write units of one entity write and of a 100-entity batch,
 *   next to the analytic minimum (the same entities written as plain items
 *   without versions, copies or feed: PutItem / BatchWriteItem at 1 WCU each);
 * - the feed's read cost per 100 changes (requests, items read);
 * - sustained writes per second with 8 concurrent writers into one bucket
 *   (cities) and into the sharded membership buckets, side by side, measured in
 *   the same run with the same writers and record sizes.
 *
 * Write units are computed from the actions of each request (DynamoDB Local
 * does not meter): a transactional item ≤ 1 KB costs 2 WCU, a plain one 1 WCU.
 * DynamoDB Local has no partition limits and never raises TransactionConflict,
 * so the rate ratio shows the cost of serialising on one counter, not AWS's
 * absolute rates.
 */
// The SDK's per-process Node 22 notice says nothing about what is measured here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ChangeFeed, NetworkWriter, TableStore, bucketsOf, ensureFeedSigningKey, keys, type EntityWrite } from '../functions/data';
import { FEED_ENTITY_TYPES } from '../functions/data/keys';
import { sampleCity, sampleMembership, sampleProgram } from '../test/data-layer/samples';
import { type BenchStore, runAsScript } from './lib/store';

type Counter = { requests: Record<string, number>; writeActions: number };

const SOURCE = { sourceUrls: ['https://example.org/bench'] };
const city = (id: string) => sampleCity(id, { name: `Benchstadt ${id}`, ...SOURCE });
const membership = (id: string) => sampleMembership(id, 'bench', SOURCE);

export interface WritesResult {
  cost: { case: string; requests: number; wcu: number; minimumRequests: number; minimumWcu: number; wcuRatio: number }[];
  feedRead: { changes: number; requests: number; byCommand: Record<string, number>; itemsRead: number };
  rates: { case: string; writesPerSecond: number; ratioToOneBucket: number }[];
}

/**
 * Write cost, feed read cost and sustained write rates on a table of its own
 * in `bench`'s DynamoDB Local.
 */
export async function runWrites(bench: BenchStore): Promise<WritesResult> {
  const table = `bench-writes-${randomUUID().slice(0, 8)}`;
  await bench.createTable(table);
  const client = bench.documentClient();
  const counter: Counter = { requests: {}, writeActions: 0 };
  client.middlewareStack.add(
    (next, context) => async (args: any) => {
      const name = String(context.commandName);
      counter.requests[name] = (counter.requests[name] ?? 0) + 1;
      if (name === 'TransactWriteItemsCommand') counter.writeActions += args.input.TransactItems.length;
      if (name === 'PutItemCommand') counter.writeActions += 1;
      if (name === 'BatchWriteItemCommand') counter.writeActions += (Object.values(args.input.RequestItems)[0] as unknown[]).length;
      return next(args);
    },
    { step: 'initialize', name: 'countWrites' },
  );
  const reset = () => {
    counter.requests = {};
    counter.writeActions = 0;
  };
  const total = () => Object.values(counter.requests).reduce((a, b) => a + b, 0);
  const store = new TableStore(client, table);
  await ensureFeedSigningKey(store);
  const writer = new NetworkWriter(store);
  // The programme the rate test's memberships belong to (a membership commits only while it exists).
  await writer.write([{ kind: 'put', type: 'Program', record: sampleProgram('bench', SOURCE) }], { writtenBy: 'api' });
  const cost: WritesResult['cost'] = [];

  // One entity.
  reset();
  await writer.write([{ kind: 'put', type: 'City', record: city('single'), expectedVersion: null }], { writtenBy: 'api' });
  const singleRequests = total();
  const singleWcu = counter.writeActions * 2;
  reset();
  await client.send(new PutCommand({ TableName: table, Item: { ...keys.standaloneKey('City', 'baseline'), ...city('baseline') } }));
  cost.push({ case: '1 entity write', requests: singleRequests, wcu: singleWcu, minimumRequests: total(), minimumWcu: counter.writeActions, wcuRatio: singleWcu / counter.writeActions });

  // 100 entities: 44 per transaction (44 items + 44 log items + 1 counter = 89 actions).
  reset();
  const ids = Array.from({ length: 100 }, (_, i) => `batch-${i}`);
  for (let i = 0; i < ids.length; i += 44) {
    const writes: EntityWrite[] = ids.slice(i, i + 44).map((id) => ({ kind: 'put', type: 'City', record: city(id), expectedVersion: null }));
    await writer.write(writes, { writtenBy: 'api' });
  }
  const batchRequests = total();
  const batchWcu = counter.writeActions * 2;
  reset();
  for (let i = 0; i < ids.length; i += 25) {
    const part = ids.slice(i, i + 25).map((id) => ({ PutRequest: { Item: { ...keys.standaloneKey('City', `plain-${id}`), ...city(`plain-${id}`) } } }));
    await client.send(new BatchWriteCommand({ RequestItems: { [table]: part } }));
  }
  cost.push({ case: '100 entity writes', requests: batchRequests, wcu: batchWcu, minimumRequests: total(), minimumWcu: counter.writeActions, wcuRatio: batchWcu / counter.writeActions });

  // Feed read cost per 100 changes.
  const feed = new ChangeFeed(store);
  const positions = Object.fromEntries(bucketsOf(FEED_ENTITY_TYPES).map((b) => [b, { seq: 0, at: Math.floor(Date.now() / 1000) }]));
  reset();
  const page = await feed.read(positions, { types: ['City'] }, 100);
  const feedRead = {
    changes: page.changes.length,
    requests: total(),
    byCommand: Object.fromEntries(Object.entries(counter.requests).map(([k, v]) => [k.replace('Command', ''), v])),
    // A log item and the entity it names, each read strongly consistent.
    itemsRead: page.changes.length * 2,
  };

  // Sustained rate: 8 writers × 40 writes, one bucket vs the sharded membership buckets.
  const rate = async (label: string, make: (w: number, i: number) => EntityWrite) => {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; i < 40; i++) await writer.write([make(w, i)], { writtenBy: 'api' });
      }),
    );
    return { case: label, writesPerSecond: 320 / ((performance.now() - started) / 1000) };
  };
  const one = await rate('one bucket (City.0)', (w, i) => ({ kind: 'put', type: 'City', record: city(`rate-${w}-${i}`), expectedVersion: null }));
  const sharded = await rate('sharded (ProgramMembership.0–3)', (w, i) => ({ kind: 'put', type: 'ProgramMembership', record: membership(`bench.rate-${w}-${i}`), expectedVersion: null }));
  const rates = [one, sharded].map((r) => ({ ...r, ratioToOneBucket: r.writesPerSecond / one.writesPerSecond }));
  return { cost, feedRead, rates };
}

export function printWrites(result: WritesResult): void {
  const out = process.stdout;
  out.write('\nWrite cost (WCU computed: 2 per transactional item, 1 per plain item ≤ 1 KB)\n');
  out.write('| case | requests | WCU | minimum requests | minimum WCU | WCU ratio |\n|---|---|---|---|---|---|\n');
  for (const r of result.cost) out.write(`| ${r.case} | ${r.requests} | ${r.wcu} | ${r.minimumRequests} | ${r.minimumWcu} | ${r.wcuRatio.toFixed(1)} |\n`);
  const { feedRead } = result;
  out.write(
    `\nFeed read of ${feedRead.changes} changes: ${feedRead.requests} requests (${Object.entries(feedRead.byCommand)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}), ${feedRead.itemsRead} items read strongly consistent (log item + entity each)\n`,
  );
  out.write('\nSustained single-entity writes, 8 concurrent writers, 320 writes each case\n| case | writes/s | ratio to one bucket |\n|---|---|---|\n');
  for (const r of result.rates) out.write(`| ${r.case} | ${r.writesPerSecond.toFixed(0)} | ${r.ratioToOneBucket.toFixed(2)} |\n`);
}

runAsScript(module, 'writes', { run: runWrites, print: printWrites, seed: false });
