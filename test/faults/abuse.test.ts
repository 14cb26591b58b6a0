import { codes, gql } from '../support/lambda';

/** Hostile but well-formed queries: pricing must not be bypassable, cursors must not cross queries. */
describe('variable defaults in pricing', () => {
  const NESTED = 'nodes { partnerships { cities { partnerships { name } } } }';

  it('prices a page size given as a variable default like the same size given inline', async () => {
    const inline = await gql(`{ cities(first: 100) { ${NESTED} } }`);
    const byDefault = await gql(`query($n: Int = 100) { cities(first: $n) { ${NESTED} } }`);
    expect(codes(inline)).toEqual(['QUERY_TOO_COSTLY']);
    expect(codes(byDefault)).toEqual(['QUERY_TOO_COSTLY']);
    expect(byDefault.errors![0]!.extensions!.cost).toEqual(inline.errors![0]!.extensions!.cost);
  });

  it('prices an explicit variable over its default', async () => {
    const query = `query($n: Int = 100) { cities(first: $n) { nodes { name } } }`;
    const small = await gql(query, { n: 3 });
    const byDefault = await gql(query);
    // One connection plus one object per city on the page.
    expect(small.extensions!.cost).toMatchObject({ requested: 1 + 3 });
    expect(byDefault.extensions!.cost).toMatchObject({ requested: 1 + 100 });
  });
});

describe('cursors', () => {
  const PAGE = `query($filter: MunicipalityFilter, $after: String) {
    municipalities(filter: $filter, first: 2, after: $after) { pageInfo { endCursor } nodes { ags } } }`;
  const CITIES = `query($filter: CityFilter, $after: String) { cities(filter: $filter, first: 2, after: $after) { pageInfo { endCursor } nodes { slug } } }`;

  async function endCursor(query: string, filter: Record<string, unknown>): Promise<string> {
    const res = await gql(query, { filter });
    expect(res.errors).toBeUndefined();
    const cursor = Object.values(res.data!)[0].pageInfo.endCursor;
    expect(typeof cursor).toBe('string');
    return cursor;
  }

  it('refuses a municipalities cursor from another search with BAD_USER_INPUT', async () => {
    const cursor = await endCursor(PAGE, { search: 'goe' });
    const res = await gql(PAGE, { filter: { search: 'dessau' }, after: cursor });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a municipalities cursor from another state with BAD_USER_INPUT', async () => {
    const cursor = await endCursor(PAGE, { state: 'DE-HB' });
    const res = await gql(PAGE, { filter: { state: 'DE-ST' }, after: cursor });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a cities cursor from another filter with BAD_USER_INPUT', async () => {
    const cursor = await endCursor(CITIES, { state: 'DE-ST' });
    const res = await gql(CITIES, { filter: { state: 'DE-BY' }, after: cursor });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('accepts a cursor with the query that made it', async () => {
    const cursor = await endCursor(PAGE, { search: 'goe' });
    const res = await gql(PAGE, { filter: { search: 'goe' }, after: cursor });
    expect(res.errors).toBeUndefined();
    expect(res.data!.municipalities.nodes.length).toBeGreaterThan(0);
  });
});
