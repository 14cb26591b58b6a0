import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { build } from 'esbuild';
import { ESBUILD_OPTIONS } from '../../infra/bundling';
import { WITHDRAWAL_ENTRY } from '../../infra/constructs/withdrawal';
import { NetworkWriter, type TableStore } from '../../functions/data';
import { auditEntries } from '../../functions/data/audit';
import { putSeedMarker } from '../../functions/data/seeding';
import { seedPlan } from '../../local/seed';
import { createLocalServer, lambdaRoute, type RestHandler } from '../../local/http';
import { credentialTable, type CredentialTable } from '../support/credentials';
import { freshTable, sampleCity } from '../data-layer/support';
import { fictitiousPerson, seededGluecksbringer } from './support';

/**
 * The person's own withdrawal link: a portrait made through the moderation
 * API (partner handler, city editor key), its token posted to the real
 * withdrawal entry (functions/withdrawal/handler.ts) with no credential at
 * all, served as `npm start` serves it. Powertools' output is captured from
 * stdout/stderr to check that the token never reaches a log.
 */
let store: TableStore;
let credentials: CredentialTable;
let server: Server;
let baseUrl: string;
let editorKey: string;
let partnerKey: string;
let lines: string[] = [];
let spies: jest.SpyInstance[] = [];
let photoDir: string;

/**
 * The DynamoDB actions the withdrawal function's role holds, written out by
 * hand (test/infra/stack.test.ts checks the template against the same list):
 * consistent BatchGetItem reads, Query of the nomination partition, and the
 * transaction's Put and Delete parts, each authorised as its own action, and
 * the Update that marks the erased entry's photos as gone.
 */
const GRANTED = ['dynamodb:BatchGetItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'];
/** The partitions the role may touch (`dynamodb:LeadingKeys`), written out by hand as well. */
const LEADING_KEYS = ['Campaign#*', 'Consent#*', 'Nomination#*', 'Feed#*', 'FeedCounter#*', 'Audit#*', 'Erased'];

beforeAll(async () => {
  const fresh = await freshTable('withdrawal');
  store = fresh.store;
  await putSeedMarker(store, seedPlan().digest);
  const curated = JSON.parse(readFileSync(join(__dirname, '../../seed/curated.json'), 'utf8'));
  const campaign = seededGluecksbringer();
  await new NetworkWriter(store).write(
    [
      ...campaign.cityIds.map((id) => ({ kind: 'put' as const, type: 'City' as const, record: sampleCity(id) })),
      { kind: 'put', type: 'Program', record: curated.programs.find((p: { id: string }) => p.id === 'vielfaltsgestalter') },
      { kind: 'put', type: 'Campaign', record: campaign },
    ],
    { writtenBy: 'seed' },
  );
  // The handlers read their configuration once, at import: point them at this table first.
  process.env.TABLE_NAME = fresh.tableName;
  process.env.LOG_LEVEL = 'debug';
  // Photos in a folder, as under npm start: the withdrawal link erases them as withdrawConsent does.
  photoDir = mkdtempSync(join(tmpdir(), 'withdrawal-photos-'));
  Object.assign(process.env, {
    PHOTO_STORAGE: 'filesystem',
    PHOTO_DIR: photoDir,
    PHOTO_PUBLIC_BASE_URL: 'http://127.0.0.1/photos/',
    PHOTO_UPLOAD_URL: 'http://127.0.0.1/photos/upload',
    PHOTO_UPLOAD_SECRET: 'x'.repeat(32),
  });
  credentials = await credentialTable();
  editorKey = `Bearer ${(await credentials.issue('city-editor', ['dessau-rosslau'])).secret}`;
  partnerKey = `Bearer ${(await credentials.issue('partner', ['vielfaltsgestalter'])).secret}`;
  const { handler } = await import('../../functions/graphql/handler');
  const { handler: partnerHandler } = await import('../../functions/graphql/partner-handler');
  const { handler: withdrawalHandler } = await import('../../functions/withdrawal/handler');
  server = createLocalServer([
    lambdaRoute('/graphql', handler as unknown as RestHandler),
    lambdaRoute('/partner/graphql', partnerHandler as unknown as RestHandler, credentials.store),
    lambdaRoute('/withdrawal', withdrawalHandler as unknown as RestHandler),
  ]);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: any) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    }),
  );
});
afterAll(async () => {
  for (const spy of spies) spy.mockRestore();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await credentials.drop();
  rmSync(photoDir, { recursive: true, force: true });
  for (const name of ['PHOTO_STORAGE', 'PHOTO_DIR', 'PHOTO_PUBLIC_BASE_URL', 'PHOTO_UPLOAD_URL', 'PHOTO_UPLOAD_SECRET']) delete process.env[name];
});

async function call(key: string | null, query: string, variables: Record<string, unknown> = {}): Promise<{ data?: any; errors?: any[] }> {
  const response = await fetch(`${baseUrl}${key ? '/partner/graphql' : '/graphql'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(key ? { authorization: key } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const { data, errors } = (await response.json()) as { data?: any; errors?: any[] };
  return errors ? { data, errors } : { data };
}

function withdraw(body: string, contentType = 'application/json', method = 'POST') {
  return fetch(`${baseUrl}/withdrawal`, { method, headers: { 'content-type': contentType }, ...(method === 'GET' || method === 'HEAD' ? {} : { body }) });
}

/** A fictitious person; every string is unique to this test file. */
const person = (tag: string) => fictitiousPerson(tag, { family: 'Widerruf', activity: 'im Lesecafé', quoteEnd: 'Testzitate widerruft', method: 'ONLINE_FORM' });

const NOMINATE = `mutation ($input: NominationInput!) { nominate(campaignId: "Campaign:gluecksbringer", input: $input) { received } }`;
const NOMINATIONS = `{ campaignNominations(campaignId: "gluecksbringer", first: 100) { nodes { id nomineeName } } }`;
const CREATE = `mutation ($nominationId: ID!, $portrait: PortraitInput!, $consent: ConsentInput!) {
  createPortraitFromNomination(campaignId: "gluecksbringer", nominationId: $nominationId, portrait: $portrait, consent: $consent) {
    withdrawalToken portrait { portrait { id } } } }`;
const PUBLISH = `mutation ($id: ID!) { publishPortrait(id: $id) { published } }`;
const PUBLIC_ANSWERS = `query ($id: ID!) {
  campaign(id: "gluecksbringer") { portraits(first: 100) { nodes { id displayName quote engagementArea organization } } }
  city(id: "dessau-rosslau") { campaigns { portraits { nodes { displayName quote organization } } } }
  node(id: $id) { id ... on Portrait { displayName quote } } }`;

/** Nominates (public), then creates and publishes the portrait with consent (city editor); returns its id and token. */
async function publishedPortrait(tag: string): Promise<{ id: string; token: string; strings: string[] }> {
  const p = person(tag);
  expect(await call(null, NOMINATE, { input: p.nomination })).toEqual({ data: { nominate: { received: true } } });
  const listed = await call(editorKey, NOMINATIONS);
  const nominationId = listed.data.campaignNominations.nodes.find((n: { nomineeName: string }) => n.nomineeName === p.nomination.nomineeName).id;
  const created = await call(editorKey, CREATE, { nominationId, portrait: p.portrait, consent: p.consent });
  expect(created.errors).toBeUndefined();
  const id = created.data.createPortraitFromNomination.portrait.portrait.id as string;
  expect(await call(editorKey, PUBLISH, { id })).toEqual({ data: { publishPortrait: { published: true } } });
  const strings = [
    ...Object.values(p.nomination).filter((v): v is string => typeof v === 'string'),
    ...Object.values(p.portrait).filter((v): v is string => typeof v === 'string' && v !== 'dessau-rosslau'),
    p.consent.textWording,
  ];
  return { id, token: created.data.createPortraitFromNomination.withdrawalToken as string, strings };
}

/** IAM's action for each document-client command (a transaction is authorised by its parts). */
const IAM_ACTION: Readonly<Record<string, string>> = {
  Get: 'dynamodb:GetItem',
  BatchGet: 'dynamodb:BatchGetItem',
  Query: 'dynamodb:Query',
  Scan: 'dynamodb:Scan',
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  BatchWrite: 'dynamodb:BatchWriteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  TransactGet: 'dynamodb:GetItem',
};

/** What the requests sent while `act` ran need: IAM actions, index names and the partition keys they touch. */
async function accessDuring(act: () => Promise<unknown>): Promise<{ actions: Set<string>; indexes: Set<string>; partitions: Set<string> }> {
  const actions = new Set<string>();
  const indexes = new Set<string>();
  const partitions = new Set<string>();
  const original = DynamoDBDocumentClient.prototype.send;
  const spy = jest.spyOn(DynamoDBDocumentClient.prototype, 'send').mockImplementation(function (this: DynamoDBDocumentClient, command: any, ...rest: any[]) {
    const name = String(command.constructor.name).replace(/Command$/, '');
    const input = command.input ?? {};
    if (name === 'TransactWrite') {
      for (const item of input.TransactItems ?? []) {
        for (const [part, body] of Object.entries<any>(item)) {
          actions.add(IAM_ACTION[part] ?? `unknown:${part}`);
          partitions.add(String((body.Key ?? body.Item).pk));
        }
      }
    } else {
      actions.add(IAM_ACTION[name] ?? `unknown:${name}`);
      if (input.IndexName) indexes.add(input.IndexName);
      for (const request of Object.values<any>(input.RequestItems ?? {})) for (const key of request.Keys ?? []) partitions.add(String(key.pk));
      if (input.Key) partitions.add(String(input.Key.pk));
      if (name === 'Query') partitions.add(String(input.ExpressionAttributeValues?.[':pk']));
    }
    return (original as any).call(this, command, ...rest);
  });
  try {
    await act();
  } finally {
    spy.mockRestore();
  }
  return { actions, indexes, partitions };
}

/** IAM's `StringLike`: `*` matches any run of characters. */
function stringLike(pattern: string, value: string): boolean {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(value);
}

describe('POST /withdrawal (no credential)', () => {
  it('withdraws with one POST of the token: the portrait leaves every public answer, the feed carries its tombstone, the audit entry holds no personal data', async () => {
    const { id, token, strings } = await publishedPortrait('Wilma');
    // A second nomination of the same person by someone else: erased with the portrait.
    const second = { ...person('Wilma').nomination, nominatorName: 'Testnominierende Zweite Wilma', nominatorEmail: 'zweite.wilma@example.org' };
    expect(await call(null, NOMINATE, { input: second })).toEqual({ data: { nominate: { received: true } } });
    strings.push(second.nominatorName, second.nominatorEmail);
    expect(JSON.stringify(await call(null, PUBLIC_ANSWERS, { id }))).toContain(person('Wilma').portrait.quote);
    const cursor = (await call(partnerKey, `{ changes(types: [PORTRAIT], first: 100) { nextCursor } }`)).data.changes.nextCursor as string;
    // A processed photo of the portrait where the folder storage keeps it (functions/photos/filesystem.ts).
    const photoFolder = join(photoDir, 'processed', id.replace('Portrait:', ''));
    mkdirSync(photoFolder, { recursive: true });
    writeFileSync(join(photoFolder, 'photo.webp'), 'stands in for a processed photo');
    lines = [];

    let response: Response | undefined;
    const access = await accessDuring(async () => {
      response = await withdraw(JSON.stringify({ token }));
    });
    expect(response!.status).toBe(200);
    expect(await response!.json()).toEqual({ withdrawn: true });
    expect(existsSync(photoFolder)).toBe(false);
    expect(response!.headers.get('cache-control')).toBe('no-store');
    expect(response!.headers.get('access-control-allow-origin')).toBe('*');
    expect(response!.headers.get('access-control-allow-credentials')).toBeNull();
    // Everything the path called is within the role's grant (test/infra/stack.test.ts checks the
    // template against the same hand-written lists): no other action, no index, no other partition.
    expect([...access.actions].sort()).toEqual(GRANTED);
    expect([...access.indexes]).toEqual([]);
    const outside = [...access.partitions].filter((pk) => !LEADING_KEYS.some((pattern) => stringLike(pattern, pk)));
    expect(outside).toEqual([]);
    // Not vacuous: the portrait's, the consent's, the nominations' partitions were all touched.
    expect([...access.partitions]).toEqual(expect.arrayContaining(['Campaign#gluecksbringer', 'Consent#gluecksbringer', 'Nomination#gluecksbringer', 'Erased']));

    const after = JSON.stringify([await call(null, PUBLIC_ANSWERS, { id }), await call(editorKey, NOMINATIONS)]);
    for (const value of strings) expect(after).not.toContain(value);
    const followed = await call(partnerKey, `query ($since: String) { changes(since: $since, types: [PORTRAIT], first: 100) { entries { id type operation deleted created modified node { __typename } } } }`, { since: cursor });
    expect(followed.data.changes.entries).toEqual([
      { id, type: 'PORTRAIT', operation: 'DELETE', deleted: true, created: expect.any(String), modified: expect.any(String), node: null },
    ]);

    const audit = await auditEntries(store, new Date().toISOString().slice(0, 10));
    expect(audit).toContainEqual(expect.objectContaining({ action: 'CONSENT_WITHDRAWN', actor: 'withdrawal-token', portraitId: id.replace('Portrait:', '') }));
    for (const value of [...strings, token]) expect(JSON.stringify(audit)).not.toContain(value);

    // The logs name the opaque portrait id, never the token (nor its secret half) or the person.
    const logText = lines.join('\n');
    expect(logText).toContain('Consent withdrawn by token');
    for (const value of [token, token.split('~')[1]!, ...strings]) expect(logText).not.toContain(value);
  });

  it('answers the same 404 TOKEN_UNKNOWN_OR_USED for a used token and for an unknown one', async () => {
    const { token } = await publishedPortrait('Ute');
    expect((await withdraw(JSON.stringify({ token }))).status).toBe(200);
    const again = await withdraw(JSON.stringify({ token }));
    const unknownToken = `${token.split('~')[0]}~${'A'.repeat(43)}`;
    const unknown = await withdraw(JSON.stringify({ token: unknownToken }));
    const otherPortrait = await withdraw(JSON.stringify({ token: `gluecksbringer.aaaaaaaaaaaaaaaa~${'B'.repeat(43)}` }));
    const expected = { error: { code: 'TOKEN_UNKNOWN_OR_USED', message: expect.any(String) } };
    for (const response of [again, unknown, otherPortrait]) {
      expect(response.status).toBe(404);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    const bodies = [await again.json(), await unknown.json(), await otherPortrait.json()];
    for (const body of bodies) expect(body).toEqual(expected);
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
  });

  it('withdraws from a plain HTML form post (application/x-www-form-urlencoded)', async () => {
    const { id, token, strings } = await publishedPortrait('Fritz');
    const response = await withdraw(new URLSearchParams({ token }).toString(), 'application/x-www-form-urlencoded');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ withdrawn: true });
    const after = JSON.stringify(await call(null, PUBLIC_ANSWERS, { id }));
    for (const value of strings) expect(after).not.toContain(value);
  });

  it('never withdraws on GET (link prefetchers): 405 with Allow, and the token still works by POST afterwards', async () => {
    const { id, token } = await publishedPortrait('Gerd');
    const get = await fetch(`${baseUrl}/withdrawal?token=${encodeURIComponent(token)}`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    expect(await get.json()).toEqual({ error: { code: 'METHOD_NOT_ALLOWED', message: expect.any(String) } });
    for (const method of ['PUT', 'DELETE']) expect((await withdraw(JSON.stringify({ token }), 'application/json', method)).status).toBe(405);
    expect(JSON.stringify(await call(null, PUBLIC_ANSWERS, { id }))).toContain(person('Gerd').portrait.quote);
    expect((await withdraw(JSON.stringify({ token }))).status).toBe(200);
  });

  it('answers a CORS preflight for any origin without credentials', async () => {
    const response = await fetch(`${baseUrl}/withdrawal`, {
      method: 'OPTIONS',
      headers: { origin: 'https://www.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('POST,OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe('Content-Type');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses malformed bodies and tokens with 400 BAD_REQUEST, other media types with 415, large bodies with 413', async () => {
    const cases: [string, string, number, string][] = [
      ['{not json', 'application/json', 400, 'BAD_REQUEST'],
      ['[]', 'application/json', 400, 'BAD_REQUEST'],
      ['{}', 'application/json', 400, 'BAD_REQUEST'],
      ['{"token": 42}', 'application/json', 400, 'BAD_REQUEST'],
      ['{"token": "not-a-token"}', 'application/json', 400, 'BAD_REQUEST'],
      ['token=a&token=b', 'application/x-www-form-urlencoded', 400, 'BAD_REQUEST'],
      ['token=x', 'text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [JSON.stringify({ token: 'x', padding: 'p'.repeat(4_000) }), 'application/json', 413, 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [body, type, status, code] of cases) {
      const response = await withdraw(body, type);
      expect({ body: body.slice(0, 30), status: response.status }).toEqual({ body: body.slice(0, 30), status });
      expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });
});

describe('the withdrawal bundle', () => {
  it('carries the erasure and the write path but no GraphQL, no Apollo and no read models', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'withdrawal-bundle-'));
    try {
      const built = await build({ ...ESBUILD_OPTIONS, entryPoints: [WITHDRAWAL_ENTRY], outfile: join(dir, 'index.mjs'), metafile: true, logLevel: 'error' });
      // Only inputs that contribute bytes: esbuild lists shaken-out files with 0.
      const inputs = Object.entries(Object.values(built.metafile.outputs)[0]!.inputs)
        .filter(([, use]) => use.bytesInOutput > 0)
        .map(([file]) => file);
      expect(inputs.filter((file) => /node_modules\/(graphql|@apollo|@as-integrations|graphql-tag|@graphql-tools)\/|functions\/graphql\/(?!metric-names)|data\/(collections|repository|municipality-queries)/.test(file))).toEqual([]);
      expect(inputs.filter((file) => /functions\/data\/(erasure|writes)\.ts$/.test(file))).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
