/**
 * `npm run bench:sync`: pushing N memberships (default 10,000) end to end
 * through the API (the production Apollo server, `upsertProgramMemberships`
 * with 500 items per call) against DynamoDB Local started for the run, next to
 * a naive baseline in the same process on the same store: one PutItem per
 * membership (no versions, no external-id lookup, no change feed, no checks).
 *
 * Reported: wall time and memberships/s of both, DynamoDB requests by command,
 * and write units computed from the actions sent (DynamoDB Local does not
 * meter): 2 WCU per transactional item ≤ 1 KB, 1 per plain item. The analytic
 * minimum of this design per new membership is its item, its external-id
 * lookup and its feed entry in a transaction (3 × 2 = 6 WCU), plus the feed
 * counter of its bucket (2 WCU per transaction of ≤ 33 of one bucket) and one idempotency record
 * (a put and an update, 2 WCU) per call.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { NetworkRepository, NetworkWriter, TableStore, ensureFeedSigningKey, keys } from '../functions/data';
import { municipalityItems } from '../functions/data/bulk-items';
import { MEMBERSHIPS_PER_TRANSACTION } from '../functions/data/sync';
import { createContext } from '../functions/graphql/context';
import { createApolloServer } from '../functions/graphql/server';
import { buildSchema } from '../functions/graphql/schema';
import { createLogger } from '../functions/shared/log';
import { startBenchStore } from './lib/store';

const N = Number(process.env.BENCH_SYNC_N ?? 10_000);
const PER_CALL = 500;
const SOURCE = 'https://example.org/bench';

const UPSERT = `mutation($m: [ProgramMembershipInput!]!, $k: String!) {
  upsertProgramMemberships(programId: "bench", memberships: $m, idempotencyKey: $k) { totals { created updated unchanged rejected } }
}`;

async function main(): Promise<void> {
  const bench = await startBenchStore();
  try {
    const table = `bench-sync-${randomUUID().slice(0, 8)}`;
    await bench.createTable(table);
    const client = bench.documentClient();
    const requests: Record<string, number> = {};
    let transactional = 0;
    let plain = 0;
    client.middlewareStack.add(
      (next, context) => async (args: any) => {
        const name = String(context.commandName).replace('Command', '');
        requests[name] = (requests[name] ?? 0) + 1;
        if (name === 'TransactWriteItems') transactional += args.input.TransactItems.length;
        if (name === 'PutItem' || name === 'UpdateItem') plain += 1;
        return next(args);
      },
      { step: 'initialize', name: 'countWrites' },
    );
    const reset = () => {
      for (const k of Object.keys(requests)) delete requests[k];
      transactional = 0;
      plain = 0;
    };
    const store = new TableStore(client, table);
    await ensureFeedSigningKey(store);
    // Synthetic places and programme: a benchmark table, not the network's data.
    const places = Array.from({ length: 50 }, (_, i) => ({
      ags: `150${String(i).padStart(5, '0')}`,
      ars: `150${String(i).padStart(9, '0')}`,
      name: `Benchgemeinde ${i}`,
      state: 'DE-ST' as const,
      kind: 'Gemeinde',
      population: 1000,
      populationDate: '2022-05-15',
      lat: 51,
      lon: 12,
      cityId: null,
    }));
    const repo = new NetworkRepository(store);
    await repo.store.batchPut(municipalityItems(places));
    await new NetworkWriter(store).write(
      [{ kind: 'put', type: 'Program', record: { id: 'bench', name: 'Benchprogramm', shortName: null, kind: 'FOUNDATION_PROGRAMME', description: null, sponsorOrganizationIds: [], startDate: null, endDate: null, website: null, sourceUrls: [SOURCE] } }],
      { writtenBy: 'seed' },
    );
    const logger = createLogger('error', () => undefined);
    const server = createApolloServer({ logger, environment: 'test', schema: buildSchema({ validate: true }) });
    await server.start();
    const items = Array.from({ length: N }, (_, i) => ({ externalId: `B-${i}`, ags: places[i % places.length]!.ags, startDate: `${2000 + (i % 25)}`, sourceUrls: [SOURCE] }));

    // Through the API.
    reset();
    let started = performance.now();
    let created = 0;
    for (let i = 0; i < N; i += PER_CALL) {
      const response = await server.executeOperation(
        { query: UPSERT, variables: { m: items.slice(i, i + PER_CALL), k: `bench-${i}-${randomUUID()}` } },
        { contextValue: createContext({ repo, logger, principal: { kind: 'admin', keyId: 'bench' } }) },
      );
      if (response.body.kind !== 'single' || response.body.singleResult.errors) throw new Error(JSON.stringify(response.body));
      created += (response.body.singleResult.data as any).upsertProgramMemberships.totals.created;
    }
    const apiSeconds = (performance.now() - started) / 1000;
    const apiRequests = { ...requests };
    const apiWcu = transactional * 2 + plain;
    if (created !== N) throw new Error(`created ${created} of ${N}`);
    const calls = Math.ceil(N / PER_CALL);
    // Per call and feed bucket (4 for memberships) at least ceil(items in that bucket / per transaction) transactions, one counter each.
    const transactions = calls * Math.ceil(PER_CALL / 4 / MEMBERSHIPS_PER_TRANSACTION) * 4;
    const minimumWcu = N * 6 + transactions * 2 + calls * 2;

    // Naive baseline: one PutItem per membership, same store, same process.
    reset();
    started = performance.now();
    for (const [i, item] of items.entries()) {
      await client.send(new PutCommand({ TableName: table, Item: { ...keys.membershipKey(`bench.naive-${i}`)!, id: `bench.naive-${i}`, programId: 'bench', participantAgs: item.ags, startDate: item.startDate, externalId: item.externalId } }));
    }
    const naiveSeconds = (performance.now() - started) / 1000;
    const naiveRequests = { ...requests };
    const naiveWcu = plain;
    await server.stop();

    const fmt = (r: Record<string, number>) => Object.entries(r).map(([k, v]) => `${v} ${k}`).join(', ');
    const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    process.stdout.write(`\nPush of ${N} memberships, DynamoDB Local (WCU computed: 2 per transactional item, 1 per plain item)\n`);
    process.stdout.write('| path | seconds | memberships/s | requests | WCU | WCU per membership |\n|---|---|---|---|---|---|\n');
    process.stdout.write(`| API, ${PER_CALL} per call | ${apiSeconds.toFixed(1)} | ${(N / apiSeconds).toFixed(0)} | ${total(apiRequests)} (${fmt(apiRequests)}) | ${apiWcu} | ${(apiWcu / N).toFixed(2)} |\n`);
    process.stdout.write(`| naive PutItem each | ${naiveSeconds.toFixed(1)} | ${(N / naiveSeconds).toFixed(0)} | ${total(naiveRequests)} (${fmt(naiveRequests)}) | ${naiveWcu} | ${(naiveWcu / N).toFixed(2)} |\n`);
    process.stdout.write(`\nThroughput ratio API / naive: ${(naiveSeconds / apiSeconds).toFixed(2)}×; WCU ratio: ${(apiWcu / naiveWcu).toFixed(2)}×; analytic minimum of this design: ${minimumWcu} WCU (measured / minimum ${(apiWcu / minimumWcu).toFixed(3)})\n`);
  } finally {
    await bench.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
