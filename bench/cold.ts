/**
 * Cold start: the project's handler bundled as infra/constructs/graphql-function.ts
 * bundles it, against a naive bundle built in the same run, each loaded in 30
 * fresh node processes: require() time, and require + first invocation
 * against DynamoDB Local.
 */
import { build } from 'esbuild';
import { ESBUILD_OPTIONS, HANDLER_ENTRY } from '../infra/bundling';
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { operation } from './lib/operations';
import { median, printTable, ratio, round } from './lib/report';
import { BASE_TABLE, REGION, type BenchStore, runAsScript } from './lib/store';
import { lambdaContext, restEvent } from './warm';

const ROOT = join(__dirname, '..');
export const BUILD_DIR = join(__dirname, 'build');
export const SPAWNS = 30;

/** The same esbuild options the function construct bundles with (infra/bundling.ts). */
async function bundleProject(outfile: string) {
  await build({ ...ESBUILD_OPTIONS, entryPoints: [HANDLER_ENTRY], outfile, logLevel: 'error' });
}

/** The naive bundle: esbuild's defaults apart from what bundling for node needs. */
async function bundleNaive(outfile: string) {
  await build({ entryPoints: [join(__dirname, 'naive', 'handler.ts')], bundle: true, platform: 'node', outfile, logLevel: 'error' });
}

/** Runs in the fresh process: times require() and the first invocation, prints JSON. */
const PROBE = `
const { performance } = require('node:perf_hooks');
const t0 = performance.now();
const { handler } = require(process.env.BENCH_BUNDLE);
const required = performance.now() - t0;
const event = JSON.parse(process.env.BENCH_EVENT);
Promise.resolve(handler(event, JSON.parse(process.env.BENCH_CONTEXT), () => {})).then((result) => {
  const first = performance.now() - t0;
  const ok = result && result.statusCode === 200 && !JSON.parse(result.body).errors;
  process.stdout.write(JSON.stringify({ required, first, ok, rss: process.memoryUsage().rss }));
  process.exit(0);
});`;

interface Spawn {
  required: number;
  first: number;
  ok: boolean;
  rss: number;
  process: number;
}

function spawnOnce(bundle: string, endpoint: string): Spawn {
  const op = operation('cityPage');
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-e', PROBE], {
    env: {
      PATH: process.env.PATH, BENCH_BUNDLE: bundle,
      BENCH_EVENT: JSON.stringify(restEvent(op.query, op.variables)), BENCH_CONTEXT: JSON.stringify(lambdaContext),
      TABLE_NAME: BASE_TABLE, DYNAMODB_ENDPOINT: endpoint, AWS_REGION: REGION, APP_ENV: 'production', LOG_LEVEL: 'error',
      AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', NODE_OPTIONS: '',
    },
    encoding: 'utf8', timeout: 30_000,
  });
  const processMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0) throw new Error(`cold-start probe failed: ${child.stderr}`);
  return { ...(JSON.parse(child.stdout) as Omit<Spawn, 'process'>), process: processMs };
}

export async function runCold(store: BenchStore) {
  mkdirSync(BUILD_DIR, { recursive: true });
  const bundles = { project: join(BUILD_DIR, 'project', 'index.js'), naive: join(BUILD_DIR, 'naive', 'index.js') };
  await bundleProject(bundles.project);
  await bundleNaive(bundles.naive);
  const runs: Record<'project' | 'naive', Spawn[]> = { project: [], naive: [] };
  // Alternate so both bundles see the same machine state (page cache, other load).
  for (let i = 0; i < SPAWNS; i++) {
    runs.project.push(spawnOnce(bundles.project, store.endpoint));
    runs.naive.push(spawnOnce(bundles.naive, store.endpoint));
  }
  const summary = (name: 'project' | 'naive') => ({
    bytes: statSync(bundles[name]).size,
    gzipBytes: gzipSync(readFileSync(bundles[name])).length,
    requireMs: round(median(runs[name].map((r) => r.required)), 1),
    firstInvocationMs: round(median(runs[name].map((r) => r.first)), 1),
    processMs: round(median(runs[name].map((r) => r.process)), 1),
    rssMb: round(median(runs[name].map((r) => r.rss)) / 1024 / 1024, 1),
    failures: runs[name].filter((r) => !r.ok).length,
  });
  const project = summary('project');
  const naive = summary('naive');
  const ratios = {
    bytes: ratio(project.bytes, naive.bytes),
    requireMs: ratio(project.requireMs, naive.requireMs),
    firstInvocationMs: ratio(project.firstInvocationMs, naive.firstInvocationMs),
  };
  return {
    spawns: SPAWNS, project, naive, ratios,
    targetMet: (ratios.requireMs ?? 1) <= 0.6 && (ratios.firstInvocationMs ?? 1) <= 0.6,
  };
}

export function printCold(result: Awaited<ReturnType<typeof runCold>>): void {
  const row = (name: string, r: typeof result.project) => ({
    bundle: name, 'size KB': round(r.bytes / 1024, 0), 'gzip KB': round(r.gzipBytes / 1024, 0),
    'require ms': r.requireMs, 'require+1st ms': r.firstInvocationMs, 'process ms': r.processMs, 'RSS MB': r.rssMb, failures: r.failures,
  });
  printTable(`Cold start, median of ${result.spawns} fresh node processes each`, [
    row('project', result.project),
    row('naive', result.naive),
    { bundle: 'project/naive', 'size KB': result.ratios.bytes, 'require ms': result.ratios.requireMs, 'require+1st ms': result.ratios.firstInvocationMs },
  ]);
  process.stdout.write(`target (project ≤ 60 % of naive): ${result.targetMet ? 'met' : 'NOT met'}\n`);
}

runAsScript(module, 'cold', { run: runCold, print: printCold, seed: true });
