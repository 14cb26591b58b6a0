import { foldName } from '../shared/text';
import { ValidationError } from '../shared/errors';
import {
  ENTITY_TYPE_ATTRIBUTE,
  GSI1,
  GSI2,
  GSI3,
  NETWORK_COUNTS_KEY,
  SEED_MARKER_KEY,
  campaignCityIndexKeys,
  campaignCityKey,
  campaignCollectionPartition,
  PORTRAIT_SORT_PREFIX,
  portraitKey,
  cityAgsKey,
  cityCollectionPrefix,
  membershipIndexKeys,
  membershipKey,
  municipalityIndexKeys,
  municipalityKey,
  municipalityNamePartition,
  municipalityStatePartition,
  organizationCollectionPrefix,
  partnershipCollectionPartition,
  partnershipMemberIndexKeys,
  partnershipMemberKey,
  programCollectionPartition,
  standaloneIndexKeys,
  standaloneKey,
  type EntityType,
  type PrimaryKey,
  type StandaloneType,
} from './keys';
import type {
  ApplicationRoundRecord,
  CampaignRecord,
  CityRecord,
  DataSourceRecord,
  EventRecord,
  MunicipalityRecord,
  OrganizationRecord,
  PartnershipMemberRecord,
  PartnershipRecord,
  PortraitRecord,
  ProgramMembershipRecord,
  ProgramRecord,
  ReportedMemberCount,
  SeedBundle,
} from './model';
import type { Item, TableStore } from './store';
import { ChangeFeed, type FeedOptions } from './feed';
import { DEFAULT_NOMINATION_RETENTION_DAYS, NominationStore } from './nominations';
import { ENTITIES, META_ATTRIBUTES, Municipality, encodeItem, isTombstone, type EntityMeta, type FeedRecords } from './entities';

/** The record type stored for each standalone entity type. */
export type StandaloneRecords = Pick<FeedRecords, StandaloneType>;

const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', ENTITY_TYPE_ATTRIBUTE, ...META_ATTRIBUTES]);

function strip<T>(item: Item): T {
  const record: Item = {};
  for (const [name, value] of Object.entries(item)) if (!KEY_ATTRIBUTES.has(name)) record[name] = value;
  return record as T;
}

function typeOf(item: Item): EntityType {
  return item[ENTITY_TYPE_ATTRIBUTE] as EntityType;
}

/** What a member place's collection holds besides the place itself. */
export interface CityEdges {
  memberships: ProgramMembershipRecord[];
  partnershipMembers: PartnershipMemberRecord[];
  organizations: OrganizationRecord[];
  events: EventRecord[];
  campaignIds: string[];
}

/** A city with the edges stored in its collection. */
export interface CityCollection extends CityEdges {
  city: CityRecord | null;
}

export interface CityDirectory {
  cities: CityRecord[];
  edgesByCity: Map<string, CityEdges>;
}

export function emptyCityEdges(): CityEdges {
  return { memberships: [], partnershipMembers: [], organizations: [], events: [], campaignIds: [] };
}

/** Sorts one collection item into the edges it belongs to; returns the city item itself when it is one. */
function collectCityItem(item: Item, edgesOf: (cityId: string) => CityEdges): CityRecord | null {
  switch (typeOf(item)) {
    case 'City':
      return strip<CityRecord>(item);
    case 'ProgramMembership': {
      const membership = strip<ProgramMembershipRecord>(item);
      edgesOf(membership.cityId!).memberships.push(membership);
      return null;
    }
    case 'PartnershipMember': {
      const member = strip<PartnershipMemberRecord>(item);
      edgesOf(member.memberId).partnershipMembers.push(member);
      return null;
    }
    case 'Organization': {
      const organization = strip<OrganizationRecord>(item);
      edgesOf(organization.cityId!).organizations.push(organization);
      return null;
    }
    case 'Event': {
      const event = strip<EventRecord>(item);
      edgesOf(event.cityId!).events.push(event);
      return null;
    }
    case 'CampaignCity':
      edgesOf(String(item.cityId)).campaignIds.push(String(item.campaignId));
      return null;
    default:
      return null;
  }
}

export interface ProgramDirectory {
  programs: ProgramRecord[];
  membershipsByProgram: Map<string, ProgramMembershipRecord[]>;
}

export interface PartnershipDirectory {
  partnerships: PartnershipRecord[];
  membersByPartnership: Map<string, PartnershipMemberRecord[]>;
}

export interface MunicipalityQuery {
  state?: string | undefined;
  /** Folded name prefix (`foldName`), at least one character. */
  namePrefix?: string | undefined;
  population?: { min?: number | undefined; max?: number | undefined } | undefined;
  isMember?: boolean | undefined;
  /** Sort key value to start after (from a cursor); with `backward`, to end before. */
  after?: string | undefined;
  /** Read the index from its end: the page is the `limit` items before `after` (or the last ones). */
  backward?: boolean | undefined;
  limit: number;
}

export interface MunicipalityPage {
  /** In index order, also when read backward. */
  items: MunicipalityRecord[];
  /** More items follow in the direction read (before the page when read backward). */
  hasNextPage: boolean;
  /** Sort key value of each item, to build cursors from. */
  sortKeys: string[];
  /** Set when the read bound ended the page early: the sort key value to continue after. */
  resumeAfter?: string;
}

/**
 * The most one municipalities page reads: Queries of at most this many
 * evaluated items each (docs/API.md, "Read limits"). A COUNT for `totalCount`
 * reads the whole matching range of at most 10,786 items.
 */
export const MUNICIPALITY_READ_BOUND = Object.freeze({ queriesPerPage: 4, itemsPerQuery: 500 });

function emptyRange(population: MunicipalityQuery['population']): boolean {
  return population?.min !== undefined && population.max !== undefined && population.min > population.max;
}

/** What can be read by key, and the id each is keyed by (an AGS for municipalities and AGS aliases). */
export type RecordRef =
  | { type: StandaloneType; id: string }
  | { type: 'ProgramMembership' | 'PartnershipMember' | 'Municipality' | 'CityAgs' | 'Portrait'; id: string };

/** The record each reference type reads as; an AGS alias reads as the id of its city. */
export type RecordOf<T extends RecordRef['type']> = T extends StandaloneType
  ? StandaloneRecords[T]
  : T extends 'ProgramMembership'
    ? ProgramMembershipRecord
    : T extends 'PartnershipMember'
      ? PartnershipMemberRecord
      : T extends 'Municipality'
        ? MunicipalityRecord
        : T extends 'Portrait'
          ? PortraitRecord
          : string;

function recordKey(ref: RecordRef): PrimaryKey | null {
  switch (ref.type) {
    case 'ProgramMembership':
      return membershipKey(ref.id);
    case 'PartnershipMember':
      return partnershipMemberKey(ref.id);
    case 'Municipality':
      return municipalityKey(ref.id);
    case 'CityAgs':
      return cityAgsKey(ref.id);
    case 'Portrait':
      return portraitKey(ref.id);
    default:
      return standaloneKey(ref.type, ref.id);
  }
}

function decodeRecord(type: RecordRef['type'], item: Item): RecordOf<RecordRef['type']> {
  if (type === 'Municipality') return toMunicipality(item);
  if (type === 'CityAgs') return String(item.cityId);
  return strip(item);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Every read and write of the network's data. Resolvers call this (through
 * per-request loaders); nothing else builds keys or talks to DynamoDB.
 */
export class NetworkRepository {
  /** The change feed over the same table (read-only, strongly consistent). */
  readonly feed: ChangeFeed;
  /** Private nominations (put by the public `nominate`; read only by moderation). */
  readonly nominations: NominationStore;

  constructor(
    /** The table this repository reads; seeding and the write path reach it through here. */
    readonly store: TableStore,
    options: FeedOptions & { nominationRetentionDays?: number } = {},
  ) {
    this.feed = new ChangeFeed(store, options);
    this.nominations = new NominationStore(store, {
      retentionDays: options.nominationRetentionDays ?? DEFAULT_NOMINATION_RETENTION_DAYS,
      ...(options.now ? { now: options.now } : {}),
    });
  }

  // ---- by key -------------------------------------------------------------

  /**
   * Records of any types by reference, in one BatchGetItem per 100 keys: a
   * request's loaders send every by-key read of a round here together.
   * Results come back in reference order, `null` for misses and impossible ids.
   */
  async getRecords(refs: readonly RecordRef[]): Promise<(RecordOf<RecordRef['type']> | null)[]> {
    const keys = refs.map(recordKey);
    const valid = keys.filter((k): k is PrimaryKey => k !== null);
    const items = await this.store.batchGet(valid);
    const byKey = new Map(valid.map((k, i) => [`${k.pk}|${k.sk}`, items[i]]));
    return refs.map((ref, i) => {
      const key = keys[i];
      const item = key ? byKey.get(`${key.pk}|${key.sk}`) : undefined;
      // A tombstone keeps its key for the change feed; to every read it is gone.
      return item && typeOf(item) === ref.type && !isTombstone(item) ? decodeRecord(ref.type, item) : null;
    });
  }

  async getReportedMemberCounts(): Promise<ReportedMemberCount[]> {
    const [item] = await this.store.batchGet([NETWORK_COUNTS_KEY]);
    return (item?.counts as ReportedMemberCount[] | undefined) ?? [];
  }

  // ---- collections and directories -----------------------------------------

  /** A city and its edges in one Query of the member view. */
  async cityCollection(cityId: string): Promise<CityCollection> {
    const items = await this.store.queryAll({
      IndexName: GSI1.indexName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': GSI1.partitionKey, '#sk': GSI1.sortKey },
      ExpressionAttributeValues: { ':pk': 'City', ':prefix': cityCollectionPrefix(cityId) },
    });
    const edges = emptyCityEdges();
    let city: CityRecord | null = null;
    for (const item of items) city = collectCityItem(item, () => edges) ?? city;
    const collection: CityCollection = { city, ...edges };
    return collection;
  }

  /** Every member place with its memberships and partnership edges, in one Query. */
  async cityDirectory(): Promise<CityDirectory> {
    const items = await this.store.queryAll({
      IndexName: GSI1.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': GSI1.partitionKey },
      ExpressionAttributeValues: { ':pk': 'City' },
    });
    const directory: CityDirectory = { cities: [], edgesByCity: new Map() };
    const edgesOf = (cityId: string) => {
      let edges = directory.edgesByCity.get(cityId);
      if (!edges) directory.edgesByCity.set(cityId, (edges = emptyCityEdges()));
      return edges;
    };
    for (const item of items) {
      const city = collectCityItem(item, edgesOf);
      if (city) directory.cities.push(city);
    }
    return directory;
  }

  /** A programme and its memberships: one Query of its item collection. */
  async programCollection(programId: string): Promise<{ program: ProgramRecord | null; memberships: ProgramMembershipRecord[] }> {
    const { owner, edges } = await this.ownerCollection<ProgramRecord, ProgramMembershipRecord>(
      programCollectionPartition(programId),
      'Program',
      'ProgramMembership',
    );
    return { program: owner, memberships: edges };
  }

  async programDirectory(): Promise<ProgramDirectory> {
    const { owners, edgesByOwner } = await this.ownerDirectory<ProgramRecord, ProgramMembershipRecord>(
      'Program',
      'ProgramMembership',
      (membership) => membership.programId,
    );
    return { programs: owners, membershipsByProgram: edgesByOwner };
  }

  /** A partnership and its member edges: one Query of its item collection. */
  async partnershipCollection(
    partnershipId: string,
  ): Promise<{ partnership: PartnershipRecord | null; members: PartnershipMemberRecord[] }> {
    const { owner, edges } = await this.ownerCollection<PartnershipRecord, PartnershipMemberRecord>(
      partnershipCollectionPartition(partnershipId),
      'Partnership',
      'PartnershipMember',
    );
    return { partnership: owner, members: edges };
  }

  async partnershipDirectory(): Promise<PartnershipDirectory> {
    const { owners, edgesByOwner } = await this.ownerDirectory<PartnershipRecord, PartnershipMemberRecord>(
      'Partnership',
      'PartnershipMember',
      (member) => member.partnershipId,
    );
    return { partnerships: owners, membersByPartnership: edgesByOwner };
  }

  /** An owner item and the edges stored in its base-table item collection. */
  private async ownerCollection<O, E>(partition: string, ownerType: EntityType, edgeType: EntityType): Promise<{ owner: O | null; edges: E[] }> {
    const items = (await this.store.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': partition } })).filter(
      (item) => !isTombstone(item),
    );
    return {
      owner: items.filter((item) => typeOf(item) === ownerType).map((item) => strip<O>(item))[0] ?? null,
      edges: items.filter((item) => typeOf(item) === edgeType).map((item) => strip<E>(item)),
    };
  }

  /** Every owner of a type with its edges, grouped by owner, from one directory partition. */
  private async ownerDirectory<O, E>(
    ownerType: StandaloneType,
    edgeType: EntityType,
    ownerOf: (edge: E) => string,
  ): Promise<{ owners: O[]; edgesByOwner: Map<string, E[]> }> {
    const items = await this.directoryItems(ownerType);
    const owners: O[] = [];
    const edgesByOwner = new Map<string, E[]>();
    for (const item of items) {
      if (typeOf(item) === ownerType) owners.push(strip<O>(item));
      else if (typeOf(item) === edgeType) {
        const edge = strip<E>(item);
        pushTo(edgesByOwner, ownerOf(edge), edge);
      }
    }
    return { owners, edgesByOwner };
  }

  /** The partnership edges of an organisation (member view). */
  async organizationPartnershipEdges(organizationId: string): Promise<PartnershipMemberRecord[]> {
    const items = await this.store.queryAll({
      IndexName: GSI1.indexName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': GSI1.partitionKey, '#sk': GSI1.sortKey },
      ExpressionAttributeValues: { ':pk': 'Organization', ':prefix': organizationCollectionPrefix(organizationId) },
    });
    return items.filter((item) => typeOf(item) === 'PartnershipMember').map((item) => strip(item));
  }

  /**
   * Every portrait of a campaign, published or not (callers decide what a
   * principal may see): one Query of the campaign's item collection.
   */
  async campaignPortraits(campaignId: string): Promise<PortraitRecord[]> {
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': campaignCollectionPartition(campaignId), ':prefix': PORTRAIT_SORT_PREFIX },
    });
    return items.filter((item) => !isTombstone(item) && typeOf(item) === 'Portrait').map((item) => strip<PortraitRecord>(item));
  }

  /** Every record of a small standalone type (organisations, campaigns, events, rounds, sources). */
  async listAll<T extends 'Organization' | 'Campaign' | 'Event' | 'ApplicationRound' | 'DataSource'>(
    type: T,
  ): Promise<StandaloneRecords[T][]> {
    const items = await this.directoryItems(type);
    return items.filter((item) => typeOf(item) === type).map((item) => strip(item));
  }

  private directoryItems(type: StandaloneType): Promise<Item[]> {
    return this.store.queryAll({
      IndexName: GSI2.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': GSI2.partitionKey },
      ExpressionAttributeValues: { ':pk': type },
    });
  }

  // ---- municipalities ------------------------------------------------------

  /**
   * A page of municipalities in AGS order (or folded-name order with
   * `namePrefix`), using the narrowest index for the key condition and a
   * filter for the rest. Reads are bounded (MUNICIPALITY_READ_BOUND): when the
   * filter matches too rarely to fill the page within the bound, the page is
   * shorter, `hasNextPage` is true and `resumeAfter` says where to go on.
   * An empty population range answers without reading.
   */
  async municipalityPage(query: MunicipalityQuery): Promise<MunicipalityPage> {
    if (emptyRange(query.population)) return { items: [], hasNextPage: false, sortKeys: [] };
    const plan = this.municipalityPlan(query);
    const filtered = plan.input.FilterExpression !== undefined;
    const { items, exhausted, resumeKey } = await this.store.queryUntil(
      {
        ...plan.input,
        ...(query.after ? { ExclusiveStartKey: plan.startKey(query.after) } : {}),
        ...(query.backward ? { ScanIndexForward: false } : {}),
      },
      query.limit + 1,
      {
        maxRequests: MUNICIPALITY_READ_BOUND.queriesPerPage,
        // Without a filter every evaluated item is returned: read no more than the page.
        evaluate: filtered ? MUNICIPALITY_READ_BOUND.itemsPerQuery : query.limit + 1,
      },
    );
    const page = items.slice(0, query.limit);
    const short = items.length <= query.limit && !exhausted;
    if (query.backward) page.reverse();
    return {
      items: page.map(toMunicipality),
      hasNextPage: items.length > query.limit || !exhausted,
      sortKeys: page.map((item) => String(item[plan.sortKey])),
      ...(short && resumeKey ? { resumeAfter: String(resumeKey[plan.sortKey]) } : {}),
    };
  }

  async countMunicipalities(query: Omit<MunicipalityQuery, 'after' | 'limit'>): Promise<number> {
    if (emptyRange(query.population)) return 0;
    return this.store.count(this.municipalityPlan({ ...query, limit: 1 }).input);
  }

  private municipalityPlan(query: MunicipalityQuery) {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const filters: string[] = [];
    let index = GSI2;
    let keyCondition: string;
    if (query.namePrefix) {
      index = GSI1;
      names['#pk'] = GSI1.partitionKey;
      names['#sk'] = GSI1.sortKey;
      values[':pk'] = municipalityNamePartition(query.namePrefix);
      values[':prefix'] = query.namePrefix;
      keyCondition = '#pk = :pk AND begins_with(#sk, :prefix)';
      if (query.state) {
        names['#state'] = 'state';
        values[':state'] = query.state;
        filters.push('#state = :state');
      }
    } else if (query.state) {
      index = GSI3;
      names['#pk'] = GSI3.partitionKey;
      values[':pk'] = municipalityStatePartition(query.state);
      keyCondition = '#pk = :pk';
    } else {
      names['#pk'] = GSI2.partitionKey;
      values[':pk'] = 'Municipality';
      keyCondition = '#pk = :pk';
    }
    if (query.population?.min !== undefined) {
      names['#population'] = 'population';
      values[':min'] = query.population.min;
      filters.push('#population >= :min');
    }
    if (query.population?.max !== undefined) {
      names['#population'] = 'population';
      values[':max'] = query.population.max;
      filters.push('#population <= :max');
    }
    if (query.isMember !== undefined) {
      names['#cityId'] = 'cityId';
      filters.push(query.isMember ? 'attribute_exists(#cityId)' : 'attribute_not_exists(#cityId)');
    }
    const chosen = index;
    return {
      sortKey: chosen.sortKey,
      input: {
        IndexName: chosen.indexName,
        KeyConditionExpression: keyCondition,
        ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
      /** The full key of the item a cursor points at, as the index needs it to resume. */
      startKey: (sortValue: string): Item => {
        const ags = chosen === GSI1 ? sortValue.slice(sortValue.lastIndexOf('#') + 1) : sortValue;
        if (!/^\d{8}$/.test(ags)) throw new ValidationError('Invalid cursor', { argument: 'after' });
        const base = municipalityKey(ags);
        return { ...base, [chosen.partitionKey]: values[':pk'], [chosen.sortKey]: sortValue };
      },
    };
  }

  // ---- writes ----------------------------------------------------------------

  /** Written last, after every seed item, so a half-finished seed is reseeded. */
  async putSeedDigest(digest: string): Promise<void> {
    await this.store.batchPut([{ ...SEED_MARKER_KEY, digest, seededAt: new Date().toISOString(), [ENTITY_TYPE_ATTRIBUTE]: 'Network' }]);
  }

  /**
   * Writes items built by `seedItems` or `municipalityItems` (idempotent puts,
   * `concurrency` BatchWriteItem calls in flight).
   */
  async putItems(
    items: readonly Item[],
    options: { concurrency?: number; onProgress?: (written: number, total: number) => void } = {},
  ): Promise<number> {
    await this.store.batchPut(items, {
      concurrency: options.concurrency ?? 8,
      onProgress: (n) => options.onProgress?.(n, items.length),
    });
    return items.length;
  }
}

function toMunicipality(item: Item): MunicipalityRecord {
  const record = strip<MunicipalityRecord>(item);
  return { ...record, cityId: record.cityId ?? null };
}

/** Bookkeeping of an item written by a bulk load rather than the write path (benchmarks, reference data). */
const BULK_META: EntityMeta = { version: 1, created: '1970-01-01T00:00:00.000Z', modified: '1970-01-01T00:00:00.000Z', writtenBy: 'seed' };

/**
 * Every item the municipality reference table is stored as, keys included.
 * Reference rows carry no version: they are not written through the API and
 * not part of the change feed (see docs/CHANGE-FEED.md).
 */
export function municipalityItems(records: readonly MunicipalityRecord[]): Item[] {
  return records.map((record) => {
    const { version: _v, created: _c, modified: _m, writtenBy: _w, ...item } = encodeItem(Municipality, record, BULK_META);
    return item;
  });
}

/**
 * Every item a seed bundle is stored as, built by the entity definitions, for
 * bulk loads that bypass the change feed (benchmarks). Seeding proper goes
 * through `NetworkWriter` (local/seed.ts).
 */
export function seedItems(bundle: SeedBundle): Item[] {
  const items: Item[] = [];
  const add = <T extends keyof typeof ENTITIES>(type: T, records: readonly object[]) => {
    for (const record of records) items.push(encodeItem(ENTITIES[type] as never, record as never, BULK_META));
  };
  add('City', bundle.cities);
  add('Program', bundle.programs);
  add('Partnership', bundle.partnerships);
  add('Organization', bundle.organizations);
  add('Campaign', bundle.campaigns);
  add('Event', bundle.events);
  add('ApplicationRound', bundle.applicationRounds);
  add('DataSource', bundle.dataSources);
  add('ProgramMembership', bundle.memberships);
  add('PartnershipMember', bundle.partnershipMembers);
  for (const campaign of bundle.campaigns) {
    for (const cityId of campaign.cityIds) {
      items.push({
        ...campaignCityKey(campaign.id, cityId),
        ...campaignCityIndexKeys(campaign.id, cityId),
        campaignId: campaign.id,
        cityId,
        [ENTITY_TYPE_ATTRIBUTE]: 'CampaignCity',
      });
    }
  }
  for (const city of bundle.cities) {
    for (const validity of city.agsHistory) {
      items.push({ ...cityAgsKey(validity.ags), cityId: city.id, ...validity, [ENTITY_TYPE_ATTRIBUTE]: 'CityAgs' });
    }
  }
  items.push({ ...NETWORK_COUNTS_KEY, counts: bundle.reportedMemberCounts, [ENTITY_TYPE_ATTRIBUTE]: 'Network' });
  return items;
}
