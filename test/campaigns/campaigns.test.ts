import { buildClientSchema, getIntrospectionQuery, getNamedType, isInputObjectType, isObjectType, isInterfaceType, isUnionType, type GraphQLNamedType, type IntrospectionQuery } from 'graphql';
import { PUBLIC_PRINCIPAL, type Principal } from '../../functions/auth';
import { campaignWorld, fictitiousPortrait, type CampaignWorld } from './support';

let world: CampaignWorld;
beforeAll(async () => {
  world = await campaignWorld('campaigns');
});
afterAll(async () => world.stop());

// Portrait ids: `<campaign>.<16 base32 characters>`.
const PUBLISHED = 'gluecksbringer.aaaaaaaaaaaaaaaa';
const HIDDEN = 'gluecksbringer.bbbbbbbbbbbbbbbb';
const ERASED = 'gluecksbringer.cccccccccccccccc';

describe('campaign model', () => {
  it('derives the status from the Berlin calendar day and filters by status and state', async () => {
    const query = `query ($status: CampaignStatus, $state: StateCode) {
      campaignsConnection(filter: { status: $status, state: $state }) { nodes { slug status launchDate cities { name } callToAction contact { email } } }
    }`;
    const running = await world.run(query, { status: 'RUNNING' });
    expect(running.errors).toBeUndefined();
    expect(running.data.campaignsConnection.nodes.map((c: { slug: string }) => c.slug)).toEqual(['gluecksbringer']);
    expect(running.data.campaignsConnection.nodes[0]).toMatchObject({ status: 'RUNNING', launchDate: '2023-06-19', cities: expect.any(Array) });
    expect(running.data.campaignsConnection.nodes[0].cities).toHaveLength(4);
    // No source names a call to action or a campaign contact: they stay empty.
    expect(running.data.campaignsConnection.nodes[0]).toMatchObject({ callToAction: null, contact: null });

    // 19 June 2023 00:30 in Berlin is still 18 June in UTC: the Berlin day decides.
    const launchNight = await world.run(query, {}, { now: new Date('2023-06-18T22:30:00Z') });
    expect(launchNight.data.campaignsConnection.nodes[0].status).toBe('RUNNING');
    const dayBefore = await world.run(query, { status: 'UPCOMING' }, { now: new Date('2023-06-18T21:30:00Z') });
    expect(dayBefore.data.campaignsConnection.nodes.map((c: { slug: string }) => c.slug)).toEqual(['gluecksbringer']);

    expect((await world.run(query, { status: 'ENDED' })).data.campaignsConnection.nodes).toEqual([]);
    expect((await world.run(query, { state: 'DE-ST' })).data.campaignsConnection.nodes).toHaveLength(1);
    expect((await world.run(query, { state: 'DE-BY' })).data.campaignsConnection.nodes).toEqual([]);
  });
});

describe('portraits', () => {
  beforeAll(async () => {
    await world.writer.write(
      [
        { kind: 'put', type: 'Portrait', record: fictitiousPortrait(PUBLISHED), expectedVersion: null },
        {
          kind: 'put',
          type: 'Portrait',
          record: fictitiousPortrait(HIDDEN, { displayName: 'Testperson Unveröffentlicht', quote: 'Testzitat noch nicht freigegeben', published: false }),
          expectedVersion: null,
        },
      ],
      { writtenBy: 'api' },
    );
  });

  it('lists only published portraits, with photo, alt text and credit', async () => {
    const result = await world.run(`{ campaign(id: "gluecksbringer") { portraits(first: 10) { totalCount nodes {
      id displayName quote engagementArea organization city { slug } campaign { slug } photo { url altText credit } } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.campaign.portraits).toEqual({
      totalCount: 1,
      nodes: [
        {
          id: `Portrait:${PUBLISHED}`,
          displayName: 'Testperson Erika Beispielfrau',
          quote: 'Ich bin ein Glücksbringer, weil Testzitate Freude machen',
          engagementArea: 'Testbereich Hospizbegleitung',
          organization: 'Testverein Beispielhilfe e.V.',
          city: { slug: 'dessau-rosslau' },
          campaign: { slug: 'gluecksbringer' },
          photo: { url: 'https://example.org/photos/testperson.jpg', altText: 'Testbild einer lächelnden Beispielperson', credit: 'Testfotografin Beispiel' },
        },
      ],
    });
  });

  it('resolves a published portrait by global id and hides an unpublished one', async () => {
    const result = await world.run(`{ a: node(id: "Portrait:${PUBLISHED}") { id } b: node(id: "Portrait:${HIDDEN}") { id } }`);
    expect(result.data).toEqual({ a: { id: `Portrait:${PUBLISHED}` }, b: null });
  });

  it('shows an unpublished portrait in the change feed only as a deletion without fields', async () => {
    const answer = JSON.stringify(await exportAll(PUBLIC_PRINCIPAL));
    expect(answer).toContain('Testperson Erika Beispielfrau');
    expect(answer).not.toContain('Unveröffentlicht');
    expect(answer).not.toContain('noch nicht freigegeben');
  });

  it('leaves no string of an erased person in any answer or in the feed, only a tombstone', async () => {
    const person = fictitiousPortrait(ERASED, {
      displayName: 'Testperson Zelda Löschmich',
      quote: 'Testzitat Löschmich bitte vergessen',
      engagementArea: 'Testbereich Löschmich-Tafel',
      organization: 'Löschmich Testverein',
      photoUrl: 'https://example.org/photos/loeschmich.jpg',
      photoAlt: 'Testbild Löschmich',
      photoCredit: 'Testfoto Löschmich',
    });
    await world.writer.write([{ kind: 'put', type: 'Portrait', record: person, expectedVersion: null }], { writtenBy: 'api' });
    const before = JSON.stringify(await everyAnswer(PUBLIC_PRINCIPAL));
    expect(before).toContain('Löschmich');
    // Cursor taken before the erasure: a partner following the feed must see the tombstone.
    const cursor = (await world.run(`{ changes(types: [PORTRAIT], first: 100) { nextCursor } }`)).data.changes.nextCursor as string;

    await world.writer.write([{ kind: 'delete', type: 'Portrait', id: ERASED }], { writtenBy: 'api' });

    const partner: Principal = { kind: 'partner', keyId: '0123456789abcdef', programIds: ['vielfaltsgestalter'] };
    const editor: Principal = { kind: 'city-editor', keyId: '1123456789abcdef', cityIds: ['dessau-rosslau'] };
    const admin: Principal = { kind: 'admin', keyId: '2123456789abcdef' };
    for (const principal of [PUBLIC_PRINCIPAL, partner, editor, admin]) {
      const after = JSON.stringify(await everyAnswer(principal));
      for (const fragment of ['Löschmich', 'loeschmich']) expect(after).not.toContain(fragment);
    }
    const followed = await followFeed(cursor);
    const tombstone = followed.find((e: { id: string }) => e.id === `Portrait:${ERASED}`);
    expect(tombstone).toEqual({ id: `Portrait:${ERASED}`, type: 'PORTRAIT', operation: 'DELETE', deleted: true, created: expect.any(String), modified: expect.any(String), node: null });
    expect(JSON.stringify(followed)).not.toContain('Löschmich');
  });
});

/** Every query that can reach a portrait, plus the feed's full export. */
async function everyAnswer(principal: Principal): Promise<unknown[]> {
  const answers = [
    await world.run(
      `{ campaign(id: "gluecksbringer") { portraits(first: 100) { nodes { id displayName quote engagementArea organization photo { url altText credit } } } }
         campaignsConnection { nodes { portraits(first: 100) { nodes { displayName quote } } } }
         city(id: "dessau-rosslau") { campaigns { portraits { nodes { displayName quote organization } } } }
         nodes(ids: ["Portrait:${PUBLISHED}", "Portrait:${HIDDEN}", "Portrait:${ERASED}"]) { id ... on Portrait { displayName quote engagementArea organization photo { url altText credit } } } }`,
      {},
      { principal },
    ),
  ];
  return [...answers, await exportAll(principal)];
}

async function exportAll(principal: Principal): Promise<unknown[]> {
  const entries: unknown[] = [];
  let since: string | null = null;
  for (let page = 0; page < 50; page++) {
    const result: any = await world.run(
      `query ($since: String) { changes(since: $since, first: 100) { nextCursor hasMore entries { id type operation deleted node { ... on Portrait { displayName quote engagementArea organization photo { url altText credit } } } } } }`,
      { since },
      { principal },
    );
    expect(result.errors).toBeUndefined();
    entries.push(...result.data.changes.entries);
    since = result.data.changes.nextCursor;
    if (!result.data.changes.hasMore || result.data.changes.entries.length === 0) break;
  }
  return entries;
}

async function followFeed(cursor: string): Promise<any[]> {
  const result = await world.run(
    `query ($since: String) { changes(since: $since, types: [PORTRAIT], first: 100) { entries { id type operation deleted created modified node { ... on Portrait { displayName } } } } }`,
    { since: cursor },
  );
  expect(result.errors).toBeUndefined();
  return result.data.changes.entries;
}

describe('schema separation: what the public principal can see (introspection)', () => {
  it('reaches no type or field that could return nomination or consent data', async () => {
    const result = await world.run(getIntrospectionQuery());
    const schema = buildClientSchema(result.data as IntrospectionQuery);
    // Every output type reachable from the public roots.
    const seen = new Map<string, GraphQLNamedType>();
    const visit = (type: GraphQLNamedType) => {
      if (seen.has(type.name)) return;
      seen.set(type.name, type);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) visit(getNamedType(field.type));
        if (isInterfaceType(type)) for (const impl of schema.getPossibleTypes(type)) visit(impl);
      }
      if (isUnionType(type)) for (const member of type.getTypes()) visit(member);
    };
    for (const root of [schema.getQueryType(), schema.getMutationType()]) if (root) visit(root);
    const outputs = [...seen.values()].filter((t) => !isInputObjectType(t));
    const privateName = /nominat|consent|guardian|moderat/i;
    const offending = outputs.flatMap((type) => {
      const own = privateName.test(type.name) && type.name !== 'NominationReceipt' ? [type.name] : [];
      const fields = isObjectType(type) || isInterfaceType(type) ? Object.keys(type.getFields()).filter((f) => privateName.test(f) && !(type.name === 'Mutation' && f === 'nominate')) : [];
      return [...own, ...fields.map((f) => `${type.name}.${f}`)];
    });
    expect(offending).toEqual([]);
    // The one nomination type a public caller meets answers a single boolean and nothing that was sent.
    const receipt = schema.getType('NominationReceipt');
    expect(isObjectType(receipt) && Object.keys(receipt.getFields())).toEqual(['received']);
    // The check can fail: it does see the public mutation.
    expect(seen.has('NominationReceipt')).toBe(true);
  });
});
