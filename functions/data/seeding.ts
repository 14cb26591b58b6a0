/**
 * Loads seed records through the write path, so a seeded table and one written
 * through the API hold the same items and the same change log. The same code
 * runs locally and against AWS:
 * - a record the seed never wrote before is created;
 * - a record the seed wrote and nobody changed since is updated when its seed
 *   data changed, and left alone (no new version, no feed entry) when not;
 * - a record last written through the API is never touched again by the seed;
 * - a record that disappeared from the seed becomes a tombstone, unless the
 *   API wrote it since.
 * The municipality reference table is bulk-loaded instead (10,786 rows, not in
 * the change feed; see docs/CHANGE-FEED.md), and only when it changed.
 */
import { createHash } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import { ENTITY_TYPE_ATTRIBUTE, MUNICIPALITY_MARKER_KEY, NETWORK_COUNTS_KEY, SEED_MARKER_KEY, feedBucket, type FeedEntityType } from './keys';
import { ENTITIES, decodeMeta, isTombstone, type EntityDefinition } from './entities';
import { ensureFeedSigningKey } from './feed';
import type { MunicipalityRecord, ReportedMemberCount } from './model';
import { municipalityItems } from './bulk-items';
import { conditionalUpdate, consistentGet, type Item, type TableStore } from './store';
import { NetworkWriter, canonicalJson, type EntityWrite, type WriterOptions } from './writes';

export interface SeedRecord {
  type: FeedEntityType;
  record: { id: string } & object;
}

export interface SeedInput {
  records: readonly SeedRecord[];
  municipalities: readonly MunicipalityRecord[];
  reportedMemberCounts: readonly ReportedMemberCount[];
}

export interface SeedOutcome {
  /** False when the seed marker said the table already holds exactly this input. */
  written: boolean;
  digest: string;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /** Records left alone because the API wrote them since the seed did. */
  keptApiWrites: number;
  municipalities: number;
  /** Transactions committed. */
  transactions: number;
}

export type SeedProgress = (phase: string, done: number, total: number) => void;

/** Bump when the item layout changes, so every table is re-compared once. */
const SEED_FORMAT = 'writes-v1';
/** Actions per seed transaction, below the limit of 100 to leave room for a city's AGS copies. */
const ACTIONS_PER_TRANSACTION = 90;
const BUCKETS_IN_FLIGHT = 4;

function hash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 16);
}

function definitionOf(type: FeedEntityType): EntityDefinition<FeedEntityType, Item> {
  return ENTITIES[type] as unknown as EntityDefinition<FeedEntityType, Item>;
}

/** Actions one entity write may need at most: its item, its copies, its reference checks, its log entry. */
function actionEstimate(write: EntityWrite): number {
  if (write.kind === 'delete') return 3;
  const references = definitionOf(write.type).references?.(write.record as unknown as Item).length ?? 0;
  if (write.type === 'City') return 4 + 2 * (write.record as { agsHistory: unknown[] }).agsHistory.length + references;
  if (write.type === 'Campaign') return 2 + 2 * (write.record as { cityIds: unknown[] }).cityIds.length + references;
  return 3 + references;
}

export function seedDigest(input: SeedInput): string {
  return hash(SEED_FORMAT + canonicalJson(input));
}

export async function seedTable(
  store: TableStore,
  input: SeedInput,
  options: WriterOptions & { force?: boolean; progress?: SeedProgress } = {},
): Promise<SeedOutcome> {
  const digest = seedDigest(input);
  const outcome: SeedOutcome = { written: false, digest, created: 0, updated: 0, deleted: 0, unchanged: 0, keptApiWrites: 0, municipalities: 0, transactions: 0 };
  const [marker, municipalityMarker, counts] = await consistentGet(store, [SEED_MARKER_KEY, MUNICIPALITY_MARKER_KEY, NETWORK_COUNTS_KEY]);
  await ensureFeedSigningKey(store);
  if (!options.force && marker?.digest === digest) return outcome;
  outcome.written = true;

  // Reference data first: a city's write points Municipality.cityId at it.
  // The seed never writes cityId itself: that copy belongs to City writes
  // (the seed's own ones included), so a reload keeps what the API linked.
  const municipalities = municipalityItems(input.municipalities.map((m) => ({ ...m, cityId: null })));
  const municipalityDigest = hash(canonicalJson(municipalities));
  if (municipalityMarker?.digest !== municipalityDigest) {
    await loadMunicipalities(store, municipalities, options.progress);
    await store.batchPut([{ ...MUNICIPALITY_MARKER_KEY, digest: municipalityDigest, [ENTITY_TYPE_ATTRIBUTE]: 'Network' }]);
    outcome.municipalities = municipalities.length;
  }
  if (canonicalJson(counts?.counts ?? null) !== canonicalJson(input.reportedMemberCounts)) {
    await store.batchPut([{ ...NETWORK_COUNTS_KEY, counts: input.reportedMemberCounts, [ENTITY_TYPE_ATTRIBUTE]: 'Network' }]);
  }

  const writes = await planSeedWrites(store, input, marker, outcome);
  const writer = new NetworkWriter(store, options);
  let done = 0;
  // A write commits only while what it refers to exists (writes.ts): places
  // first, then what hangs off them; tombstones last.
  for (const phase of SEED_PHASES) {
    const inPhase = writes.filter((w) => (w.kind === 'delete' ? phase === 'deletes' : PHASE_OF[w.type] === phase));
    await writeByBucket(writer, inPhase, outcome, (n) => {
      done += n;
      options.progress?.('network', done, writes.length);
    });
  }

  await putSeedMarker(
    store,
    digest,
    input.records.map((r) => `${r.type}:${r.record.id}`),
  );
  return outcome;
}

const SEED_PHASES = ['places', 'organisations', 'owners', 'edges', 'deletes'] as const;
/** Each entity type after every type its references name (entities/*.ts `references`). */
const PHASE_OF: Record<FeedEntityType, (typeof SEED_PHASES)[number]> = {
  City: 'places',
  DataSource: 'places',
  ApplicationRound: 'places',
  Organization: 'organisations',
  Program: 'owners',
  Partnership: 'owners',
  ProgramMembership: 'edges',
  PartnershipMember: 'edges',
  Campaign: 'edges',
  Event: 'edges',
  Portrait: 'edges',
};

/** Writes in transactions of one feed bucket each, BUCKETS_IN_FLIGHT buckets side by side. */
async function writeByBucket(writer: NetworkWriter, writes: readonly EntityWrite[], outcome: SeedOutcome, progress: (written: number) => void): Promise<void> {
  const byBucket = new Map<string, EntityWrite[][]>();
  for (const write of writes) {
    const id = write.kind === 'put' ? write.record.id : write.id;
    const bucket = feedBucket(write.type, id);
    const chunks = byBucket.get(bucket) ?? [];
    byBucket.set(bucket, chunks);
    const last = chunks[chunks.length - 1];
    const used = last ? last.reduce((sum, w) => sum + actionEstimate(w), 1) : Infinity;
    if (!last || used + actionEstimate(write) > ACTIONS_PER_TRANSACTION) chunks.push([write]);
    else last.push(write);
  }
  const queue = [...byBucket.values()];
  const worker = async () => {
    for (let chunks = queue.shift(); chunks; chunks = queue.shift()) {
      for (const chunk of chunks) {
        try {
          await writer.write(chunk, { writtenBy: 'seed' });
          outcome.transactions++;
        } catch (error) {
          if (!(error instanceof ConflictError || error instanceof ValidationError || error instanceof NotFoundError) || chunk.length === 1) throw error;
          // One record changed under the seed (an API write), names what the API deleted, or the chunk grew too big: go one by one.
          for (const write of chunk) {
            try {
              await writer.write([write], { writtenBy: 'seed' });
              outcome.transactions++;
            } catch (single) {
              if (!(single instanceof ConflictError || single instanceof NotFoundError)) throw single;
              outcome.keptApiWrites++;
            }
          }
        }
        progress(chunk.length);
      }
    }
  };
  await Promise.all(Array.from({ length: BUCKETS_IN_FLIGHT }, worker));
}

/**
 * Records what the table was last seeded with: the digest (an unchanged seed
 * skips) and the manifest of seed records (those that leave the seed become
 * tombstones). Written last, after every seed item, so a half-finished seed is
 * seeded again.
 */
export async function putSeedMarker(store: TableStore, digest: string, manifest: readonly string[] = []): Promise<void> {
  await store.batchPut([{ ...SEED_MARKER_KEY, digest, manifest: [...manifest], seededAt: new Date().toISOString(), [ENTITY_TYPE_ATTRIBUTE]: 'Network' }]);
}

/** Attributes of a municipality row the reference table does not own. */
const NOT_REFERENCE = new Set(['pk', 'sk', 'cityId']);
const UPDATES_IN_FLIGHT = 8;
/** Keys read per round: 8 BatchGetItems of 100, the concurrency the bulk put uses too. */
const READ_SLICE = 800;

/**
 * Brings the reference rows up to date without touching `cityId`: a missing
 * row is put whole (no City write can have linked a row that does not exist:
 * theirs is conditional on it), a changed one is updated attribute by
 * attribute, an unchanged one is left alone.
 */
async function loadMunicipalities(store: TableStore, items: readonly Item[], progress?: SeedProgress): Promise<void> {
  // A slice at a time: 108 BatchGetItems at once would open as many connections.
  const current: (Item | undefined)[] = [];
  for (let start = 0; start < items.length; start += READ_SLICE) {
    current.push(...(await consistentGet(store, items.slice(start, start + READ_SLICE).map((item) => ({ pk: String(item.pk), sk: String(item.sk) })))));
  }
  const missing: Item[] = [];
  const changed: { item: Item; stale: string[] }[] = [];
  for (const [i, item] of items.entries()) {
    const row = current[i];
    if (!row) {
      missing.push(item);
      continue;
    }
    const stale = Object.keys(row).filter((name) => !NOT_REFERENCE.has(name) && !(name in item));
    const differs = Object.keys(item).some((name) => !NOT_REFERENCE.has(name) && canonicalJson(item[name]) !== canonicalJson(row[name]));
    if (differs || stale.length > 0) changed.push({ item, stale });
  }
  const total = missing.length + changed.length;
  await store.batchPut(missing, { onProgress: (n) => progress?.('municipalities', n, total) });
  let done = missing.length;
  const queue = [...changed];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const sets: string[] = [];
      for (const [n, [name, value]] of Object.entries(next.item).filter(([name]) => !NOT_REFERENCE.has(name)).entries()) {
        names[`#a${n}`] = name;
        values[`:v${n}`] = value;
        sets.push(`#a${n} = :v${n}`);
      }
      const removes = next.stale.map((name, n) => {
        names[`#r${n}`] = name;
        return `#r${n}`;
      });
      await conditionalUpdate(store, {
        Key: { pk: next.item.pk, sk: next.item.sk },
        UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      });
      progress?.('municipalities', ++done, total);
    }
  };
  await Promise.all(Array.from({ length: UPDATES_IN_FLIGHT }, worker));
}

/** Compares the seed with the table and returns the writes that bring the seed's own records up to date. */
async function planSeedWrites(store: TableStore, input: SeedInput, marker: Item | undefined, outcome: SeedOutcome): Promise<EntityWrite[]> {
  const wanted = new Map(input.records.map((r) => [`${r.type}:${r.record.id}`, r]));
  const previous = Array.isArray(marker?.manifest) ? (marker.manifest as string[]) : [];
  const removed = previous.filter((ref) => !wanted.has(ref));
  const refs = [...wanted.keys(), ...removed];
  const keys = refs.map((ref) => {
    const cut = ref.indexOf(':');
    return definitionOf(ref.slice(0, cut) as FeedEntityType).key(ref.slice(cut + 1))!;
  });
  const items = await consistentGet(store, keys);
  const writes: EntityWrite[] = [];
  for (const [i, ref] of refs.entries()) {
    const item = items[i];
    const meta = item ? decodeMeta(item) : null;
    const seed = wanted.get(ref);
    if (meta?.writtenBy === 'api') {
      outcome.keptApiWrites++;
      continue;
    }
    if (!seed) {
      if (item && !isTombstone(item)) {
        const cut = ref.indexOf(':');
        writes.push({ kind: 'delete', type: ref.slice(0, cut) as FeedEntityType, id: ref.slice(cut + 1), expectedVersion: meta!.version });
        outcome.deleted++;
      }
      continue;
    }
    const seedHash = hash(canonicalJson(seed.record));
    const live = item && !isTombstone(item);
    if (live && meta!.seedHash === seedHash) {
      outcome.unchanged++;
      continue;
    }
    writes.push({ kind: 'put', type: seed.type, record: seed.record, expectedVersion: live ? meta!.version : null, seedHash } as EntityWrite);
    if (live) outcome.updated++;
    else outcome.created++;
  }
  return writes;
}
