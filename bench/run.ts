/**
 * `npm run bench`: every benchmark against one DynamoDB Local started for the
 * run, printed as tables and written to bench/results/latest.json.
 */
import { printCold, runCold } from './cold';
import { printCost, runCost } from './cost';
import { printHttp, runHttp } from './http';
import { saveSection } from './lib/report';
import { seedBaseTable, withStore } from './lib/store';
import { printWarm, runWarm } from './warm';

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
    // Last: it grows its own table to 100× and keeps the JVM busiest.
    await step('cost', () => runCost(store), printCost);
  });
  process.stdout.write(`\nAll benchmarks in ${Math.round((Date.now() - started) / 1000)} s; results in bench/results/latest.json\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
