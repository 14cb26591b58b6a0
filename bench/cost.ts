/**
 * Cost per operation: DynamoDB requests (by command), sequential rounds and
 * consumed capacity of each documented operation, next to the analytic
 * minimum, at 1×, 10× and 100× the seeded data.
 *
 * Runs the production Apollo server (createApolloServer + createContext, as
 * the handler does) over a document client instrumented by an SDK middleware,
 * against a table of its own that grows by synthetic layers between scales.
 */
import { loadSeedBundle, readMunicipalities } from '../seed/seed';
import { NetworkRepository, TableStore, type SeedBundle } from '../functions/data';
import { createContext } from '../functions/graphql/context';
import { createApolloServer } from '../functions/graphql/server';
import { buildSchema } from '../functions/graphql/schema';
import { createLogger } from '../functions/shared/log';
import { OPERATIONS, TableModel, minimumCost, type Cost } from './lib/operations';
import { recordRequests } from './lib/recorder';
import { printTable, ratio, round } from './lib/report';
import { type BenchStore, writeBundle, runAsScript } from './lib/store';
import { seedNetwork } from '../local/seed';
import { syntheticCopies } from './synthetic';

const TABLE = 'bench-scale';
export const SCALES = [1, 10, 100] as const;

export interface CostRow {
  operation: string;
  scale: number;
  requests: number;
  byCommand: Record<string, number>;
  rounds: number;
  capacityUnits: number;
  itemsReturned: number;
  minimum: Cost;
  errors: number;
}

function merge(a: SeedBundle, b: SeedBundle): SeedBundle {
  const out = { ...a };
  for (const key of Object.keys(out) as (keyof SeedBundle)[]) (out[key] as unknown[]) = [...(a[key] as unknown[]), ...(b[key] as unknown[])];
  return out;
}

export async function runCost(store: BenchStore): Promise<{ rows: CostRow[] }> {
  await store.createTable(TABLE);
  const client = store.documentClient();
  const repo = new NetworkRepository(new TableStore(client, TABLE));
  await seedNetwork(repo);
  const recorder = recordRequests(client);
  const logs: string[] = [];
  const logger = createLogger('error', (line) => logs.push(line));
  const server = createApolloServer({ logger, environment: 'production', schema: buildSchema() });
  await server.start();

  const real = loadSeedBundle();
  const municipalities = readMunicipalities();
  let bundle = real;
  let copies = 1;
  const rows: CostRow[] = [];
  for (const scale of SCALES) {
    if (scale > copies) {
      const layer = syntheticCopies(real, copies, scale - 1);
      const written = await writeBundle(store, TABLE, layer);
      process.stderr.write(`  cost: ${scale}× data (${written} synthetic items added)\n`);
      bundle = merge(bundle, layer);
      copies = scale;
    }
    const model = new TableModel(bundle, municipalities);
    for (const op of OPERATIONS) {
      recorder.reset();
      const response = await server.executeOperation({ query: op.query, variables: op.variables }, { contextValue: createContext({ repo, logger }) });
      const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
      const summary = recorder.summary();
      rows.push({
        operation: op.name,
        scale,
        requests: summary.requests,
        byCommand: summary.byCommand,
        rounds: summary.rounds,
        capacityUnits: round(summary.capacityUnits, 1),
        itemsReturned: summary.items,
        minimum: { ...minimumCost(op.name, model), capacityUnits: round(minimumCost(op.name, model).capacityUnits, 1) },
        errors: body ? (body.errors?.length ?? 0) : 1,
      });
    }
  }
  await server.stop();
  client.destroy();
  return { rows };
}

export function printCost(result: { rows: CostRow[] }): void {
  printTable(
    'Cost per operation (DynamoDB Local; capacity as DynamoDB Local reports it, eventually consistent reads)',
    result.rows.map((r) => ({
      operation: r.operation,
      data: `${r.scale}×`,
      requests: r.requests,
      'min req': r.minimum.requests,
      'req/min': ratio(r.requests, r.minimum.requests),
      rounds: r.rounds,
      'min rounds': r.minimum.rounds,
      RCU: r.capacityUnits,
      'min RCU': r.minimum.capacityUnits,
      'RCU/min': ratio(r.capacityUnits, r.minimum.capacityUnits),
      commands: Object.entries(r.byCommand).map(([c, n]) => `${c.replace('Command', '')}×${n}`).join(' '),
      errors: r.errors,
    })),
  );
  const growth = [...new Set(result.rows.map((r) => r.operation))].map((operation) => {
    const at = (scale: number) => result.rows.find((r) => r.operation === operation && r.scale === scale)!;
    return {
      operation,
      'requests 1×/10×/100×': SCALES.map((s) => at(s).requests).join(' / '),
      'growth 100×/1×': ratio(at(100).requests, at(1).requests),
      'min requests 1×/10×/100×': SCALES.map((s) => at(s).minimum.requests).join(' / '),
      'rounds 1×/10×/100×': SCALES.map((s) => at(s).rounds).join(' / '),
    };
  });
  printTable('Growth of requests with the data (flat = 1.0)', growth);
}

runAsScript(module, 'cost', { run: runCost, print: printCost, seed: false });
