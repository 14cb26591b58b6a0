/**
 * What computing Cache-Control costs per request: the same operations through
 * three servers that differ only in the cache-control plugin — none, Apollo's
 * per-field plugin, and the static hints this API uses. Runs in one process,
 * interleaved, so machine noise hits all three alike; reports medians.
 *
 *   npx tsx scripts/measure-cache-control.ts [rounds]
 *
 * Uses the local store `npm start` uses (embedded DynamoDB Local, seeded).
 */
import { performance } from 'node:perf_hooks';
import type { ApolloServer } from '@apollo/server';
import { NetworkRepository, TableStore, createDocumentClient } from '../functions/data';
import { createContext, type GraphQLContext } from '../functions/graphql/context';
import { createApolloServer } from '../functions/graphql/server';
import { buildSchema } from '../functions/graphql/schema';
import { openLocalTable } from '../local/environment';
import { createLogger } from '../functions/shared/log';

const OPERATIONS: Record<string, string> = {
  'network map, 100 cities': `{ cities(first: 100) { nodes { name location { lat lon }
    memberships { status program { name sponsors { name } } }
    partnerships { name cities { name } organizations { name } }
    campaigns { name } events { name } organizations { name }
    coordinationOffice { hostOrganization { name } } municipality { eligibility { status } } } } }`,
  'city page': `{ city(id: "dessau-rosslau") { name memberships { program { name } } partnerships { name cities { name } } campaigns { name } } }`,
  'network stats': `{ networkStats { currentMemberCount byState { state count } } }`,
};
const MODES = ['none', 'apollo', 'static'] as const;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main() {
  const rounds = Number(process.argv[2] ?? 300);
  const store = await openLocalTable();
  const logger = createLogger('error');
  const repo = new NetworkRepository(new TableStore(createDocumentClient({ endpoint: store.endpoint, region: 'eu-central-1' }), store.tableName));
  const servers = Object.fromEntries(MODES.map((mode) => [mode, createApolloServer({ logger, environment: 'production', cacheControl: mode, schema: buildSchema() })])) as Record<
    (typeof MODES)[number],
    ApolloServer<GraphQLContext>
  >;
  await Promise.all(Object.values(servers).map((s) => s.start()));
  const run = async (mode: (typeof MODES)[number], query: string) => {
    const start = performance.now();
    const res = await servers[mode].executeOperation({ query }, { contextValue: createContext({ repo, logger }) });
    const elapsed = performance.now() - start;
    if (res.body.kind !== 'single' || res.body.singleResult.errors) throw new Error(`${mode}: ${JSON.stringify(res.body)}`);
    return { elapsed, header: res.http.headers.get('cache-control') };
  };
  console.log(`node ${process.version}, ${rounds} rounds per operation and mode (after 30 warm-up rounds), median ms per request`);
  console.log('operation | none | apollo (per-field) | static | apollo − none | static − none | Cache-Control');
  for (const [name, query] of Object.entries(OPERATIONS)) {
    const times: Record<string, number[]> = { none: [], apollo: [], static: [] };
    const headers: Record<string, string | undefined> = {};
    for (let i = 0; i < rounds + 30; i++) {
      for (const mode of i % 2 ? MODES : [...MODES].reverse()) {
        const { elapsed, header } = await run(mode, query);
        if (i >= 30) times[mode]!.push(elapsed);
        headers[mode] = header;
      }
    }
    const m = Object.fromEntries(MODES.map((mode) => [mode, median(times[mode]!)])) as Record<string, number>;
    const f = (x: number) => x.toFixed(3);
    console.log(`${name} | ${f(m.none!)} | ${f(m.apollo!)} | ${f(m.static!)} | ${f(m.apollo! - m.none!)} | ${f(m.static! - m.none!)} | apollo "${headers.apollo}", static "${headers.static}"`);
  }
  await Promise.all(Object.values(servers).map((s) => s.stop()));
  await store.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
