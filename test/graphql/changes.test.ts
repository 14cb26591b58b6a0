import { loadSeedBundle } from '../../seed/seed';
import { NetworkRepository, NetworkWriter, TableStore, createDocumentClient } from '../../functions/data';
import { createContext } from '../../functions/graphql/context';
import { createApolloServer } from '../../functions/graphql/server';
import { buildSchema } from '../../functions/graphql/schema';
import { createLogger } from '../../functions/shared/log';
import { freshTable, sampleCity } from '../data-layer/support';

const logger = createLogger('error', () => undefined);
const server = createApolloServer({ logger, environment: 'test', schema: buildSchema({ validate: true }) });
beforeAll(() => server.start());
afterAll(() => server.stop());

const CHANGES = `query ($since: String, $first: Int, $types: [ChangeEntityType!], $programId: ID) {
  changes(since: $since, first: $first, types: $types, programId: $programId) {
    entries { operation id type version created modified deleted node { id ... on City { name ags } ... on ProgramMembership { participantName program { id } } } }
    nextCursor hasMore
  }
}`;

async function run(repo: NetworkRepository, variables: Record<string, unknown>) {
  const response = await server.executeOperation({ query: CHANGES, variables }, { contextValue: createContext({ repo, logger }) });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as any;
}

/** Pages `changes` until hasMore is false; returns every entry and the last cursor. */
async function follow(repo: NetworkRepository, variables: Record<string, unknown> = {}, since: string | null = null) {
  const entries: any[] = [];
  let cursor = since;
  for (let pages = 0; pages < 200; pages++) {
    const result = await run(repo, { ...variables, since: cursor });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    entries.push(...result.data.changes.entries);
    cursor = result.data.changes.nextCursor;
    if (!result.data.changes.hasMore) return { entries, cursor };
  }
  throw new Error('the feed never caught up');
}

describe('changes on the seeded table', () => {
  const repo = new NetworkRepository(new TableStore(createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'eu-central-1' }), process.env.TABLE_NAME!));
  const bundle = loadSeedBundle();

  it('exports exactly the seeded network entities, then has nothing more', async () => {
    const { entries } = await follow(repo, { first: 100 });
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(
      bundle.cities.length + bundle.programs.length + bundle.memberships.length + bundle.partnerships.length + bundle.partnershipMembers.length +
        bundle.organizations.length + bundle.campaigns.length + bundle.events.length + bundle.applicationRounds.length + bundle.dataSources.length,
    );
    expect(entries.every((e) => e.operation === 'UPSERT' && e.deleted === false && e.node.id === e.id && e.version === 1)).toBe(true);
    expect(entries.find((e) => e.id === 'City:dessau-rosslau')?.node).toMatchObject({ name: 'Dessau-Roßlau', ags: '15001000' });
  });

  it('keeps seeded membership ids resolvable and lists them under their programme filter', async () => {
    const { entries } = await follow(repo, { programId: 'Program:vielfaltsgestalter', first: 50 });
    const memberships = entries.filter((e) => e.type === 'PROGRAM_MEMBERSHIP');
    expect(memberships.length).toBe(bundle.memberships.filter((m) => m.programId === 'vielfaltsgestalter').length);
    expect(memberships.every((e) => e.node.program.id === 'Program:vielfaltsgestalter')).toBe(true);
    expect(entries.filter((e) => e.type === 'PROGRAM').map((e) => e.id)).toEqual(['Program:vielfaltsgestalter']);
  });

  it('gives the same cursor for the same position', async () => {
    const first = await run(repo, { types: ['CITY'], first: 5 });
    const again = await run(repo, { types: ['CITY'], first: 5 });
    expect(first.data.changes.nextCursor).toBe(again.data.changes.nextCursor);
  });

  it('answers a tampered cursor with BAD_USER_INPUT', async () => {
    const { nextCursor } = (await run(repo, { types: ['CITY'], first: 1 })).data.changes;
    const [payload, mac] = nextCursor.split('.');
    const state = JSON.parse(Buffer.from(payload, 'base64url').toString());
    state.p = state.p.map(([bucket]: [string]) => [bucket, 0, 0]);
    const forged = `${Buffer.from(JSON.stringify(state)).toString('base64url')}.${mac}`;
    for (const since of [forged, `${nextCursor}x`, 'not-a-cursor']) {
      const result = await run(repo, { since });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.data).toBeNull();
    }
  });

  it('refuses a cursor used with other filters, and a page size beyond 100', async () => {
    const { nextCursor } = (await run(repo, { types: ['CITY'], first: 1 })).data.changes;
    expect((await run(repo, { since: nextCursor, types: ['EVENT'] })).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await run(repo, { first: 101 })).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await run(repo, { first: 0 })).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('changes after writes', () => {
  let store: TableStore;
  let writer: NetworkWriter;
  const clock = { now: Date.parse('2026-01-01T00:00:00Z') };

  beforeAll(async () => {
    ({ store } = await freshTable('changes'));
    writer = new NetworkWriter(store, { now: () => new Date(clock.now), retentionDays: 30 });
  });

  const repoAt = () => new NetworkRepository(store, { now: () => new Date(clock.now), retentionDays: 30 });

  it('carries updates as the current object and deletes as bare tombstones', async () => {
    const { cursor } = await follow(repoAt());
    await writer.write([{ kind: 'put', type: 'City', record: sampleCity('one'), expectedVersion: null }], { writtenBy: 'api' });
    await writer.write([{ kind: 'put', type: 'City', record: sampleCity('two'), expectedVersion: null }], { writtenBy: 'api' });
    await writer.write([{ kind: 'put', type: 'City', record: sampleCity('one', { name: 'Umbenannt' }), expectedVersion: 1 }], { writtenBy: 'api' });
    await writer.write([{ kind: 'delete', type: 'City', id: 'two', expectedVersion: 1 }], { writtenBy: 'api' });
    const { entries } = await follow(repoAt(), {}, cursor);
    expect(entries).toEqual([
      expect.objectContaining({ operation: 'UPSERT', id: 'City:one', version: 2, deleted: false, node: { id: 'City:one', name: 'Umbenannt', ags: null } }),
      { operation: 'DELETE', id: 'City:two', type: 'CITY', version: 2, created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', deleted: true, node: null },
    ]);
  });

  it('answers CURSOR_EXPIRED for a cursor older than the retention, never a silent full scan', async () => {
    const { cursor } = await follow(repoAt());
    clock.now += 30 * 86_400_000;
    expect((await run(repoAt(), { since: cursor })).errors).toBeUndefined();
    clock.now += 2 * 86_400_000;
    const result = await run(repoAt(), { since: cursor });
    expect(result.errors[0].extensions).toMatchObject({ code: 'CURSOR_EXPIRED', retentionDays: 30 });
    expect(result.data).toBeNull();
  });
});
