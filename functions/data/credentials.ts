import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError, StoreError, ValidationError } from '../shared/errors';
import {
  CREDENTIAL_DIRECTORY_PARTITION,
  CREDENTIAL_ENTITY_TYPE,
  ENTITY_TYPE_ATTRIBUTE,
  GSI2,
  credentialIndexKeys,
  credentialKey,
  isSlug,
} from './keys';
import { ConditionFailedError, TableStore, conditionalPut, conditionalUpdate, consistentGet } from './store';

/**
 * The credential entity: one item per issued key, holding a SHA-256 hash of the
 * secret and never the secret. Its own module (not the network repository) so
 * the authorizer bundles only this and the SDK.
 */

/** What a credential lets its holder do; scopes are programme ids (partner) or city ids (city editor). */
export type CredentialRole = 'partner' | 'city-editor' | 'admin';
export const CREDENTIAL_ROLES: readonly CredentialRole[] = ['partner', 'city-editor', 'admin'];

export interface CredentialRecord {
  /** Public identifier, part of the secret's text; safe to show and log. */
  readonly keyId: string;
  /** Hex SHA-256 of the whole secret. */
  readonly secretHash: string;
  readonly role: CredentialRole;
  /** Programme ids (partner), city ids (city editor), none (admin). */
  readonly scopes: readonly string[];
  /** Who holds it, e.g. "Robert Bosch Stiftung, sync server". */
  readonly label: string;
  /** ISO timestamp. */
  readonly createdAt: string;
  /** ISO timestamp; null while the key is valid. */
  readonly revokedAt: string | null;
  /** Item version, raised by every change; changes are conditional on it. */
  readonly version: number;
}

export const KEY_ID = /^[0-9a-f]{16}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const MAX_LABEL = 200;

/** Validates a record before it is written: a malformed credential never reaches the table. */
export function validateCredential(record: CredentialRecord): CredentialRecord {
  const problem = credentialProblem(record);
  if (problem) throw new ValidationError(`Invalid credential: ${problem.message}`, { field: problem.field });
  return record;
}

function credentialProblem(r: CredentialRecord): { field: string; message: string } | null {
  if (typeof r.keyId !== 'string' || !KEY_ID.test(r.keyId)) return { field: 'keyId', message: 'keyId must be 16 hex digits' };
  if (typeof r.secretHash !== 'string' || !SHA256_HEX.test(r.secretHash)) return { field: 'secretHash', message: 'secretHash must be a hex SHA-256' };
  if (!CREDENTIAL_ROLES.includes(r.role)) return { field: 'role', message: `role must be one of ${CREDENTIAL_ROLES.join(', ')}` };
  if (!Array.isArray(r.scopes) || !r.scopes.every((s) => typeof s === 'string' && isSlug(s))) {
    return { field: 'scopes', message: 'scopes must be ids (lower-case slugs)' };
  }
  if (new Set(r.scopes).size !== r.scopes.length) return { field: 'scopes', message: 'scopes must not repeat' };
  if (r.role === 'admin' ? r.scopes.length !== 0 : r.scopes.length === 0) {
    return { field: 'scopes', message: r.role === 'admin' ? 'an admin key has no scopes' : `a ${r.role} key needs at least one scope` };
  }
  if (typeof r.label !== 'string' || r.label.trim() === '' || r.label.length > MAX_LABEL) {
    return { field: 'label', message: `label must be 1 to ${MAX_LABEL} characters` };
  }
  if (typeof r.createdAt !== 'string' || !ISO_TIME.test(r.createdAt)) return { field: 'createdAt', message: 'createdAt must be an ISO UTC time' };
  if (r.revokedAt !== null && (typeof r.revokedAt !== 'string' || !ISO_TIME.test(r.revokedAt))) {
    return { field: 'revokedAt', message: 'revokedAt must be null or an ISO UTC time' };
  }
  if (!Number.isInteger(r.version) || r.version < 1) return { field: 'version', message: 'version must be a positive integer' };
  return null;
}

/** The stored item of a credential: keys, entity type and attributes. */
export function credentialToItem(record: CredentialRecord): Record<string, unknown> {
  validateCredential(record);
  return {
    ...credentialKey(record.keyId),
    ...credentialIndexKeys(record.keyId),
    [ENTITY_TYPE_ATTRIBUTE]: CREDENTIAL_ENTITY_TYPE,
    keyId: record.keyId,
    secretHash: record.secretHash,
    role: record.role,
    scopes: [...record.scopes],
    label: record.label,
    createdAt: record.createdAt,
    ...(record.revokedAt ? { revokedAt: record.revokedAt } : {}),
    version: record.version,
  };
}

/**
 * Reads a stored item back, refusing anything that is not a well-formed
 * credential: a corrupt item must never authenticate anyone.
 */
export function credentialFromItem(item: Record<string, unknown>): CredentialRecord {
  if (item[ENTITY_TYPE_ATTRIBUTE] !== CREDENTIAL_ENTITY_TYPE) throw new StoreError('Item is not a credential');
  const record: CredentialRecord = {
    keyId: item.keyId as string,
    secretHash: item.secretHash as string,
    role: item.role as CredentialRole,
    scopes: (item.scopes as string[] | undefined) ?? [],
    label: item.label as string,
    createdAt: item.createdAt as string,
    revokedAt: (item.revokedAt as string | undefined) ?? null,
    version: item.version as number,
  };
  const problem = credentialProblem(record);
  if (problem) throw new StoreError(`Stored credential is malformed (${problem.field})`);
  return record;
}

/**
 * What the admin command and `authenticate` need from the store. A small
 * interface so the writes can later go through the shared write module
 * without touching their callers.
 */
export interface CredentialStore {
  getCredential(keyId: string): Promise<CredentialRecord | null>;
  /** Writes a new credential; `ConflictError` if the key id exists (never overwrites). */
  createCredential(record: CredentialRecord): Promise<void>;
  /** Marks a credential revoked; idempotent. `NotFoundError` for an unknown key id. */
  revokeCredential(keyId: string, at: string): Promise<CredentialRecord>;
  listCredentials(): Promise<CredentialRecord[]>;
}

export class DynamoCredentialStore implements CredentialStore {
  /** The table's own store: its retries, deadline-free here, and its error translation. */
  private readonly store: TableStore;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.store = new TableStore(client, tableName);
  }

  async getCredential(keyId: string): Promise<CredentialRecord | null> {
    if (!KEY_ID.test(keyId)) return null;
    // Strongly consistent: a key revoked a moment ago must not pass.
    const [item] = await consistentGet(this.store, [credentialKey(keyId)]);
    return item ? credentialFromItem(item) : null;
  }

  async createCredential(record: CredentialRecord): Promise<void> {
    const item = credentialToItem(record);
    await onConditionFailed(
      conditionalPut(this.store, { Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      () => new ConflictError('A credential with this key id exists already', { keyId: record.keyId }),
    );
  }

  async revokeCredential(keyId: string, at: string): Promise<CredentialRecord> {
    const current = await this.getCredential(keyId);
    if (!current) throw new NotFoundError('No credential with this key id', { keyId });
    if (current.revokedAt) return current;
    const revoked = validateCredential({ ...current, revokedAt: at, version: current.version + 1 });
    await onConditionFailed(
      conditionalUpdate(this.store, {
        Key: credentialKey(keyId),
        UpdateExpression: 'SET revokedAt = :at, version = :next',
        // Optimistic: a concurrent change (another revoke) makes this one fail instead of overwriting it.
        ConditionExpression: 'version = :current',
        ExpressionAttributeValues: { ':at': at, ':next': revoked.version, ':current': current.version },
      }),
      () => new ConflictError('The credential changed while it was being revoked; try again', { keyId }),
    );
    return revoked;
  }

  async listCredentials(): Promise<CredentialRecord[]> {
    const items = await this.store.queryAll({
      IndexName: GSI2.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': GSI2.partitionKey },
      ExpressionAttributeValues: { ':pk': CREDENTIAL_DIRECTORY_PARTITION },
    });
    return items.map(credentialFromItem);
  }
}

/** A failed condition becomes the caller's own domain error, naming what it was about. */
async function onConditionFailed<T>(write: Promise<T>, error: () => Error): Promise<T> {
  try {
    return await write;
  } catch (failure) {
    if (failure instanceof ConditionFailedError) throw error();
    throw failure;
  }
}
