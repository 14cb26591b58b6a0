/**
 * The one write path. Every change to a network entity goes through
 * `NetworkWriter.write`, which builds, in one TransactWriteItems:
 * - the entity item, conditional on the `version` it was read at (optimistic
 *   concurrency) or on its absence for a create;
 * - every denormalised copy the entity owns (a city's AGS alias items and
 *   `Municipality.cityId`, the `participantAgs` of its memberships, a
 *   campaign's CampaignCity items, a membership's external-id lookup);
 * - a ConditionCheck on every entity a record hangs off (its programme, its
 *   place, …) that the request does not write itself, so the write cannot
 *   commit after a concurrent delete of what it refers to;
 * - the change log: per feed bucket touched, its counter moved from n to n+k
 *   and log items n+1 … n+k (see docs/CHANGE-FEED.md).
 * Either all of it commits or none of it. Deletes leave tombstones.
 */
import { randomBytes as nodeRandomBytes, randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, StoreError, ValidationError } from '../shared/errors';
import {
  ENTITY_TYPE_ATTRIBUTE,
  GSI1,
  TTL_ATTRIBUTE,
  campaignCityIndexKeys,
  campaignCityKey,
  cityAgsKey,
  externalIdKey,
  feedBucket,
  feedCounterKey,
  feedEntryKey,
  municipalityKey,
  newMembershipId,
  type FeedEntityType,
  type PrimaryKey,
} from './keys';
import { ENTITIES, decodeMeta, type EntityDefinition, type EntityRef, decodeRecord, encodeItem, isTombstone, tombstoneItem, type EntityMeta, type FeedRecords, type Writer } from './entities';
import type { CityRecord, CampaignRecord, ProgramMembershipRecord } from './model';
import { ConditionFailedError, TRANSACTION_ITEM_LIMIT, consistentGet, transactWrite, type Item, type TableStore, type TransactItem } from './store';

/** Creates or replaces an entity. */
export type PutWrite = {
  [T in FeedEntityType]: {
    kind: 'put';
    type: T;
    record: FeedRecords[T];
    /**
     * The version the caller last saw: a number to update exactly that
     * version, `null` to create (fails if the id exists, a tombstone included
     * only when `null`… see `recreate`), undefined to write over whatever is
     * current (internal callers that compared first).
     */
    expectedVersion?: number | null | undefined;
    /** A partner's id for a membership, unique within its programme. */
    externalId?: string | undefined;
    /** Hash of the seed record (seed writes only). */
    seedHash?: string | undefined;
  };
}[FeedEntityType];

/** Deletes an entity, leaving a tombstone. */
export interface DeleteWrite {
  kind: 'delete';
  type: FeedEntityType;
  id: string;
  expectedVersion?: number | undefined;
}

export type EntityWrite = PutWrite | DeleteWrite;

export interface WriteContext {
  writtenBy: Writer;
  /** Idempotency of the transaction across retries of the same request (≤ 36 characters). */
  clientRequestToken?: string | undefined;
  /** Epoch milliseconds: no attempt starts after it. */
  deadline?: number | undefined;
  /**
   * Private items (consent records, audit entries, erased ids, nomination
   * deletes) committed in the same transaction, so an entity change and the
   * records that must go with it land together or not at all. A failed
   * condition on one of them is a ConflictError.
   */
  alsoWrite?: readonly TransactItem[] | undefined;
}

export interface WrittenEntity {
  type: FeedEntityType;
  id: string;
  version: number;
  op: 'UPSERT' | 'DELETE';
}

export interface WriteResult {
  /** Entities whose item changed (unchanged puts are left out: they write nothing). */
  written: WrittenEntity[];
  /** Feed sequence numbers allocated, by bucket. */
  sequences: Record<string, number[]>;
  /** Actions in the committed transaction (0 when nothing changed). */
  actions: number;
}

export interface WriterOptions {
  now?: () => Date;
  /** How long log items and tombstones are kept (days); cursors older than this are refused. */
  retentionDays?: number;
  randomBytes?: (size: number) => Uint8Array;
}

/** Log items and tombstones outlive the retention by this much, so a cursor just inside it never meets a TTL hole. */
export const RETENTION_MARGIN_DAYS = 2;
/** Rounds of re-reading a feed counter that moved under a concurrent writer. */
const COUNTER_ROUNDS = 25;
const DAY_SECONDS = 86_400;

/** The entity an action belongs to, and which of its copies when it is not the entity's own item. */
interface Owner {
  type: FeedEntityType;
  id: string;
  copy?: string;
  /** Set on a reference check: the entity the record needs. */
  reference?: EntityRef;
}

interface Current {
  item: Item | undefined;
  meta: EntityMeta | null;
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Item)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${sortedJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Canonical JSON of a record, for "did anything change" and for seed hashes. */
export function canonicalJson(value: unknown): string {
  return sortedJson(value);
}

/** Writes handle every entity type alike; the type parameter is checked at the `EntityWrite` boundary. */
function definitionOf(type: FeedEntityType): EntityDefinition<FeedEntityType, Item> {
  return ENTITIES[type] as unknown as EntityDefinition<FeedEntityType, Item>;
}

const keyOf = (key: PrimaryKey) => `${key.pk}\u0000${key.sk}`;

export class NetworkWriter {
  private readonly now: () => Date;
  private readonly retentionDays: number;
  private readonly randomBytes: (size: number) => Uint8Array;

  constructor(
    private readonly store: TableStore,
    options: WriterOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.retentionDays = options.retentionDays ?? 30;
    this.randomBytes = options.randomBytes ?? nodeRandomBytes;
  }

  /** A fresh surrogate id for a membership of a programme. */
  newMembershipId(programId: string): string {
    return newMembershipId(programId, this.randomBytes);
  }

  /**
   * Writes entities and their change-log entries in one transaction. Throws
   * ValidationError for an invalid record, ConflictError when an entity's
   * version is not the expected one (nothing is written), StoreError when the
   * store keeps failing.
   */
  async write(writes: readonly EntityWrite[], context: WriteContext): Promise<WriteResult> {
    this.validate(writes);
    for (let round = 0; ; round++) {
      const plan = await this.plan(writes, context);
      if (plan.actions.length === 0) return { written: [], sequences: {}, actions: 0 };
      try {
        await transactWrite(this.store, plan.actions, {
          // A token belongs to one payload; a re-planned round is a new payload.
          clientRequestToken: round === 0 ? context.clientRequestToken : randomUUID(),
          deadline: context.deadline,
        });
        return { written: plan.written, sequences: plan.sequences, actions: plan.actions.length };
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        if (error.failedItems.some((index) => plan.owners[index] === 'private')) {
          throw new ConflictError('A record written with this change was changed by another write; read it again');
        }
        const entity = error.failedItems.map((index) => plan.owners[index]).find((owner): owner is Owner => owner !== 'feed' && owner !== 'private');
        if (entity?.reference) {
          const { type, id } = entity.reference;
          throw new NotFoundError(`${entity.type} ${entity.id} refers to ${type} ${id}, which does not exist`, { type: entity.type, id: entity.id, reference: { type, id } });
        }
        if (entity) {
          const reason = entity.copy ?? 'it was changed by another write; read it again';
          throw new ConflictError(`${entity.type} ${entity.id} cannot be written: ${reason}`, { type: entity.type, id: entity.id });
        }
        // Only a feed counter moved: another writer took the next sequence number first.
        if (round + 1 >= COUNTER_ROUNDS || (context.deadline !== undefined && Date.now() >= context.deadline)) {
          throw new StoreError('Feed counter stayed contended', { rounds: round + 1 }, { cause: error });
        }
        // Short, jittered waits: the loser only needs the winner's commit to land before it re-reads.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 * 2 ** round)));
      }
    }
  }

  private validate(writes: readonly EntityWrite[]): void {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const write of writes) {
      const definition = definitionOf(write.type);
      const id = write.kind === 'put' ? definition.idOf(write.record as unknown as Item) : write.id;
      if (seen.has(`${write.type}:${id}`)) problems.push(`${write.type} ${id} is written twice in one request`);
      seen.add(`${write.type}:${id}`);
      if (!definition.key(id)) problems.push(`${write.type} id "${id}" is malformed`);
      if (write.kind === 'put') problems.push(...definition.validate(write.record as unknown as Item));
    }
    if (problems.length > 0) throw new ValidationError(`Invalid write: ${problems.slice(0, 5).join('; ')}`, { problems: problems.slice(0, 20) });
  }

  private async plan(writes: readonly EntityWrite[], context: WriteContext) {
    const now = this.now();
    const nowIso = now.toISOString();
    const expiresAt = Math.floor(now.getTime() / 1000) + (this.retentionDays + RETENTION_MARGIN_DAYS) * DAY_SECONDS;

    const keys = writes.map((write) => definitionOf(write.type).key(write.kind === 'put' ? definitionOf(write.type).idOf(write.record as unknown as Item) : write.id)!);
    const items = await consistentGet(this.store, keys);
    const current: Current[] = items.map((item) => ({ item, meta: item ? decodeMeta(item) : null }));

    const actions: TransactItem[] = [];
    /** Which entity each action belongs to, to name the one whose condition failed. */
    const owners: (Owner | 'feed' | 'private')[] = [];
    const written: WrittenEntity[] = [];
    const add = (action: TransactItem, owner: Owner | 'feed' | 'private') => {
      actions.push(action);
      owners.push(owner);
    };
    const touched = new Set<string>();
    const guard = (key: PrimaryKey) => {
      // DynamoDB refuses a transaction that names one item twice; say which.
      const k = keyOf(key);
      if (touched.has(k)) throw new ValidationError(`One request writes ${key.pk} twice`);
      touched.add(k);
    };

    for (const [index, write] of writes.entries()) {
      const definition = definitionOf(write.type);
      const key = keys[index]!;
      const { item, meta } = current[index]!;
      const live = item && !isTombstone(item) ? item : undefined;
      const id = write.kind === 'put' ? definition.idOf(write.record as unknown as Item) : write.id;
      const owner = { type: write.type, id };
      if (write.expectedVersion !== undefined) {
        const actual = live ? meta!.version : null;
        const expected = write.expectedVersion;
        if (expected !== actual && !(expected === null && actual === null)) {
          throw new ConflictError(`${write.type} ${id} is at version ${actual ?? 'none'}, not ${expected ?? 'none'}`, { type: write.type, id });
        }
      }
      const condition = !item
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : meta!.version === 0
          ? // Written by a bulk load before items had versions.
            { ConditionExpression: 'attribute_not_exists(#version)', ExpressionAttributeNames: { '#version': 'version' } }
          : { ConditionExpression: '#version = :version', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':version': meta!.version } };
      const version = (meta?.version ?? 0) + 1;
      const old = live ? decodeRecord(definition, live) : null;

      if (write.kind === 'delete') {
        if (!live) throw new ConflictError(`${write.type} ${id} does not exist`, { type: write.type, id });
        guard(key);
        add({ Put: { Item: tombstoneItem(write.type, key, id, { ...meta!, version, modified: nowIso, writtenBy: context.writtenBy, seedHash: undefined, [TTL_ATTRIBUTE]: expiresAt }), ...condition } }, owner);
        this.derived(write.type, id, old, null, add, owner, guard);
        written.push({ type: write.type, id, version, op: 'DELETE' });
        continue;
      }

      let record = write.record as unknown as Item;
      if (write.type === 'ProgramMembership' && write.externalId !== undefined) {
        const previous = live?.externalId as string | undefined;
        if (previous !== undefined && previous !== write.externalId) throw new ValidationError(`Membership ${id} already has external id ${previous}`);
        record = { ...record, externalId: write.externalId };
      }
      if (old && canonicalJson(record) === canonicalJson({ ...old }) && meta!.writtenBy === context.writtenBy && meta!.seedHash === write.seedHash) {
        continue; // Nothing changed: no new version, no feed entry.
      }
      guard(key);
      const entityMeta: EntityMeta = {
        version,
        created: live ? meta!.created : nowIso,
        modified: nowIso,
        writtenBy: context.writtenBy,
        seedHash: write.seedHash,
      };
      add({ Put: { Item: encodeItem(definition, record, entityMeta), ...condition } }, owner);
      if (write.type === 'ProgramMembership' && write.externalId !== undefined && live?.externalId === undefined) {
        const programId = (record as unknown as ProgramMembershipRecord).programId;
        const lookup = externalIdKey(programId, write.externalId);
        guard(lookup);
        add(
          {
            Put: {
              Item: { ...lookup, membershipId: id, [ENTITY_TYPE_ATTRIBUTE]: 'ExternalId' },
              ConditionExpression: 'attribute_not_exists(pk) OR membershipId = :id',
              ExpressionAttributeValues: { ':id': id },
            },
          },
          { ...owner, copy: `external id ${write.externalId} names another membership of ${programId}` },
        );
      }
      this.derived(write.type, id, old, record, add, owner, guard);
      written.push({ type: write.type, id, version, op: 'UPSERT' });
      if (write.type === 'City') {
        const cascaded = await this.cascadeCityAgs(old as CityRecord | null, record as unknown as CityRecord, nowIso, context.writtenBy, add, guard);
        written.push(...cascaded);
      }
    }

    // Reference checks: one ConditionCheck per entity named, unless this
    // request writes it (an item may appear once per transaction; a put's own
    // condition covers it, a delete makes the reference dangle).
    const putHere = new Set<string>();
    const deletedHere = new Set<string>();
    for (const [index, write] of writes.entries()) (write.kind === 'put' ? putHere : deletedHere).add(keyOf(keys[index]!));
    const checked = new Set<string>();
    for (const write of writes) {
      if (write.kind !== 'put') continue;
      const definition = definitionOf(write.type);
      const id = definition.idOf(write.record as unknown as Item);
      if (!written.some((w) => w.type === write.type && w.id === id)) continue; // unchanged: nothing to check
      for (const reference of definition.references?.(write.record as unknown as Item) ?? []) {
        const key = definitionOf(reference.type).key(reference.id);
        const details = { type: write.type, id, reference };
        if (!key || deletedHere.has(keyOf(key))) throw new NotFoundError(`${write.type} ${id} refers to ${reference.type} ${reference.id}, which does not exist`, details);
        if (putHere.has(keyOf(key)) || checked.has(keyOf(key))) continue;
        checked.add(keyOf(key));
        add(
          {
            ConditionCheck: {
              Key: key,
              // A tombstone keeps the key but is no entity.
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#deleted)',
              ExpressionAttributeNames: { '#deleted': 'deleted' },
            },
          },
          { type: write.type, id, reference },
        );
      }
    }

    // The change log: per bucket, counter n → n+k and log items n+1 … n+k.
    const byBucket = new Map<string, WrittenEntity[]>();
    for (const entity of written) {
      const bucket = feedBucket(entity.type, entity.id);
      const list = byBucket.get(bucket);
      if (list) list.push(entity);
      else byBucket.set(bucket, [entity]);
    }
    const buckets = [...byBucket.keys()];
    const counters = await consistentGet(this.store, buckets.map(feedCounterKey));
    const sequences: Record<string, number[]> = {};
    for (const [i, bucket] of buckets.entries()) {
      const counter = counters[i];
      const seq = typeof counter?.seq === 'number' ? counter.seq : 0;
      const entries = byBucket.get(bucket)!;
      const next = seq + entries.length;
      add(
        {
          Put: {
            Item: { ...feedCounterKey(bucket), seq: next, [ENTITY_TYPE_ATTRIBUTE]: 'FeedCounter' },
            ...(counter
              ? { ConditionExpression: 'seq = :seq', ExpressionAttributeValues: { ':seq': seq } }
              : { ConditionExpression: 'attribute_not_exists(pk)' }),
          },
        },
        'feed',
      );
      sequences[bucket] = [];
      for (const [offset, entity] of entries.entries()) {
        const n = seq + offset + 1;
        sequences[bucket]!.push(n);
        add(
          {
            Put: {
              Item: {
                ...feedEntryKey(bucket, n),
                [ENTITY_TYPE_ATTRIBUTE]: 'FeedEntry',
                bucket,
                seq: n,
                type: entity.type,
                id: entity.id,
                version: entity.version,
                op: entity.op,
                at: nowIso,
                [TTL_ATTRIBUTE]: expiresAt,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          'feed',
        );
      }
    }
    for (const action of context.alsoWrite ?? []) add(action, 'private');
    if (actions.length > TRANSACTION_ITEM_LIMIT) {
      throw new ValidationError(`This write needs ${actions.length} actions; one transaction holds at most ${TRANSACTION_ITEM_LIMIT}`);
    }
    return { actions, owners, written, sequences };
  }

  /** The copies an entity owns besides its item: written with it, removed with it. */
  private derived(
    type: FeedEntityType,
    id: string,
    old: object | null,
    next: object | null,
    add: (action: TransactItem, owner: Owner) => void,
    entity: Owner,
    guard: (key: PrimaryKey) => void,
  ): void {
    const owner = (copy: string): Owner => ({ ...entity, copy });
    if (type === 'City') {
      const before = old as CityRecord | null;
      const after = next as CityRecord | null;
      const kept = new Set((after?.agsHistory ?? []).map((h) => h.ags));
      const had = new Set((before?.agsHistory ?? []).map((h) => h.ags));
      const mine = { ConditionExpression: 'attribute_not_exists(pk) OR cityId = :city', ExpressionAttributeValues: { ':city': id } };
      for (const validity of after?.agsHistory ?? []) {
        const previous = before?.agsHistory.find((h) => h.ags === validity.ags);
        if (previous && canonicalJson(previous) === canonicalJson(validity)) continue;
        const key = cityAgsKey(validity.ags);
        guard(key);
        add({ Put: { Item: { ...key, cityId: id, ...validity, [ENTITY_TYPE_ATTRIBUTE]: 'CityAgs' }, ...mine } }, owner(`AGS ${validity.ags} belongs to another place`));
      }
      for (const ags of had) {
        if (kept.has(ags)) continue;
        const key = cityAgsKey(ags);
        guard(key);
        add({ Delete: { Key: key, ...mine } }, owner(`AGS ${ags} belongs to another place`));
      }
      const oldAgs = before?.ags ?? null;
      const newAgs = after?.ags ?? null;
      if (oldAgs !== newAgs) {
        if (oldAgs) {
          const key = municipalityKey(oldAgs);
          guard(key);
          add(
            { Update: { Key: key, UpdateExpression: 'REMOVE cityId', ConditionExpression: 'attribute_not_exists(cityId) OR cityId = :city', ExpressionAttributeValues: { ':city': id } } },
            owner(`municipality ${oldAgs} belongs to another place`),
          );
        }
        if (newAgs) {
          const key = municipalityKey(newAgs);
          guard(key);
          add(
            {
              Update: {
                Key: key,
                UpdateExpression: 'SET cityId = :city',
                // The reference row must exist, and no other place may hold its AGS.
                ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(cityId) OR cityId = :city)',
                ExpressionAttributeValues: { ':city': id },
              },
            },
            owner(`AGS ${newAgs} is not in the municipality table or belongs to another place`),
          );
        }
      }
    } else if (type === 'Campaign') {
      const before = new Set((old as CampaignRecord | null)?.cityIds ?? []);
      const after = new Set((next as CampaignRecord | null)?.cityIds ?? []);
      for (const cityId of after) {
        if (before.has(cityId)) continue;
        const key = campaignCityKey(id, cityId);
        guard(key);
        add({ Put: { Item: { ...key, ...campaignCityIndexKeys(id, cityId), campaignId: id, cityId, [ENTITY_TYPE_ATTRIBUTE]: 'CampaignCity' } } }, entity);
      }
      for (const cityId of before) {
        if (after.has(cityId)) continue;
        const key = campaignCityKey(id, cityId);
        guard(key);
        add({ Delete: { Key: key } }, entity);
      }
    } else if (type === 'ProgramMembership' && next === null) {
      const externalId = (old as { externalId?: string } | null)?.externalId;
      if (externalId) {
        const key = externalIdKey((old as ProgramMembershipRecord).programId, externalId);
        guard(key);
        add({ Delete: { Key: key } }, entity);
      }
    }
  }

  /**
   * A city's memberships carry its AGS (`participantAgs`); when the city's
   * current AGS changes, those that carried the old one follow in the same
   * transaction, each with its own version and feed entry.
   */
  private async cascadeCityAgs(
    old: CityRecord | null,
    next: CityRecord,
    nowIso: string,
    writtenBy: Writer,
    add: (action: TransactItem, owner: Owner) => void,
    guard: (key: PrimaryKey) => void,
  ): Promise<WrittenEntity[]> {
    if (!old || old.ags === next.ags) return [];
    const edges = await this.store.queryAll({
      IndexName: GSI1.indexName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': GSI1.partitionKey, '#sk': GSI1.sortKey },
      ExpressionAttributeValues: { ':pk': 'City', ':prefix': `${next.id}#Membership#` },
    });
    const keys = edges.map((edge) => ({ pk: String(edge.pk), sk: String(edge.sk) }));
    const fresh = await consistentGet(this.store, keys);
    const written: WrittenEntity[] = [];
    for (const [i, item] of fresh.entries()) {
      if (!item || isTombstone(item) || item.cityId !== next.id || item.participantAgs !== old.ags) continue;
      const meta = decodeMeta(item);
      const id = String(item.id);
      guard(keys[i]!);
      add(
        {
          Update: {
            Key: keys[i]!,
            UpdateExpression: 'SET participantAgs = :ags, #version = :next, modified = :now, writtenBy = :by',
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':ags': next.ags, ':next': meta.version + 1, ':version': meta.version, ':now': nowIso, ':by': writtenBy },
          },
        },
        { type: 'ProgramMembership', id },
      );
      written.push({ type: 'ProgramMembership', id, version: meta.version + 1, op: 'UPSERT' });
    }
    return written;
  }
}
