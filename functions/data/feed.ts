/**
 * Reads the change log the write path appends to (see writes.ts and
 * docs/CHANGE-FEED.md). Every read here is strongly consistent: an eventually
 * consistent read could show an entry before the entity it names, or an old
 * version of it, and a reader that then moved on would have lost the change.
 */
import { randomBytes } from 'node:crypto';
import { CursorExpiredError, StoreError } from '../shared/errors';
import {
  ENTITY_TYPE_ATTRIBUTE,
  FEED_ENTITY_TYPES,
  FEED_SIGNING_KEY,
  feedBucketsOf,
  feedCounterKey,
  feedLogPartition,
  feedSequenceKey,
  feedTypeOfBucket,
  programIdOfMembership,
  type FeedEntityType,
} from './keys';
import { ENTITIES, decodeMeta, decodeRecord, isTombstone, type EntityDefinition, type FeedRecords } from './entities';
import { conditionalPut, consistentGet, consistentQueryPage, consistentScanPage, type Item, type TableStore } from './store';
import { ConditionFailedError } from './store';

/** Where a reader stands in one bucket: the last sequence it passed and when that entry was written (epoch seconds). */
export interface FeedPosition {
  seq: number;
  at: number;
}

export type FeedPositions = Record<string, FeedPosition>;

/** One change as the feed hands it out: the entity's current state, or its tombstone. */
export interface Change {
  type: FeedEntityType;
  id: string;
  op: 'UPSERT' | 'DELETE';
  version: number;
  created: string | null;
  modified: string | null;
  /** The current record for an UPSERT; null for a DELETE. */
  record: FeedRecords[FeedEntityType] | null;
}

export interface FeedFilter {
  types: readonly FeedEntityType[];
  /** Only this programme and its memberships. */
  programId?: string | undefined;
}

export interface FeedOptions {
  now?: () => Date;
  retentionDays?: number;
  /** The cursor signing key, shared by every feed of a container (see {@link feedSigningKey}). */
  signingKey?: () => Promise<Buffer>;
}

/**
 * The key cursors are signed with: one item seeded into the table, read once
 * for as long as the returned function lives (a Lambda container: no secrets
 * service on the cold-start path). A failed read is not kept, so the next
 * request tries again.
 */
export function feedSigningKey(store: TableStore): () => Promise<Buffer> {
  let key: Promise<Buffer> | undefined;
  return () => {
    key ??= (async () => {
      const [item] = await consistentGet(store, [FEED_SIGNING_KEY]);
      if (typeof item?.key !== 'string') throw new StoreError('The change feed has no signing key; run the seed');
      return Buffer.from(item.key, 'base64');
    })().catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return key;
  };
}

/**
 * How far behind "now" a caught-up reader's position is dated. A write stamps
 * its entry when it plans the transaction and commits up to its time budget
 * later (plus clock skew between containers), so an entry appended after a
 * reader caught up can carry an earlier time; dating the position back keeps
 * the expiry check conservative.
 */
const CAUGHT_UP_SLACK_SECONDS = 300;
const DAY_SECONDS = 86_400;

/**
 * A caught-up position is dated to the start of its UTC day, so polling a quiet
 * feed returns the same cursor all day (cursors are stable). The expiry check
 * allows for that day, and log items outlive the retention by
 * RETENTION_MARGIN_DAYS (writes.ts), more than this day plus the slack.
 */
function caughtUpAt(nowSeconds: number): number {
  const at = nowSeconds - CAUGHT_UP_SLACK_SECONDS;
  return at - (at % DAY_SECONDS);
}

function definitionOf(type: FeedEntityType): EntityDefinition<FeedEntityType, Item> {
  return ENTITIES[type] as unknown as EntityDefinition<FeedEntityType, Item>;
}

/** Every bucket of the given types, in a fixed order. */
export function bucketsOf(types: readonly FeedEntityType[]): string[] {
  return FEED_ENTITY_TYPES.filter((type) => types.includes(type)).flatMap(feedBucketsOf);
}

/**
 * What one export page may read: a filter that matches rarely (one programme)
 * would otherwise scan the whole table in one request. A page that reaches the
 * bound is short, and the cursor continues after the last item read.
 */
export const EXPORT_READ_BOUND = Object.freeze({ scansPerPage: 4, itemsPerScan: 500 });

export class ChangeFeed {
  private readonly now: () => Date;
  readonly retentionDays: number;
  /** The key cursors are signed with (read once per {@link feedSigningKey} loader). */
  readonly signingKey: () => Promise<Buffer>;

  constructor(
    private readonly store: TableStore,
    options: FeedOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.retentionDays = options.retentionDays ?? 30;
    this.signingKey = options.signingKey ?? feedSigningKey(store);
  }

  /** Each bucket's current end, dated back by the slack (see CAUGHT_UP_SLACK_SECONDS). */
  async capturePositions(): Promise<FeedPositions> {
    const buckets = bucketsOf(FEED_ENTITY_TYPES);
    const counters = await consistentGet(this.store, buckets.map(feedCounterKey));
    const at = caughtUpAt(this.nowSeconds());
    const positions: FeedPositions = {};
    for (const [i, bucket] of buckets.entries()) positions[bucket] = { seq: typeof counters[i]?.seq === 'number' ? (counters[i]!.seq as number) : 0, at };
    return positions;
  }

  /** Throws CURSOR_EXPIRED when a position is older than the retention: entries after it may be gone. */
  checkRetention(positions: FeedPositions, buckets: readonly string[]): void {
    // A position may be dated up to a day early (caughtUpAt): a cursor stays valid for at least the retention.
    const oldest = this.nowSeconds() - (this.retentionDays + 1) * DAY_SECONDS;
    for (const bucket of buckets) {
      const position = positions[bucket];
      if (position && position.at < oldest) {
        throw new CursorExpiredError(`The cursor is older than the feed's retention of ${this.retentionDays} days; start again without "since"`, {
          retentionDays: this.retentionDays,
        });
      }
    }
  }

  /**
   * Up to `limit` changes after `positions`, bucket by bucket. In each bucket
   * the reader passes only an unbroken run of sequence numbers: a Query is
   * only read-committed, so n+1 can be visible while n is still committing;
   * stopping at the gap means n is read next time instead of skipped.
   */
  async read(positions: FeedPositions, filter: FeedFilter, limit: number): Promise<{ changes: Change[]; positions: FeedPositions; hasMore: boolean }> {
    const buckets = bucketsOf(filter.types);
    this.checkRetention(positions, buckets);
    const next: FeedPositions = { ...positions };
    const entries: Item[] = [];
    let hasMore = false;
    for (const bucket of buckets) {
      const budget = limit - entries.length;
      const from = next[bucket] ?? { seq: 0, at: Math.min(...Object.values(positions).map((p) => p.at)) };
      if (budget <= 0) {
        hasMore = true;
        break;
      }
      const { items, lastKey } = await consistentQueryPage(this.store, {
        KeyConditionExpression: 'pk = :pk AND sk > :after',
        ExpressionAttributeValues: { ':pk': feedLogPartition(bucket), ':after': feedSequenceKey(from.seq) },
        Limit: budget,
      });
      let position = from;
      let gap = false;
      for (const item of items) {
        if (item.seq !== position.seq + 1) {
          gap = true;
          break;
        }
        position = { seq: position.seq + 1, at: Math.floor(Date.parse(String(item.at)) / 1000) };
        entries.push(item);
      }
      if (gap || (lastKey && items.length >= budget)) hasMore = true;
      else position = { seq: position.seq, at: Math.max(position.at, caughtUpAt(this.nowSeconds())) };
      next[bucket] = position;
    }
    const wanted = entries.filter((entry) => this.matches(entry, filter));
    return { changes: await this.current(wanted), positions: next, hasMore };
  }

  /**
   * One page of the current state (no tombstones) for a full export: a
   * strongly consistent Scan, so everything committed before the export's
   * cursor was captured is in it. `after` is the key of the last item of the
   * previous page.
   */
  async snapshot(filter: FeedFilter, after: { pk: string; sk: string } | null, limit: number): Promise<{ changes: Change[]; after: { pk: string; sk: string } | null }> {
    const names: Record<string, string> = { '#type': ENTITY_TYPE_ATTRIBUTE, '#deleted': 'deleted' };
    const values: Record<string, unknown> = {};
    filter.types.forEach((type, i) => (values[`:t${i}`] = type));
    let expression = `#type IN (${filter.types.map((_, i) => `:t${i}`).join(', ')}) AND attribute_not_exists(#deleted)`;
    if (filter.programId !== undefined) {
      names['#programId'] = 'programId';
      names['#id'] = 'id';
      values[':program'] = filter.programId;
      values[':membership'] = 'ProgramMembership';
      values[':programType'] = 'Program';
      expression += ' AND ((#type = :membership AND #programId = :program) OR (#type = :programType AND #id = :program))';
    }
    const items: Item[] = [];
    let start: Item | undefined = after ?? undefined;
    for (let scans = 0; ; scans++) {
      if (scans === EXPORT_READ_BOUND.scansPerPage) {
        return { changes: items.map((i) => this.changeOf(i.entityType as FeedEntityType, String(i.id), i)), after: { pk: String(start!.pk), sk: String(start!.sk) } };
      }
      const page = await consistentScanPage(this.store, {
        FilterExpression: expression,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        Limit: EXPORT_READ_BOUND.itemsPerScan,
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
      for (const item of page.items) {
        items.push(item);
        if (items.length === limit) {
          const last = { pk: String(item.pk), sk: String(item.sk) };
          // A full page ends exactly at the scan's end only by chance; one more empty page is cheaper than a lookahead.
          return { changes: items.map((i) => this.changeOf(i.entityType as FeedEntityType, String(i.id), i)), after: last };
        }
      }
      if (!page.lastKey) return { changes: items.map((i) => this.changeOf(i.entityType as FeedEntityType, String(i.id), i)), after: null };
      start = page.lastKey;
    }
  }

  private matches(entry: Item, filter: FeedFilter): boolean {
    const type = entry.type as FeedEntityType;
    if (!filter.types.includes(type)) return false;
    if (filter.programId === undefined) return true;
    if (type === 'Program') return entry.id === filter.programId;
    return type === 'ProgramMembership' && programIdOfMembership(String(entry.id)) === filter.programId;
  }

  /** The current state of the entities the entries name; one change per entity, at its last entry's place. */
  private async current(entries: readonly Item[]): Promise<Change[]> {
    const last = new Map<string, Item>();
    for (const entry of entries) {
      const key = `${String(entry.type)}:${String(entry.id)}`;
      last.delete(key);
      last.set(key, entry);
    }
    const list = [...last.values()];
    const keys = list.map((entry) => definitionOf(entry.type as FeedEntityType).key(String(entry.id))!);
    const items = await consistentGet(this.store, keys);
    return list.map((entry, i) => this.changeOf(entry.type as FeedEntityType, String(entry.id), items[i], entry));
  }

  private changeOf(type: FeedEntityType, id: string, item: Item | undefined, entry?: Item): Change {
    if (!item || isTombstone(item)) {
      // A tombstone TTL already removed reads as the deletion its entry recorded.
      const meta = item ? decodeMeta(item) : null;
      return {
        type,
        id,
        op: 'DELETE',
        version: meta?.version ?? Number(entry?.version ?? 0),
        created: meta?.created || null,
        modified: meta?.modified || (entry ? String(entry.at) : null),
        record: null,
      };
    }
    const meta = decodeMeta(item);
    return {
      type,
      id,
      op: 'UPSERT',
      version: meta.version,
      created: meta.created || null,
      modified: meta.modified || null,
      record: decodeRecord(definitionOf(type), item) as unknown as FeedRecords[FeedEntityType],
    };
  }

  private nowSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }
}

/** Creates the cursor signing key once; a second call leaves the first key in place. */
export async function ensureFeedSigningKey(store: TableStore): Promise<boolean> {
  try {
    await conditionalPut(store, {
      Item: { ...FEED_SIGNING_KEY, key: randomBytes(32).toString('base64'), [ENTITY_TYPE_ATTRIBUTE]: 'Network' },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    return true;
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}

export { feedTypeOfBucket };
