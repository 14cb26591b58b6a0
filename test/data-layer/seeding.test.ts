import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { readMunicipalities } from '../../seed/seed';
import { NetworkWriter, keys } from '../../functions/data';
import { seedTable, type SeedInput } from '../../functions/data/seeding';
import { freshTable, sampleCity, sampleMembership, sampleProgram } from './support';

/** Seeding goes through the write path: same items, same feed, and it never overrides the API. */
describe('seedTable', () => {
  const municipalities = readMunicipalities()
    .filter((m) => m.ags === '15001000' || m.ags === '15002000')
    .map((m) => ({ ...m, cityId: null }));
  const input = (records: SeedInput['records']): SeedInput => ({ records, municipalities, reportedMemberCounts: [] });
  const base = [
    { type: 'Program' as const, record: sampleProgram('k2') },
    { type: 'City' as const, record: sampleCity('seed-a', { ags: '15001000', agsHistory: [{ ags: '15001000', validFrom: null, validTo: null }] }) },
    { type: 'City' as const, record: sampleCity('seed-b') },
    { type: 'City' as const, record: sampleCity('seed-c') },
    { type: 'ProgramMembership' as const, record: sampleMembership('k2.seed-a.2020', 'k2', { cityId: 'seed-a' }) },
  ];

  let env: Awaited<ReturnType<typeof freshTable>>;
  beforeAll(async () => {
    env = await freshTable('seeding');
  });

  const get = async (key: { pk: string; sk: string }) => (await env.client.send(new GetCommand({ TableName: env.tableName, Key: key, ConsistentRead: true }))).Item;
  const logLength = async () => {
    let total = 0;
    for (const bucket of [...keys.feedBucketsOf('City'), ...keys.feedBucketsOf('ProgramMembership')]) {
      const page = await env.client.send(
        new QueryCommand({ TableName: env.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.feedLogPartition(bucket) }, ConsistentRead: true }),
      );
      total += page.Items?.length ?? 0;
    }
    return total;
  };

  it('creates every record at version 1 with one feed entry each, and the same copies an API write makes', async () => {
    const outcome = await seedTable(env.store, input(base));
    expect(outcome).toMatchObject({ written: true, created: 5, updated: 0, deleted: 0, municipalities: 2 });
    expect(await logLength()).toBe(4);
    expect(await get(keys.standaloneKey('City', 'seed-a'))).toMatchObject({ version: 1, writtenBy: 'seed', gsi1pk: 'City' });
    expect(await get(keys.cityAgsKey('15001000'))).toMatchObject({ cityId: 'seed-a' });
    expect(await get(keys.municipalityKey('15001000'))).toMatchObject({ cityId: 'seed-a' });
  });

  it('writes nothing new to the feed when seeded twice', async () => {
    const marked = await seedTable(env.store, input(base));
    expect(marked.written).toBe(false);
    const forced = await seedTable(env.store, input(base), { force: true });
    expect(forced).toMatchObject({ written: true, created: 0, updated: 0, deleted: 0, unchanged: 5, transactions: 0 });
    expect(await logLength()).toBe(4);
  });

  it('never overwrites or resurrects what the API wrote, and tombstones a record that left the seed', async () => {
    const writer = new NetworkWriter(env.store);
    await writer.write([{ kind: 'put', type: 'City', record: sampleCity('seed-b', { name: 'Vom Partner korrigiert' }), expectedVersion: 1 }], { writtenBy: 'api' });
    await writer.write([{ kind: 'delete', type: 'City', id: 'seed-c', expectedVersion: 1 }], { writtenBy: 'api' });
    const changed = base.map((r) => (r.record.id === 'seed-b' ? { ...r, record: { ...r.record, name: 'Neuer Seed-Name' } } : r));
    const withoutMembership = changed.filter((r) => r.type !== 'ProgramMembership');
    const logBefore = await logLength();

    const outcome = await seedTable(env.store, input(withoutMembership));
    expect(outcome).toMatchObject({ deleted: 1, created: 0, updated: 0, keptApiWrites: 2 });
    expect(await get(keys.standaloneKey('City', 'seed-b'))).toMatchObject({ name: 'Vom Partner korrigiert', writtenBy: 'api', version: 2 });
    expect(await get(keys.standaloneKey('City', 'seed-c'))).toMatchObject({ deleted: true, version: 2 });
    expect(await get(keys.membershipKey('k2.seed-a.2020')!)).toMatchObject({ deleted: true, version: 2 });
    expect(await logLength()).toBe(logBefore + 1);
  });

  it('updates a record the seed still owns when its seed data changes', async () => {
    const renamed = [{ type: 'City' as const, record: { ...base[1]!.record, name: 'Umbenannt im Seed' } }];
    const outcome = await seedTable(env.store, input([...renamed, base[0]!, base[2]!, base[3]!]));
    expect(outcome).toMatchObject({ updated: 1 });
    expect(await get(keys.standaloneKey('City', 'seed-a'))).toMatchObject({ name: 'Umbenannt im Seed', version: 2, writtenBy: 'seed' });
  });
});

/** The municipality table is reference data, but `cityId` on its rows is a copy owned by City writes. */
describe('seedTable and the municipality reference table', () => {
  const [dessau, rosslau] = readMunicipalities().filter((m) => m.ags === '15001000' || m.ags === '15002000');
  const apiCity = sampleCity('api-town', { ags: '15002000', agsHistory: [{ ags: '15002000', validFrom: null, validTo: null }] });
  const seedCity = sampleCity('seed-town', { ags: '15001000', agsHistory: [{ ags: '15001000', validFrom: null, validTo: null }] });

  it('keeps a Municipality.cityId written through the API when the reference table is reloaded, and takes the new figures', async () => {
    const env = await freshTable('seed-municipalities');
    const get = async (key: { pk: string; sk: string }) => (await env.client.send(new GetCommand({ TableName: env.tableName, Key: key, ConsistentRead: true }))).Item;
    // As the seed builds them: a row names the member place the seed knows of at its AGS, or none.
    const first: SeedInput = { records: [{ type: 'City', record: seedCity }], municipalities: [{ ...dessau!, cityId: 'seed-town' }, { ...rosslau!, cityId: null }], reportedMemberCounts: [] };
    await seedTable(env.store, first);
    await new NetworkWriter(env.store).write([{ kind: 'put', type: 'City', record: apiCity, expectedVersion: null }], { writtenBy: 'api' });
    expect(await get(keys.municipalityKey('15002000'))).toMatchObject({ cityId: 'api-town' });

    // A new Destatis table: other figures for both rows; the seed still knows no place at 15002000.
    const reloaded: SeedInput = {
      ...first,
      municipalities: [
        { ...dessau!, population: dessau!.population + 1, cityId: 'seed-town' },
        { ...rosslau!, population: rosslau!.population + 1, cityId: null },
      ],
    };
    const outcome = await seedTable(env.store, reloaded);
    expect(outcome.municipalities).toBe(2);
    expect(await get(keys.municipalityKey('15002000'))).toMatchObject({ cityId: 'api-town', population: rosslau!.population + 1 });
    expect(await get(keys.municipalityKey('15001000'))).toMatchObject({ cityId: 'seed-town', population: dessau!.population + 1 });
  });

  it('does not give a municipality back the cityId of a place the API unlinked', async () => {
    const env = await freshTable('seed-municipalities');
    const get = async (key: { pk: string; sk: string }) => (await env.client.send(new GetCommand({ TableName: env.tableName, Key: key, ConsistentRead: true }))).Item;
    const first: SeedInput = { records: [{ type: 'City', record: seedCity }], municipalities: [{ ...dessau!, cityId: 'seed-town' }], reportedMemberCounts: [] };
    await seedTable(env.store, first);
    // The API moves the place off its AGS (a correction): the row is no longer a member place.
    await new NetworkWriter(env.store).write([{ kind: 'put', type: 'City', record: { ...seedCity, ags: null, agsHistory: [] }, expectedVersion: 1 }], { writtenBy: 'api' });
    expect((await get(keys.municipalityKey('15001000')))?.cityId).toBeUndefined();

    await seedTable(env.store, { ...first, municipalities: [{ ...dessau!, population: dessau!.population + 1, cityId: 'seed-town' }] });
    const row = await get(keys.municipalityKey('15001000'));
    expect(row).toMatchObject({ population: dessau!.population + 1 });
    expect(row?.cityId).toBeUndefined();
  });
});
