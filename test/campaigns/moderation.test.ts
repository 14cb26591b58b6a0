import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { auditEntries } from '../../functions/data/audit';
import { Erasure } from '../../functions/data/erasure';
import { runAdmin } from '../../cli/admin';
import { NetworkWriter, NominationStore, type TableStore } from '../../functions/data';
import { seedPlan } from '../../local/seed';
import { putSeedMarker } from '../../functions/data/seeding';
import { ERASED_PARTITION, consentPartition, nominationPartition, portraitKey } from '../../functions/data/keys';
import { createLocalServer, lambdaRoute, type RestHandler } from '../../local/http';
import { credentialTable, type CredentialTable } from '../support/credentials';
import { freshTable, sampleCity } from '../data-layer/support';
import { fictitiousPerson, seededGluecksbringer } from './support';

/**
 * The issue's "done when", through the real Lambda handlers: the public one
 * on /graphql (anonymous) and the partner one on /partner/graphql behind the
 * same authentication the authorizer runs, over a fresh table. Powertools'
 * output is captured from stdout/stderr to check the logs too.
 */
let store: TableStore;
let tableName: string;
let credentials: CredentialTable;
let server: Server;
let baseUrl: string;
let keys: Record<'editor' | 'otherEditor' | 'admin' | 'partner', string>;
let lines: string[] = [];
let spies: jest.SpyInstance[] = [];

const OUTSIDE_CITY = 'halle-saale';

beforeAll(async () => {
  const fresh = await freshTable('moderation');
  store = fresh.store;
  tableName = fresh.tableName;
  // Looks seeded to the admin command, which would otherwise seed this table first.
  await putSeedMarker(store, seedPlan().digest);
  const curated = JSON.parse(readFileSync(join(__dirname, '../../seed/curated.json'), 'utf8'));
  const campaign = seededGluecksbringer();
  await new NetworkWriter(store).write(
    [
      ...[...campaign.cityIds, OUTSIDE_CITY].map((id) => ({ kind: 'put' as const, type: 'City' as const, record: sampleCity(id) })),
      { kind: 'put', type: 'Program', record: curated.programs.find((p: { id: string }) => p.id === 'vielfaltsgestalter') },
      { kind: 'put', type: 'Campaign', record: campaign },
    ],
    { writtenBy: 'seed' },
  );
  // The handlers read their configuration once, at import: point them at this table first.
  process.env.TABLE_NAME = fresh.tableName;
  process.env.LOG_LEVEL = 'debug';
  credentials = await credentialTable();
  keys = {
    editor: `Bearer ${(await credentials.issue('city-editor', ['dessau-rosslau'])).secret}`,
    otherEditor: `Bearer ${(await credentials.issue('city-editor', [OUTSIDE_CITY])).secret}`,
    admin: `Bearer ${(await credentials.issue('admin')).secret}`,
    partner: `Bearer ${(await credentials.issue('partner', ['vielfaltsgestalter'])).secret}`,
  };
  const { handler } = await import('../../functions/graphql/handler');
  const { handler: partnerHandler } = await import('../../functions/graphql/partner-handler');
  server = createLocalServer([
    lambdaRoute('/graphql', handler as unknown as RestHandler),
    lambdaRoute('/partner/graphql', partnerHandler as unknown as RestHandler, credentials.store),
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
});

type Caller = keyof typeof keys | 'public';

async function call(caller: Caller, query: string, variables: Record<string, unknown> = {}): Promise<{ data?: any; errors?: any[] }> {
  const partner = caller !== 'public';
  const response = await fetch(`${baseUrl}${partner ? '/partner/graphql' : '/graphql'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(partner ? { authorization: keys[caller] } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  // The cost report in `extensions` is the same for every answer; tests compare data and errors.
  const { data, errors } = (await response.json()) as { data?: any; errors?: any[] };
  return errors ? { data, errors } : { data };
}

const codes = (result: { errors?: any[] }) => (result.errors ?? []).map((e) => e.extensions?.code);

/** A fictitious person; every string is unique to this test. */
const person = (tag: string) => fictitiousPerson(tag, { family: 'Nominiert', activity: 'in der Nachbarschaftshilfe', quoteEnd: 'Testzitate mag', method: 'PAPER_FORM' });

const NOMINATE = `mutation ($input: NominationInput!) { nominate(campaignId: "Campaign:gluecksbringer", input: $input) { received } }`;
const NOMINATIONS = `query ($status: NominationStatus) { campaignNominations(campaignId: "gluecksbringer", status: $status, first: 100) { totalCount nodes { id nomineeName status campaign { slug } } } }`;
const CREATE = `mutation ($nominationId: ID!, $portrait: PortraitInput!, $consent: ConsentInput!) {
  createPortraitFromNomination(campaignId: "gluecksbringer", nominationId: $nominationId, portrait: $portrait, consent: $consent) {
    withdrawalToken portrait { published portrait { id displayName } consent { parties { role name } minor scopes date textVersion textWording method } }
  } }`;
const PUBLISH = `mutation ($id: ID!) { publishPortrait(id: $id) { published portrait { id } } }`;
const PUBLIC_PORTRAITS = `{ campaign(id: "gluecksbringer") { portraits(first: 100) { nodes { id displayName quote engagementArea organization city { slug } } } } }`;

/** Nominates through the public handler and returns the nomination's id as an editor sees it. */
async function nominateAndFind(tag: string): Promise<string> {
  const sent = await call('public', NOMINATE, { input: person(tag).nomination });
  expect(sent).toEqual({ data: { nominate: { received: true } } });
  const listed = await call('editor', NOMINATIONS);
  expect(listed.errors).toBeUndefined();
  const found = listed.data.campaignNominations.nodes.find((n: { nomineeName: string }) => n.nomineeName === person(tag).nomination.nomineeName);
  expect(found).toBeDefined();
  return found.id;
}

describe('moderation on /partner/graphql', () => {
  it('takes a nomination to a published portrait with recorded consent (city editor of one of the campaign places)', async () => {
    const p = person('Anna');
    const nominationId = await nominateAndFind('Anna');
    const marked = await call('editor', `mutation ($id: ID!) { markNomination(campaignId: "gluecksbringer", id: $id, status: CONTACTED) { id status } }`, { id: nominationId });
    expect(marked).toEqual({ data: { markNomination: { id: nominationId, status: 'CONTACTED' } } });

    const created = await call('editor', CREATE, { nominationId, portrait: p.portrait, consent: p.consent });
    expect(created.errors).toBeUndefined();
    const creation = created.data.createPortraitFromNomination;
    expect(creation.portrait).toEqual({ published: false, portrait: { id: expect.stringMatching(/^Portrait:gluecksbringer\./), displayName: p.portrait.displayName }, consent: p.consent });
    expect(creation.withdrawalToken).toMatch(/^gluecksbringer\.[a-z2-7]{16}~[A-Za-z0-9_-]{43}$/);
    // The nomination became the portrait: it is gone from the inbox.
    const after = await call('editor', NOMINATIONS);
    expect(after.data.campaignNominations.nodes.map((n: { id: string }) => n.id)).not.toContain(nominationId);
    // Only the hash of the token is stored.
    const consentItems = await store.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': consentPartition('gluecksbringer') } });
    expect(JSON.stringify(consentItems)).not.toContain(creation.withdrawalToken.split('~')[1]);

    // Unpublished: the public sees nothing yet.
    expect(JSON.stringify(await call('public', PUBLIC_PORTRAITS))).not.toContain(p.portrait.displayName);
    const published = await call('editor', PUBLISH, { id: creation.portrait.portrait.id });
    expect(published).toEqual({ data: { publishPortrait: { published: true, portrait: { id: creation.portrait.portrait.id } } } });
    const visible = await call('public', PUBLIC_PORTRAITS);
    expect(visible.data.campaign.portraits.nodes).toContainEqual({
      id: creation.portrait.portrait.id,
      displayName: p.portrait.displayName,
      quote: p.portrait.quote,
      engagementArea: p.portrait.engagementArea,
      organization: p.portrait.organization,
      city: { slug: 'dessau-rosslau' },
    });
    // Unpublished again, it is gone from the public answer; published once more, it is back.
    const unpublished = await call('editor', `mutation ($id: ID!) { unpublishPortrait(id: $id) { published } }`, { id: creation.portrait.portrait.id });
    expect(unpublished).toEqual({ data: { unpublishPortrait: { published: false } } });
    expect(JSON.stringify(await call('public', PUBLIC_PORTRAITS))).not.toContain(p.portrait.displayName);
    expect((await call('editor', PUBLISH, { id: creation.portrait.portrait.id })).errors).toBeUndefined();
    // Audit: who, what, opaque ids, and nothing the people wrote.
    const audit = await auditEntries(store, new Date().toISOString().slice(0, 10));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['NOMINATION_MARKED', 'PORTRAIT_CREATED', 'PORTRAIT_PUBLISHED', 'PORTRAIT_UNPUBLISHED']));
    expect(audit.every((a) => a.actor.startsWith('key:'))).toBe(true);
    const auditText = JSON.stringify(audit);
    for (const value of [...Object.values(p.nomination), ...Object.values(p.portrait), p.consent.textWording]) {
      if (typeof value === 'string' && value !== 'dessau-rosslau') expect(auditText).not.toContain(value);
    }
  });

  it('refuses a city editor of another city and a partner with FORBIDDEN, and the public resource knows no such fields', async () => {
    const nominationId = await nominateAndFind('Bernd');
    for (const caller of ['otherEditor', 'partner'] as const) {
      expect(codes(await call(caller, NOMINATIONS))).toEqual(['FORBIDDEN']);
      expect(codes(await call(caller, `mutation ($id: ID!) { markNomination(campaignId: "gluecksbringer", id: $id, status: DECLINED) { id } }`, { id: nominationId }))).toEqual([
        'FORBIDDEN',
      ]);
      const p = person('Bernd');
      expect(codes(await call(caller, CREATE, { nominationId, portrait: p.portrait, consent: p.consent }))).toEqual(['FORBIDDEN']);
    }
    expect([...new Set(codes(await call('public', NOMINATIONS)))]).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses a minor without a guardian party with GUARDIAN_REQUIRED and writes nothing; with a guardian it goes through', async () => {
    const nominationId = await nominateAndFind('Clara');
    const p = person('Clara');
    const refused = await call('editor', CREATE, { nominationId, portrait: p.portrait, consent: { ...p.consent, minor: true } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'consent.parties', code: 'GUARDIAN_REQUIRED' }] });
    expect(JSON.stringify(refused)).not.toContain('Clara');
    const still = await call('editor', NOMINATIONS);
    expect(still.data.campaignNominations.nodes.map((n: { id: string }) => n.id)).toContain(nominationId);

    const withGuardian = await call('editor', CREATE, {
      nominationId,
      portrait: p.portrait,
      consent: { ...p.consent, minor: true, parties: [...p.consent.parties, { role: 'GUARDIAN', name: 'Testmutter Clara' }, { role: 'GUARDIAN', name: 'Testvater Clara' }] },
    });
    expect(withGuardian.errors).toBeUndefined();
    expect(withGuardian.data.createPortraitFromNomination.portrait.consent.parties.map((x: { role: string }) => x.role)).toEqual(['PERSON', 'GUARDIAN', 'GUARDIAN']);
    const published = await call('editor', PUBLISH, { id: withGuardian.data.createPortraitFromNomination.portrait.portrait.id });
    expect(published.errors).toBeUndefined();
  });

  it('refuses a consent without the person as a party', async () => {
    const nominationId = await nominateAndFind('Dora');
    const p = person('Dora');
    const refused = await call('editor', CREATE, { nominationId, portrait: p.portrait, consent: { ...p.consent, parties: [{ role: 'GUARDIAN', name: 'Testmutter Dora' }] } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'consent.parties', code: 'PERSON_PARTY_REQUIRED' }] });
  });

  it('lets admins and editors of all its places create and edit a campaign, and nobody else', async () => {
    const input = {
      slug: 'testkampagne-moderation',
      name: 'Testkampagne Moderation',
      cityIds: ['dessau-rosslau'],
      sourceUrls: ['https://example.org/testkampagne'],
      launchDate: '2026-01-01',
    };
    const CREATE_CAMPAIGN = `mutation ($input: CampaignInput!) { createCampaign(input: $input) { slug name cities { slug } } }`;
    expect(codes(await call('otherEditor', CREATE_CAMPAIGN, { input }))).toEqual(['FORBIDDEN']);
    expect(codes(await call('editor', CREATE_CAMPAIGN, { input: { ...input, cityIds: ['dessau-rosslau', 'bitterfeld-wolfen'] } }))).toEqual(['FORBIDDEN']);
    expect(await call('editor', CREATE_CAMPAIGN, { input })).toEqual({ data: { createCampaign: { slug: input.slug, name: input.name, cities: [{ slug: 'dessau-rosslau' }] } } });
    const UPDATE = `mutation ($input: CampaignInput!) { updateCampaign(id: "testkampagne-moderation", input: $input) { name cities { slug } } }`;
    // Adding a place the editor does not hold is refused; an admin may.
    expect(codes(await call('editor', UPDATE, { input: { ...input, cityIds: ['dessau-rosslau', OUTSIDE_CITY] } }))).toEqual(['FORBIDDEN']);
    expect(await call('admin', UPDATE, { input: { ...input, name: 'Testkampagne Moderation geändert', cityIds: ['dessau-rosslau', OUTSIDE_CITY] } })).toEqual({
      data: { updateCampaign: { name: 'Testkampagne Moderation geändert', cities: [{ slug: 'dessau-rosslau' }, { slug: OUTSIDE_CITY }] } },
    });
    expect(codes(await call('public', `{ campaign(id: "testkampagne-moderation") { name } }`))).toEqual([]);
  });
});

describe('withdrawal and erasure', () => {
  it('erases a person made through the moderation API from every answer of every principal, the feed and the logs; the feed follower sees the tombstone', async () => {
    const tag = 'Erwin';
    const p = person(tag);
    const nominationId = await nominateAndFind(tag);
    // A second nomination of the same person by someone else: erased too.
    await call('public', NOMINATE, { input: { ...p.nomination, nominatorName: 'Testnominierende Zweite', nominatorEmail: 'zweite.erwin@example.org' } });
    const created = await call('editor', CREATE, {
      nominationId,
      portrait: p.portrait,
      consent: { ...p.consent, parties: [...p.consent.parties, { role: 'GUARDIAN', name: 'Testvormund Erwin' }] },
    });
    const { withdrawalToken, portrait } = created.data.createPortraitFromNomination;
    const portraitGlobalId = portrait.portrait.id as string;
    expect((await call('editor', PUBLISH, { id: portraitGlobalId })).errors).toBeUndefined();
    const strings = [
      ...Object.values(p.nomination).filter((v): v is string => typeof v === 'string'),
      ...Object.values(p.portrait).filter((v): v is string => typeof v === 'string' && v !== 'dessau-rosslau'),
      p.consent.textWording,
      'Testvormund Erwin',
      'Testnominierende Zweite',
      'zweite.erwin@example.org',
    ];
    // Before: the person is visible, so the checks below can fail.
    expect(JSON.stringify(await everyAnswer('admin', portraitGlobalId))).toContain(p.portrait.quote);
    const cursor = (await call('partner', `{ changes(types: [PORTRAIT], first: 100) { nextCursor } }`)).data.changes.nextCursor as string;
    lines = [];

    // One call with the token, as the person gets it: no key of the person's own is needed beyond it.
    const withdrawn = await call('editor', `mutation ($token: String!) { withdrawConsent(token: $token) { portraitId itemsErased photosErased } }`, { token: withdrawalToken });
    expect(withdrawn).toEqual({ data: { withdrawConsent: { portraitId: portraitGlobalId.replace('Portrait:', ''), itemsErased: 3, photosErased: false } } });
    // The token works once.
    const again = await call('editor', `mutation ($token: String!) { withdrawConsent(token: $token) { portraitId } }`, { token: withdrawalToken });
    expect(codes(again)).toEqual(['NOT_FOUND']);

    for (const caller of ['public', 'partner', 'editor', 'admin'] as const) {
      const text = JSON.stringify(await everyAnswer(caller, portraitGlobalId));
      for (const value of strings) expect(text).not.toContain(value);
    }
    // The store itself keeps none of them either (portrait tombstone, consent and nominations gone).
    const items = [
      ...(await store.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': portraitKey(portraitGlobalId.replace('Portrait:', ''))!.pk } })),
      ...(await store.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': consentPartition('gluecksbringer') } })),
      ...(await store.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': nominationPartition('gluecksbringer') } })),
      ...(await store.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': ERASED_PARTITION } })),
    ];
    expect(items.length).toBeGreaterThan(0);
    for (const value of strings) expect(JSON.stringify(items)).not.toContain(value);

    // Partners following the feed see the tombstone and nothing else of the person.
    const followed = await call('partner', `query ($since: String) { changes(since: $since, types: [PORTRAIT], first: 100) { entries { id type operation deleted created modified node { __typename } } } }`, {
      since: cursor,
    });
    expect(followed.data.changes.entries).toContainEqual({
      id: portraitGlobalId,
      type: 'PORTRAIT',
      operation: 'DELETE',
      deleted: true,
      created: expect.any(String),
      modified: expect.any(String),
      node: null,
    });

    // Logs of all of it: ids and counts, never the person; and the missing photo eraser is said, not hidden.
    const logText = lines.join('\n');
    expect(logText).toContain('No photo eraser is configured');
    for (const value of strings) expect(logText).not.toContain(value);
    // Audit: the withdrawal, by the token holder, with opaque ids only.
    const audit = await auditEntries(store, new Date().toISOString().slice(0, 10));
    expect(audit).toContainEqual(expect.objectContaining({ action: 'CONSENT_WITHDRAWN', actor: 'withdrawal-token', portraitId: portraitGlobalId.replace('Portrait:', '') }));
    for (const value of strings) expect(JSON.stringify(audit)).not.toContain(value);
  });

  it('lets only admins erase by portrait id; re-applies the erased-id list after a restore brought the person back', async () => {
    const tag = 'Frieda';
    const p = person(tag);
    const nominationId = await nominateAndFind(tag);
    const created = await call('editor', CREATE, { nominationId, portrait: p.portrait, consent: p.consent });
    const portraitId = (created.data.createPortraitFromNomination.portrait.portrait.id as string).replace('Portrait:', '');
    const ERASE = `mutation ($id: ID!) { erasePerson(portraitId: $id) { portraitId itemsErased photosErased } }`;
    expect(codes(await call('editor', ERASE, { id: portraitId }))).toEqual(['FORBIDDEN']);
    const [before] = await store.batchGet([portraitKey(portraitId)!], { consistent: true });
    expect((await call('admin', ERASE, { id: portraitId })).data.erasePerson).toEqual({ portraitId, itemsErased: 2, photosErased: false });

    // A point-in-time restore to before the erasure brings the portrait item back.
    await store.batchPut([before!]);
    expect(JSON.stringify(await call('admin', `{ moderatedPortraits(campaignId: "gluecksbringer") { portrait { displayName } } }`))).toContain(p.portrait.displayName);
    // `npm run admin -- reapply-erasures` (in this process) erases it again, with progress.
    const out: string[] = [];
    const progress: [string, number, number][] = [];
    const env = { ...process.env, DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT, TABLE_NAME: tableName };
    const code = await runAdmin(['reapply-erasures'], { out: (l) => out.push(l), err: () => undefined }, env, (phase, done, total) => progress.push([phase, done, total]));
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/erased 1 again; photos of \d+ still to erase \(no photo eraser configured here\)/);
    expect(progress.at(-1)).toEqual(['erased ids', progress.at(-1)![2], progress.at(-1)![2]]);
    expect(JSON.stringify(await call('admin', `{ moderatedPortraits(campaignId: "gluecksbringer") { portrait { displayName } } }`))).not.toContain(p.portrait.displayName);
    // Photos no eraser handled before are erased once one is configured.
    const erasedPhotos: string[] = [];
    const erasure = new Erasure(store, new NetworkWriter(store), new NominationStore(store, { retentionDays: 183 }), {
      photoEraser: { erasePortraitPhotos: async (id) => void erasedPhotos.push(id) },
    });
    const again = await erasure.reapply();
    expect(again).toMatchObject({ reapplied: 0, photosPending: 0 });
    expect(erasedPhotos).toContain(portraitId);
  });
});

/** Every query that can reach a portrait or a person, for one caller, plus the feed's full export. */
async function everyAnswer(caller: Caller, portraitId: string): Promise<unknown[]> {
  const publicPart = `campaign(id: "gluecksbringer") { portraits(first: 100) { nodes { id displayName quote engagementArea organization photo { url altText credit } } } }
    campaignsConnection { nodes { portraits(first: 100) { nodes { displayName quote } } } }
    city(id: "dessau-rosslau") { campaigns { portraits { nodes { displayName quote organization } } } }
    node(id: "${portraitId}") { id ... on Portrait { displayName quote engagementArea organization } }`;
  const moderatorPart = `campaignNominations(campaignId: "gluecksbringer", first: 100) { nodes { nomineeName activity place organization nominatorName nominatorEmail } }
    moderatedPortraits(campaignId: "gluecksbringer") { published portrait { displayName quote engagementArea organization } consent { parties { name } textWording } }`;
  const answers: unknown[] = [await call(caller, `{ ${publicPart} }`)];
  if (caller === 'editor' || caller === 'admin') {
    const moderated = await call(caller, `{ ${moderatorPart} }`);
    expect(moderated.errors).toBeUndefined();
    answers.push(moderated);
  }
  let since: string | null = null;
  for (let page = 0; page < 50; page++) {
    const result: any = await call(
      caller,
      `query ($since: String) { changes(since: $since, first: 100) { nextCursor hasMore entries { id type operation deleted node { ... on Portrait { displayName quote engagementArea organization } } } } }`,
      { since },
    );
    expect(result.errors).toBeUndefined();
    answers.push(result.data.changes.entries);
    since = result.data.changes.nextCursor;
    if (!result.data.changes.hasMore || result.data.changes.entries.length === 0) break;
  }
  return answers;
}
