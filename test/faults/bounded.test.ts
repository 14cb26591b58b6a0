import { countingServer, type CountingServer } from '../support/server';

/**
 * Every municipalities page reads a bounded number of DynamoDB requests,
 * whatever its filter matches: a filter that matches few of the 10,786
 * places must not page through the whole index in one request.
 * The bound (5 requests per page, docs/API.md "Read limits") is written here
 * independently of the code.
 */
const MAX_REQUESTS_PER_PAGE = 5;

const PAGE = `query($filter: MunicipalityFilter, $after: String) {
  municipalities(filter: $filter, first: 20, after: $after) { pageInfo { hasNextPage endCursor } nodes { ags population { value } city { slug } } } }`;

let api: CountingServer;
beforeAll(async () => {
  api = await countingServer();
});
afterAll(() => api.server.stop());

describe('municipalities reads are bounded', () => {
  const filters: Record<string, Record<string, unknown>> = {
    unknownEligibility: { eligibility: 'UNKNOWN' },
    tooLarge: { eligibility: 'TOO_LARGE' },
    members: { isMember: true },
    membersInState: { isMember: true, state: 'DE-ST' },
    eligibleInState: { eligibility: 'ELIGIBLE', state: 'DE-BY' },
    nonMembers: { isMember: false },
  };

  for (const [name, filter] of Object.entries(filters)) {
    it(`reads at most ${MAX_REQUESTS_PER_PAGE} requests per page (${name})`, async () => {
      const { body, requests } = await api.run(PAGE, { filter });
      expect(body.errors).toBeUndefined();
      expect(requests).toBeLessThanOrEqual(MAX_REQUESTS_PER_PAGE);
    });
  }

  it('finds every place over the population cap by following cursors, each page bounded', async () => {
    const seen: { ags: string; population: number }[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const { body, requests } = await api.run(PAGE, { filter: { eligibility: 'TOO_LARGE' }, after });
      expect(requests).toBeLessThanOrEqual(MAX_REQUESTS_PER_PAGE);
      const connection = body.data.municipalities;
      seen.push(...connection.nodes.map((n: any) => ({ ags: n.ags, population: n.population.value })));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    // The 2023 round's cap is 250,000 inhabitants (data/curated.json); Berlin is among them.
    expect(seen.map((m) => m.ags)).toContain('11000000');
    expect(seen.every((m) => m.population > 250_000)).toBe(true);
    expect(new Set(seen.map((m) => m.ags)).size).toBe(seen.length);
  });

  it('lists member places in AGS order, each with its city', async () => {
    const { body } = await api.run(PAGE, { filter: { isMember: true, state: 'DE-ST' } });
    const nodes = body.data.municipalities.nodes;
    expect(nodes.map((n: any) => n.city?.slug)).toContain('dessau-rosslau');
    expect(nodes.every((n: any) => n.city !== null)).toBe(true);
    const ags = nodes.map((n: any) => n.ags);
    expect(ags).toEqual([...ags].sort());
  });
});
