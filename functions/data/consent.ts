/**
 * Consent records and the moderation writes that depend on them: a portrait
 * exists only together with its consent record (one transaction), is published
 * only when that consent allows it, and carries a one-time withdrawal token of
 * which only the hash is stored. Consent items live in `Consent#<campaign>`,
 * which no index, feed or export reads.
 */
import { createHash, randomBytes } from 'node:crypto';
import { NotFoundError, ValidationError } from '../shared/errors';
import { auditPut, type AuditActor } from './audit';
import { ENTITIES, decodeRecord, isTombstone } from './entities';
import {
  CONSENT_ENTITY_TYPE,
  ENTITY_TYPE_ATTRIBUTE,
  PORTRAIT_SORT_PREFIX,
  campaignCollectionPartition,
  campaignIdOfPortrait,
  consentKey,
  consentPartition,
  newPortraitId,
  portraitKey,
} from './keys';
import type { PortraitRecord } from './model';
import { NominationModeration, type NominationStore } from './nominations';
import { consistentGet, type Item, type TableStore, type TransactItem } from './store';
import type { NetworkWriter } from './writes';

export type ConsentPartyRole = 'PERSON' | 'GUARDIAN';
export type ConsentScope = 'WEB' | 'PRINT' | 'API' | 'PARTNER_SYNC';
export type ConsentMethod = 'PAPER_FORM' | 'ONLINE_FORM' | 'EMAIL' | 'VERBAL';

export interface ConsentParty {
  role: ConsentPartyRole;
  name: string;
}

/** What an editor records (research/consent.md §1: who, to what, when, on which text, how). */
export interface ConsentTerms {
  parties: ConsentParty[];
  minor: boolean;
  scopes: ConsentScope[];
  /** Day consent was given, YYYY-MM-DD. */
  date: string;
  textVersion: string;
  textWording: string;
  method: ConsentMethod;
}

/** A stored consent record as moderators see it (the token hash is never read out). */
export interface ConsentRecord extends ConsentTerms {
  portraitId: string;
  campaignId: string;
  /** ISO 8601 instant it was recorded. */
  recorded: string;
  /** The (opaque, random) id of the nomination the portrait came from, for re-applying an erasure. */
  nominationId: string | null;
}

/** A portrait with its consent, published or not. */
export interface ModeratedPortraitRecord {
  portrait: PortraitRecord;
  consent: ConsentRecord | null;
}

/** What a portrait shows, as the editor enters it. */
export type PortraitContent = Pick<PortraitRecord, 'displayName' | 'quote' | 'engagementArea' | 'organization' | 'cityId'>;

export interface FieldProblem {
  field: string;
  code: string;
}

const LIMITS = { name: 120, textVersion: 40, textWording: 10_000 } as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Field-level problems of a consent, as stable codes; never the values. */
export function consentProblems(terms: ConsentTerms): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!terms.parties.some((p) => p.role === 'PERSON')) problems.push({ field: 'consent.parties', code: 'PERSON_PARTY_REQUIRED' });
  if (terms.minor && !terms.parties.some((p) => p.role === 'GUARDIAN')) problems.push({ field: 'consent.parties', code: 'GUARDIAN_REQUIRED' });
  terms.parties.forEach((party, i) => {
    if (party.name.trim().length === 0) problems.push({ field: `consent.parties.${i}.name`, code: 'REQUIRED' });
    else if (party.name.length > LIMITS.name) problems.push({ field: `consent.parties.${i}.name`, code: 'TOO_LONG' });
  });
  if (terms.scopes.length === 0) problems.push({ field: 'consent.scopes', code: 'REQUIRED' });
  if (!DAY.test(terms.date) || Number.isNaN(Date.parse(`${terms.date}T00:00:00Z`))) problems.push({ field: 'consent.date', code: 'INVALID_DATE' });
  for (const field of ['textVersion', 'textWording'] as const) {
    if (terms[field].trim().length === 0) problems.push({ field: `consent.${field}`, code: 'REQUIRED' });
    else if (terms[field].length > LIMITS[field]) problems.push({ field: `consent.${field}`, code: 'TOO_LONG' });
  }
  return problems;
}

/** Why a portrait may not be published under its consent, if it may not. */
export function publicationProblems(consent: ConsentRecord | null): FieldProblem[] {
  if (!consent) return [{ field: 'consent', code: 'CONSENT_MISSING' }];
  const problems: FieldProblem[] = [];
  if (consent.minor && !consent.parties.some((p) => p.role === 'GUARDIAN')) problems.push({ field: 'consent.parties', code: 'GUARDIAN_REQUIRED' });
  // The public API and the web pages built on it are where a published portrait appears.
  if (!consent.scopes.includes('WEB') && !consent.scopes.includes('API')) problems.push({ field: 'consent.scopes', code: 'SCOPE_MISSING' });
  return problems;
}

/** SHA-256 of a withdrawal token's secret part: 256 random bits need no slow hash (see README, partner keys). */
export function withdrawalTokenHash(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** Separates a token's portrait id from its secret; `~` occurs in neither. */
export const TOKEN_SEPARATOR = '~';

/** Splits `<portraitId>~<secret>`; null when it is not shaped like a token. */
export function parseWithdrawalToken(token: string): { portraitId: string; campaignId: string; secret: string } | null {
  const cut = token.indexOf(TOKEN_SEPARATOR);
  if (cut <= 0) return null;
  const portraitId = token.slice(0, cut);
  const secret = token.slice(cut + 1);
  const campaignId = campaignIdOfPortrait(portraitId);
  if (!campaignId || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
  return { portraitId, campaignId, secret };
}

export function toConsent(item: Item): ConsentRecord {
  return {
    portraitId: String(item.sk),
    campaignId: String(item.campaignId),
    parties: (item.parties as ConsentParty[]).map((p) => ({ role: p.role, name: p.name })),
    minor: item.minor === true,
    scopes: [...(item.scopes as ConsentScope[])],
    date: String(item.date),
    textVersion: String(item.textVersion),
    textWording: String(item.textWording),
    method: item.method as ConsentMethod,
    recorded: String(item.recorded),
    nominationId: typeof item.nominationId === 'string' ? item.nominationId : null,
  };
}

export interface ModerationOptions {
  now?: () => Date;
}

/** Moderation writes and reads over portraits and their consent records. */
export class ModerationStore {
  private readonly now: () => Date;
  private readonly nominations: NominationModeration;

  constructor(
    private readonly store: TableStore,
    private readonly writer: NetworkWriter,
    nominations: NominationStore,
    options: ModerationOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.nominations = new NominationModeration(store, nominations, this.now);
  }

  /** Every live portrait of a campaign (published or not) with its consent, in id order. */
  async listPortraits(campaignId: string): Promise<ModeratedPortraitRecord[]> {
    const [portraitItems, consentItems] = await Promise.all([
      this.store.queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': campaignCollectionPartition(campaignId), ':prefix': PORTRAIT_SORT_PREFIX },
        ConsistentRead: true,
      }),
      this.store.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': consentPartition(campaignId) }, ConsistentRead: true }),
    ]);
    const consents = new Map(consentItems.map((item) => [String(item.sk), toConsent(item)]));
    return portraitItems
      .filter((item) => !isTombstone(item) && item[ENTITY_TYPE_ATTRIBUTE] === 'Portrait')
      .map((item) => decodeRecord(ENTITIES.Portrait, item))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((portrait) => ({ portrait, consent: consents.get(portrait.id) ?? null }));
  }

  /** One live portrait with its consent, or null (unknown, malformed or erased). */
  async getPortrait(portraitId: string): Promise<ModeratedPortraitRecord | null> {
    const key = portraitKey(portraitId);
    const campaignId = campaignIdOfPortrait(portraitId);
    if (!key || !campaignId) return null;
    const [portraitItem, consentItem] = await consistentGet(this.store, [key, consentKey(campaignId, portraitId)]);
    if (!portraitItem || isTombstone(portraitItem)) return null;
    return { portrait: decodeRecord(ENTITIES.Portrait, portraitItem), consent: consentItem ? toConsent(consentItem) : null };
  }

  /**
   * Turns a nomination into an unpublished portrait with its consent record,
   * in one transaction that also deletes the nomination (the consent record
   * keeps what the consent needs) and writes the audit entry. Returns the
   * person's one-time withdrawal token; only its hash is stored.
   */
  async createFromNomination(
    campaignId: string,
    nominationId: string,
    content: PortraitContent,
    terms: ConsentTerms,
    actor: AuditActor,
  ): Promise<{ portrait: ModeratedPortraitRecord; withdrawalToken: string }> {
    const problems = consentProblems(terms);
    if (problems.length > 0) throw new ValidationError('The consent record is not complete', { fields: problems });
    const nomination = await this.nominations.get(campaignId, nominationId);
    if (!nomination) throw new NotFoundError('No such nomination', { argument: 'nominationId' });
    const now = this.now();
    const portraitId = newPortraitId(campaignId, (size) => randomBytes(size));
    const record: PortraitRecord = {
      id: portraitId,
      campaignId,
      cityId: content.cityId,
      displayName: content.displayName.trim(),
      quote: content.quote?.trim() || null,
      engagementArea: content.engagementArea.trim(),
      organization: content.organization?.trim() || null,
      photoUrl: null,
      photoAlt: null,
      photoCredit: null,
      published: false,
    };
    const secret = randomBytes(32).toString('base64url');
    const consent: ConsentRecord = {
      ...terms,
      parties: terms.parties.map((p) => ({ role: p.role, name: p.name.trim() })),
      portraitId,
      campaignId,
      recorded: now.toISOString(),
      nominationId: nomination.id,
    };
    const alsoWrite: TransactItem[] = [
      {
        Put: {
          Item: { ...consentKey(campaignId, portraitId), [ENTITY_TYPE_ATTRIBUTE]: CONSENT_ENTITY_TYPE, ...consent, tokenHash: withdrawalTokenHash(secret) },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      this.nominations.deleteAction(campaignId, nomination.digest),
      auditPut({ action: 'PORTRAIT_CREATED', actor, campaignId, portraitId, nominationId: nomination.id }, now),
    ];
    await this.writer.write([{ kind: 'put', type: 'Portrait', record, expectedVersion: null }], { writtenBy: 'api', alsoWrite });
    return { portrait: { portrait: record, consent }, withdrawalToken: `${portraitId}${TOKEN_SEPARATOR}${secret}` };
  }

  /** Publishes or unpublishes a portrait; publishing checks the consent first. */
  async setPublished(portraitId: string, published: boolean, actor: AuditActor): Promise<ModeratedPortraitRecord> {
    const current = await this.getPortrait(portraitId);
    if (!current) throw new NotFoundError('No such portrait', { argument: 'id' });
    if (published) {
      const problems = publicationProblems(current.consent);
      if (problems.length > 0) throw new ValidationError('The consent does not allow publishing this portrait', { fields: problems });
    }
    if (current.portrait.published === published) return current;
    const record = { ...current.portrait, published };
    const campaignId = current.portrait.campaignId;
    await this.writer.write([{ kind: 'put', type: 'Portrait', record }], {
      writtenBy: 'api',
      alsoWrite: [
        // The consent must still be there: a withdrawal between the read and this write wins.
        ...(published ? [{ ConditionCheck: { Key: consentKey(campaignId, portraitId), ConditionExpression: 'attribute_exists(pk)' } }] : []),
        auditPut({ action: published ? 'PORTRAIT_PUBLISHED' : 'PORTRAIT_UNPUBLISHED', actor, campaignId, portraitId }, this.now()),
      ],
    });
    return { portrait: record, consent: current.consent };
  }
}
