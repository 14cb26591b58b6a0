/**
 * Audit entries of moderation and erasure: who (a credential's key id, or
 * that a withdrawal token was used), when, what kind, and opaque ids. Never a
 * name, address, quote or any other value a person gave: an audit log must
 * outlive an erasure without undoing it (research/consent.md, audit logs).
 */
import { randomBytes } from 'node:crypto';
import { AUDIT_ENTITY_TYPE, ENTITY_TYPE_ATTRIBUTE, auditKey, auditPartition } from './keys';
import type { TableStore, TransactItem } from './store';

export type AuditAction =
  | 'CAMPAIGN_CREATED'
  | 'CAMPAIGN_UPDATED'
  | 'NOMINATION_MARKED'
  | 'PORTRAIT_CREATED'
  | 'PORTRAIT_PUBLISHED'
  | 'PORTRAIT_UNPUBLISHED'
  | 'CONSENT_WITHDRAWN'
  | 'PERSON_ERASED'
  | 'ERASURE_REAPPLIED';

/** Who acted: a credential's key id, or the holder of a withdrawal token (who has no other identity here). */
export type AuditActor = { kind: 'credential'; keyId: string } | { kind: 'withdrawal-token' } | { kind: 'operator' };

export interface AuditEntry {
  at: string;
  actor: string;
  action: AuditAction;
  /** Opaque ids only: campaign slug, portrait id (`<campaign>.<random>`), nomination id (random). */
  campaignId: string;
  portraitId?: string | undefined;
  nominationId?: string | undefined;
  /** Counts and flags, never values (e.g. `{ photosErased: false }`). */
  outcome?: Readonly<Record<string, number | boolean | string>> | undefined;
}

function actorName(actor: AuditActor): string {
  return actor.kind === 'credential' ? `key:${actor.keyId}` : actor.kind;
}

/** The put of one audit entry, to go into the transaction of the action it records. */
export function auditPut(entry: Omit<AuditEntry, 'at' | 'actor'> & { actor: AuditActor }, now: Date): TransactItem {
  const at = now.toISOString();
  const item: Record<string, unknown> = {
    ...auditKey(at, randomBytes(6).toString('base64url')),
    [ENTITY_TYPE_ATTRIBUTE]: AUDIT_ENTITY_TYPE,
    at,
    actor: actorName(entry.actor),
    action: entry.action,
    campaignId: entry.campaignId,
  };
  if (entry.portraitId) item.portraitId = entry.portraitId;
  if (entry.nominationId) item.nominationId = entry.nominationId;
  if (entry.outcome) item.outcome = entry.outcome;
  return { Put: { Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** The audit entries of one UTC day (YYYY-MM-DD), oldest first. For operators and tests. */
export async function auditEntries(store: TableStore, day: string): Promise<AuditEntry[]> {
  const items = await store.queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': auditPartition(day) },
    ConsistentRead: true,
  });
  return items.map((item) => ({
    at: String(item.at),
    actor: String(item.actor),
    action: item.action as AuditAction,
    campaignId: String(item.campaignId),
    ...(typeof item.portraitId === 'string' ? { portraitId: item.portraitId } : {}),
    ...(typeof item.nominationId === 'string' ? { nominationId: item.nominationId } : {}),
    ...(item.outcome ? { outcome: item.outcome as AuditEntry['outcome'] } : {}),
  }));
}
