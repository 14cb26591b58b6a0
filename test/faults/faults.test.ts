import { proxyTheHandler, type Fault, type FaultProxy } from '../support/fault-proxy';
import { gql, type GraphQLResponse } from '../support/lambda';
import { NETWORK_MAP_QUERY } from '../support/queries';

/**
 * The real handler over a fault-injecting proxy in front of DynamoDB Local.
 * Whatever fails, an answer is either the fault-free answer or carries errors
 * and is not publicly cacheable: a failure is never a silently shorter list.
 */
const handlerStore = proxyTheHandler();
let proxy: FaultProxy;
beforeAll(() => {
  proxy = handlerStore.proxy;
});

afterEach(() => proxy.clear());

const CORPUS: Record<string, string> = {
  city: `{ city(ags: "15001000") { name memberStatus memberships { status program { name sponsors { name } } }
    partnerships { name kind cities { name } supporters { name } organizations { name } }
    campaigns { name cities { name } } events { name organizers { name } } organizations { name } } }`,
  networkMap: NETWORK_MAP_QUERY,
  programs: `{ programs { name sponsors { name } memberships { participantName city { name } } } }`,
  partnerships: `{ partnerships { name cities { name } supporters { name } organizations { name } } }`,
  campaigns: `{ campaigns { name cities { name } } events { name organizers { name } } }`,
  municipalities: `{ municipalities(filter: { state: "DE-ST" }, first: 30) { totalCount nodes { name city { name } eligibility { status } } } }`,
  node: `{ node(id: "City:dessau-rosslau") { id ... on City { name partnerships { name } } } }`,
  stats: `{ networkStats { currentMemberCount byState { state count } } }`,
};

const OPERATIONS = ['BatchGetItem', 'Query'] as const;
const FAULTS: Fault[] = ['internal', 'throttling', 'provisioned', 'drop'];

function publiclyCacheable(response: GraphQLResponse): boolean {
  const header = String(response.headers['cache-control'] ?? '');
  return /max-age=[1-9]/.test(header) && !/no-store|private/.test(header);
}

describe('under injected store faults', () => {
  const clean: Record<string, GraphQLResponse> = {};

  beforeAll(async () => {
    for (const [name, query] of Object.entries(CORPUS)) {
      clean[name] = await gql(query);
      expect(clean[name]!.errors).toBeUndefined();
    }
  });

  it('surfaces a failed batched read of a list as a field error, not as an empty list, and never caches it', async () => {
    // The city and its edges come from one Query of its collection; the partnerships from a BatchGetItem.
    proxy.inject({ fault: 'internal', operations: ['BatchGetItem'] });
    const response = await gql(`{ city(id: "dessau-rosslau") { name partnerships { name } } }`);
    expect(proxy.injected).toBeGreaterThan(0);
    expect(response.errors?.length).toBeGreaterThan(0);
    expect(response.errors?.[0]?.path).toEqual(['city', 'partnerships']);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  for (const operation of OPERATIONS) {
    for (const fault of FAULTS) {
      for (const after of [0, 2]) {
        it(`answers every query right or with errors when ${operation} fails (${fault}) after ${after}`, async () => {
          for (const [name, query] of Object.entries(CORPUS)) {
            proxy.inject({ fault, operations: [operation], after });
            const response = await gql(query);
            if (response.errors === undefined) {
              expect({ name, data: response.data }).toEqual({ name, data: clean[name]!.data });
            } else {
              expect({ name, cacheable: publiclyCacheable(response) }).toEqual({ name, cacheable: false });
              // A store that stays unavailable says so with a code clients can retry on.
              expect(response.errors!.map((e) => e.extensions?.code)).toContain('SERVICE_UNAVAILABLE');
              // Never a leaked SDK message or stack.
              expect(JSON.stringify(response.errors)).not.toMatch(/Exception|stack|at \w+ \(/);
            }
          }
        });
      }
    }
  }

  it('answers correctly when a transient fault clears within the retry budget', async () => {
    proxy.inject({ fault: 'throttling', times: 2 });
    const response = await gql(CORPUS.city!);
    expect(proxy.injected).toBe(2);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual(clean.city!.data);
  });
});
