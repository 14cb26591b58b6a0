import { NETWORK_MAP_QUERY } from '../support/queries';
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

  const NETWORK_MAP = NETWORK_MAP_QUERY;

  it('does not grow with the number of cities on the page', async () => {
    const counts: Record<number, number> = {};
    for (const first of [20, 60, 100]) {
      const result = await api.run(NETWORK_MAP, { first });
      expect(result.body.errors).toBeUndefined();
      expect(result.body.data.cities.nodes).toHaveLength(first);
      counts[first] = result.requests;
    }
    // One request per loader level at most: a small page may skip a level whose
    // fields are empty for its cities, so counts may differ by a level or two,
    // but five times the cities must not mean more requests.
    const values = Object.values(counts);
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(2);
    expect(counts[100]).toBeLessThanOrEqual(12);
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
    // The city's collection; one BatchGetItem for programmes, partnerships and campaigns;
    // ≤2 partnership collections; one BatchGetItem for the partnerships' cities.
    expect(result.requests).toBeLessThanOrEqual(5);
  });
});
