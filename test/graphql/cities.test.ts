import { codes, gql } from '../support/lambda';
import { distinctMemberPlaces } from '../support/domain';

const NAMES = `query($filter: CityFilter, $first: Int, $after: String, $orderBy: CityOrder) {
  cities(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { name state memberStatus } }
  }
}`;

async function names(filter: Record<string, unknown>, first = 100): Promise<string[]> {
  const res = await gql(NAMES, { filter, first });
  expect(res.errors).toBeUndefined();
  return res.data!.cities.edges.map((e: any) => e.node.name);
}

describe('cities', () => {
  const places = distinctMemberPlaces();

  it('counts every distinct member place of the member list', async () => {
    const res = await gql(NAMES, { first: 1 });
    expect(res.data!.cities.totalCount).toBe(places.size);
  });

  it('filters by state with ISO 3166-2 codes', async () => {
    const expected = [...places.values()].filter((rows) => rows[0]!.state === 'DE-ST').map((rows) => rows[0]!.name);
    const found = await names({ state: 'DE-ST' });
    expect(found.sort()).toEqual(expected.sort());
  });

  it.each([['dessau rosslau'], ['Dessau-Roßlau'], ['dessau-roßlau'], ['DESSAU']])('folds German spelling: "%s" finds Dessau-Roßlau', async (search) => {
    expect(await names({ search })).toContain('Dessau-Roßlau');
  });

  it.each([['goeppingen'], ['Göppingen'], ['goppingen']])('folds umlauts: "%s" finds Göppingen', async (search) => {
    expect(await names({ search })).toEqual(['Göppingen']);
  });

  it('separates current from former members', async () => {
    const former = [...places.values()].filter((rows) => rows.every((r) => r.left !== '')).map((rows) => rows[0]!.name);
    expect((await names({ memberStatus: 'FORMER' })).sort()).toEqual(former.sort());
    const current = await gql(NAMES, { filter: { memberStatus: 'CURRENT', search: 'dessau' } });
    expect(current.data!.cities.edges.map((e: any) => e.node.name)).toEqual(['Dessau-Roßlau']);
    const all = await gql(NAMES, { filter: { memberStatus: 'CURRENT' }, first: 1 });
    expect(all.data!.cities.totalCount).toBe(places.size - former.length);
  });

  it('filters by programme', async () => {
    const found = await names({ programId: 'vielfaltsgestalter' });
    expect(found).toContain('Dessau-Roßlau');
    expect(found).toContain('Wetzlar');
    expect(found).not.toContain('Heidelberg');
  });

  it('filters by topic', async () => {
    expect(await names({ topic: 'climate-protection' })).toContain('Dessau-Roßlau');
    expect(await names({ topic: 'no-such-topic' })).toEqual([]);
  });

  it('finds places near a point, ordered by distance', async () => {
    // Dessau-Roßlau's centre; Bitterfeld-Wolfen lies about 25 km south.
    const res = await gql(NAMES, {
      filter: { near: { lat: 51.8347, lon: 12.2457, radiusKm: 40 } },
      orderBy: { field: 'DISTANCE' },
      first: 10,
    });
    expect(res.errors).toBeUndefined();
    const found = res.data!.cities.edges.map((e: any) => e.node.name);
    expect(found[0]).toBe('Dessau-Roßlau');
    expect(found).toContain('Bitterfeld-Wolfen');
    expect(found).not.toContain('Heidelberg');
  });

  it('pages through every place exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: any = await gql(NAMES, { first: 40, after });
      expect(res.errors).toBeUndefined();
      const page = res.data.cities;
      seen.push(...page.edges.map((e: any) => e.node.name));
      expect(page.pageInfo.hasPreviousPage).toBe(pages > 0);
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(places.size / 40));
    expect(seen.length).toBe(places.size);
    expect(new Set(seen).size).toBe(places.size);
  });

  it('defaults to 20 items', async () => {
    const res = await gql(NAMES, {});
    expect(res.data!.cities.edges).toHaveLength(20);
    expect(res.data!.cities.pageInfo.hasNextPage).toBe(true);
  });

  it('returns an empty last page with null cursors when nothing matches', async () => {
    const res = await gql(NAMES, { filter: { search: 'zzzzzz' } });
    expect(res.data!.cities).toMatchObject({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, startCursor: null, endCursor: null } });
  });

  it('returns BAD_USER_INPUT when first > 100 or < 1', async () => {
    expect(codes(await gql(NAMES, { first: 101 }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(NAMES, { first: 0 }))).toEqual(['BAD_USER_INPUT']);
  });

  it('returns BAD_USER_INPUT for an invalid cursor', async () => {
    expect(codes(await gql(NAMES, { after: 'not-a-cursor' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(NAMES, { after: Buffer.from('city:99999').toString('base64url') }))).toEqual(['BAD_USER_INPUT']);
  });

  it('returns BAD_USER_INPUT for a malformed state or circle', async () => {
    expect(codes(await gql(NAMES, { filter: { state: 'Sachsen-Anhalt' } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(NAMES, { filter: { near: { lat: 200, lon: 0, radiusKm: 5 } } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql(NAMES, { orderBy: { field: 'DISTANCE' } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('orders by population, largest first, unknown last', async () => {
    const res = await gql(`{ cities(first: 100, orderBy: { field: POPULATION, direction: DESC }) { edges { node { population { value } } } } }`);
    const values = res.data!.cities.edges.map((e: any) => e.node.population?.value ?? null);
    const known = values.filter((v: number | null) => v !== null);
    expect(known).toEqual([...known].sort((a: number, b: number) => b - a));
    expect(values.indexOf(null) === -1 || values.slice(values.indexOf(null)).every((v: unknown) => v === null)).toBe(true);
  });
});
