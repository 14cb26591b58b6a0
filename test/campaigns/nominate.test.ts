import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { campaignWorld, type CampaignWorld } from './support';

let world: CampaignWorld;
beforeAll(async () => {
  world = await campaignWorld('nominate');
});
afterAll(async () => world.stop());

const NOMINATE = /* GraphQL */ `
  mutation ($campaignId: ID!, $input: NominationInput!) {
    nominate(campaignId: $campaignId, input: $input) { received }
  }
`;

// Fictitious people, marked as such; each test uses its own nominee so duplicates are deliberate.
function input(nominee: string, overrides: Record<string, unknown> = {}) {
  return {
    nomineeName: nominee,
    activity: 'Liest im Testaltenheim jeden Dienstag vor',
    place: 'Dessau-Roßlau, Testviertel',
    organization: 'Testlesekreis',
    nominatorName: 'Testnominierende Beispiel',
    nominatorEmail: 'test.nominator@example.org',
    nomineeMayBeContacted: true,
    website: '',
    fillTimeMs: 45_000,
    ...overrides,
  };
}

/** Every nomination item of the campaign, read straight from the table (the API cannot read them). */
async function storedNominations(): Promise<Record<string, unknown>[]> {
  const result = await world.store.client.send(
    new QueryCommand({ TableName: world.store.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'Nomination#gluecksbringer' } }),
  );
  return result.Items ?? [];
}

describe('nominate (public)', () => {
  it('stores a valid nomination privately and answers only { received: true }', async () => {
    const before = (await storedNominations()).length;
    const result = await world.run(NOMINATE, { campaignId: 'Campaign:gluecksbringer', input: input('Testperson Anna Erste') });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ nominate: { received: true } });
    const stored = await storedNominations();
    expect(stored).toHaveLength(before + 1);
    const item = stored.find((i) => i.nomineeName === 'Testperson Anna Erste')!;
    expect(item).toMatchObject({ entityType: 'Nomination', campaignId: 'gluecksbringer', place: 'Dessau-Roßlau, Testviertel', status: 'NEW' });
    // Retention: about six months from now, as a TTL attribute.
    const days = ((item.expiresAt as number) - Date.now() / 1000) / 86_400;
    expect(days).toBeGreaterThan(182);
    expect(days).toBeLessThan(184);
    // Neither the honeypot nor the fill time is kept, and no index key makes it listable.
    expect(Object.keys(item).filter((k) => /^gsi|website|fillTime/.test(k))).toEqual([]);
  });

  it('answers a duplicate (same nominee and nominator, other spelling) with the same shape and stores nothing new', async () => {
    await world.run(NOMINATE, { campaignId: 'gluecksbringer', input: input('Testperson Bernd Zweiter') });
    const before = (await storedNominations()).length;
    const again = await world.run(NOMINATE, {
      campaignId: 'gluecksbringer',
      input: input('  testperson  BERND zweiter ', { nominatorEmail: 'Test.Nominator@Example.org' }),
    });
    expect(again.errors).toBeUndefined();
    expect(again.data).toEqual({ nominate: { received: true } });
    expect(await storedNominations()).toHaveLength(before);
  });

  it.each([
    ['a filled honeypot', { website: 'http://spam.example' }],
    ['a form sent faster than a person can fill it', { fillTimeMs: 800 }],
  ])('answers %s exactly like a success and stores nothing', async (_label, overrides) => {
    const before = (await storedNominations()).length;
    const result = await world.run(NOMINATE, { campaignId: 'gluecksbringer', input: input('Testperson Robo Dritter', overrides) });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ nominate: { received: true } });
    expect(await storedNominations()).toHaveLength(before);
  });

  it('refuses invalid fields with field-level codes and without repeating the values', async () => {
    const bad = input('T', {
      activity: 'kurz',
      place: '',
      organization: 'x'.repeat(201),
      nominatorName: 'Testnominierende Beispiel',
      nominatorEmail: 'kein-at-zeichen.example.org',
      nomineeMayBeContacted: false,
    });
    const before = (await storedNominations()).length;
    const result = await world.run(NOMINATE, { campaignId: 'gluecksbringer', input: bad });
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0].extensions.fields).toEqual([
      { field: 'nomineeName', code: 'TOO_SHORT' },
      { field: 'activity', code: 'TOO_SHORT' },
      { field: 'place', code: 'REQUIRED' },
      { field: 'organization', code: 'TOO_LONG' },
      { field: 'nominatorEmail', code: 'INVALID_EMAIL' },
      { field: 'nomineeMayBeContacted', code: 'MUST_CONFIRM' },
    ]);
    expect(JSON.stringify(result.errors)).not.toContain('kein-at-zeichen');
    expect(await storedNominations()).toHaveLength(before);
  });

  it('refuses a nomination before the campaign runs (Berlin calendar day) with NOT_RUNNING', async () => {
    // 18 June 2023, 23:30 in Berlin is 21:30 UTC: still the day before the launch on 19 June.
    const result = await world.run(NOMINATE, { campaignId: 'gluecksbringer', input: input('Testperson Früh Vierter') }, { now: new Date('2023-06-18T21:30:00Z') });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'campaignId', code: 'NOT_RUNNING' }] });
    const onLaunchDay = await world.run(NOMINATE, { campaignId: 'gluecksbringer', input: input('Testperson Früh Vierter') }, { now: new Date('2023-06-18T22:30:00Z') });
    expect(onLaunchDay.data).toEqual({ nominate: { received: true } });
  });

  it('answers NOT_FOUND for an unknown campaign', async () => {
    const result = await world.run(NOMINATE, { campaignId: 'Campaign:gibt-es-nicht', input: input('Testperson Fünf') });
    expect(result.errors?.map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
  });

  it('keeps no personal data of a nomination in the logs, even at debug level', async () => {
    world.logs.length = 0;
    await world.run(NOMINATE, { campaignId: 'gluecksbringer', input: input('Testperson Geheim Sechster', { nominatorEmail: 'geheim.sechs@example.org' }) });
    await world.run(NOMINATE, { campaignId: 'gluecksbringer', input: input('Testperson Geheim Sechster', { nominatorEmail: 'nicht-gueltig' }) });
    const logged = world.logs.join('\n');
    expect(logged).not.toContain('Geheim');
    expect(logged).not.toContain('geheim.sechs');
    expect(logged).not.toContain('nicht-gueltig');
  });
});

describe('nominations stay private', () => {
  it('never appear in the change feed, its full export included', async () => {
    await world.run(NOMINATE, { campaignId: 'gluecksbringer', input: input('Testperson Feed Neunter', { nominatorEmail: 'feed.neun@example.org' }) });
    expect((await storedNominations()).some((n) => n.nomineeName === 'Testperson Feed Neunter')).toBe(true);
    const pages: unknown[] = [];
    let since: string | null = null;
    for (let page = 0; page < 20; page++) {
      const result: any = await world.run(`query ($since: String) { changes(since: $since, first: 100) { nextCursor hasMore entries { id type operation } } }`, { since });
      expect(result.errors).toBeUndefined();
      pages.push(result.data.changes);
      since = result.data.changes.nextCursor;
      if (!result.data.changes.hasMore || result.data.changes.entries.length === 0) break;
    }
    const answer = JSON.stringify(pages);
    // The feed did export the campaign (so it was read), but nothing of the nomination.
    expect(answer).toContain('Campaign:gluecksbringer');
    for (const fragment of ['Feed Neunter', 'feed.neun', 'Nomination']) expect(answer).not.toContain(fragment);
  });
});

describe('public mutation allow-list', () => {
  it('lets the public principal call nominate, and nothing that is not on the list', async () => {
    const ok = await world.run(NOMINATE, { campaignId: 'gluecksbringer', input: input('Testperson Liste Siebter') });
    expect(ok.errors).toBeUndefined();
    // A fragment could hide another mutation field; the guard does not look inside, it refuses.
    const hidden = await world.run(
      `mutation ($input: NominationInput!) { ...F } fragment F on Mutation { nominate(campaignId: "gluecksbringer", input: $input) { received } }`,
      { input: input('Testperson Liste Achter') },
    );
    expect(hidden.errors?.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    expect(hidden.status).toBe(401);
  });
});
