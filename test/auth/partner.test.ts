import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { revokeKey } from '../../cli/keys';
import { apiRoutes, createLocalServer, type RestHandler } from '../../local/http';
import { codesOf, post } from '../http/api';
import { credentialTable, type CredentialTable } from '../support/credentials';
import { invoke, restEvent } from '../support/lambda';

const QUERY = '{ program(id: "vielfaltsgestalter") { name } }';

let table: CredentialTable;
let server: Server;
let partnerUrl: string;
let publicUrl: string;

beforeAll(async () => {
  table = await credentialTable();
  const { handler } = await import('../../functions/graphql/handler');
  server = createLocalServer(apiRoutes(handler as unknown as RestHandler, table.store));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  partnerUrl = `http://127.0.0.1:${port}/partner/graphql`;
  publicUrl = `http://127.0.0.1:${port}/graphql`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await table.drop();
});

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe('partner resource under npm start: who gets in', () => {
  it('refuses a request without a key with 401 UNAUTHENTICATED in the GraphQL error shape', async () => {
    const res = await post(partnerUrl, { query: QUERY });
    expect(res.status).toBe(401);
    expect(codesOf(res)).toEqual(['UNAUTHENTICATED']);
    expect(res.json.data).toBeUndefined();
  });

  it.each([
    ['a malformed key', 'Bearer not-a-key'],
    ['a well-formed key that was never issued', `Bearer esk_0123456789abcdef.${'A'.repeat(43)}`],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
  ])('refuses %s with UNAUTHENTICATED', async (_name, authorization) => {
    const res = await post(partnerUrl, { query: QUERY }, { authorization });
    expect(res.status).toBe(401);
    expect(codesOf(res)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a real key id with a wrong secret', async () => {
    const { keyId } = await table.issue('partner', ['vielfaltsgestalter']);
    const res = await post(partnerUrl, { query: QUERY }, bearer(`esk_${keyId}.${'B'.repeat(43)}`));
    expect(res.status).toBe(401);
    expect(codesOf(res)).toEqual(['UNAUTHENTICATED']);
  });

  it('answers a valid partner key', async () => {
    const { secret } = await table.issue('partner', ['vielfaltsgestalter']);
    const res = await post(partnerUrl, { query: QUERY }, bearer(secret));
    expect(res.status).toBe(200);
    expect(res.json.errors).toBeUndefined();
    expect(res.json.data.program.name).toMatch(/^Vielfaltsgestalter\b/);
  });

  it('refuses a key at once after it is revoked (no cache locally)', async () => {
    const { keyId, secret } = await table.issue('partner', ['vielfaltsgestalter']);
    expect((await post(partnerUrl, { query: QUERY }, bearer(secret))).status).toBe(200);
    await revokeKey(table.deps, keyId);
    const res = await post(partnerUrl, { query: QUERY }, bearer(secret));
    expect(res.status).toBe(401);
    expect(codesOf(res)).toEqual(['UNAUTHENTICATED']);
  });

  it('keeps the public resource open and anonymous whatever credential headers it carries', async () => {
    const res = await post(publicUrl, { query: QUERY }, bearer('esk_0123456789abcdef.garbage'));
    expect(res.status).toBe(200);
    expect(res.json.data.program.name).toMatch(/^Vielfaltsgestalter\b/);
  });
});

describe('handler: the principal comes only from the authorizer context', () => {
  it('refuses a partner event that reached it without an authorizer context', async () => {
    const event = restEvent({ path: '/partner/graphql', body: JSON.stringify({ query: QUERY }) });
    const result = await invoke(event);
    expect(result.statusCode).toBe(401);
    expect(JSON.parse(result.body).errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('ignores principal-looking client headers on the partner path', async () => {
    const event = restEvent({
      path: '/partner/graphql',
      body: JSON.stringify({ query: QUERY }),
      headers: { 'x-role': 'admin', 'x-key-id': '0123456789abcdef', role: 'admin', keyId: '0123456789abcdef', scopes: '' },
    });
    expect((await invoke(event)).statusCode).toBe(401);
  });

  it('refuses a malformed authorizer context instead of guessing a principal', async () => {
    const event = restEvent({ path: '/partner/graphql', body: JSON.stringify({ query: QUERY }) });
    event.requestContext.authorizer = { role: 'partner', keyId: '0123456789abcdef', scopes: '' };
    expect((await invoke(event)).statusCode).toBe(401);
  });

  it('answers a partner event carrying the context the authorizer builds', async () => {
    const event = restEvent({ path: '/partner/graphql', body: JSON.stringify({ query: QUERY }) });
    event.requestContext.authorizer = { principalId: '0123456789abcdef', role: 'partner', keyId: '0123456789abcdef', scopes: 'vielfaltsgestalter' };
    const result = await invoke(event);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body).data.program.name).toMatch(/^Vielfaltsgestalter\b/);
  });
});
