import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy in front of DynamoDB Local that injects the failures a real
 * DynamoDB produces and DynamoDB Local never does: internal errors, throttling
 * (with the JSON bodies DynamoDB sends, so the SDK parses them into its own
 * exception types), dropped connections and stalled ones that never answer.
 * Rules pick operations by their
 * `X-Amz-Target` name (`BatchGetItem`, `Query`, …) and let the first
 * `after` matching requests through, so a fault can hit the middle of a request.
 */
export type Fault = 'internal' | 'throttling' | 'provisioned' | 'drop' | 'stall';

export interface FaultRule {
  fault: Fault;
  /** Operation names (`Query`, `BatchGetItem`, …); all operations when absent. */
  operations?: readonly string[];
  /** Matching requests passed through before the fault starts. */
  after?: number;
  /** How many matching requests fail once it started; every one when absent. */
  times?: number;
}

// The bodies DynamoDB answers with (status 500 and 400), as the SDK's JSON protocol parses them.
const BODIES: Record<Exclude<Fault, 'drop' | 'stall'>, { status: number; type: string; message: string }> = {
  internal: { status: 500, type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' },
  throttling: { status: 400, type: 'com.amazon.coral.availability#ThrottlingException', message: 'Rate of requests exceeds the allowed throughput.' },
  provisioned: {
    status: 400,
    type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
    message: 'The level of configured provisioned throughput for the table was exceeded.',
  },
};

export interface FaultProxy {
  /** The endpoint to hand the SDK instead of DynamoDB Local's. */
  readonly url: string;
  /** Replaces the active rules and resets their counters. */
  inject(...rules: FaultRule[]): void;
  clear(): void;
  /** Requests seen since the last inject/clear, by operation, and how many of them failed. */
  readonly seen: Record<string, number>;
  readonly injected: number;
  close(): Promise<void>;
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  let rules: { rule: FaultRule; matched: number; failed: number }[] = [];
  let seen: Record<string, number> = {};
  let injected = 0;

  const pick = (operation: string): Fault | undefined => {
    for (const state of rules) {
      const { rule } = state;
      if (rule.operations && !rule.operations.includes(operation)) continue;
      state.matched++;
      if (state.matched <= (rule.after ?? 0)) continue;
      if (rule.times !== undefined && state.failed >= rule.times) continue;
      state.failed++;
      return rule.fault;
    }
    return undefined;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      seen[operation] = (seen[operation] ?? 0) + 1;
      const fault = pick(operation);
      if (fault) injected++;
      // The connection stays open and silent until the client gives up or the proxy closes.
      if (fault === 'stall') return;
      if (fault === 'drop') {
        req.socket.destroy();
        return;
      }
      if (fault) {
        const { status, type, message } = BODIES[fault];
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'fault-proxy' });
        res.end(JSON.stringify({ __type: type, message }));
        return;
      }
      const forward = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
        },
      );
      forward.on('error', () => req.socket.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    inject(...next) {
      rules = next.map((rule) => ({ rule, matched: 0, failed: 0 }));
      seen = {};
      injected = 0;
    },
    clear() {
      rules = [];
      seen = {};
      injected = 0;
    },
    get seen() {
      return seen;
    },
    get injected() {
      return injected;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * For one test file: a proxy in front of the test store, started before its
 * tests, with the handler pointed at it (the handler reads its configuration
 * on first import, so nothing may import it earlier), closed after them.
 */
export function proxyTheHandler(): { readonly proxy: FaultProxy } {
  const holder = {} as { proxy: FaultProxy };
  beforeAll(async () => {
    holder.proxy = await startFaultProxy(process.env.DYNAMODB_ENDPOINT!);
    process.env.DYNAMODB_ENDPOINT = holder.proxy.url;
  });
  afterAll(() => holder.proxy.close());
  return holder;
}
