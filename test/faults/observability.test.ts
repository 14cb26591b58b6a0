import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { gql } from '../support/lambda';

/**
 * The real handler's structured output: Powertools log lines with the request
 * id and cold-start flag, EMF metrics with errors by code, store requests and
 * cost, and never a variable's value.
 */
let proxy: FaultProxy;
let lines: string[] = [];
let spies: jest.SpyInstance[] = [];

beforeAll(async () => {
  proxy = await startFaultProxy(process.env.DYNAMODB_ENDPOINT!);
  process.env.DYNAMODB_ENDPOINT = proxy.url;
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  process.env.LOG_LEVEL = 'warn';
  // Powertools writes warnings and errors to stderr, the rest (and EMF) to stdout.
  spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: any) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    }),
  );
});
afterAll(async () => {
  for (const spy of spies) spy.mockRestore();
  await proxy.close();
});
beforeEach(() => {
  lines = [];
});

const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, any>);
const MARKER = 'Erika Mustermann, Hauptstr. 1';

describe('observability', () => {
  it('logs a store outage with the request id and cold-start flag, and counts the error by code', async () => {
    proxy.inject({ fault: 'throttling' });
    const res = await gql(`query Outage($search: String) { cities(filter: { search: $search }) { totalCount } }`, { search: MARKER });
    proxy.clear();
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);

    const entries = parsed();
    const warning = entries.find((e) => e.message === 'store unavailable');
    expect(warning).toMatchObject({ level: 'WARN', service: 'engagierte-stadt-graphql', cold_start: expect.any(Boolean) });
    expect(typeof warning!.function_request_id).toBe('string');

    const emf = entries.filter((e) => e._aws?.CloudWatchMetrics);
    const errors = emf.find((e) => e.GraphQLErrors !== undefined);
    expect(errors).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'engagierte-stadt-graphql', GraphQLErrors: 1 });
    // The namespace the error alarm watches (infra/constructs/operations.ts, test/infra/stack.test.ts).
    expect(errors!._aws.CloudWatchMetrics[0].Namespace).toBe('EngagierteStadt');
    const invocation = emf.find((e) => e.Operations !== undefined);
    expect(invocation).toMatchObject({ Operations: 1, operationName: 'Outage' });
    expect(invocation!.DynamoDBRequests).toBeGreaterThan(1);
    // Neither logs nor metrics carry a variable's value.
    expect(lines.join('\n')).not.toContain(MARKER);
  });

  it('reports the cost of a successful operation', async () => {
    const res = await gql(`{ cities(first: 5) { nodes { name } } }`);
    expect(res.errors).toBeUndefined();
    const invocation = parsed().find((e) => e.Operations !== undefined);
    expect(invocation).toMatchObject({ QueryCost: 6, operationName: '(anonymous)' });
  });
});
