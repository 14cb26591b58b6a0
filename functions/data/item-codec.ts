/**
 * How the read path turns stored items back into records: keys, index keys,
 * the entity type and bookkeeping are storage, never part of what a read returns.
 */
import { ENTITY_TYPE_ATTRIBUTE, type EntityType } from './keys';
import type { MunicipalityRecord } from './model';
import type { Item } from './store';
import { META_ATTRIBUTES } from './entities';

const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', ENTITY_TYPE_ATTRIBUTE, ...META_ATTRIBUTES]);

/** The record an item holds, without keys and bookkeeping. */
export function stripItem<T>(item: Item): T {
  const record: Item = {};
  for (const [name, value] of Object.entries(item)) if (!KEY_ATTRIBUTES.has(name)) record[name] = value;
  return record as T;
}

/** The entity type an item was written as. */
export function itemType(item: Item): EntityType {
  return item[ENTITY_TYPE_ATTRIBUTE] as EntityType;
}

/** A municipality row; an absent `cityId` (not a member place) reads as null. */
export function municipalityFromItem(item: Item): MunicipalityRecord {
  const record = stripItem<MunicipalityRecord>(item);
  return { ...record, cityId: record.cityId ?? null };
}
