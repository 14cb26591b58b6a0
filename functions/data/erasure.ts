/**
 * Withdrawal and erasure of a portrayed person: every personal field of the
 * person (the portrait's fields, its consent record with the parties' names,
 * the nominations naming them) goes in one transaction, which also leaves the
 * portrait's tombstone and its DELETE in the change feed (so partners' copies
 * drop it), an audit entry without personal data, and the person's entry in
 * the erased-id list that `npm run admin -- reapply-erasures` re-applies after
 * a point-in-time restore.
 */
import { timingSafeEqual } from 'node:crypto';
import { NotFoundError } from '../shared/errors';
import { auditPut, type AuditAction, type AuditActor } from './audit';
import { ENTITIES, decodeRecord, isTombstone } from './entities';
import { parseWithdrawalToken, toConsent, withdrawalTokenHash } from './consent';
import { ENTITY_TYPE_ATTRIBUTE, ERASED_ENTITY_TYPE, ERASED_PARTITION, campaignIdOfPortrait, consentKey, erasedKey, nominationKey, portraitKey } from './keys';
import { NominationModeration, type NominationStore } from './nominations';
import { consistentGet, transactWrite, type TableStore, type TransactItem } from './store';
import type { EntityWrite, NetworkWriter } from './writes';

/**
 * Erases every stored version of a portrait's photos (origin objects, CDN
 * copies). The photo side implements it; erasure calls it after the store's
 * transaction and reports whether it ran.
 */
export interface PortraitPhotoEraser {
  erasePortraitPhotos(portraitId: string): Promise<void>;
}

export interface ErasureOutcome {
  portraitId: string;
  /** Personal items removed: the portrait's fields, its consent record, nominations. */
  itemsErased: number;
  /** False when no photo eraser is configured: nothing claims the photos are gone. */
  photosErased: boolean;
}

export interface ReapplyProgress {
  (done: number, total: number): void;
}

export interface ErasureOptions {
  photoEraser?: PortraitPhotoEraser | undefined;
  now?: () => Date;
}

/** A token that does not (or no longer) match: used, unknown or malformed alike, so it tells a guesser nothing. */
function tokenRefused(): NotFoundError {
  return new NotFoundError('This withdrawal link is unknown or has been used', { reason: 'TOKEN_UNKNOWN_OR_USED' });
}

export class Erasure {
  private readonly now: () => Date;
  private readonly nominations: NominationModeration;

  constructor(
    private readonly store: TableStore,
    private readonly writer: NetworkWriter,
    nominations: NominationStore,
    private readonly options: ErasureOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.nominations = new NominationModeration(store, nominations, this.now);
  }

  /** The portrait a withdrawal token belongs to, if the token is valid and unused. */
  async portraitOfToken(token: string): Promise<string> {
    const parsed = parseWithdrawalToken(token);
    if (!parsed) throw tokenRefused();
    const [consent] = await consistentGet(this.store, [consentKey(parsed.campaignId, parsed.portraitId)]);
    const stored = typeof consent?.tokenHash === 'string' ? Buffer.from(consent.tokenHash) : null;
    const given = Buffer.from(withdrawalTokenHash(parsed.secret));
    if (!stored || stored.length !== given.length || !timingSafeEqual(stored, given)) throw tokenRefused();
    return parsed.portraitId;
  }

  /**
   * Erases the person of a portrait. NOT_FOUND when there is nothing left to
   * erase (unknown, or erased before): a second use of a token fails here.
   */
  async erase(portraitId: string, actor: AuditActor, action: Extract<AuditAction, 'CONSENT_WITHDRAWN' | 'PERSON_ERASED'>): Promise<ErasureOutcome> {
    const key = portraitKey(portraitId);
    const campaignId = campaignIdOfPortrait(portraitId);
    if (!key || !campaignId) throw new NotFoundError('No such portrait', { argument: 'portraitId' });
    const [portraitItem, consentItem] = await consistentGet(this.store, [key, consentKey(campaignId, portraitId)]);
    const live = portraitItem && !isTombstone(portraitItem) ? decodeRecord(ENTITIES.Portrait, portraitItem) : null;
    const consent = consentItem ? toConsent(consentItem) : null;
    if (!live && !consent) throw actor.kind === 'withdrawal-token' ? tokenRefused() : new NotFoundError('No such portrait', { argument: 'portraitId' });

    const names = [...(live ? [live.displayName] : []), ...(consent?.parties.filter((p) => p.role === 'PERSON').map((p) => p.name) ?? [])];
    const nominations = await this.nominations.ofPerson(campaignId, names, consent?.nominationId ? [consent.nominationId] : []);
    const nominationIds = [...new Set([...nominations.map((n) => n.id), ...(consent?.nominationId ? [consent.nominationId] : [])])];
    const now = this.now();
    const alsoWrite: TransactItem[] = [
      ...(consent ? [{ Delete: { Key: consentKey(campaignId, portraitId) } }] : []),
      ...nominations.map((n) => ({ Delete: { Key: nominationKey(campaignId, n.digest) } })),
      {
        Put: {
          Item: {
            ...erasedKey(portraitId),
            [ENTITY_TYPE_ATTRIBUTE]: ERASED_ENTITY_TYPE,
            portraitId,
            campaignId,
            // Opaque random ids, so a restored nomination can be found again without keeping who it named.
            nominationIds,
            erasedAt: now.toISOString(),
            photosErased: false,
          },
        },
      },
      auditPut({ action, actor, campaignId, portraitId, outcome: { nominations: nominations.length } }, now),
    ];
    const writes: EntityWrite[] = live ? [{ kind: 'delete', type: 'Portrait', id: portraitId }] : [];
    await this.writer.write(writes, { writtenBy: 'api', alsoWrite });
    const photosErased = await this.erasePhotos(portraitId);
    return { portraitId, itemsErased: (live ? 1 : 0) + (consent ? 1 : 0) + nominations.length, photosErased };
  }

  /**
   * Re-applies every entry of the erased-id list: after a point-in-time
   * restore brought back a portrait, its consent record or a nomination of an
   * erased person, they are erased again (a new tombstone and feed DELETE, so
   * partners that re-synced meanwhile drop them too); photos whose erasure is
   * still pending are retried when an eraser is configured.
   */
  async reapply(progress: ReapplyProgress = () => undefined): Promise<{ checked: number; reapplied: number; photosPending: number }> {
    const entries = await this.store.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': ERASED_PARTITION }, ConsistentRead: true });
    let reapplied = 0;
    let photosPending = 0;
    progress(0, entries.length);
    for (const [index, entry] of entries.entries()) {
      const portraitId = String(entry.portraitId);
      const campaignId = String(entry.campaignId);
      const nominationIds = Array.isArray(entry.nominationIds) ? entry.nominationIds.map(String) : [];
      const [portraitItem, consentItem] = await consistentGet(this.store, [portraitKey(portraitId)!, consentKey(campaignId, portraitId)]);
      const live = portraitItem && !isTombstone(portraitItem);
      const nominations = await this.nominations.ofPerson(campaignId, [], nominationIds);
      if (live || consentItem || nominations.length > 0) {
        const alsoWrite: TransactItem[] = [
          ...(consentItem ? [{ Delete: { Key: consentKey(campaignId, portraitId) } }] : []),
          ...nominations.map((n) => ({ Delete: { Key: nominationKey(campaignId, n.digest) } })),
          auditPut({ action: 'ERASURE_REAPPLIED', actor: { kind: 'operator' }, campaignId, portraitId }, this.now()),
        ];
        await this.writer.write(live ? [{ kind: 'delete', type: 'Portrait', id: portraitId }] : [], { writtenBy: 'api', alsoWrite });
        reapplied++;
      }
      if (entry.photosErased !== true && !(await this.erasePhotos(portraitId))) photosPending++;
      progress(index + 1, entries.length);
    }
    return { checked: entries.length, reapplied, photosPending };
  }

  /** Ids in the erased-id list (opaque portrait ids). */
  async erasedIds(): Promise<string[]> {
    const entries = await this.store.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': ERASED_PARTITION }, ConsistentRead: true });
    return entries.map((entry) => String(entry.portraitId));
  }

  private async erasePhotos(portraitId: string): Promise<boolean> {
    if (!this.options.photoEraser) return false;
    await this.options.photoEraser.erasePortraitPhotos(portraitId);
    await transactWrite(this.store, [
      { Update: { Key: erasedKey(portraitId), UpdateExpression: 'SET photosErased = :yes', ExpressionAttributeValues: { ':yes': true } } },
    ]);
    return true;
  }
}
