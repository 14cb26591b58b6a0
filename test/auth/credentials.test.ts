import { createHash } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createKey, listKeys, revokeKey } from '../../cli/keys';
import { keys } from '../../functions/data';
import { ConflictError, NotFoundError, StoreError, ValidationError } from '../../functions/shared/errors';
import { credentialTable, type CredentialTable } from '../support/credentials';

let table: CredentialTable;

beforeAll(async () => {
  table = await credentialTable();
});
afterAll(async () => {
  await table.drop();
});

async function rawItem(keyId: string): Promise<Record<string, unknown> | undefined> {
  const result = await table.client.send(new GetCommand({ TableName: table.tableName, Key: keys.credentialKey(keyId) }));
  return result.Item;
}

describe('credentials: issuing through the admin command code', () => {
  it('stores a SHA-256 hash of the secret and never the secret itself', async () => {
    const created = await createKey(table.deps, { role: 'partner', programIds: ['vielfaltsgestalter'], label: 'Robert Bosch Stiftung' });
    expect(created.secret).toMatch(/^esk_[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
    const item = await rawItem(created.record.keyId);
    expect(item).toBeDefined();
    expect(item!.secretHash).toBe(createHash('sha256').update(created.secret).digest('hex'));
    const secretPart = created.secret.split('.')[1]!;
    for (const value of Object.values(item!)) {
      expect(JSON.stringify(value)).not.toContain(secretPart);
    }
    expect(item).toMatchObject({ entityType: 'Credential', role: 'partner', scopes: ['vielfaltsgestalter'], label: 'Robert Bosch Stiftung', version: 1 });
    expect(item!.revokedAt).toBeUndefined();
  });

  it('issues a different secret and key id every time', async () => {
    const a = await createKey(table.deps, { role: 'admin', label: 'ops a' });
    const b = await createKey(table.deps, { role: 'admin', label: 'ops b' });
    expect(a.record.keyId).not.toBe(b.record.keyId);
    expect(a.secret).not.toBe(b.secret);
  });

  it('refuses a partner key for a programme that does not exist with NOT_FOUND', async () => {
    await expect(createKey(table.deps, { role: 'partner', programIds: ['no-such-programme'], label: 'x' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a city-editor key for a city that does not exist, and accepts a real one', async () => {
    await expect(createKey(table.deps, { role: 'city-editor', cityIds: ['atlantis'], label: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    const created = await createKey(table.deps, { role: 'city-editor', cityIds: ['dessau-rosslau'], label: 'Stadt Dessau-Roßlau' });
    expect(created.record.scopes).toEqual(['dessau-rosslau']);
  });

  it.each([
    ['an unknown role', { role: 'superuser', label: 'x' }],
    ['a partner without a programme', { role: 'partner', label: 'x' }],
    ['a partner with a city', { role: 'partner', programIds: ['k2'], cityIds: ['dessau-rosslau'], label: 'x' }],
    ['an admin with scopes', { role: 'admin', programIds: ['k2'], label: 'x' }],
    ['an empty label', { role: 'admin', label: '   ' }],
  ])('refuses %s with BAD_USER_INPUT', async (_name, input) => {
    const before = (await listKeys(table.deps)).length;
    const error = await createKey(table.deps, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('BAD_USER_INPUT');
    expect((await listKeys(table.deps)).length).toBe(before);
  });

  it('never overwrites an existing credential (conditional put)', async () => {
    const created = await createKey(table.deps, { role: 'admin', label: 'original' });
    const error = await table.store.createCredential({ ...created.record, label: 'impostor', secretHash: 'a'.repeat(64) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((await rawItem(created.record.keyId))!.label).toBe('original');
  });
});

describe('credentials: listing and revoking', () => {
  it('lists keys without secrets or hashes', async () => {
    const created = await createKey(table.deps, { role: 'partner', programIds: ['k2'], label: 'Bundesakademie Wolfenbüttel' });
    const listed = await listKeys(table.deps);
    const entry = listed.find((k) => k.keyId === created.record.keyId);
    expect(entry).toEqual({ keyId: created.record.keyId, role: 'partner', scopes: 'k2', label: 'Bundesakademie Wolfenbüttel', createdAt: created.record.createdAt, revokedAt: '' });
    const text = JSON.stringify(listed);
    expect(text).not.toContain(created.record.secretHash);
    expect(text).not.toContain(created.secret.split('.')[1]!);
  });

  it('revokes a key once, raising its version; a second revoke changes nothing', async () => {
    const created = await createKey(table.deps, { role: 'partner', programIds: ['k2'], label: 'to revoke' });
    const revoked = await revokeKey(table.deps, created.record.keyId);
    expect(revoked.revokedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const item = await rawItem(created.record.keyId);
    expect(item).toMatchObject({ revokedAt: revoked.revokedAt, version: 2 });
    const again = await revokeKey(table.deps, created.record.keyId);
    expect(again.revokedAt).toBe(revoked.revokedAt);
    expect((await rawItem(created.record.keyId))!.version).toBe(2);
    expect((await listKeys(table.deps)).find((k) => k.keyId === created.record.keyId)!.revokedAt).toBe(revoked.revokedAt);
  });

  it('answers NOT_FOUND for an unknown key id', async () => {
    await expect(revokeKey(table.deps, '0123456789abcdef')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses to read a malformed credential item instead of trusting it', async () => {
    const keyId = 'fedcba9876543210';
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...keys.credentialKey(keyId), entityType: 'Credential', keyId, secretHash: 'b'.repeat(64), role: 'root', scopes: [], label: 'x', createdAt: '2026-01-01T00:00:00.000Z', version: 1 },
      }),
    );
    await expect(table.store.getCredential(keyId)).rejects.toBeInstanceOf(StoreError);
  });
});
