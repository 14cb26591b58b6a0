import { issueSecret, usageIdentifierKeyOf } from '../functions/auth';
import type { CredentialRecord, CredentialRole, CredentialStore, NetworkRepository } from '../functions/data';
import { CREDENTIAL_ROLES, validateCredential } from '../functions/data';
import { NotFoundError, ValidationError } from '../functions/shared/errors';

/** What the admin commands work on: the credential store and a way to check that scopes exist. */
export interface AdminDependencies {
  credentials: CredentialStore;
  /** True when the programme (partner scope) or city (city-editor scope) exists. */
  scopeExists(role: 'partner' | 'city-editor', id: string): Promise<boolean>;
  now?: () => Date;
}

export interface CreateKeyInput {
  role: string;
  programIds?: readonly string[];
  cityIds?: readonly string[];
  label: string;
}

export interface CreatedKey {
  record: CredentialRecord;
  /** Shown once; only its hash is stored. */
  secret: string;
  /** The API Gateway API key value the key's usage plan must hold on AWS. */
  usageIdentifierKey: string;
}

/** Scope lookups through the network repository: one BatchGetItem for all ids. */
export function repositoryScopeCheck(repo: NetworkRepository): AdminDependencies['scopeExists'] {
  return async (role, id) => {
    const [record] = await repo.getRecords([{ type: role === 'partner' ? 'Program' : 'City', id }]);
    return record !== null && record !== undefined;
  };
}

function isRole(value: string): value is CredentialRole {
  return (CREDENTIAL_ROLES as readonly string[]).includes(value);
}

/**
 * Issues a key: validates role and scopes (a partner's programmes and a city
 * editor's cities must exist), stores the hash with a conditional put, and
 * returns the secret for the caller to show once.
 */
export async function createKey(deps: AdminDependencies, input: CreateKeyInput): Promise<CreatedKey> {
  if (!isRole(input.role)) throw new ValidationError(`--role must be one of ${CREDENTIAL_ROLES.join(', ')}`, { field: 'role' });
  const programIds = [...new Set(input.programIds ?? [])];
  const cityIds = [...new Set(input.cityIds ?? [])];
  const role = input.role;
  if (role === 'partner' && (programIds.length === 0 || cityIds.length > 0)) {
    throw new ValidationError('A partner key needs --program <programId> (one or more) and no --city', { field: 'program' });
  }
  if (role === 'city-editor' && (cityIds.length === 0 || programIds.length > 0)) {
    throw new ValidationError('A city-editor key needs --city <cityId> (one or more) and no --program', { field: 'city' });
  }
  if (role === 'admin' && (cityIds.length > 0 || programIds.length > 0)) {
    throw new ValidationError('An admin key has no --program or --city', { field: 'role' });
  }
  const scopes = role === 'partner' ? programIds : role === 'city-editor' ? cityIds : [];
  for (const id of scopes) {
    if (!(await deps.scopeExists(role as 'partner' | 'city-editor', id))) {
      throw new NotFoundError(role === 'partner' ? `No programme with id "${id}"` : `No city with id "${id}"`, {
        field: role === 'partner' ? 'program' : 'city',
        id,
      });
    }
  }
  const issued = issueSecret();
  const record = validateCredential({
    keyId: issued.keyId,
    secretHash: issued.secretHash,
    role,
    scopes,
    label: input.label.trim(),
    createdAt: (deps.now?.() ?? new Date()).toISOString(),
    revokedAt: null,
    version: 1,
  });
  await deps.credentials.createCredential(record);
  return { record, secret: issued.secret, usageIdentifierKey: usageIdentifierKeyOf(record.keyId) };
}

export async function revokeKey(deps: AdminDependencies, keyId: string): Promise<CredentialRecord> {
  return deps.credentials.revokeCredential(keyId, (deps.now?.() ?? new Date()).toISOString());
}

/** What `list-keys` shows of a credential: never the secret, never its hash. */
export interface KeySummary {
  keyId: string;
  role: CredentialRole;
  scopes: string;
  label: string;
  createdAt: string;
  revokedAt: string;
}

export async function listKeys(deps: AdminDependencies): Promise<KeySummary[]> {
  const records = await deps.credentials.listCredentials();
  return records
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.keyId.localeCompare(b.keyId))
    .map((r) => ({ keyId: r.keyId, role: r.role, scopes: r.scopes.join(','), label: r.label, createdAt: r.createdAt, revokedAt: r.revokedAt ?? '' }));
}

/** A plain text table for the terminal. */
export function formatKeyTable(keys: readonly KeySummary[]): string {
  const header: KeySummary = { keyId: 'KEY ID', role: 'ROLE' as CredentialRole, scopes: 'SCOPES', label: 'LABEL', createdAt: 'CREATED', revokedAt: 'REVOKED' };
  const columns = ['keyId', 'role', 'scopes', 'label', 'createdAt', 'revokedAt'] as const;
  const rows = [header, ...keys];
  const widths = columns.map((c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => columns.map((c, i) => r[c].padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}
