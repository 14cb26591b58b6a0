import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { readMunicipalities } from '../../seed/seed';
import { NetworkRepository, NetworkWriter, keys, type TableStore } from '../../functions/data';
import { municipalityItems } from '../../functions/data/bulk-items';
import { ConflictError, StoreError } from '../../functions/shared/errors';
import { freshTable, sampleCity, sampleMembership, sampleProgram, type Faults } from './support';

/**
 * The write path against DynamoDB Local: one transaction per write with its
 * copies and its change-log entry, version checks, retries of injected faults.
 */
describe('NetworkWriter', () => {
  let store: TableStore;
  let faults: Faults;
  let client: Awaited<ReturnType<typeof freshTable>>['client'];
  let tableName: string;
  let writer: NetworkWriter;
  const [dessau, halle] = readMunicipalities().filter((m) => m.ags === '15001000' || m.ags === '15002000');

  beforeAll(async () => {
    ({ store, faults, client, tableName } = await freshTable('writes'));
    writer = new NetworkWriter(store);
    // Unclaimed rows: in this table no place holds their AGS yet.
    await store.batchPut(municipalityItems([{ ...dessau!, cityId: null }, { ...halle!, cityId: null }]));
    // The programmes the memberships below belong to.
    await writer.write(
      [
        { kind: 'put', type: 'Program', record: sampleProgram('engagierte-stadt') },
        { kind: 'put', type: 'Program', record: sampleProgram('k2') },
      ],
      { writtenBy: 'seed' },
    );
  });

  const get = async (key: { pk: string; sk: string }) => (await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
  const log = async (bucket: string) =>
    (await client.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.feedLogPartition(bucket) }, ConsistentRead: true })))
      .Items ?? [];

  it('creates an entity at version 1 with its log entry and counter in one transaction', async () => {
    const result = await writer.write([{ kind: 'put', type: 'City', record: sampleCity('alpha'), expectedVersion: null }], { writtenBy: 'api' });
    expect(result.written).toEqual([{ type: 'City', id: 'alpha', version: 1, op: 'UPSERT' }]);
    const item = await get(keys.standaloneKey('City', 'alpha'));
    expect(item).toMatchObject({ version: 1, writtenBy: 'api', gsi1pk: 'City', gsi2pk: 'City', name: 'Teststadt alpha' });
    expect(item!.created).toBe(item!.modified);
    expect(await log('City.0')).toEqual([expect.objectContaining({ seq: 1, type: 'City', id: 'alpha', version: 1, op: 'UPSERT' })]);
    expect(await get(keys.feedCounterKey('City.0'))).toMatchObject({ seq: 1 });
  });

  it('answers a stale version with ConflictError and writes nothing', async () => {
    const before = await get(keys.standaloneKey('City', 'alpha'));
    const attempt = writer.write([{ kind: 'put', type: 'City', record: sampleCity('alpha', { name: 'Neu' }), expectedVersion: 7 }], { writtenBy: 'api' });
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    expect(await get(keys.standaloneKey('City', 'alpha'))).toEqual(before);
    expect(await log('City.0')).toHaveLength(1);
  });

  it('answers a create of an existing id with ConflictError', async () => {
    await expect(writer.write([{ kind: 'put', type: 'City', record: sampleCity('alpha'), expectedVersion: null }], { writtenBy: 'api' })).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('leaves nothing half-applied when one action of the transaction is cancelled', async () => {
    // The second city claims an AGS the reference table does not have: its Municipality update fails.
    const attempt = writer.write(
      [
        { kind: 'put', type: 'City', record: sampleCity('beta'), expectedVersion: null },
        { kind: 'put', type: 'City', record: sampleCity('gamma', { ags: '99999999', agsHistory: [{ ags: '99999999', validFrom: null, validTo: null }] }), expectedVersion: null },
      ],
      { writtenBy: 'api' },
    );
    await expect(attempt).rejects.toMatchObject({ code: 'CONFLICT', details: { type: 'City', id: 'gamma' } });
    expect(await get(keys.standaloneKey('City', 'beta'))).toBeUndefined();
    expect(await get(keys.standaloneKey('City', 'gamma'))).toBeUndefined();
    expect(await get(keys.cityAgsKey('99999999'))).toBeUndefined();
    expect(await log('City.0')).toHaveLength(1);
    expect(await get(keys.feedCounterKey('City.0'))).toMatchObject({ seq: 1 });
  });

  it('writes a city’s AGS copies with it and moves them, and its memberships’ participantAgs, when the AGS changes', async () => {
    const city = sampleCity('delta', { ags: dessau!.ags, agsHistory: [{ ags: dessau!.ags, validFrom: null, validTo: null }] });
    await writer.write([{ kind: 'put', type: 'City', record: city, expectedVersion: null }], { writtenBy: 'api' });
    await writer.write(
      [{ kind: 'put', type: 'ProgramMembership', record: sampleMembership('engagierte-stadt.delta-1', 'engagierte-stadt', { cityId: 'delta', participantAgs: dessau!.ags }), expectedVersion: null }],
      { writtenBy: 'api' },
    );
    expect(await get(keys.cityAgsKey(dessau!.ags))).toMatchObject({ cityId: 'delta' });
    expect(await get(keys.municipalityKey(dessau!.ags))).toMatchObject({ cityId: 'delta' });

    const moved = { ...city, ags: halle!.ags, agsHistory: [{ ags: halle!.ags, validFrom: null, validTo: null }] };
    const result = await writer.write([{ kind: 'put', type: 'City', record: moved, expectedVersion: 1 }], { writtenBy: 'api' });
    expect(result.written).toEqual([
      { type: 'City', id: 'delta', version: 2, op: 'UPSERT' },
      { type: 'ProgramMembership', id: 'engagierte-stadt.delta-1', version: 2, op: 'UPSERT' },
    ]);
    expect(await get(keys.cityAgsKey(dessau!.ags))).toBeUndefined();
    expect(await get(keys.cityAgsKey(halle!.ags))).toMatchObject({ cityId: 'delta' });
    expect((await get(keys.municipalityKey(dessau!.ags)))!.cityId).toBeUndefined();
    expect(await get(keys.municipalityKey(halle!.ags))).toMatchObject({ cityId: 'delta' });
    expect(await get(keys.membershipKey('engagierte-stadt.delta-1')!)).toMatchObject({ participantAgs: halle!.ags, version: 2 });
  });

  it('deletes into a tombstone: no index keys, version + 1, a TTL, a DELETE entry, and reads see nothing', async () => {
    await writer.write([{ kind: 'put', type: 'City', record: sampleCity('epsilon', { ags: dessau!.ags, agsHistory: [{ ags: dessau!.ags, validFrom: null, validTo: null }] }), expectedVersion: null }], {
      writtenBy: 'api',
    });
    await writer.write([{ kind: 'delete', type: 'City', id: 'epsilon', expectedVersion: 1 }], { writtenBy: 'api' });
    const tombstone = await get(keys.standaloneKey('City', 'epsilon'));
    expect(tombstone).toMatchObject({ id: 'epsilon', deleted: true, version: 2, entityType: 'City' });
    expect(tombstone!.gsi1pk).toBeUndefined();
    expect(tombstone!.name).toBeUndefined();
    expect(typeof tombstone![keys.TTL_ATTRIBUTE]).toBe('number');
    expect(await get(keys.cityAgsKey(dessau!.ags))).toBeUndefined();
    expect((await get(keys.municipalityKey(dessau!.ags)))!.cityId).toBeUndefined();
    expect((await log('City.0')).at(-1)).toMatchObject({ id: 'epsilon', op: 'DELETE', version: 2 });
    const repo = new NetworkRepository(store);
    expect(await repo.getRecords([{ type: 'City', id: 'epsilon' }])).toEqual([null]);
    expect((await repo.cityDirectory()).cities.map((c) => c.id)).not.toContain('epsilon');
  });

  it('recreates over a tombstone with the next version', async () => {
    const result = await writer.write([{ kind: 'put', type: 'City', record: sampleCity('epsilon'), expectedVersion: null }], { writtenBy: 'api' });
    expect(result.written).toEqual([{ type: 'City', id: 'epsilon', version: 3, op: 'UPSERT' }]);
  });

  it('writes nothing, not even a log entry, for an unchanged record', async () => {
    const before = (await log('City.0')).length;
    const result = await writer.write([{ kind: 'put', type: 'City', record: sampleCity('alpha'), expectedVersion: 1 }], { writtenBy: 'api' });
    expect(result).toEqual({ written: [], sequences: {}, actions: 0 });
    expect(await log('City.0')).toHaveLength(before);
  });

  it.each([
    ['TransactionConflictException', undefined],
    ['ThrottlingException', undefined],
    ['ProvisionedThroughputExceededException', undefined],
    ['TransactionCanceledException', ['None', 'TransactionConflict', 'None']],
  ])('retries %s with the same request token', async (name, cancellation) => {
    const tokensBefore = faults.tokens.length;
    faults.inject('TransactWriteItemsCommand', { when: 'before', name, ...(cancellation ? { cancellation } : {}) });
    const id = `retry-${name.toLowerCase().replace(/[^a-z]/g, '')}-${cancellation ? 'cancelled' : 'raised'}`;
    const result = await writer.write([{ kind: 'put', type: 'Organization', record: { id, name: 'Verein', kind: 'CIVIL_SOCIETY', cityId: null, description: null, website: null, sourceUrls: ['https://example.org/a'] }, expectedVersion: null }], {
      writtenBy: 'api',
    });
    expect(result.written).toEqual([{ type: 'Organization', id, version: 1, op: 'UPSERT' }]);
    const tokens = faults.tokens.slice(tokensBefore);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toBe(tokens[1]);
  });

  it('applies a transaction once when its answer was lost after it committed and the retry reuses the token', async () => {
    faults.inject('TransactWriteItemsCommand', { when: 'after', name: 'TimeoutError' });
    const result = await writer.write([{ kind: 'put', type: 'City', record: sampleCity('zeta'), expectedVersion: null }], { writtenBy: 'api', clientRequestToken: 'lost-answer-zeta' });
    expect(result.written).toEqual([{ type: 'City', id: 'zeta', version: 1, op: 'UPSERT' }]);
    expect(await get(keys.standaloneKey('City', 'zeta'))).toMatchObject({ version: 1 });
    expect((await log('City.0')).filter((e) => e.id === 'zeta')).toHaveLength(1);
  });

  it('gives up with StoreError when faults outlast the deadline', async () => {
    for (let i = 0; i < 50; i++) faults.inject('TransactWriteItemsCommand', { when: 'before', name: 'ThrottlingException' });
    const attempt = writer.write([{ kind: 'put', type: 'City', record: sampleCity('eta'), expectedVersion: null }], { writtenBy: 'api', deadline: Date.now() + 150 });
    await expect(attempt).rejects.toBeInstanceOf(StoreError);
    faults.clear();
    expect(await get(keys.standaloneKey('City', 'eta'))).toBeUndefined();
  });

  it('lets concurrent writers of one bucket all commit, with a gapless sequence', async () => {
    const before = (await get(keys.feedCounterKey('City.0')))!.seq as number;
    const ids = Array.from({ length: 8 }, (_, i) => `concurrent-${i}`);
    await Promise.all(ids.map((id) => writer.write([{ kind: 'put', type: 'City', record: sampleCity(id), expectedVersion: null }], { writtenBy: 'api' })));
    const entries = (await log('City.0')).filter((e) => (e.seq as number) > before);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 8 }, (_, i) => before + i + 1));
    expect(new Set(entries.map((e) => e.id))).toEqual(new Set(ids));
  });

  it('gives new memberships a surrogate id under their programme', () => {
    const id = writer.newMembershipId('vielfaltsgestalter');
    expect(id).toMatch(/^vielfaltsgestalter\.[a-z2-7]{16}$/);
    expect(keys.membershipKey(id)).toEqual({ pk: 'Program#vielfaltsgestalter', sk: `Membership#${id}` });
  });

  it('keeps a partner external id unique within its programme', async () => {
    const first = sampleMembership('k2.first', 'k2');
    await writer.write([{ kind: 'put', type: 'ProgramMembership', record: first, expectedVersion: null, externalId: 'ext-1' }], { writtenBy: 'api' });
    expect(await get(keys.externalIdKey('k2', 'ext-1'))).toMatchObject({ membershipId: 'k2.first' });
    const second = sampleMembership('k2.second', 'k2');
    await expect(
      writer.write([{ kind: 'put', type: 'ProgramMembership', record: second, expectedVersion: null, externalId: 'ext-1' }], { writtenBy: 'api' }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await get(keys.membershipKey('k2.second')!)).toBeUndefined();
  });

  it('refuses an invalid record with BAD_USER_INPUT before writing', async () => {
    await expect(writer.write([{ kind: 'put', type: 'City', record: sampleCity('Bad Id'), expectedVersion: null }], { writtenBy: 'api' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});
