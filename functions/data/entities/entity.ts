import { ENTITY_TYPE_ATTRIBUTE, TTL_ATTRIBUTE, isSlug, type EntityType, type FeedEntityType, type IndexKeys, type PrimaryKey } from '../keys';
import type { PartialDate } from '../model';

/** Who wrote an item last: the seed may only change what the seed wrote. */
export type Writer = 'seed' | 'api';

/**
 * Bookkeeping every entity item carries besides its record. `version` starts
 * at 1 and grows by one with every write, a delete included; writes are
 * conditional on it (optimistic concurrency).
 */
export interface EntityMeta {
  version: number;
  /** ISO 8601 instant of the first write. */
  created: string;
  /** ISO 8601 instant of the last write. */
  modified: string;
  writtenBy: Writer;
  /** Hash of the seed record this item was last written from (seed writes only). */
  seedHash?: string | undefined;
  /** Set on tombstones: the entity was deleted and is kept only for the change feed. */
  deleted?: boolean | undefined;
  /** Epoch seconds DynamoDB's TTL removes a tombstone after. */
  [TTL_ATTRIBUTE]?: number | undefined;
}

/** Attributes that are storage bookkeeping, never part of a record. */
export const META_ATTRIBUTES: readonly string[] = ['version', 'created', 'modified', 'writtenBy', 'seedHash', 'deleted', TTL_ATTRIBUTE];
const KEY_AND_META = new Set([
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  ENTITY_TYPE_ATTRIBUTE,
  ...META_ATTRIBUTES,
]);

/**
 * One entity of the single-table design: how its item is keyed and indexed and
 * what a valid record looks like. Seeding, reads and writes all go through it.
 */
export interface EntityDefinition<T extends EntityType, R extends object> {
  readonly type: T;
  /** The id a record is keyed by. */
  idOf(record: R): string;
  /** Base-table key for an id, or null when the id cannot name an item of this type. */
  key(id: string): PrimaryKey | null;
  /** GSI keys of a live item; tombstones carry none, so no directory lists them. */
  indexKeys(record: R): IndexKeys;
  /** Problems of one record on its own (references to other entities are checked by the caller). */
  validate(record: R): string[];
  /**
   * The entities a record's item hangs off (whose collection or directory it
   * sits in): the write path commits it only while each of them exists,
   * checked in the same transaction. Loose mentions (sponsors, organisers) are
   * not references in this sense.
   */
  references?(record: R): EntityRef[];
  /** Attributes stored for a record; defaults to the record itself. */
  attributes?(record: R): Record<string, unknown>;
  /** The record of a stored item; defaults to the item without keys and bookkeeping. */
  fromAttributes?(attributes: Record<string, unknown>): R;
}

export type Item = Record<string, unknown>;

/** An entity named by another one's record. */
export interface EntityRef {
  type: FeedEntityType;
  id: string;
}

/** The full item of a live record: keys, index keys, entity type, bookkeeping. */
export function encodeItem<T extends EntityType, R extends object>(definition: EntityDefinition<T, R>, record: R, meta: EntityMeta): Item {
  const id = definition.idOf(record);
  const key = definition.key(id);
  if (!key) throw new TypeError(`${definition.type} id ${id} cannot be keyed`);
  const attributes = definition.attributes ? definition.attributes(record) : (record as Record<string, unknown>);
  return {
    ...attributes,
    ...key,
    ...definition.indexKeys(record),
    [ENTITY_TYPE_ATTRIBUTE]: definition.type,
    ...withoutUndefined(meta),
  };
}

/** A deleted entity: its key, id and bookkeeping only, no index keys and no fields. */
export function tombstoneItem(type: EntityType, key: PrimaryKey, id: string, meta: EntityMeta): Item {
  return { ...key, id, [ENTITY_TYPE_ATTRIBUTE]: type, ...withoutUndefined({ ...meta, deleted: true }) };
}

function withoutUndefined(meta: EntityMeta): Item {
  const out: Item = {};
  for (const [name, value] of Object.entries(meta)) if (value !== undefined) out[name] = value;
  return out;
}

/** The record stored in an item (keys and bookkeeping removed). */
export function decodeRecord<T extends EntityType, R extends object>(definition: EntityDefinition<T, R>, item: Item): R {
  const attributes: Item = {};
  for (const [name, value] of Object.entries(item)) if (!KEY_AND_META.has(name)) attributes[name] = value;
  return definition.fromAttributes ? definition.fromAttributes(attributes) : (attributes as R);
}

/** The bookkeeping of a stored item; items seeded before versions existed read as version 0. */
export function decodeMeta(item: Item): EntityMeta {
  return {
    version: typeof item.version === 'number' ? item.version : 0,
    created: typeof item.created === 'string' ? item.created : '',
    modified: typeof item.modified === 'string' ? item.modified : '',
    writtenBy: item.writtenBy === 'api' ? 'api' : 'seed',
    seedHash: typeof item.seedHash === 'string' ? item.seedHash : undefined,
    deleted: item.deleted === true ? true : undefined,
    [TTL_ATTRIBUTE]: typeof item[TTL_ATTRIBUTE] === 'number' ? (item[TTL_ATTRIBUTE] as number) : undefined,
  };
}

export function isTombstone(item: Item): boolean {
  return item.deleted === true;
}

// ---- validation helpers ------------------------------------------------------

const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const STATE_CODE = /^DE-[A-Z]{2}$/;
const URL = /^https?:\/\/\S+$/;

export function isPartialDate(value: PartialDate | null | undefined): boolean {
  return value === null || value === undefined || PARTIAL_DATE.test(value);
}

/** Collects problems for one record, each prefixed with the record's label. */
export class Problems {
  readonly list: string[] = [];
  constructor(private readonly label: string) {}

  add(problem: string): void {
    this.list.push(`${this.label}: ${problem}`);
  }

  slug(name: string, value: unknown): void {
    if (typeof value !== 'string' || !isSlug(value)) this.add(`${name} "${String(value)}" is not a slug`);
  }

  optionalSlug(name: string, value: unknown): void {
    if (value !== null && value !== undefined) this.slug(name, value);
  }

  text(name: string, value: unknown, optional = false): void {
    if (optional && (value === null || value === undefined)) return;
    if (typeof value !== 'string' || value.trim() === '') this.add(`${name} must be a non-empty string`);
  }

  oneOf(name: string, value: unknown, allowed: readonly string[]): void {
    if (typeof value !== 'string' || !allowed.includes(value)) this.add(`${name} "${String(value)}" is not one of ${allowed.join(', ')}`);
  }

  state(name: string, value: unknown, optional = false): void {
    if (optional && (value === null || value === undefined)) return;
    if (typeof value !== 'string' || !STATE_CODE.test(value)) this.add(`${name} "${String(value)}" is not an ISO 3166-2 state code`);
  }

  ags(name: string, value: unknown): void {
    if (value !== null && value !== undefined && (typeof value !== 'string' || !/^\d{8}$/.test(value))) {
      this.add(`${name} "${String(value)}" is not an 8-digit AGS`);
    }
  }

  dates(...values: unknown[]): void {
    for (const value of values) if (!isPartialDate(value as string | null)) this.add(`malformed date "${String(value)}"`);
  }

  url(name: string, value: unknown): void {
    if (value !== null && value !== undefined && (typeof value !== 'string' || !URL.test(value))) this.add(`${name}: bad URL "${String(value)}"`);
  }

  /** Every record except data sources names at least one source. */
  sourced(urls: unknown): void {
    if (!Array.isArray(urls) || urls.length === 0) {
      this.add('has no source');
      return;
    }
    for (const url of urls) if (typeof url !== 'string' || !URL.test(url)) this.add(`bad URL "${String(url)}"`);
  }

  slugList(name: string, values: unknown): void {
    if (!Array.isArray(values)) this.add(`${name} must be a list`);
    else for (const value of values) this.slug(name, value);
  }

  integer(name: string, value: unknown, optional = true): void {
    if (optional && (value === null || value === undefined)) return;
    if (!Number.isInteger(value) || (value as number) < 0) this.add(`${name} must be a non-negative integer`);
  }
}
