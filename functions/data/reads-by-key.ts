/**
 * Reads by key: any mix of records in one BatchGetItem per 100 keys, the way a
 * request's loaders batch every by-key read of a round.
 */
import {
  NETWORK_COUNTS_KEY,
  cityAgsKey,
  membershipKey,
  municipalityKey,
  partnershipMemberKey,
  portraitKey,
  standaloneKey,
  type PrimaryKey,
  type StandaloneType,
} from './keys';
import type { MunicipalityRecord, PartnershipMemberRecord, PortraitRecord, ProgramMembershipRecord, ReportedMemberCount } from './model';
import type { Item, TableStore } from './store';
import { isTombstone, type FeedRecords } from './entities';
import { itemType, municipalityFromItem, stripItem } from './item-codec';

/** The record type stored for each standalone entity type. */
export type StandaloneRecords = Pick<FeedRecords, StandaloneType>;

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

function decodeRef(type: RecordRef['type'], item: Item): RecordOf<RecordRef['type']> {
  if (type === 'Municipality') return municipalityFromItem(item);
  if (type === 'CityAgs') return String(item.cityId);
  return stripItem(item);
}

/**
 * Records of any types by reference. Results come back in reference order,
 * `null` for misses and impossible ids.
 */
export async function getRecords(store: TableStore, refs: readonly RecordRef[]): Promise<(RecordOf<RecordRef['type']> | null)[]> {
  const keys = refs.map(recordKey);
  const valid = keys.filter((k): k is PrimaryKey => k !== null);
  const items = await store.batchGet(valid);
  const byKey = new Map(valid.map((k, i) => [`${k.pk}|${k.sk}`, items[i]]));
  return refs.map((ref, i) => {
    const key = keys[i];
    const item = key ? byKey.get(`${key.pk}|${key.sk}`) : undefined;
    // A tombstone keeps its key for the change feed; to every read it is gone.
    return item && itemType(item) === ref.type && !isTombstone(item) ? decodeRef(ref.type, item) : null;
  });
}

/** The network sizes sources reported over time. */
export async function getReportedMemberCounts(store: TableStore): Promise<ReportedMemberCount[]> {
  const [item] = await store.batchGet([NETWORK_COUNTS_KEY]);
  return (item?.counts as ReportedMemberCount[] | undefined) ?? [];
}
