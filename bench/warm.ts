/**
 * Warm handler: latency and throughput of the project's Lambda handler
 * invoked in-process with REST API events, against (a) the naive Apollo
 * baseline over the same table and SDL and (b) the hand-built floor. Handlers
 * take turns in blocks so they share the machine's noise; every figure is
 * also given as a ratio to the naive baseline measured in the same run.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { execute, parse, specifiedRules, validate } from 'graphql';
import { performance } from 'node:perf_hooks';
import { loadSeedBundle } from '../seed/seed';
import { NetworkRepository, TableStore } from '../functions/data';
import { createContext } from '../functions/graphql/context';
import { buildSchema } from '../functions/graphql/schema';
import { createLogger } from '../functions/shared/log';
import { floorBuilders } from './lib/floor';
import { operation } from './lib/operations';
import { median, percentile, printTable, ratio, round } from './lib/report';
import { BASE_TABLE, type BenchStore, pinEnvironment, runAsScript } from './lib/store';
import { lambdaContext as localLambdaContext, restProxyEvent } from '../local/events';

type Handler = (event: APIGatewayProxyEvent, context: Context, callback: () => void) => Promise<APIGatewayProxyResult | void>;

/** Blocks per handler and invocations per block, per operation: networkMap's naive N+1 is slow, so fewer. */
export const PLAN: Record<string, { blocks: number; perBlock: number; warmup: number }> = {
  cityPage: { blocks: 5, perBlock: 40, warmup: 20 },
  networkMap: { blocks: 3, perBlock: 8, warmup: 3 },
};

export function restEvent(query: string, variables: Record<string, unknown>): APIGatewayProxyEvent {
  return restProxyEvent({
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', 'user-agent': 'bench' },
    body: JSON.stringify({ query, variables }),
    stage: 'bench',
  });
}

export const lambdaContext: Context = localLambdaContext('bench');

interface Series {
  samples: number[];
  failures: number;
  bytes: number;
}

async function time(run: () => Promise<APIGatewayProxyResult | void> | APIGatewayProxyResult, series: Series): Promise<void> {
  const start = performance.now();
  const result = await run();
  series.samples.push(performance.now() - start);
  const ok = result && result.statusCode === 200 && !JSON.parse(result.body).errors;
  if (!ok) series.failures++;
  series.bytes = result ? Buffer.byteLength(result.body) : 0;
}

function stats(series: Series) {
  const total = series.samples.reduce((a, b) => a + b, 0);
  return {
    n: series.samples.length,
    p50: round(median(series.samples), 3),
    p99: round(percentile(series.samples, 99), 3),
    perSecond: round((series.samples.length / total) * 1000, 1),
    failures: series.failures,
    responseBytes: series.bytes,
  };
}

/** Where the project's time goes: the same operation through graphql-js step by step. */
async function phases(store: BenchStore, query: string, variables: Record<string, unknown>, iterations: number) {
  const schema = buildSchema();
  const logger = createLogger('error', () => undefined);
  const repo = new NetworkRepository(new TableStore(store.documentClient(), BASE_TABLE));
  const parseMs: number[] = [], validateMs: number[] = [], executeMs: number[] = [], serialiseMs: number[] = [];
  for (let i = 0; i < iterations; i++) {
    let t = performance.now();
    const document = parse(query);
    parseMs.push(performance.now() - t);
    t = performance.now();
    validate(schema, document, specifiedRules);
    validateMs.push(performance.now() - t);
    t = performance.now();
    const result = await execute({ schema, document, variableValues: variables, contextValue: createContext({ repo, logger }) });
    executeMs.push(performance.now() - t);
    t = performance.now();
    JSON.stringify(result);
    serialiseMs.push(performance.now() - t);
  }
  const skip = Math.floor(iterations / 5);
  const p50 = (list: number[]) => round(median(list.slice(skip)), 3);
  return { parse: p50(parseMs), validate: p50(validateMs), execute: p50(executeMs), serialise: p50(serialiseMs) };
}

export async function runWarm(store: BenchStore) {
  pinEnvironment(store.endpoint, BASE_TABLE);
  const project = (await import('../functions/graphql/handler')).handler as unknown as Handler;
  const naive = (await import('./naive/handler')).handler as unknown as Handler;
  const floor = floorBuilders(loadSeedBundle());
  const results: Record<string, unknown>[] = [];
  for (const [name, plan] of Object.entries(PLAN)) {
    const op = operation(name);
    const event = restEvent(op.query, op.variables);
    const build = name === 'cityPage' ? floor.cityPage : floor.networkMap;
    const contenders: [string, () => Promise<APIGatewayProxyResult | void> | APIGatewayProxyResult][] = [
      ['project', () => project(event, lambdaContext, () => undefined)],
      ['naive', () => naive(event, lambdaContext, () => undefined)],
      ['floor', () => build()],
    ];
    const series: Record<string, Series> = Object.fromEntries(contenders.map(([n]) => [n, { samples: [], failures: 0, bytes: 0 }]));
    for (const [, run] of contenders) for (let i = 0; i < plan.warmup; i++) await run();
    for (let block = 0; block < plan.blocks; block++) {
      // Alternate the order too, so no contender always runs right after the same one.
      const order = block % 2 === 0 ? contenders : [...contenders].reverse();
      for (const [n, run] of order) for (let i = 0; i < plan.perBlock; i++) await time(run, series[n]!);
    }
    const s = Object.fromEntries(Object.entries(series).map(([n, v]) => [n, stats(v)]));
    const breakdown = await phases(store, op.query, op.variables, 30);
    results.push({
      operation: name,
      project: s.project,
      naive: s.naive,
      floor: s.floor,
      ratios: {
        'project/naive p50': ratio(s.project!.p50, s.naive!.p50),
        'project/naive p99': ratio(s.project!.p99, s.naive!.p99),
        'project/floor p50': ratio(s.project!.p50, s.floor!.p50),
        'naive/floor p50': ratio(s.naive!.p50, s.floor!.p50),
      },
      targetMet: s.project!.p50 <= s.naive!.p50 / 2,
      // Steps are timed in a pass of their own: execute's DynamoDB latency differs from the handler runs, so
      // the handler's p50 is shown beside them rather than a difference that noise can make negative.
      phases: { ...breakdown, handlerP50: s.project!.p50 },
    });
  }
  return { results };
}

export function printWarm(result: Awaited<ReturnType<typeof runWarm>>): void {
  printTable(
    'Warm handler, in-process REST API events (ms; ratios to the naive baseline and the floor of this run)',
    result.results.flatMap((r: any) =>
      ['project', 'naive', 'floor'].map((who) => ({
        operation: r.operation,
        handler: who,
        n: r[who].n,
        'p50 ms': r[who].p50,
        'p99 ms': r[who].p99,
        'req/s': r[who].perSecond,
        'p50/naive': ratio(r[who].p50, r.naive.p50),
        'p99/naive': ratio(r[who].p99, r.naive.p99),
        'p50/floor': ratio(r[who].p50, r.floor.p50),
        failures: r[who].failures,
        bytes: r[who].responseBytes,
      })),
    ),
  );
  printTable(
    "Where the project's p50 goes (graphql-js steps timed alone; ms, p50 over 30 runs after 6 skipped)",
    result.results.map((r: any) => ({ operation: r.operation, ...r.phases, 'target p50 ≤ ½ naive': r.targetMet ? 'met' : 'NOT met' })),
  );
}

runAsScript(module, 'warm', { run: runWarm, print: printWarm, seed: true });
