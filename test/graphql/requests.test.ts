import { countingServer, type CountingServer } from '../support/server';

/**
 * The number of DynamoDB requests for a query must not grow with the length of
 * the lists it returns: loaders batch by key and lists read whole collections.
 */
describe('DynamoDB requests per query', () => {
  let api: CountingServer;
  beforeAll(async () => {
    api = await countingServer();
  });
  afterAll(() => api.server.stop());

  const NETWORK_MAP = `query($first: Int) { cities(first: $first) { nodes {
    name location { lat lon }
    memberships { status program { name sponsors { name } } }
    partnerships { name cities { name } organizations { name } }
    campaigns { name } events { name } organizations { name }
    coordinationOffice { hostOrganization { name } }
    municipality { eligibility { status } }
  } } }`;

  it('does not grow with the number of cities on the page', async () => {
    const small = await api.run(NETWORK_MAP, { first: 20 });
    const large = await api.run(NETWORK_MAP, { first: 100 });
    expect(small.body.errors).toBeUndefined();
    expect(large.body.errors).toBeUndefined();
    expect(large.body.data.cities.nodes).toHaveLength(100);
    expect({ requests: large.requests, byCommand: large.byCommand }).toEqual({ requests: small.requests, byCommand: small.byCommand });
    // Every BatchGetItem carries up to 100 keys; 100 cities need at most a handful.
    expect(large.requests).toBeLessThanOrEqual(12);
  });

  it('does not grow with the number of members of a programme', async () => {
    const query = `{ programs { name memberships { participantName city { name partnerships { name } } municipality { name } } } }`;
    const result = await api.run(query);
    expect(result.body.errors).toBeUndefined();
    const memberships = result.body.data.programs.reduce((n: number, p: any) => n + p.memberships.length, 0);
    expect(memberships).toBeGreaterThan(100);
    expect(result.requests).toBeLessThanOrEqual(8);
  });

  it('reads a city page in a few requests', async () => {
    const query = `{ city(id: "dessau-rosslau") { name memberships { program { name } } partnerships { name cities { name } } campaigns { name } } }`;
    const result = await api.run(query);
    expect(result.body.errors).toBeUndefined();
    // collection, campaigns, programmes, partnerships, ≤2 partnership collections, member cities
    expect(result.requests).toBeLessThanOrEqual(7);
  });
});
