import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { networkDay } from '../../functions/shared/dates';
import { BOEBLINGEN_AGS, DESSAU, MEMBERSHIPS, PRINCIPALS, REPLACE, UPSERT, syncWorld, type SyncWorld } from './support';

let world: SyncWorld;
beforeAll(async () => {
  world = await syncWorld('sync-upsert');
});
afterAll(async () => {
  await world.stop();
});

const own = PRINCIPALS.partnerOwn!;
const admin = PRINCIPALS.admin!;
let keySeq = 0;
const freshKey = () => `test-key-${++keySeq}-${Date.now()}`;

async function upsert(principal = own, memberships: unknown[], key = freshKey(), programId = 'vielfaltsgestalter') {
  return world.run(principal, UPSERT, { programId, memberships, key });
}

async function feedEntries(): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await world.store.client.send(
      new ScanCommand({ TableName: world.tableName, ConsistentRead: true, FilterExpression: 'entityType = :t', ExpressionAttributeValues: { ':t': 'FeedEntry' }, ExclusiveStartKey: start }),
    );
    count += page.Items?.length ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

async function membershipsAs(principal = own, id = 'vielfaltsgestalter') {
  const body = await world.run(principal, MEMBERSHIPS, { id });
  expect(body.errors).toBeUndefined();
  return body.data.program.memberships as any[];
}

describe('authorisation', () => {
  const cases: [string, string | null][] = [
    ['public', 'UNAUTHENTICATED'],
    ['partnerOwn', null],
    ['partnerOther', 'FORBIDDEN'],
    ['cityEditor', 'FORBIDDEN'],
    ['admin', null],
  ];
  for (const [name, code] of cases) {
    it(`upsertProgramMemberships as ${name} → ${code ?? 'allowed'}`, async () => {
      const before = await feedEntries();
      const body = await upsert(PRINCIPALS[name]!, [{ externalId: `auth-${name}`, ags: BOEBLINGEN_AGS, startDate: '2024' }]);
      if (code) {
        expect(body.errors?.[0]?.extensions?.code).toBe(code);
        expect(await feedEntries()).toBe(before);
      } else {
        expect(body.errors).toBeUndefined();
        expect(body.data.upsertProgramMemberships.results[0].outcome).toBe('CREATED');
        expect(await feedEntries()).toBe(before + 1);
      }
    });
    it(`replaceProgramMemberships as ${name} → ${code ?? 'allowed'}`, async () => {
      const before = await feedEntries();
      const body = await world.run(PRINCIPALS[name]!, REPLACE, {
        programId: 'k2',
        snapshotId: `auth-${name}`,
        part: 1,
        memberships: [{ externalId: `k2-auth-${name}`, cityId: `City:${DESSAU.id}` }],
        commit: false,
      });
      const expected = name === 'partnerOwn' ? 'FORBIDDEN' : name === 'partnerOther' ? null : code;
      if (expected) {
        expect(body.errors?.[0]?.extensions?.code).toBe(expected);
        expect(await feedEntries()).toBe(before);
      } else {
        expect(body.errors).toBeUndefined();
        expect(body.data.replaceProgramMemberships.results[0].outcome).toBe('CREATED');
        expect(await feedEntries()).toBe(before + 1);
      }
    });
  }
});

describe('upsertProgramMemberships', () => {
  it('creates memberships by AGS (a non-member place) and by city id, readable back with their private fields for the partner only', async () => {
    const body = await upsert(own, [
      { externalId: 'VG-1', ags: BOEBLINGEN_AGS, startDate: '2021-03', cohort: 'Pilot', coordinatingOrganization: 'Stadt Böblingen', internalNote: 'Ansprechpartner wechselt' },
      { externalId: 'VG-2', cityId: DESSAU.id, startDate: '2022', endDate: '2023', status: 'ENDED' },
    ]);
    expect(body.errors).toBeUndefined();
    const payload = body.data.upsertProgramMemberships;
    expect(payload.results.map((r: any) => r.outcome)).toEqual(['CREATED', 'CREATED']);
    expect(payload.totals).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 0 });
    expect(payload.results.every((r: any) => r.version === 1 && r.membershipId.startsWith('ProgramMembership:vielfaltsgestalter.'))).toBe(true);

    const mine = await membershipsAs(own);
    const vg1 = mine.find((m) => m.externalId === 'VG-1');
    expect(vg1).toMatchObject({ participantName: 'Böblingen', startDate: '2021-03', cohort: 'Pilot', internalNote: 'Ansprechpartner wechselt', coordinatingOrganization: 'Stadt Böblingen', city: null, municipality: { ags: BOEBLINGEN_AGS } });
    const vg2 = mine.find((m) => m.externalId === 'VG-2');
    expect(vg2).toMatchObject({ participantName: 'Dessau-Roßlau', city: { id: `City:${DESSAU.id}` }, endDate: '2023' });

    for (const other of [PRINCIPALS.public!, PRINCIPALS.partnerOther!]) {
      const seen = await membershipsAs(other);
      const row = seen.find((m) => m.id === vg1.id);
      expect(row).toMatchObject({ externalId: null, internalNote: null, participantName: 'Böblingen' });
    }
  });

  it('answers a replay with the first result and writes nothing; the same key with another payload is BAD_USER_INPUT', async () => {
    const key = freshKey();
    const items = [{ externalId: 'VG-replay', ags: BOEBLINGEN_AGS, startDate: '2020' }];
    const first = await upsert(own, items, key);
    expect(first.data.upsertProgramMemberships.replayed).toBe(false);
    const before = await feedEntries();
    const again = await upsert(own, items, key);
    expect(again.errors).toBeUndefined();
    expect(again.data.upsertProgramMemberships.replayed).toBe(true);
    expect(again.data.upsertProgramMemberships.results).toEqual(first.data.upsertProgramMemberships.results);
    expect(await feedEntries()).toBe(before);

    const other = await upsert(own, [{ ...items[0], cohort: 'anders' }], key);
    expect(other.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await feedEntries()).toBe(before);
    const row = (await membershipsAs(own)).find((m) => m.externalId === 'VG-replay');
    expect(row.cohort).toBeNull();
  });

  it('reports UNCHANGED for identical values and UPDATED (new version) for changed ones', async () => {
    const item = { externalId: 'VG-upd', ags: BOEBLINGEN_AGS, startDate: '2019' };
    const created = (await upsert(own, [item])).data.upsertProgramMemberships.results[0];
    const before = await feedEntries();
    const same = (await upsert(own, [item])).data.upsertProgramMemberships.results[0];
    expect(same).toMatchObject({ outcome: 'UNCHANGED', membershipId: created.membershipId, version: 1 });
    expect(await feedEntries()).toBe(before);
    const changed = (await upsert(own, [{ ...item, cohort: 'Kohorte 2' }])).data.upsertProgramMemberships.results[0];
    expect(changed).toMatchObject({ outcome: 'UPDATED', membershipId: created.membershipId, version: 2 });
    expect(await feedEntries()).toBe(before + 1);
  });

  it('rejects a stale expectedVersion with CONFLICT for that item only, and applies the others', async () => {
    await upsert(own, [{ externalId: 'VG-stale', ags: BOEBLINGEN_AGS, startDate: '2018' }]);
    await upsert(own, [{ externalId: 'VG-stale', ags: BOEBLINGEN_AGS, startDate: '2018', cohort: 'v2' }]);
    const body = await upsert(own, [
      { externalId: 'VG-stale', ags: BOEBLINGEN_AGS, startDate: '2018', cohort: 'v3', expectedVersion: 1 },
      { externalId: 'VG-fresh', ags: BOEBLINGEN_AGS, startDate: '2018', expectedVersion: null },
    ]);
    const [stale, fresh] = body.data.upsertProgramMemberships.results;
    expect(stale).toMatchObject({ outcome: 'REJECTED', error: { code: 'CONFLICT', field: 'expectedVersion' } });
    expect(fresh).toMatchObject({ outcome: 'CREATED' });
    const rows = await membershipsAs(own);
    expect(rows.find((m) => m.externalId === 'VG-stale').cohort).toBe('v2');
    const ok = await upsert(own, [{ externalId: 'VG-stale', ags: BOEBLINGEN_AGS, startDate: '2018', cohort: 'v3', expectedVersion: 2 }]);
    expect(ok.data.upsertProgramMemberships.results[0]).toMatchObject({ outcome: 'UPDATED', version: 3 });
  });

  it('rejects invalid items one by one with code and field and writes the valid ones', async () => {
    const before = await feedEntries();
    const body = await upsert(own, [
      { externalId: 'VG-ok-1', ags: BOEBLINGEN_AGS, startDate: '2017' },
      { externalId: 'VG-bad-ags', ags: '123' },
      { externalId: 'VG-unknown-ags', ags: '99999999' },
      { externalId: 'VG-both', ags: BOEBLINGEN_AGS, cityId: DESSAU.id },
      { externalId: 'VG-bad-date', ags: BOEBLINGEN_AGS, startDate: '2017-05', endDate: '2017-04' },
      { externalId: 'VG-status', ags: BOEBLINGEN_AGS, startDate: '2017', status: 'ENDED' },
      { externalId: 'VG-unknown-city', cityId: 'nirgendwo' },
      { externalId: 'VG-ok-1', ags: BOEBLINGEN_AGS },
      { externalId: 'bad id with spaces', ags: BOEBLINGEN_AGS },
      { externalId: 'VG-ok-2', cityId: DESSAU.id },
    ]);
    expect(body.errors).toBeUndefined();
    const results = body.data.upsertProgramMemberships.results;
    expect(results.map((r: any) => [r.outcome, r.error?.code ?? null, r.error?.field ?? null])).toEqual([
      ['CREATED', null, null],
      ['REJECTED', 'BAD_USER_INPUT', 'ags'],
      ['REJECTED', 'NOT_FOUND', 'ags'],
      ['REJECTED', 'BAD_USER_INPUT', 'cityId'],
      ['REJECTED', 'BAD_USER_INPUT', 'endDate'],
      ['REJECTED', 'BAD_USER_INPUT', 'status'],
      ['REJECTED', 'NOT_FOUND', 'cityId'],
      ['REJECTED', 'BAD_USER_INPUT', 'externalId'],
      ['REJECTED', 'BAD_USER_INPUT', 'externalId'],
      ['CREATED', null, null],
    ]);
    expect(body.data.upsertProgramMemberships.totals).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 8 });
    expect(await feedEntries()).toBe(before + 2);
  });

  it('refuses more than 500 items and unknown programmes as a whole', async () => {
    const many = Array.from({ length: 501 }, (_, i) => ({ externalId: `many-${i}`, ags: BOEBLINGEN_AGS }));
    expect((await upsert(own, many)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await upsert(admin, [{ externalId: 'x', ags: BOEBLINGEN_AGS }], freshKey(), 'gibt-es-nicht')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await upsert(own, [{ externalId: 'x', ags: BOEBLINGEN_AGS }], 'short')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('writes more items than one transaction holds, all in the feed', async () => {
    const before = await feedEntries();
    const items = Array.from({ length: 75 }, (_, i) => ({ externalId: `bulk-${i}`, ags: BOEBLINGEN_AGS, startDate: `${2000 + (i % 20)}` }));
    const body = await upsert(admin, items);
    expect(body.data.upsertProgramMemberships.totals).toEqual({ created: 75, updated: 0, unchanged: 0, rejected: 0 });
    expect(await feedEntries()).toBe(before + 75);
  });
});

describe('replaceProgramMemberships', () => {
  it('ends (not deletes) the memberships a committed snapshot did not name; retries are safe', async () => {
    const base = [
      { externalId: 'R-1', ags: BOEBLINGEN_AGS, startDate: '2020' },
      { externalId: 'R-2', cityId: DESSAU.id, startDate: '2020' },
      { externalId: 'R-3', ags: BOEBLINGEN_AGS, startDate: '2021' },
    ];
    expect((await upsert(own, base)).data.upsertProgramMemberships.totals.created).toBe(3);
    const vars = { programId: 'vielfaltsgestalter', snapshotId: 'snap-1' };
    const part1 = await world.run(own, REPLACE, { ...vars, part: 1, memberships: [base[0]], commit: false });
    expect(part1.data.replaceProgramMemberships.results[0].outcome).toBe('UNCHANGED');
    const part2 = { ...vars, part: 2, memberships: [{ ...base[1], cohort: 'neu' }], commit: true };
    const committed = await world.run(own, REPLACE, part2);
    expect(committed.errors).toBeUndefined();
    const ended = committed.data.replaceProgramMemberships.ended.map((e: any) => e.externalId).sort();
    // R-3 and every earlier test's running membership with an external id that this snapshot did not name.
    expect(ended).toContain('R-3');
    expect(ended).not.toContain('R-1');
    expect(ended).not.toContain('R-2');
    const today = networkDay(new Date());
    const rows = await membershipsAs(own);
    expect(rows.find((m) => m.externalId === 'R-3').endDate).toBe(today);
    expect(rows.find((m) => m.externalId === 'R-1').endDate).toBeNull();
    expect(rows.find((m) => m.externalId === 'R-2').cohort).toBe('neu');

    const before = await feedEntries();
    const retried = await world.run(own, REPLACE, part2);
    expect(retried.data.replaceProgramMemberships.replayed).toBe(true);
    expect(await feedEntries()).toBe(before);
    const late = await world.run(own, REPLACE, { ...vars, part: 3, memberships: [], commit: false });
    expect(late.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});

describe('partner feed', () => {
  const CHANGES = /* GraphQL */ `
    query Changes($since: String) {
      changes(types: [PROGRAM_MEMBERSHIP], first: 100, since: $since) {
        entries { id node { ... on ProgramMembership { externalId internalNote participantName } } }
        nextCursor hasMore
      }
    }
  `;
  async function follow(principal: any) {
    const nodes: any[] = [];
    let since: string | undefined;
    for (let page = 0; page < 50; page++) {
      const body = await world.run(principal, CHANGES, { since });
      expect(body.errors).toBeUndefined();
      const { entries, nextCursor, hasMore } = body.data.changes;
      nodes.push(...entries.map((e: any) => ({ id: e.id, ...e.node })));
      since = nextCursor;
      if (!hasMore || (entries.length === 0 && page > 0)) break;
    }
    return nodes;
  }

  it('shows external ids and internal notes of its own programme to the partner, never to the public', async () => {
    await upsert(own, [{ externalId: 'FEED-1', ags: BOEBLINGEN_AGS, startDate: '2016', internalNote: 'vertraulich' }]);
    const partner = await follow(own);
    expect(partner.find((n) => n.externalId === 'FEED-1')).toMatchObject({ internalNote: 'vertraulich' });
    const anyone = await follow(PRINCIPALS.public);
    expect(anyone.length).toBeGreaterThan(0);
    expect(anyone.some((n) => n.externalId !== null && n.externalId !== undefined)).toBe(false);
    expect(anyone.some((n) => n.internalNote !== null && n.internalNote !== undefined)).toBe(false);
    const other = await follow(PRINCIPALS.partnerOther);
    expect(other.some((n) => n.externalId === 'FEED-1')).toBe(false);
  });
});
