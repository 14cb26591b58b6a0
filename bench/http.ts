/**
 * HTTP under load: autocannon on loopback against `npm start`'s local server
 * (local/start.ts, same entry, run as its own process so its RSS is
 * its own), pointed at this run's DynamoDB Local. A cacheable public query by
 * GET and an uncached one by POST, each at fixed concurrency for a fixed time,
 * twice, with the server's RSS before and after each run.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../local/dynamo';
import { operation } from './lib/operations';
import { printTable, ratio, round } from './lib/report';
import { BASE_TABLE, REGION, type BenchStore, runAsScript } from './lib/store';

export const CONNECTIONS = 10;
export const SECONDS = 8;
export const REPEATS = 2;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return round(kb / 1024, 1);
}

async function startServer(endpoint: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'local', 'start.ts')], {
    cwd: join(__dirname, '..'),
    env: {
      PATH: process.env.PATH, PORT: String(port), DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: BASE_TABLE, AWS_REGION: REGION,
      APP_ENV: 'production', LOG_LEVEL: 'error', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local server did not start: ${output}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', () => reject(new Error(`local server exited: ${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    pid: child.pid!,
    stop: () => new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

function load(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

export async function runHttp(store: BenchStore) {
  const server = await startServer(store.endpoint);
  const cacheable = operation('networkMap');
  const uncached = operation('cityPage');
  const targets: { name: string; options: autocannon.Options }[] = [
    {
      name: 'GET networkMap (public, cacheable)',
      options: {
        url: `${server.url}?${new URLSearchParams({ query: cacheable.query }).toString()}`,
        method: 'GET',
        // Apollo's CSRF prevention lets a GET through only with a header a simple request cannot set.
        headers: { 'apollo-require-preflight': 'true', accept: 'application/graphql-response+json' },
      },
    },
    {
      name: 'POST cityPage (uncached)',
      options: {
        url: server.url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: uncached.query, variables: uncached.variables }),
      },
    },
  ];
  const rows: Record<string, unknown>[] = [];
  try {
    const first = targets[0]!.options;
    const cacheHeader = (await fetch(first.url, { headers: first.headers })).headers.get('cache-control');
    for (let repeat = 1; repeat <= REPEATS; repeat++) {
      for (const target of targets) {
        const before = rssMb(server.pid);
        const result = await load({ ...target.options, connections: CONNECTIONS, duration: SECONDS });
        rows.push({
          target: target.name,
          run: repeat,
          'req/s': round(result.requests.average, 0),
          'p50 ms': result.latency.p50,
          'p99 ms': result.latency.p99,
          requests: result.requests.total,
          errors: result.errors + result.timeouts,
          non2xx: result.non2xx,
          'RSS before MB': before,
          'RSS after MB': rssMb(server.pid),
        });
      }
    }
    const rss = (name: string, run: number) => rows.find((r) => r.target === name && r.run === run)!['RSS after MB'] as number;
    return {
      connections: CONNECTIONS,
      seconds: SECONDS,
      cacheControlOfGet: cacheHeader,
      rows,
      rssGrowthSecondRun: targets.map((t) => ({ target: t.name, ratio: ratio(rss(t.name, 2), rss(t.name, 1)) })),
    };
  } finally {
    await server.stop();
  }
}

export function printHttp(result: Awaited<ReturnType<typeof runHttp>>): void {
  printTable(`HTTP on loopback, ${result.connections} connections × ${result.seconds} s per run (Cache-Control of the GET: ${result.cacheControlOfGet ?? 'none'})`, result.rows);
  printTable('Server RSS after run 2 / after run 1 (bounded ≈ 1.0)', result.rssGrowthSecondRun);
}

runAsScript(module, 'http', { run: runHttp, print: printHttp, seed: true });
