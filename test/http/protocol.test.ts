import { ACCEPT_GRAPHQL, ACCEPT_JSON, codesOf, getUrl, post, send, startLocalApi, type LocalApi } from './api';

describe('HTTP protocol, CORS and CSRF', () => {
  let api: LocalApi;
  beforeAll(async () => {
    api = await startLocalApi();
  });
  afterAll(() => api.close());

  const QUERY = '{ networkStats { currentMemberCount } }';

  it('answers a plain GET without preflight headers, as a widget sends it', async () => {
    const res = await send(getUrl(api.url, { query: QUERY }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.json.data.networkStats.currentMemberCount).toBeGreaterThan(0);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('answers in application/graphql-response+json when asked', async () => {
    const res = await post(api.url, { query: QUERY });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers a CORS preflight with 204, the allowed methods and headers, and Access-Control-Max-Age', async () => {
    const res = await send(api.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://widget.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Content-Type/);
    expect(Number(res.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  });

  it('sends no CORS headers on the partner endpoint', async () => {
    const res = await post(api.partnerUrl, { query: QUERY }, api.partnerHeaders);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('returns 405 METHOD_NOT_ALLOWED with Allow for other methods', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const res = await send(api.url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, POST, OPTIONS');
      expect(codesOf(res)).toEqual(['METHOD_NOT_ALLOWED']);
    }
  });

  it('refuses simple cross-site POSTs (text/plain, forms) with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1']) {
      const res = await send(api.url, { method: 'POST', headers: { 'content-type': type, accept: ACCEPT_JSON }, body: JSON.stringify({ query: QUERY }) });
      expect(res.status).toBe(415);
      expect(codesOf(res)).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
    }
  });

  it('refuses a GET with a non-JSON content type with 415', async () => {
    const res = await send(getUrl(api.url, { query: QUERY }), { headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
  });

  it('returns 406 NOT_ACCEPTABLE when Accept allows neither JSON media type', async () => {
    const res = await send(getUrl(api.url, { query: QUERY }), { headers: { accept: 'text/html' } });
    expect(res.status).toBe(406);
    expect(codesOf(res)).toEqual(['NOT_ACCEPTABLE']);
  });

  it('returns 400 BAD_REQUEST for malformed JSON, an empty body and a missing query', async () => {
    const malformed = await post(api.url, '{"query": ');
    const empty = await send(api.url, { method: 'POST', headers: { 'content-type': 'application/json' } });
    const missing = await post(api.url, { variables: {} });
    const missingGet = await send(api.url, { headers: { accept: ACCEPT_GRAPHQL } });
    for (const res of [malformed, empty, missing, missingGet]) {
      expect(res.status).toBe(400);
      expect(codesOf(res)).toEqual(['BAD_REQUEST']);
    }
  });

  it('refuses batched requests with 400 BAD_REQUEST', async () => {
    const res = await post(api.url, [{ query: QUERY }, { query: QUERY }]);
    expect(res.status).toBe(400);
    expect(codesOf(res)).toEqual(['BAD_REQUEST']);
  });

  it('uses 400 for document errors with application/graphql-response+json and 200 with application/json', async () => {
    const modern = await post(api.url, { query: '{ nosuchfield }' }, { accept: ACCEPT_GRAPHQL });
    const legacy = await post(api.url, { query: '{ nosuchfield }' }, { accept: ACCEPT_JSON });
    expect([modern.status, legacy.status]).toEqual([400, 200]);
    expect(codesOf(modern)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(codesOf(legacy)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(legacy.json.data).toBeUndefined();
  });

  it('does not suggest field names outside development', async () => {
    const res = await post(api.url, { query: '{ citie { totalCount } }' });
    expect(codesOf(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.json.errors[0].message).not.toMatch(/Did you mean/);
  });
});
