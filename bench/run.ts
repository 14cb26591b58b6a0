/**
 * `npm run bench`: every benchmark against one DynamoDB Local started for the
 * run, printed as tables and written to bench/results/latest.json. The sync
 * benchmark runs as its own process (it starts its own store) with a smaller
 * push than `npm run bench:sync`, to keep the whole run short.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { printCold, runCold } from './cold';
import { printCost, runCost } from './cost';
import { printHttp, runHttp } from './http';
import { saveSection } from './lib/report';
import { seedBaseTable, withStore } from './lib/store';
import { printWarm, runWarm } from './warm';
import { printWidgets, runWidgets } from './widgets';
import { printWrites, runWrites } from './writes';

/** Memberships pushed by the sync benchmark inside `npm run bench` (`npm run bench:sync` pushes 10,000). */
const SYNC_N_IN_RUN = 2_000;

function runSync(): { memberships: number; output: string } {
  const output = execFileSync(process.execPath, [join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(__dirname, 'sync.ts')], {
    env: { ...process.env, BENCH_SYNC_N: String(SYNC_N_IN_RUN) },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return { memberships: SYNC_N_IN_RUN, output: output.trim() };
}

async function main(): Promise<void> {
  const started = Date.now();
  await withStore(async (store) => {
    await seedBaseTable(store);
    const step = async <T>(name: string, run: () => Promise<T>, print: (result: T) => void) => {
      const t = Date.now();
      process.stderr.write(`bench: ${name}…\n`);
      const result = await run();
      print(result);
      saveSection(name, { seconds: Math.round((Date.now() - t) / 1000), ...result });
    };
    await step('warm', () => runWarm(store), printWarm);
    await step('cold', () => runCold(store), printCold);
    await step('http', () => runHttp(store), printHttp);
    await step('writes', () => runWrites(store), printWrites);
    await step('sync', async () => runSync(), (result) => process.stdout.write(`${result.output}\n`));
    await step('widgets', () => runWidgets(), printWidgets);
    // Last: it grows its own table to 100× and keeps the JVM busiest.
    await step('cost', () => runCost(store), printCost);
  });
  process.stdout.write(`\nAll benchmarks in ${Math.round((Date.now() - started) / 1000)} s; results in bench/results/latest.json\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
