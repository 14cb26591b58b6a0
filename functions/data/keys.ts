/**
 * The single-table key design. This module is the only place that knows how
 * key strings are built; the CDK table (`infra/constructs/data.ts`) and the
 * local/test table creation import the same definitions.
 *
 * Layout (one table, three generic GSIs, all projecting ALL):
 *
 * | item                 | pk                         | sk                         | gsi1 (member view)                         | gsi2 (directory)                              | gsi3                     |
 * |----------------------|----------------------------|----------------------------|--------------------------------------------|-----------------------------------------------|--------------------------|
 * | City                 | City#<id>                  | City                       | City / <id>#                               | City / <id>#                                  |                          |
 * | Program              | Program#<id>               | Program                    |                                            | Program / <id>#                               |                          |
 * | ProgramMembership    | Program#<programId>        | Membership#<id>            | City / <cityId>#Membership#<id> (sparse)   | Program / <programId>#Membership#<id>         |                          |
 * | Partnership          | Partnership#<id>           | Partnership                |                                            | Partnership / <id>#                           |                          |
 * | PartnershipMember    | Partnership#<partnershipId>| Member#<id>                | <memberType> / <memberId>#PartnershipMember#<id> | Partnership / <partnershipId>#Member#<id> |                          |
 * | Organization, Event  | <Type>#<id>                | <Type>                     | City / <cityId>#<Type>#<id> (sparse)       | <Type> / <id>#                                |                          |
 * | Campaign, ApplicationRound, DataSource | <Type>#<id> | <Type>                 |                                            | <Type> / <id>#                                |                          |
 * | CampaignCity         | Campaign#<campaignId>      | City#<cityId>              | City / <cityId>#Campaign#<campaignId>      |                                               |                          |
 * | Municipality         | Municipality#<ags>         | Municipality               | MunicipalityName#<c> / <folded name>#<ags> | Municipality / <ags>                          | Municipality#<state> / <ags> |
 * | CityAgs (alias)      | CityAgs#<ags>              | CityAgs                    |                                            |                                               |                          |
 * | Network singleton    | Network                    | ReportedMemberCounts       |                                            |                                               |                          |
 * | ExternalId (lookup)  | ExternalId#<programId>#<externalId> | ExternalId        |                                            |                                               |                          |
 * | FeedCounter          | FeedCounter#<bucket>       | FeedCounter                |                                            |                                               |                          |
 * | FeedEntry (log)      | Feed#<bucket>              | <seq, 12 digits>           |                                            |                                               |                          |
 * | Feed signing key     | Network                    | FeedSigningKey             |                                            |                                               |                          |
 *
 * Why: a programme's or partnership's page is one Query of its item collection;
 * a city's page is one Query of gsi1 (`City`, begins_with `<id>#`); a list of
 * cities, programmes or partnerships with their edges is one Query of one
 * directory partition, so request counts do not grow with list length.
 */

export const TABLE_PARTITION_KEY = 'pk';
export const TABLE_SORT_KEY = 'sk';
export const ENTITY_TYPE_ATTRIBUTE = 'entityType';
/** Epoch-seconds attribute DynamoDB's TTL deletes by (used for idempotency and short-lived records). */
export const TTL_ATTRIBUTE = 'expiresAt';

export interface IndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

export const GSI1: IndexDefinition = { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' };
export const GSI2: IndexDefinition = { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' };
export const GSI3: IndexDefinition = { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' };

/** Every GSI of the table; all key attributes are strings and every index projects ALL. */
export const GLOBAL_SECONDARY_INDEXES: readonly IndexDefinition[] = [GSI1, GSI2, GSI3];

/** Attribute definitions for CreateTable, derived from the keys above. */
export const KEY_ATTRIBUTE_NAMES: readonly string[] = [
  TABLE_PARTITION_KEY,
  TABLE_SORT_KEY,
  ...GLOBAL_SECONDARY_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey]),
];

export type EntityType =
  | 'City'
  | 'Program'
  | 'ProgramMembership'
  | 'Partnership'
  | 'PartnershipMember'
  | 'Organization'
  | 'Campaign'
  | 'Event'
  | 'ApplicationRound'
  | 'DataSource'
  | 'Municipality'
  | 'CityAgs'
  | 'CampaignCity'
  | 'ExternalId'
  | 'FeedCounter'
  | 'FeedEntry'
  | 'Network'
  | 'Portrait'
  | 'Nomination';

/** Entity types stored as one standalone item each, keyed by their own id. */
export type StandaloneType = 'City' | 'Program' | 'Partnership' | 'Organization' | 'Campaign' | 'Event' | 'ApplicationRound' | 'DataSource';

export interface PrimaryKey {
  pk: string;
  sk: string;
}

export interface IndexKeys {
  gsi1pk?: string;
  gsi1sk?: string;
  gsi2pk?: string;
  gsi2sk?: string;
  gsi3pk?: string;
  gsi3sk?: string;
}

/** Separator inside composite ids (`<programId>.<participant>.<start>`); never part of a slug. */
export const ID_SEPARATOR = '.';

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

export function isSlug(value: string): boolean {
  return SLUG.test(value);
}

export function standaloneKey(type: StandaloneType, id: string): PrimaryKey {
  return { pk: `${type}#${id}`, sk: type };
}

/**
 * Index keys of a standalone item. Organisations and events based in a member
 * place also sit in that place's collection (member view), so a city page
 * reads them with the city in one Query instead of scanning their directories.
 */
export function standaloneIndexKeys(type: StandaloneType, id: string, cityId?: string | null): IndexKeys {
  const keys: IndexKeys = { gsi2pk: type, gsi2sk: `${id}#` };
  if (type === 'City') {
    keys.gsi1pk = 'City';
    keys.gsi1sk = `${id}#`;
  } else if ((type === 'Organization' || type === 'Event') && cityId) {
    keys.gsi1pk = 'City';
    keys.gsi1sk = `${cityId}#${type}#${id}`;
  }
  return keys;
}

/** A campaign's participation of one member place, stored in the campaign's item collection. */
export function campaignCityKey(campaignId: string, cityId: string): PrimaryKey {
  return { pk: `Campaign#${campaignId}`, sk: `City#${cityId}` };
}

export function campaignCityIndexKeys(campaignId: string, cityId: string): IndexKeys {
  return { gsi1pk: 'City', gsi1sk: `${cityId}#Campaign#${campaignId}` };
}

/**
 * The programme a membership id belongs to. Seeded memberships keep their
 * frozen ids `<programId>.<participant>.<start>`; new ones are
 * `<programId>.<random>` (`newMembershipId`). Either way the prefix names the
 * programme partition, and nothing else in the id is ever read back.
 */
export function programIdOfMembership(membershipId: string): string | null {
  const cut = membershipId.indexOf(ID_SEPARATOR);
  return cut > 0 ? membershipId.slice(0, cut) : null;
}

/**
 * The id the seed gives a membership from its source row. Only the seed calls
 * this, and only to name a record the first time: an id is never recomputed
 * from fields after it was written (see `newMembershipId` for API writes).
 */
export function membershipId(programId: string, participantSlug: string, startDate: string | null): string {
  return [programId, participantSlug, startDate ?? 'open'].join(ID_SEPARATOR);
}

export function membershipKey(id: string): PrimaryKey | null {
  const programId = programIdOfMembership(id);
  return programId ? { pk: `Program#${programId}`, sk: `Membership#${id}` } : null;
}

export function membershipIndexKeys(id: string, programId: string, cityId: string | null): IndexKeys {
  const keys: IndexKeys = { gsi2pk: 'Program', gsi2sk: `${programId}#Membership#${id}` };
  if (cityId) {
    keys.gsi1pk = 'City';
    keys.gsi1sk = `${cityId}#Membership#${id}`;
  }
  return keys;
}

export function partnershipMemberId(partnershipId: string, memberType: 'City' | 'Organization', memberId: string): string {
  return [partnershipId, memberType, memberId].join(ID_SEPARATOR);
}

export function partnershipMemberKey(id: string): PrimaryKey | null {
  const cut = id.indexOf(ID_SEPARATOR);
  return cut > 0 ? { pk: `Partnership#${id.slice(0, cut)}`, sk: `Member#${id}` } : null;
}

export function partnershipMemberIndexKeys(
  id: string,
  partnershipId: string,
  memberType: 'City' | 'Organization',
  memberId: string,
): IndexKeys {
  return {
    gsi1pk: memberType,
    gsi1sk: `${memberId}#PartnershipMember#${id}`,
    gsi2pk: 'Partnership',
    gsi2sk: `${partnershipId}#Member#${id}`,
  };
}

export function municipalityKey(ags: string): PrimaryKey {
  return { pk: `Municipality#${ags}`, sk: 'Municipality' };
}

/** Length of the folded-name prefix that partitions the municipality name index. */
export const NAME_INDEX_PREFIX_LENGTH = 1;

export function municipalityIndexKeys(ags: string, state: string, foldedName: string): IndexKeys {
  return {
    gsi1pk: municipalityNamePartition(foldedName),
    gsi1sk: `${foldedName}#${ags}`,
    gsi2pk: 'Municipality',
    gsi2sk: ags,
    gsi3pk: `Municipality#${state}`,
    gsi3sk: ags,
  };
}

export function municipalityNamePartition(foldedPrefix: string): string {
  return `MunicipalityName#${foldedPrefix.slice(0, NAME_INDEX_PREFIX_LENGTH)}`;
}

export function municipalityStatePartition(state: string): string {
  return `Municipality#${state}`;
}

export function cityAgsKey(ags: string): PrimaryKey {
  return { pk: `CityAgs#${ags}`, sk: 'CityAgs' };
}

export const NETWORK_COUNTS_KEY: PrimaryKey = { pk: 'Network', sk: 'ReportedMemberCounts' };

/** gsi1 key condition values for a city's collection (the city item and its edges). */
export function cityCollectionPrefix(cityId: string): string {
  return `${cityId}#`;
}

/** gsi1 key condition values for an organisation's partnership edges. */
export function organizationCollectionPrefix(organizationId: string): string {
  return `${organizationId}#`;
}

/** Base-table partition holding a programme and its memberships. */
export function programCollectionPartition(programId: string): string {
  return `Program#${programId}`;
}

/** Base-table partition holding a partnership and its member edges. */
export function partnershipCollectionPartition(partnershipId: string): string {
  return `Partnership#${partnershipId}`;
}

/** Records which seed data the table holds, so a local start reseeds only on change. */
export const SEED_MARKER_KEY: PrimaryKey = { pk: 'Network', sk: 'SeedMarker' };

// ---- credentials ------------------------------------------------------------
//
// | Credential | Credential#<keyId> | Credential | | Credential / <keyId># | |
//
// Kept in their own partition prefix so the authorizer's IAM policy can allow
// GetItem on `Credential#*` leading keys and nothing else. The directory
// partition lets the admin command list keys with one Query.

/** Entity type of a partner, city editor or admin credential (a hash, never the secret). */
export const CREDENTIAL_ENTITY_TYPE = 'Credential';
/** Leading-key prefix of every credential item; the authorizer's grant is conditioned on it. */
export const CREDENTIAL_KEY_PREFIX = 'Credential#';

export function credentialKey(keyId: string): PrimaryKey {
  return { pk: `${CREDENTIAL_KEY_PREFIX}${keyId}`, sk: CREDENTIAL_ENTITY_TYPE };
}

export function credentialIndexKeys(keyId: string): IndexKeys {
  return { gsi2pk: CREDENTIAL_ENTITY_TYPE, gsi2sk: `${keyId}#` };
}

/** gsi2 partition listing every credential. */
export const CREDENTIAL_DIRECTORY_PARTITION = CREDENTIAL_ENTITY_TYPE;
/** Length of the random part of a new membership id (lower-case base32, 80 bits). */
const RANDOM_ID_LENGTH = 16;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * A surrogate id for a membership created through the API: the programme
 * prefix keeps its partition derivable, the rest is random so corrections of
 * the participant or the dates never change the identity.
 */
export function newMembershipId(programId: string, randomBytes: (size: number) => Uint8Array): string {
  const bytes = randomBytes(RANDOM_ID_LENGTH);
  let random = '';
  for (const byte of bytes) random += BASE32[byte & 31];
  return `${programId}${ID_SEPARATOR}${random}`;
}

/** A partner's own id for a membership, unique within its programme (a lookup item written with the membership). */
export function externalIdKey(programId: string, externalId: string): PrimaryKey {
  return { pk: `ExternalId#${programId}#${externalId}`, sk: 'ExternalId' };
}

// ---- change feed ------------------------------------------------------------

/** Public entity types that appear in the change feed. */
export type FeedEntityType = StandaloneType | 'ProgramMembership' | 'PartnershipMember' | 'Portrait';

/**
 * Feed buckets per entity type. Each bucket has its own gapless sequence, so
 * writes in different buckets never contend for one counter. Memberships are
 * the type partners write in bulk, so they are spread over several buckets by a
 * hash of their id; every other type is one bucket. An entity always lands in
 * the same bucket, which keeps its own changes in commit order.
 */
export const FEED_BUCKETS_PER_TYPE: Readonly<Record<FeedEntityType, number>> = {
  City: 1,
  Program: 1,
  ProgramMembership: 4,
  Partnership: 1,
  PartnershipMember: 2,
  Organization: 1,
  Campaign: 1,
  Event: 1,
  ApplicationRound: 1,
  DataSource: 1,
  Portrait: 1,
};

export const FEED_ENTITY_TYPES = Object.keys(FEED_BUCKETS_PER_TYPE) as FeedEntityType[];

/** Every bucket of a type, e.g. `ProgramMembership.0` … `ProgramMembership.3`. */
export function feedBucketsOf(type: FeedEntityType): string[] {
  return Array.from({ length: FEED_BUCKETS_PER_TYPE[type] }, (_, i) => `${type}.${i}`);
}

/** FNV-1a: a stable, dependency-free hash; only its spread matters. */
function hash32(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function feedBucket(type: FeedEntityType, id: string): string {
  const buckets = FEED_BUCKETS_PER_TYPE[type];
  return `${type}.${buckets === 1 ? 0 : hash32(id) % buckets}`;
}

export function feedTypeOfBucket(bucket: string): FeedEntityType | null {
  const type = bucket.slice(0, bucket.lastIndexOf('.'));
  return type in FEED_BUCKETS_PER_TYPE ? (type as FeedEntityType) : null;
}

export function feedCounterKey(bucket: string): PrimaryKey {
  return { pk: `FeedCounter#${bucket}`, sk: 'FeedCounter' };
}

/** Width of a sequence number in a log item's sort key, so string order is numeric order. */
const SEQUENCE_WIDTH = 12;

export function feedSequenceKey(seq: number): string {
  return String(seq).padStart(SEQUENCE_WIDTH, '0');
}

export function feedLogPartition(bucket: string): string {
  return `Feed#${bucket}`;
}

export function feedEntryKey(bucket: string, seq: number): PrimaryKey {
  return { pk: feedLogPartition(bucket), sk: feedSequenceKey(seq) };
}

/** The HMAC key the public feed signs its cursors with; created by seeding, read once per container. */
export const FEED_SIGNING_KEY: PrimaryKey = { pk: 'Network', sk: 'FeedSigningKey' };

/** Records which municipality reference table the table holds, so a reseed rewrites it only on change. */
export const MUNICIPALITY_MARKER_KEY: PrimaryKey = { pk: 'Network', sk: 'MunicipalityMarker' };

// ---- campaigns: portraits and nominations ------------------------------------
//
// | Portrait   | Campaign#<campaignId>   | Portrait#<id>   | (no index: read with its campaign's collection) |
// | Nomination | Nomination#<campaignId> | <dedupe digest> | (none) |
//
// Portraits live in their campaign's item collection, so a campaign's portraits
// are one Query. Nominations have a partition prefix of their own: the public
// function's IAM grant allows PutItem on `Nomination#*` leading keys and
// nothing else, and no public read path or index ever touches them.

/** Prefix of a portrait's sort key inside its campaign's collection. */
export const PORTRAIT_SORT_PREFIX = 'Portrait#';

/** The campaign a portrait id (`<campaignId>.<random>`) belongs to. */
export function campaignIdOfPortrait(portraitId: string): string | null {
  const cut = portraitId.indexOf(ID_SEPARATOR);
  const campaignId = cut > 0 ? portraitId.slice(0, cut) : null;
  return campaignId && isSlug(campaignId) && /^[a-z2-7]{16}$/.test(portraitId.slice(cut + 1)) ? campaignId : null;
}

export function portraitKey(id: string): PrimaryKey | null {
  const campaignId = campaignIdOfPortrait(id);
  return campaignId ? { pk: `Campaign#${campaignId}`, sk: `${PORTRAIT_SORT_PREFIX}${id}` } : null;
}

/** A fresh portrait id: random, so it says nothing about the person. */
export function newPortraitId(campaignId: string, randomBytes: (size: number) => Uint8Array): string {
  return newMembershipId(campaignId, randomBytes);
}

/** Base-table partition of a campaign (the campaign, its places and its portraits). */
export function campaignCollectionPartition(campaignId: string): string {
  return `Campaign#${campaignId}`;
}

/** Entity type of a private nomination. */
export const NOMINATION_ENTITY_TYPE = 'Nomination';
/** Leading-key prefix of every nomination item; the public function's only write grant is conditioned on it. */
export const NOMINATION_KEY_PREFIX = 'Nomination#';

/**
 * A nomination's key. The sort key is a digest of what makes two nominations
 * the same (campaign, nominee, nominator), so a duplicate is a failed
 * conditional put and needs no read the public function could not do.
 */
export function nominationKey(campaignId: string, digest: string): PrimaryKey {
  return { pk: `${NOMINATION_KEY_PREFIX}${campaignId}`, sk: digest };
}

export function nominationPartition(campaignId: string): string {
  return `${NOMINATION_KEY_PREFIX}${campaignId}`;
}

// ---- consent, erasure and audit (private, never in a feed or export) ----------
// | Consent    | Consent#<campaignId> | <portraitId>            | the portrait's consent record and withdrawal-token hash |
// | Audit      | Audit#<YYYY-MM-DD>   | <ISO instant>#<random>  | who did what to which opaque id; no personal data |
// | Erased     | Erased               | Portrait#<portraitId>   | erased ids, re-applied after a point-in-time restore |

/** Entity types of the private moderation items. */
export const CONSENT_ENTITY_TYPE = 'Consent';
export const AUDIT_ENTITY_TYPE = 'Audit';
export const ERASED_ENTITY_TYPE = 'Erased';

/** A portrait's consent record, in its campaign's consent partition (one Query lists a campaign's consents). */
export function consentKey(campaignId: string, portraitId: string): PrimaryKey {
  return { pk: `Consent#${campaignId}`, sk: portraitId };
}

export function consentPartition(campaignId: string): string {
  return `Consent#${campaignId}`;
}

/** An audit entry, partitioned by UTC day so that a day's entries are one Query. */
export function auditKey(at: string, random: string): PrimaryKey {
  return { pk: `Audit#${at.slice(0, 10)}`, sk: `${at}#${random}` };
}

export function auditPartition(day: string): string {
  return `Audit#${day}`;
}

/** The partition of the erased-id list (small: one item per erased person). */
export const ERASED_PARTITION = 'Erased';

export function erasedKey(portraitId: string): PrimaryKey {
  return { pk: ERASED_PARTITION, sk: `Portrait#${portraitId}` };
}

// ---- partner sync (issue 9) ---------------------------------------------------

/** An idempotency record of a bulk write: one per programme and caller-chosen key. */
export function idempotencyRecordKey(programId: string, key: string): PrimaryKey {
  return { pk: `Idempotency#${programId}#${key}`, sk: 'Idempotency' };
}

/** The state of a partner's multi-part snapshot (replaceProgramMemberships). */
export function snapshotKey(programId: string, snapshotId: string): PrimaryKey {
  return { pk: `Snapshot#${programId}#${snapshotId}`, sk: 'Snapshot' };
}
