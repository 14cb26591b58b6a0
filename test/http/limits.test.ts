import { LIMITS } from '../../functions/graphql/limits';
import { codesOf, post, startLocalApi, type LocalApi } from './api';
import { NETWORK_MAP_QUERY } from '../support/queries';

describe('query limits', () => {
  let api: LocalApi;
  beforeAll(async () => {
    api = await startLocalApi();
  });
  afterAll(() => api.close());

  async function refusedWith(query: string, code: string, limit: number, variables?: Record<string, unknown>) {
    const res = await post(api.url, { query, variables });
    expect(res.status).toBe(400);
    expect(codesOf(res)).toContain(code);
    const error = res.json.errors.find((e: any) => e.extensions.code === code);
    expect(error.extensions.limit).toBe(limit);
    expect(error.message).toContain(String(limit));
    expect(res.json.data).toBeUndefined();
  }

  it('returns QUERY_TOO_DEEP above the depth limit', async () => {
    let selection = 'name';
    for (let i = 0; i < LIMITS.maxDepth; i++) selection = `partnerships { cities { ${selection} } }`;
    await refusedWith(`{ city(id: "dessau-rosslau") { ${selection} } }`, 'QUERY_TOO_DEEP', LIMITS.maxDepth);
  });

  it('returns TOO_MANY_ALIASES above the alias limit', async () => {
    const aliases = Array.from({ length: LIMITS.maxAliases + 1 }, (_, i) => `a${i}: networkStats { totalMemberCount }`).join(' ');
    await refusedWith(`{ ${aliases} }`, 'TOO_MANY_ALIASES', LIMITS.maxAliases);
  });

  it('returns TOO_MANY_DIRECTIVES above the directive limit', async () => {
    const directives = Array.from({ length: LIMITS.maxDirectives + 1 }, () => '@include(if: true)').join(' ');
    await refusedWith(`{ networkStats { totalMemberCount ${directives} } }`, 'TOO_MANY_DIRECTIVES', LIMITS.maxDirectives);
  });

  it('returns TOO_MANY_TOKENS above the token limit', async () => {
    const fields = Array.from({ length: LIMITS.maxTokens }, () => '__typename').join(' ');
    await refusedWith(`{ ${fields} }`, 'TOO_MANY_TOKENS', LIMITS.maxTokens);
  });

  it('returns QUERY_TOO_COSTLY above the cost limit, with the requested cost', async () => {
    const query = `{ cities(first: 100) { nodes { partnerships { cities { partnerships { cities { name } } } } } } }`;
    const res = await post(api.url, { query });
    expect(res.status).toBe(400);
    expect(codesOf(res)).toEqual(['QUERY_TOO_COSTLY']);
    const [error] = res.json.errors;
    expect(error.extensions.cost.limit).toBe(LIMITS.maxCost);
    expect(error.extensions.cost.requested).toBeGreaterThan(LIMITS.maxCost);
    expect(error.message).toContain(String(LIMITS.maxCost));
  });

  it('counts list fields by their page size', async () => {
    const query = `query($first: Int) { cities(first: $first) { nodes { name } } }`;
    const small = await post(api.url, { query, variables: { first: 5 } });
    const large = await post(api.url, { query, variables: { first: 50 } });
    const unpaged = await post(api.url, { query: `{ cities { nodes { name } } }` });
    expect(small.json.extensions.cost).toEqual({ requested: 6, limit: LIMITS.maxCost });
    expect(large.json.extensions.cost).toEqual({ requested: 51, limit: LIMITS.maxCost });
    expect(unpaged.json.extensions.cost.requested).toBe(1 + LIMITS.defaultPageSize);
  });

  it('admits the documented network map of 100 cities and reports its cost', async () => {
    const query = NETWORK_MAP_QUERY;
    const res = await post(api.url, { query, variables: { first: 100 } });
    expect(res.status).toBe(200);
    expect(res.json.errors).toBeUndefined();
    expect(res.json.extensions.cost.requested).toBeLessThan(LIMITS.maxCost);
  });

  it('keeps BAD_USER_INPUT for first > 100 rather than pricing it as too costly', async () => {
    const res = await post(api.url, { query: `{ cities(first: 1000000) { totalCount } }` });
    expect(codesOf(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('admits the standard introspection query', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const res = await post(api.url, { query: getIntrospectionQuery() });
    expect(res.status).toBe(200);
    expect(res.json.errors).toBeUndefined();
  });
});
