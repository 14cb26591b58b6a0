import { countingServer, type CountingServer } from '../support/server';

/**
 * Every municipalities page reads a bounded number of DynamoDB requests,
 * whatever its filter matches: a filter that matches few of the 10,786
 * places must not page through the whole index in one request.
 * The bound (5 requests per page, docs/API.md "Read limits") is written here
 * independently of the code.
 */
const MAX_REQUESTS_PER_PAGE = 5;

// The connection's own reads (and the round its eligibility filter needs); a nested `city` would add its own batch.
const PAGE = `query($filter: MunicipalityFilter, $after: String) {
  municipalities(filter: $filter, first: 20, after: $after) { pageInfo { hasNextPage endCursor } nodes { ags population { value } } } }`;

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
    // The 2023 round's cap is 250,000 inhabitants (seed/curated.json); Berlin is among them.
    expect(seen.map((m) => m.ags)).toContain('11000000');
    expect(seen.every((m) => m.population > 250_000)).toBe(true);
    expect(new Set(seen.map((m) => m.ags)).size).toBe(seen.length);
  });

  it('pages through the same member places the index counts', async () => {
    const COUNTED = `query($after: String) { municipalities(filter: { isMember: true }, first: 50, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { ags } } }`;
    const ags: string[] = [];
    let total = -1;
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const { body } = await api.run(COUNTED, { after });
      expect(body.errors).toBeUndefined();
      total = body.data.municipalities.totalCount;
      ags.push(...body.data.municipalities.nodes.map((n: any) => n.ags));
      if (!body.data.municipalities.pageInfo.hasNextPage) break;
      after = body.data.municipalities.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThan(100);
    expect(ags).toHaveLength(total);
    expect(new Set(ags).size).toBe(total);
  });

  it('lists member places in AGS order, each with its city', async () => {
    const { body } = await api.run(PAGE.replace('population { value }', 'city { slug }'), { filter: { isMember: true, state: 'DE-ST' } });
    const nodes = body.data.municipalities.nodes;
    expect(nodes.map((n: any) => n.city?.slug)).toContain('dessau-rosslau');
    expect(nodes.every((n: any) => n.city !== null)).toBe(true);
    const ags = nodes.map((n: any) => n.ags);
    expect(ags).toEqual([...ags].sort());
  });
});

describe('the cost limit reflects reads', () => {
  // totalCount counts the whole matching index range (up to all 10,786 places, about 4 requests of 1 MB).
  const counts = (n: number) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: municipalities(first: 1, filter: { state: "DE-${['BY', 'BW', 'NI', 'RP', 'SH', 'TH', 'HE', 'SN', 'ST', 'BB'][i]}" }) { totalCount }`).join(' ')} }`;

  it('refuses many whole-range counts in one request before reading anything', async () => {
    const { body, requests } = await api.run(counts(10));
    expect(body.errors?.map((e: any) => e.extensions.code)).toEqual(['QUERY_TOO_COSTLY']);
    expect(requests).toBe(0);
  });

  it('admits a few counts', async () => {
    const { body } = await api.run(counts(2));
    expect(body.errors).toBeUndefined();
    expect(body.data.a0.totalCount).toBeGreaterThan(2000);
  });
});
