/**
 * Reads of item collections and directories: a place with its edges (member
 * view), a programme or partnership with its edges (base-table item
 * collection), and every record of a small type (directory index). Each is
 * one paginated Query.
 */
import {
  GSI1,
  GSI2,
  PORTRAIT_SORT_PREFIX,
  campaignCollectionPartition,
  cityCollectionPrefix,
  organizationCollectionPrefix,
  partnershipCollectionPartition,
  programCollectionPartition,
  type EntityType,
  type StandaloneType,
} from './keys';
import type {
  CityRecord,
  EventRecord,
  OrganizationRecord,
  PartnershipMemberRecord,
  PartnershipRecord,
  PortraitRecord,
  ProgramMembershipRecord,
  ProgramRecord,
} from './model';
import type { Item, TableStore } from './store';
import { isTombstone } from './entities';
import { itemType, stripItem } from './item-codec';
import type { StandaloneRecords } from './reads-by-key';

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

export interface ProgramDirectory {
  programs: ProgramRecord[];
  membershipsByProgram: Map<string, ProgramMembershipRecord[]>;
}

export interface PartnershipDirectory {
  partnerships: PartnershipRecord[];
  membersByPartnership: Map<string, PartnershipMemberRecord[]>;
}

export function emptyCityEdges(): CityEdges {
  return { memberships: [], partnershipMembers: [], organizations: [], events: [], campaignIds: [] };
}

/** Sorts one collection item into the edges it belongs to; returns the city item itself when it is one. */
function collectCityItem(item: Item, edgesOf: (cityId: string) => CityEdges): CityRecord | null {
  switch (itemType(item)) {
    case 'City':
      return stripItem<CityRecord>(item);
    case 'ProgramMembership': {
      const membership = stripItem<ProgramMembershipRecord>(item);
      edgesOf(membership.cityId!).memberships.push(membership);
      return null;
    }
    case 'PartnershipMember': {
      const member = stripItem<PartnershipMemberRecord>(item);
      edgesOf(member.memberId).partnershipMembers.push(member);
      return null;
    }
    case 'Organization': {
      const organization = stripItem<OrganizationRecord>(item);
      edgesOf(organization.cityId!).organizations.push(organization);
      return null;
    }
    case 'Event': {
      const event = stripItem<EventRecord>(item);
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

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A city and its edges in one Query of the member view. */
export async function cityCollection(store: TableStore, cityId: string): Promise<CityCollection> {
  const items = await store.queryAll({
    IndexName: GSI1.indexName,
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
    ExpressionAttributeNames: { '#pk': GSI1.partitionKey, '#sk': GSI1.sortKey },
    ExpressionAttributeValues: { ':pk': 'City', ':prefix': cityCollectionPrefix(cityId) },
  });
  const edges = emptyCityEdges();
  let city: CityRecord | null = null;
  for (const item of items) city = collectCityItem(item, () => edges) ?? city;
  return { city, ...edges };
}

/** Every member place with its memberships and partnership edges, in one Query. */
export async function cityDirectory(store: TableStore): Promise<CityDirectory> {
  const items = await store.queryAll({
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
export async function programCollection(
  store: TableStore,
  programId: string,
): Promise<{ program: ProgramRecord | null; memberships: ProgramMembershipRecord[] }> {
  const { owner, edges } = await ownerCollection<ProgramRecord, ProgramMembershipRecord>(store, programCollectionPartition(programId), 'Program', 'ProgramMembership');
  return { program: owner, memberships: edges };
}

export async function programDirectory(store: TableStore): Promise<ProgramDirectory> {
  const { owners, edgesByOwner } = await ownerDirectory<ProgramRecord, ProgramMembershipRecord>(store, 'Program', 'ProgramMembership', (membership) => membership.programId);
  return { programs: owners, membershipsByProgram: edgesByOwner };
}

/** A partnership and its member edges: one Query of its item collection. */
export async function partnershipCollection(
  store: TableStore,
  partnershipId: string,
): Promise<{ partnership: PartnershipRecord | null; members: PartnershipMemberRecord[] }> {
  const { owner, edges } = await ownerCollection<PartnershipRecord, PartnershipMemberRecord>(
    store,
    partnershipCollectionPartition(partnershipId),
    'Partnership',
    'PartnershipMember',
  );
  return { partnership: owner, members: edges };
}

export async function partnershipDirectory(store: TableStore): Promise<PartnershipDirectory> {
  const { owners, edgesByOwner } = await ownerDirectory<PartnershipRecord, PartnershipMemberRecord>(
    store,
    'Partnership',
    'PartnershipMember',
    (member) => member.partnershipId,
  );
  return { partnerships: owners, membersByPartnership: edgesByOwner };
}

/** An owner item and the edges stored in its base-table item collection. */
async function ownerCollection<O, E>(store: TableStore, partition: string, ownerType: EntityType, edgeType: EntityType): Promise<{ owner: O | null; edges: E[] }> {
  const items = (await store.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': partition } })).filter(
    (item) => !isTombstone(item),
  );
  return {
    owner: items.filter((item) => itemType(item) === ownerType).map((item) => stripItem<O>(item))[0] ?? null,
    edges: items.filter((item) => itemType(item) === edgeType).map((item) => stripItem<E>(item)),
  };
}

/** Every owner of a type with its edges, grouped by owner, from one directory partition. */
async function ownerDirectory<O, E>(
  store: TableStore,
  ownerType: StandaloneType,
  edgeType: EntityType,
  ownerOf: (edge: E) => string,
): Promise<{ owners: O[]; edgesByOwner: Map<string, E[]> }> {
  const items = await directoryItems(store, ownerType);
  const owners: O[] = [];
  const edgesByOwner = new Map<string, E[]>();
  for (const item of items) {
    if (itemType(item) === ownerType) owners.push(stripItem<O>(item));
    else if (itemType(item) === edgeType) {
      const edge = stripItem<E>(item);
      pushTo(edgesByOwner, ownerOf(edge), edge);
    }
  }
  return { owners, edgesByOwner };
}

/** The partnership edges of an organisation (member view). */
export async function organizationPartnershipEdges(store: TableStore, organizationId: string): Promise<PartnershipMemberRecord[]> {
  const items = await store.queryAll({
    IndexName: GSI1.indexName,
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
    ExpressionAttributeNames: { '#pk': GSI1.partitionKey, '#sk': GSI1.sortKey },
    ExpressionAttributeValues: { ':pk': 'Organization', ':prefix': organizationCollectionPrefix(organizationId) },
  });
  return items.filter((item) => itemType(item) === 'PartnershipMember').map((item) => stripItem(item));
}

/**
 * Every portrait of a campaign, published or not (callers decide what a
 * principal may see): one Query of the campaign's item collection.
 */
export async function campaignPortraits(store: TableStore, campaignId: string): Promise<PortraitRecord[]> {
  const items = await store.queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': campaignCollectionPartition(campaignId), ':prefix': PORTRAIT_SORT_PREFIX },
  });
  return items.filter((item) => !isTombstone(item) && itemType(item) === 'Portrait').map((item) => stripItem<PortraitRecord>(item));
}

/** The small standalone types read whole from their directory. */
export type ListedType = 'Organization' | 'Campaign' | 'Event' | 'ApplicationRound' | 'DataSource';

/** Every record of a small standalone type (organisations, campaigns, events, rounds, sources). */
export async function listAll<T extends ListedType>(store: TableStore, type: T): Promise<StandaloneRecords[T][]> {
  const items = await directoryItems(store, type);
  return items.filter((item) => itemType(item) === type).map((item) => stripItem(item));
}

function directoryItems(store: TableStore, type: StandaloneType): Promise<Item[]> {
  return store.queryAll({
    IndexName: GSI2.indexName,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': GSI2.partitionKey },
    ExpressionAttributeValues: { ':pk': type },
  });
}
