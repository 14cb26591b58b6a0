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
import { startBenchStore } from './lib/store';

type Counter = { requests: Record<string, number>; writeActions: number; transactional: boolean };

function city(id: string) {
  return {
    id,
    name: `Benchstadt ${id}`,
    kind: 'MUNICIPALITY' as const,
    state: 'DE-ST',
    ags: null,
    agsHistory: [],
    population: null,
    populationHistory: [],
    location: null,
    website: null,
    coordinationOffice: null,
    topics: [],
    sourceUrls: ['https://example.org/bench'],
  };
}

function membership(id: string) {
  return {
    id,
    programId: 'bench',
    cityId: null,
    participantName: `Teilnehmer ${id}`,
    participantState: 'DE-ST',
    participantAgs: null,
    startDate: '2024',
    endDate: null,
    cohort: null,
    note: null,
    sourceUrls: ['https://example.org/bench'],
  };
}

async function main(): Promise<void> {
  const bench = await startBenchStore();
  try {
    const table = `bench-writes-${randomUUID().slice(0, 8)}`;
    await bench.createTable(table);
    const client = bench.documentClient();
    const counter: Counter = { requests: {}, writeActions: 0, transactional: false };
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
    const rows: string[][] = [];

    // One entity.
    reset();
    await writer.write([{ kind: 'put', type: 'City', record: city('single'), expectedVersion: null }], { writtenBy: 'api' });
    const singleRequests = total();
    const singleWcu = counter.writeActions * 2;
    reset();
    await client.send(new PutCommand({ TableName: table, Item: { ...keys.standaloneKey('City', 'baseline'), ...city('baseline') } }));
    rows.push(['1 entity write', `${singleRequests}`, `${singleWcu}`, `${total()}`, `${counter.writeActions}`, (singleWcu / counter.writeActions).toFixed(1)]);

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
    rows.push(['100 entity writes', `${batchRequests}`, `${batchWcu}`, `${total()}`, `${counter.writeActions}`, (batchWcu / counter.writeActions).toFixed(1)]);

    process.stdout.write('\nWrite cost (WCU computed: 2 per transactional item, 1 per plain item ≤ 1 KB)\n');
    process.stdout.write('| case | requests | WCU | minimum requests | minimum WCU | WCU ratio |\n|---|---|---|---|---|---|\n');
    for (const row of rows) process.stdout.write(`| ${row.join(' | ')} |\n`);

    // Feed read cost per 100 changes.
    const feed = new ChangeFeed(store);
    const positions = Object.fromEntries(bucketsOf(FEED_ENTITY_TYPES).map((b) => [b, { seq: 0, at: Math.floor(Date.now() / 1000) }]));
    reset();
    const page = await feed.read(positions, { types: ['City'] }, 100);
    process.stdout.write(
      `\nFeed read of ${page.changes.length} changes: ${total()} requests (${Object.entries(counter.requests)
        .map(([k, v]) => `${v} ${k.replace('Command', '')}`)
        .join(', ')}), ${page.changes.length * 2} items read strongly consistent (log item + entity each)\n`,
    );

    // Sustained rate: 8 writers × 40 writes, one bucket vs four.
    const rate = async (label: string, make: (w: number, i: number) => EntityWrite) => {
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          for (let i = 0; i < 40; i++) await writer.write([make(w, i)], { writtenBy: 'api' });
        }),
      );
      return { label, perSecond: 320 / ((performance.now() - started) / 1000) };
    };
    const one = await rate('one bucket (City.0)', (w, i) => ({ kind: 'put', type: 'City', record: city(`rate-${w}-${i}`), expectedVersion: null }));
    const sharded = await rate('sharded (ProgramMembership.0–3)', (w, i) => ({
      kind: 'put',
      type: 'ProgramMembership',
      record: membership(`bench.rate-${w}-${i}`),
      expectedVersion: null,
    }));
    process.stdout.write('\nSustained single-entity writes, 8 concurrent writers, 320 writes each case\n| case | writes/s | ratio to one bucket |\n|---|---|---|\n');
    for (const r of [one, sharded]) process.stdout.write(`| ${r.label} | ${r.perSecond.toFixed(0)} | ${(r.perSecond / one.perSecond).toFixed(2)} |\n`);
  } finally {
    await bench.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
