import { createHash } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { NetworkRepository, TableStore, createDocumentClient } from '../../functions/data';
import { createContext, type GraphQLContext } from '../../functions/graphql/context';
import { createApolloServer } from '../../functions/graphql/server';
import { buildSchema } from '../../functions/graphql/schema';
import { createLogger } from '../../functions/shared/log';
import { ACCEPT_JSON, codesOf, getUrl, post, send, startLocalApi, type LocalApi } from './api';

describe('caching', () => {
  let api: LocalApi;
  beforeAll(async () => {
    api = await startLocalApi();
  });
  afterAll(() => api.close());

  const CITIES = '{ cities(first: 3) { nodes { name population { value } } } }';

  it('returns Cache-Control max-age=300, public for public network data', async () => {
    const res = await send(getUrl(api.url, { query: CITIES }));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('max-age=300, public');
  });

  it('returns a longer max-age for the municipality reference table alone', async () => {
    const res = await send(getUrl(api.url, { query: '{ municipality(ags: "15001000") { name population { value } location { lat } } }' }));
    expect(res.headers.get('cache-control')).toBe('max-age=3600, public');
  });

  it('returns no-store for errors', async () => {
    const res = await send(getUrl(api.url, { query: '{ cities(first: 101) { totalCount } }' }));
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('returns private, no-store on the partner endpoint', async () => {
    const res = await post(api.partnerUrl, { query: CITIES }, api.partnerHeaders);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('answers a repeated GET with an ETag and 304 Not Modified when it is unchanged', async () => {
    const url = getUrl(api.url, { query: CITIES });
    const first = await send(url, { headers: { accept: ACCEPT_JSON } });
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const second = await send(url, { headers: { accept: ACCEPT_JSON, 'if-none-match': etag! } });
    expect(second.status).toBe(304);
    expect(second.text).toBe('');
    expect(second.headers.get('etag')).toBe(etag);
    expect(second.headers.get('cache-control')).toBe('max-age=300, public');
    expect(second.headers.get('access-control-allow-origin')).toBe('*');
    const changed = await send(url, { headers: { accept: ACCEPT_JSON, 'if-none-match': '"something-else"' } });
    expect(changed.status).toBe(200);
  });

  it('runs the automatic persisted query flow over GET', async () => {
    const query = '{ applicationRounds { name year } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const miss = await send(getUrl(api.url, { extensions }), { headers: { accept: ACCEPT_JSON } });
    expect(codesOf(miss)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    const register = await send(getUrl(api.url, { query, extensions }), { headers: { accept: ACCEPT_JSON } });
    expect(register.status).toBe(200);
    const hit = await send(getUrl(api.url, { extensions }), { headers: { accept: ACCEPT_JSON } });
    expect(hit.status).toBe(200);
    expect(hit.json.data).toEqual(register.json.data);
    expect(hit.headers.get('cache-control')).toBe('max-age=300, public');
  });

  it('refuses a persisted query whose hash does not match its text', async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } };
    const res = await post(api.url, { query: '{ dataSources { title } }', extensions });
    expect(res.status).toBe(400);
    // Apollo raises this without a code; the formatter treats code-less request errors as the caller's.
    expect(codesOf(res)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('static cache hints', () => {
  const logger = createLogger('error', () => undefined);
  const repo = new NetworkRepository(new TableStore(createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'eu-central-1' }), process.env.TABLE_NAME!));
  let fast: ApolloServer<GraphQLContext>;
  let apollo: ApolloServer<GraphQLContext>;
  beforeAll(async () => {
    fast = createApolloServer({ logger, environment: 'test', schema: buildSchema({ validate: true }) });
    apollo = createApolloServer({ logger, environment: 'test', cacheControl: 'apollo', schema: buildSchema({ validate: true }) });
    await Promise.all([fast.start(), apollo.start()]);
  });
  afterAll(() => Promise.all([fast.stop(), apollo.stop()]));

  async function header(server: ApolloServer<GraphQLContext>, query: string) {
    const res = await server.executeOperation({ query }, { contextValue: createContext({ repo, logger }) });
    return res.http.headers.get('cache-control');
  }

  it.each([
    '{ cities(first: 5) { nodes { name population { value } location { lat } } pageInfo { endCursor } } }',
    '{ municipality(ags: "15001000") { name population { value } location { lon } } }',
    '{ municipality(ags: "15001000") { name eligibility { status } } }',
    '{ municipalities(first: 2) { nodes { name } } }',
    '{ dataSources { title licence } }',
    '{ dataSources { title } networkStats { totalMemberCount } }',
    '{ city(id: "dessau-rosslau") { name memberships { program { name } } municipality { name } } }',
    '{ node(id: "Municipality:15001000") { id ... on Municipality { name } } }',
    '{ __typename }',
    '{ __schema { queryType { name } } }',
  ])('gives the same Cache-Control as Apollo’s per-field plugin for %s', async (query) => {
    expect(await header(fast, query)).toBe(await header(apollo, query));
  });
});
