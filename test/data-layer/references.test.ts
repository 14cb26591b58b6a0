import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { NetworkWriter, TableStore, createDocumentClient, keys } from '../../functions/data';
import { MembershipSync } from '../../functions/data/sync';
import { NotFoundError } from '../../functions/shared/errors';
import { freshTable, sampleCity, sampleMembership, samplePartnership, samplePartnershipMember, sampleProgram, type Faults } from './support';

/**
 * A write naming another entity (a membership its programme and place, a
 * partnership member its partnership and member) commits only while that
 * entity exists: a ConditionCheck in the same transaction, so a delete that
 * commits between the writer's reads and its commit cannot leave a dangling
 * reference.
 */
describe('references checked inside the write transaction', () => {
  let env: Awaited<ReturnType<typeof freshTable>>;
  let writer: NetworkWriter;
  /** A second writer on its own client: the concurrent deleter, which the fault hooks do not see. */
  let other: NetworkWriter;
  let faults: Faults;

  beforeAll(async () => {
    env = await freshTable('references');
    faults = env.faults;
    writer = new NetworkWriter(env.store);
    other = new NetworkWriter(new TableStore(createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'eu-central-1' }), env.tableName));
    await writer.write(
      [
        { kind: 'put', type: 'Program', record: sampleProgram('prog') },
        { kind: 'put', type: 'City', record: sampleCity('town') },
        { kind: 'put', type: 'Partnership', record: samplePartnership('alliance') },
      ],
      { writtenBy: 'seed' },
    );
  });
  afterEach(() => faults.clear());

  const get = async (key: { pk: string; sk: string }) => (await env.client.send(new GetCommand({ TableName: env.tableName, Key: key, ConsistentRead: true }))).Item;
  const counter = async (type: 'ProgramMembership' | 'PartnershipMember', id: string) => (await get(keys.feedCounterKey(keys.feedBucket(type, id))))?.seq ?? 0;

  it('refuses a membership of a programme that does not exist with NOT_FOUND, and writes nothing', async () => {
    const id = 'ghost.town.2024';
    const before = await counter('ProgramMembership', id);
    const attempt = writer.write([{ kind: 'put', type: 'ProgramMembership', record: sampleMembership(id, 'ghost', { cityId: 'town' }) }], { writtenBy: 'api' });
    await expect(attempt).rejects.toThrow(NotFoundError);
    await expect(attempt).rejects.toMatchObject({ code: 'NOT_FOUND', details: { type: 'ProgramMembership', id, reference: { type: 'Program', id: 'ghost' } } });
    expect(await get(keys.membershipKey(id)!)).toBeUndefined();
    expect(await counter('ProgramMembership', id)).toBe(before);
  });

  it('refuses a membership of a place that was deleted (a tombstone is no place)', async () => {
    await writer.write([{ kind: 'put', type: 'City', record: sampleCity('gone') }], { writtenBy: 'api' });
    await writer.write([{ kind: 'delete', type: 'City', id: 'gone' }], { writtenBy: 'api' });
    const id = 'prog.gone.2024';
    await expect(writer.write([{ kind: 'put', type: 'ProgramMembership', record: sampleMembership(id, 'prog', { cityId: 'gone' }) }], { writtenBy: 'api' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { reference: { type: 'City', id: 'gone' } },
    });
    expect(await get(keys.membershipKey(id)!)).toBeUndefined();
  });

  it('refuses a partnership member whose city does not exist', async () => {
    const member = samplePartnershipMember('alliance', 'City', 'nowhere');
    await expect(writer.write([{ kind: 'put', type: 'PartnershipMember', record: member }], { writtenBy: 'api' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { reference: { type: 'City', id: 'nowhere' } },
    });
    expect(await get(keys.partnershipMemberKey(member.id)!)).toBeUndefined();
  });

  it('writes what names entities that exist, or that the same request creates', async () => {
    await writer.write([{ kind: 'put', type: 'ProgramMembership', record: sampleMembership('prog.town.2020', 'prog', { cityId: 'town' }) }], { writtenBy: 'api' });
    await writer.write(
      [
        { kind: 'put', type: 'City', record: sampleCity('newtown') },
        { kind: 'put', type: 'PartnershipMember', record: samplePartnershipMember('alliance', 'City', 'newtown') },
      ],
      { writtenBy: 'api' },
    );
    expect(await get(keys.membershipKey('prog.town.2020')!)).toMatchObject({ version: 1 });
    expect(await get(keys.partnershipMemberKey('alliance.City.newtown')!)).toMatchObject({ version: 1 });
  });

  it('fails the write, and writes nothing, when the programme is deleted between the writer reading and committing', async () => {
    await writer.write([{ kind: 'put', type: 'Program', record: sampleProgram('doomed') }], { writtenBy: 'api' });
    const id = 'doomed.town.2024';
    const before = await counter('ProgramMembership', id);
    // The writer has read everything it checks; the delete lands before its transaction is sent.
    faults.before('TransactWriteItemsCommand', async () => {
      await other.write([{ kind: 'delete', type: 'Program', id: 'doomed' }], { writtenBy: 'api' });
    });
    const attempt = writer.write([{ kind: 'put', type: 'ProgramMembership', record: sampleMembership(id, 'doomed', { cityId: 'town' }) }], { writtenBy: 'api' });
    await expect(attempt).rejects.toMatchObject({ code: 'NOT_FOUND', details: { reference: { type: 'Program', id: 'doomed' } } });
    expect(await get(keys.standaloneKey('Program', 'doomed'))).toMatchObject({ deleted: true });
    expect(await get(keys.membershipKey(id)!)).toBeUndefined();
    expect(await counter('ProgramMembership', id)).toBe(before);
  });

  it('rejects a partner membership item NOT_FOUND when its place is deleted between the sync reading it and committing', async () => {
    await writer.write([{ kind: 'put', type: 'City', record: sampleCity('fading') }], { writtenBy: 'api' });
    const sync = new MembershipSync(env.store);
    faults.before('TransactWriteItemsCommand', async () => {
      await other.write([{ kind: 'delete', type: 'City', id: 'fading' }], { writtenBy: 'api' });
    });
    const result = await sync.upsertMemberships('prog', [{ externalId: 'race-1', cityId: 'fading', startDate: '2024' }], {
      caller: 'test',
      idempotencyKey: 'references-race-1',
      today: '2026-01-01',
    });
    expect(result.results).toEqual([expect.objectContaining({ outcome: 'REJECTED', error: expect.objectContaining({ code: 'NOT_FOUND', field: 'cityId' }) })]);
    expect(await get(keys.externalIdKey('prog', 'race-1'))).toBeUndefined();
  });
});
