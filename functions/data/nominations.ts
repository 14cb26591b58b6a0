/**
 * Private nominations. Only this module reads or writes nomination items; no
 * index, directory, feed or export touches their partition (`Nomination#…`).
 * The public function may only put them (its IAM grant is PutItem on that
 * leading key); reading them is for the moderation path.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ENTITY_TYPE_ATTRIBUTE, NOMINATION_ENTITY_TYPE, TTL_ATTRIBUTE, nominationKey } from './keys';
import { ConditionFailedError, conditionalPut, transactWrite, type Item, type TableStore, type TransactItem } from './store';
import { nominationPartition } from './keys';
import { auditPut, type AuditActor } from './audit';
import { ConflictError, NotFoundError } from '../shared/errors';

/** What the public form sends, after validation. */
export interface NominationSubmission {
  campaignId: string;
  nomineeName: string;
  activity: string;
  place: string;
  organization: string | null;
  nominatorName: string;
  nominatorEmail: string;
}

/** A stored nomination as moderation sees it. */
export interface NominationRecord extends NominationSubmission {
  /** Opaque handle (random), safe for audit entries. */
  id: string;
  /** The item's sort key (a digest of campaign, nominee and nominator); internal, never served. */
  digest: string;
  status: 'NEW' | 'CONTACTED' | 'DECLINED';
  /** ISO 8601 instant it was received. */
  received: string;
  /** ISO 8601 instant from which it no longer exists for readers. */
  expires: string;
}

export interface NominationStoreOptions {
  /** Days a nomination that did not become a portrait is kept (and readable). */
  retentionDays: number;
  now?: () => Date;
}

/** Default retention of nominations: six months (research/consent.md §3). */
export const DEFAULT_NOMINATION_RETENTION_DAYS = 183;
const DAY_SECONDS = 86_400;

/** Case, spacing and German spelling variants do not make a nomination new. */
function normalised(value: string): string {
  return value.normalize('NFKC').toLocaleLowerCase('de-DE').replace(/ß/g, 'ss').replace(/\s+/g, ' ').trim();
}

/**
 * The sort key two submissions share when they nominate the same person by the
 * same nominator for the same campaign. A digest, so the key itself carries
 * no readable name or address.
 */
export function nominationDigest(submission: NominationSubmission): string {
  return createHash('sha256')
    .update([submission.campaignId, normalised(submission.nomineeName), normalised(submission.nominatorEmail)].join('\u0000'))
    .digest('base64url');
}

export class NominationStore {
  private readonly now: () => Date;

  constructor(
    private readonly store: TableStore,
    private readonly options: NominationStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Stores a nomination unless the same one is already stored. Returns
   * whether it was new; a duplicate changes nothing (the first one's retention
   * clock keeps running).
   */
  async submit(submission: NominationSubmission): Promise<{ stored: boolean }> {
    const now = this.now();
    const expiresAt = Math.floor(now.getTime() / 1000) + this.options.retentionDays * DAY_SECONDS;
    try {
      await conditionalPut(this.store, {
        Item: {
          ...nominationKey(submission.campaignId, nominationDigest(submission)),
          [ENTITY_TYPE_ATTRIBUTE]: NOMINATION_ENTITY_TYPE,
          // Opaque handle for editors and audit entries; never derived from the person.
          id: randomBytes(12).toString('base64url'),
          ...submission,
          status: 'NEW',
          received: now.toISOString(),
          // TTL deletes it within days of this instant; reads treat it as gone from this instant on.
          [TTL_ATTRIBUTE]: expiresAt,
        },
        // An expired duplicate TTL has not removed yet may be replaced: it no longer exists for readers.
        ConditionExpression: 'attribute_not_exists(pk) OR #ttl <= :now',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
      });
      return { stored: true };
    } catch (error) {
      if (error instanceof ConditionFailedError) return { stored: false };
      throw error;
    }
  }

  /**
   * The campaign's nominations that have not reached their retention date,
   * newest first. Expired ones are left out from that instant on, although
   * TTL may take days to delete them. For moderation only: the public
   * function's role cannot read this partition.
   */
  async list(campaignId: string): Promise<NominationRecord[]> {
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: '#ttl > :now',
      ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: { ':pk': nominationPartition(campaignId), ':now': nowSeconds },
      ConsistentRead: true,
    });
    return items.map(toNomination).sort((a, b) => (a.received < b.received ? 1 : a.received > b.received ? -1 : 0));
  }

}

/**
 * What moderation and erasure do with nominations besides listing them. A
 * class of its own so the public function's bundle, which only submits, does
 * not carry it.
 */
export class NominationModeration {
  private readonly now: () => Date;

  constructor(
    private readonly store: TableStore,
    private readonly nominations: NominationStore,
    now?: () => Date,
  ) {
    this.now = now ?? (() => new Date());
  }

  /** One nomination of a campaign by its opaque id, if it is within its retention period. */
  async get(campaignId: string, id: string): Promise<NominationRecord | null> {
    return (await this.nominations.list(campaignId)).find((nomination) => nomination.id === id) ?? null;
  }

  /** Marks a nomination contacted or declined, with its audit entry in the same transaction. */
  async mark(campaignId: string, id: string, status: NominationRecord['status'], actor: AuditActor): Promise<NominationRecord> {
    const nomination = await this.get(campaignId, id);
    if (!nomination) throw new NotFoundError('No such nomination', { argument: 'id' });
    try {
      await transactWrite(this.store, [
        {
          Update: {
            Key: nominationKey(campaignId, nomination.digest),
            UpdateExpression: 'SET #status = :status',
            ConditionExpression: 'id = :id',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': status, ':id': id },
          },
        },
        auditPut({ action: 'NOMINATION_MARKED', actor, campaignId, nominationId: id, outcome: { status } }, this.now()),
      ]);
    } catch (error) {
      if (error instanceof ConditionFailedError) throw new ConflictError('The nomination changed meanwhile; read it again');
      throw error;
    }
    return { ...nomination, status };
  }

  /**
   * Nominations of a person, expired ones included (TTL may not have removed
   * them yet): those naming one of `names` as nominee (spelling folded as for
   * duplicates), or carrying one of the opaque `ids`. For erasure only.
   */
  async ofPerson(campaignId: string, names: readonly string[], ids: readonly string[]): Promise<{ id: string; digest: string }[]> {
    const folded = new Set(names.map(normalised));
    const wanted = new Set(ids);
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': nominationPartition(campaignId) },
      ConsistentRead: true,
    });
    return items
      .filter((item) => wanted.has(String(item.id)) || folded.has(normalised(String(item.nomineeName))))
      .map((item) => ({ id: String(item.id), digest: String(item.sk) }));
  }

  /** The delete of a nomination, for the transaction that turns it into a portrait or erases its person. */
  deleteAction(campaignId: string, digest: string): TransactItem {
    return { Delete: { Key: nominationKey(campaignId, digest), ConditionExpression: 'attribute_exists(pk)' } };
  }
}

function toNomination(item: Item): NominationRecord {
  return {
    id: String(item.id),
    digest: String(item.sk),
    campaignId: String(item.campaignId),
    nomineeName: String(item.nomineeName),
    activity: String(item.activity),
    place: String(item.place),
    organization: typeof item.organization === 'string' ? item.organization : null,
    nominatorName: String(item.nominatorName),
    nominatorEmail: String(item.nominatorEmail),
    status: item.status === 'CONTACTED' || item.status === 'DECLINED' ? item.status : 'NEW',
    received: String(item.received),
    expires: new Date(Number(item[TTL_ATTRIBUTE]) * 1000).toISOString(),
  };
}
