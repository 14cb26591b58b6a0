/**
 * Partner bulk writes of programme memberships (issue 9): per-item results,
 * idempotency records and snapshot replacement. Every membership change goes
 * through `NetworkWriter`, so it is versioned and in the change feed.
 */
import { createHash } from 'node:crypto';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../shared/errors';
import { isPartialDate, periodStatus, type PeriodStatus } from '../shared/dates';
import { ENTITIES, Municipality, decodeMeta, decodeRecord, isTombstone } from './entities';
import { TTL_ATTRIBUTE, feedBucket, programCollectionPartition, ENTITY_TYPE_ATTRIBUTE, externalIdKey, idempotencyRecordKey, snapshotKey } from './keys';
import type { CityRecord, MunicipalityRecord, ProgramMembershipRecord, ProgramRecord } from './model';
import { conditionalPut, conditionalUpdate, consistentGet, type Item, type TableStore } from './store';
import { NetworkWriter, canonicalJson, type EntityWrite, type WriterOptions } from './writes';

/** Items per call of `upsertMemberships` / one snapshot part. */
export const MAX_SYNC_ITEMS = 500;
/**
 * Memberships per transaction. Chunks are formed per feed bucket, so each
 * transaction moves one counter: 24 × (item + external-id lookup + feed entry
 * + check of its place) + 1 counter + 1 check of the programme = 98, within
 * DynamoDB's limit of 100.
 */
export const MEMBERSHIPS_PER_TRANSACTION = 24;
/** Idempotency records are kept this long; a key reused later is a new request. */
export const IDEMPOTENCY_TTL_HOURS = 24;
const MAX_TEXT = 300;
const EXTERNAL_ID = /^[A-Za-z0-9][A-Za-z0-9._:\-/]{0,99}$/;

/** Fields a partner keeps on a membership that only its programme's partners and admins see. */
export interface PrivateMembershipFields {
  externalId?: string | undefined;
  internalNote?: string | null | undefined;
  coordinatingOrganization?: string | null | undefined;
}

/** One membership as a partner sends it. */
export interface MembershipInput {
  externalId: string;
  /** Names the place by its 8-digit AGS (any municipality of the reference table) … */
  ags?: string | null | undefined;
  /** … or by the id of a member place. */
  cityId?: string | null | undefined;
  /** When given, must agree with the dates (it is derived from them). */
  status?: PeriodStatus | null | undefined;
  startDate?: string | null | undefined;
  endDate?: string | null | undefined;
  cohort?: string | null | undefined;
  coordinatingOrganization?: string | null | undefined;
  internalNote?: string | null | undefined;
  note?: string | null | undefined;
  sourceUrls?: readonly string[] | null | undefined;
  /** The version last seen; null = must not exist yet; absent = whatever is current. */
  expectedVersion?: number | null | undefined;
}

export type ItemOutcome = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'REJECTED';

export interface ItemResult {
  index: number;
  externalId: string;
  outcome: ItemOutcome;
  membershipId: string | null;
  version: number | null;
  /** Set when REJECTED: an error code (BAD_USER_INPUT, NOT_FOUND, CONFLICT, …) and the field at fault. */
  error: { code: string; field: string | null; message: string } | null;
}

export interface BulkResult {
  results: ItemResult[];
  totals: Record<ItemOutcome, number>;
  /** True when this is the stored answer of an earlier call with the same key and payload. */
  replayed: boolean;
}

export interface SyncContext {
  /** Scopes idempotency records and snapshots; callers pass the credential's key id (or 'admin'). */
  caller: string;
  idempotencyKey: string;
  today: string;
  deadline?: number | undefined;
}

class ItemRejection extends Error {
  constructor(
    readonly code: string,
    readonly field: string | null,
    message: string,
  ) {
    super(message);
  }
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

function totalsOf(results: readonly ItemResult[]): Record<ItemOutcome, number> {
  const totals: Record<ItemOutcome, number> = { CREATED: 0, UPDATED: 0, UNCHANGED: 0, REJECTED: 0 };
  for (const r of results) totals[r.outcome]++;
  return totals;
}

function optionalText(input: MembershipInput, field: 'cohort' | 'coordinatingOrganization' | 'internalNote' | 'note'): string | null {
  const value = input[field];
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed.length > MAX_TEXT) throw new ItemRejection('BAD_USER_INPUT', field, `${field} is longer than ${MAX_TEXT} characters`);
  return trimmed === '' ? null : trimmed;
}

interface Planned {
  index: number;
  input: MembershipInput;
  record: ProgramMembershipRecord & PrivateMembershipFields;
  existing: boolean;
}

/**
 * Bulk membership writes for one programme. Not in the read path: resolvers
 * load it only when a mutation runs.
 */
export class MembershipSync {
  readonly writer: NetworkWriter;

  constructor(
    private readonly store: TableStore,
    private readonly options: WriterOptions & { now?: () => Date } = {},
  ) {
    this.writer = new NetworkWriter(store, options);
  }

  private now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }

  /**
   * Creates or updates memberships by the partner's external ids. Invalid or
   * stale items are REJECTED one by one; the others are written. The same
   * idempotency key with the same payload returns the first result without
   * writing; with another payload it is BAD_USER_INPUT.
   */
  async upsertMemberships(programId: string, inputs: readonly MembershipInput[], context: SyncContext): Promise<BulkResult> {
    if (inputs.length > MAX_SYNC_ITEMS) throw new ValidationError(`At most ${MAX_SYNC_ITEMS} memberships per call`, { argument: 'memberships' });
    const program = await this.program(programId);
    return this.idempotent(programId, context, { op: 'upsert', programId, inputs }, () => this.apply(program, inputs, context));
  }

  /**
   * One part of a snapshot: its memberships are upserted like
   * `upsertMemberships` and their external ids recorded under the snapshot id.
   * With `commit`, every membership of the programme carrying an external id
   * the snapshot never named, and still running, is ended (end date = today),
   * never deleted. Parts and the commit are idempotent per (snapshot, part).
   */
  async replaceMemberships(
    programId: string,
    snapshotId: string,
    part: number,
    inputs: readonly MembershipInput[],
    commit: boolean,
    context: Omit<SyncContext, 'idempotencyKey'>,
  ): Promise<BulkResult & { ended: ItemResult[] }> {
    if (!EXTERNAL_ID.test(snapshotId)) throw new ValidationError('snapshotId is malformed', { argument: 'snapshotId' });
    if (!Number.isInteger(part) || part < 1 || part > 1000) throw new ValidationError('part must be between 1 and 1000', { argument: 'part' });
    if (inputs.length > MAX_SYNC_ITEMS) throw new ValidationError(`At most ${MAX_SYNC_ITEMS} memberships per call`, { argument: 'memberships' });
    const program = await this.program(programId);
    const key = snapshotKey(programId, `${context.caller}#${snapshotId}`);
    const payload = { op: 'replace', programId, snapshotId, part, inputs, commit };
    const result = await this.idempotent(programId, { ...context, idempotencyKey: `snapshot:${snapshotId}:${part}` }, payload, async () => {
      const [state] = await consistentGet(this.store, [key]);
      if (state?.committed === true) throw new ConflictError(`Snapshot ${snapshotId} is already committed`, { snapshotId });
      const upserted = await this.apply(program, inputs, { ...context, idempotencyKey: `snapshot:${snapshotId}:${part}` });
      const seen = inputs.map((i) => i.externalId).filter((id) => typeof id === 'string');
      // A set attribute: re-sending a part adds nothing new, so a retried part is harmless.
      if (seen.length > 0) {
        await conditionalUpdate(this.store, {
          Key: key,
          UpdateExpression: 'ADD externalIds :ids SET #type = if_not_exists(#type, :type), #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(committed) OR committed = :no',
          ExpressionAttributeNames: { '#type': ENTITY_TYPE_ATTRIBUTE, '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':ids': new Set(seen), ':type': 'Snapshot', ':ttl': this.expiry(), ':no': false },
        });
      }
      let ended: ItemResult[] = [];
      if (commit) ended = await this.endMissing(program, key, context);
      return { ...upserted, ended };
    });
    return result as BulkResult & { ended: ItemResult[] };
  }

  private expiry(): number {
    return Math.floor(this.now().getTime() / 1000) + IDEMPOTENCY_TTL_HOURS * 3600;
  }

  private async program(programId: string): Promise<ProgramRecord> {
    const key = ENTITIES.Program.key(programId);
    const [item] = key ? await consistentGet(this.store, [key]) : [undefined];
    if (!item || isTombstone(item)) throw new NotFoundError(`Programme ${programId} does not exist`, { programId });
    return decodeRecord(ENTITIES.Program, item);
  }

  /**
   * Runs `work` once per (programme, caller, key). The record is claimed
   * before the work and holds the payload hash; the result is stored after.
   * A claim left by a crashed run is taken over by a retry with the same
   * payload: the work is convergent (a re-applied item is UNCHANGED).
   */
  private async idempotent<T extends BulkResult>(programId: string, context: SyncContext, payload: unknown, work: () => Promise<T>): Promise<T> {
    if (!/^[A-Za-z0-9._:\-]{8,100}$/.test(context.idempotencyKey)) {
      throw new ValidationError('idempotencyKey must be 8 to 100 characters of A-Z a-z 0-9 . _ : -', { argument: 'idempotencyKey' });
    }
    const key = idempotencyRecordKey(programId, `${context.caller}#${context.idempotencyKey}`);
    const hash = sha256(canonicalJson(payload));
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    const [existing] = await consistentGet(this.store, [key]);
    const live = existing && typeof existing[TTL_ATTRIBUTE] === 'number' && (existing[TTL_ATTRIBUTE] as number) > nowSeconds ? existing : undefined;
    if (live) {
      if (live.payloadHash !== hash) throw new ValidationError('This idempotencyKey was used with a different payload', { argument: 'idempotencyKey' });
      if (live.status === 'COMPLETE' && typeof live.result === 'string') return { ...(JSON.parse(live.result) as T), replayed: true };
    } else {
      await conditionalPut(this.store, {
        Item: { ...key, [ENTITY_TYPE_ATTRIBUTE]: 'Idempotency', payloadHash: hash, status: 'IN_PROGRESS', [TTL_ATTRIBUTE]: this.expiry() },
        // An expired record (TTL deletion lags) may be reclaimed.
        ConditionExpression: 'attribute_not_exists(pk) OR #ttl <= :now',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':now': nowSeconds },
      });
    }
    const result = await work();
    try {
      await conditionalUpdate(this.store, {
        Key: key,
        UpdateExpression: 'SET #status = :complete, #result = :result',
        ConditionExpression: 'payloadHash = :hash AND #status = :progress',
        ExpressionAttributeNames: { '#status': 'status', '#result': 'result' },
        ExpressionAttributeValues: { ':complete': 'COMPLETE', ':result': JSON.stringify(result), ':hash': hash, ':progress': 'IN_PROGRESS' },
      });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // A concurrent run with the same key finished first: its answer is the one that counts.
      const [winner] = await consistentGet(this.store, [key]);
      if (winner?.status === 'COMPLETE' && typeof winner.result === 'string') return { ...(JSON.parse(winner.result) as T), replayed: true };
      throw error;
    }
    return result;
  }

  private async apply(program: ProgramRecord, inputs: readonly MembershipInput[], context: SyncContext): Promise<BulkResult> {
    const results: (ItemResult | undefined)[] = new Array(inputs.length);
    const reject = (index: number, error: { code: string; field: string | null; message: string }, membershipId: string | null = null) => {
      // A plain object: results are stored as JSON in the idempotency record.
      results[index] = { index, externalId: String(inputs[index]?.externalId ?? ''), outcome: 'REJECTED', membershipId, version: null, error: { code: error.code, field: error.field, message: error.message } };
    };

    // Shape checks first; what is left needs places and current memberships.
    const candidates: number[] = [];
    const seenExternal = new Set<string>();
    for (const [index, input] of inputs.entries()) {
      try {
        if (typeof input.externalId !== 'string' || !EXTERNAL_ID.test(input.externalId)) throw new ItemRejection('BAD_USER_INPUT', 'externalId', 'externalId must be 1–100 characters of A-Z a-z 0-9 . _ : - /');
        if (seenExternal.has(input.externalId)) throw new ItemRejection('BAD_USER_INPUT', 'externalId', 'externalId appears twice in this call');
        seenExternal.add(input.externalId);
        const hasAgs = input.ags !== null && input.ags !== undefined;
        const hasCity = input.cityId !== null && input.cityId !== undefined;
        if (hasAgs === hasCity) throw new ItemRejection('BAD_USER_INPUT', hasAgs ? 'cityId' : 'ags', 'name the place by exactly one of ags or cityId');
        if (hasAgs && !/^\d{8}$/.test(input.ags!)) throw new ItemRejection('BAD_USER_INPUT', 'ags', 'ags must be 8 digits');
        if (hasCity && !ENTITIES.City.key(input.cityId!)) throw new ItemRejection('BAD_USER_INPUT', 'cityId', 'cityId is malformed');
        for (const field of ['startDate', 'endDate'] as const) {
          const value = input[field];
          if (value !== null && value !== undefined && !isPartialDate(value)) throw new ItemRejection('BAD_USER_INPUT', field, `${field} must be YYYY, YYYY-MM or YYYY-MM-DD`);
        }
        if (input.startDate && input.endDate && input.endDate < input.startDate.slice(0, input.endDate.length)) {
          throw new ItemRejection('BAD_USER_INPUT', 'endDate', 'endDate lies before startDate');
        }
        if (input.status) {
          const derived = periodStatus(input.startDate ?? null, input.endDate ?? null, context.today);
          if (derived !== input.status) throw new ItemRejection('BAD_USER_INPUT', 'status', `status ${input.status} does not match the dates (${derived})`);
        }
        const v = input.expectedVersion;
        if (v !== null && v !== undefined && (!Number.isInteger(v) || v < 1)) throw new ItemRejection('BAD_USER_INPUT', 'expectedVersion', 'expectedVersion must be a positive integer');
        candidates.push(index);
      } catch (error) {
        if (!(error instanceof ItemRejection)) throw error;
        reject(index, error);
      }
    }

    // Places and external-id lookups, strongly consistent, in BatchGetItem rounds.
    const placeKeys = candidates.map((i) => (inputs[i]!.ags ? Municipality.key(inputs[i]!.ags!)! : ENTITIES.City.key(inputs[i]!.cityId!)!));
    const lookupKeys = candidates.map((i) => externalIdKey(program.id, inputs[i]!.externalId));
    const fetched = await consistentGet(this.store, [...placeKeys, ...lookupKeys]);
    const places = fetched.slice(0, candidates.length);
    const lookups = fetched.slice(candidates.length);
    const membershipIds = lookups.map((lookup) => (lookup && typeof lookup.membershipId === 'string' ? lookup.membershipId : null));
    const currentItems = await consistentGet(
      this.store,
      membershipIds.filter((id): id is string => id !== null).map((id) => ENTITIES.ProgramMembership.key(id)!),
    );
    const currentById = new Map<string, Item>();
    for (const item of currentItems) if (item && !isTombstone(item)) currentById.set(String(item.id), item);

    const planned: Planned[] = [];
    for (const [n, index] of candidates.entries()) {
      const input = inputs[index]!;
      try {
        const place = places[n];
        let cityId: string | null;
        let name: string;
        let state: string | null;
        let ags: string | null;
        if (input.ags) {
          if (!place) throw new ItemRejection('NOT_FOUND', 'ags', `AGS ${input.ags} is not in the municipality reference table`);
          const m = decodeRecord(Municipality, place) as MunicipalityRecord;
          ({ cityId, name, state, ags } = { cityId: m.cityId, name: m.name, state: m.state, ags: m.ags });
        } else {
          if (!place || isTombstone(place)) throw new ItemRejection('NOT_FOUND', 'cityId', `City ${input.cityId} does not exist`);
          const c = decodeRecord(ENTITIES.City, place) as CityRecord;
          ({ cityId, name, state, ags } = { cityId: c.id, name: c.name, state: c.state, ags: c.ags });
        }
        const existingId = membershipIds[n] ?? null;
        const current = existingId ? currentById.get(existingId) : undefined;
        const actual = current ? decodeMeta(current).version : null;
        if (input.expectedVersion !== undefined && input.expectedVersion !== actual) {
          throw new ItemRejection('CONFLICT', 'expectedVersion', `membership is at version ${actual ?? 'none'}, not ${input.expectedVersion ?? 'none'}`);
        }
        const previous = current ? (decodeRecord(ENTITIES.ProgramMembership, current) as ProgramMembershipRecord & PrivateMembershipFields) : null;
        const sourceUrls = input.sourceUrls && input.sourceUrls.length > 0 ? [...input.sourceUrls] : previous?.sourceUrls.length ? previous.sourceUrls : program.sourceUrls;
        const record: ProgramMembershipRecord & PrivateMembershipFields = {
          id: existingId ?? this.writer.newMembershipId(program.id),
          programId: program.id,
          cityId,
          participantName: name,
          participantState: state as ProgramMembershipRecord['participantState'],
          participantAgs: ags,
          startDate: input.startDate ?? null,
          endDate: input.endDate ?? null,
          cohort: optionalText(input, 'cohort'),
          note: optionalText(input, 'note'),
          sourceUrls,
          coordinatingOrganization: optionalText(input, 'coordinatingOrganization'),
          internalNote: optionalText(input, 'internalNote'),
        };
        const problems = ENTITIES.ProgramMembership.validate(record);
        if (problems.length > 0) throw new ItemRejection('BAD_USER_INPUT', null, problems.join('; '));
        planned.push({ index, input, record, existing: current !== undefined });
      } catch (error) {
        if (!(error instanceof ItemRejection)) throw error;
        reject(index, error, membershipIds[n] ?? null);
      }
    }

    // One queue per feed bucket, written side by side: transactions of different
    // buckets never contend for a counter, those of one bucket follow each other.
    const queues = new Map<string, Planned[]>();
    for (const p of planned) {
      const bucket = feedBucket('ProgramMembership', p.record.id);
      queues.set(bucket, [...(queues.get(bucket) ?? []), p]);
    }
    await Promise.all(
      [...queues.values()].map(async (queue) => {
        for (let start = 0; start < queue.length; start += MEMBERSHIPS_PER_TRANSACTION) {
          await this.writeChunk(queue.slice(start, start + MEMBERSHIPS_PER_TRANSACTION), context, results, reject);
        }
      }),
    );
    const final = results.map((r, index) => r ?? { index, externalId: String(inputs[index]?.externalId), outcome: 'REJECTED' as const, membershipId: null, version: null, error: { code: 'INTERNAL_SERVER_ERROR', field: null, message: 'not processed' } });
    return { results: final, totals: totalsOf(final), replayed: false };
  }

  /**
   * Writes a chunk in one transaction. A conflict names one membership: it is
   * rejected and the rest retried, so one stale item never blocks the others.
   */
  private async writeChunk(
    chunk: Planned[],
    context: SyncContext,
    results: (ItemResult | undefined)[],
    reject: (index: number, error: { code: string; field: string | null; message: string }, membershipId?: string | null) => void,
  ): Promise<void> {
    let pending = chunk;
    while (pending.length > 0) {
      const writes: EntityWrite[] = pending.map((p) => ({
        kind: 'put',
        type: 'ProgramMembership',
        record: p.record,
        // Versions were compared on read; the write re-checks them atomically.
        expectedVersion: p.existing ? undefined : null,
        externalId: p.input.externalId,
      }));
      try {
        // Same request, same chunk → same token: a transaction whose answer was lost and is sent again is applied once.
        const clientRequestToken = sha256(canonicalJson([context.caller, context.idempotencyKey, writes])).slice(0, 36);
        const outcome = await this.writer.write(writes, { writtenBy: 'api', deadline: context.deadline, clientRequestToken });
        const written = new Map(outcome.written.map((w) => [w.id, w.version]));
        for (const p of pending) {
          const version = written.get(p.record.id);
          const unchangedVersion = version === undefined ? await this.versionOf(p.record.id) : version;
          results[p.index] = {
            index: p.index,
            externalId: p.input.externalId,
            outcome: version === undefined ? 'UNCHANGED' : p.existing ? 'UPDATED' : 'CREATED',
            membershipId: p.record.id,
            version: unchangedVersion,
            error: null,
          };
        }
        return;
      } catch (error) {
        const details = error instanceof ConflictError || error instanceof NotFoundError ? (error.details as { id?: string; reference?: { type: string } } | undefined) : undefined;
        const culprit = details?.id ? pending.find((p) => p.record.id === details.id) : undefined;
        if (culprit && error instanceof NotFoundError) {
          // What it names was deleted after it was read: the transaction's reference check caught it.
          const field = details?.reference?.type === 'City' ? (culprit.input.ags ? 'ags' : 'cityId') : 'programId';
          reject(culprit.index, { code: 'NOT_FOUND', field, message: error.message }, culprit.existing ? culprit.record.id : null);
          pending = pending.filter((p) => p !== culprit);
          continue;
        }
        if (culprit) {
          reject(culprit.index, { code: 'CONFLICT', field: 'externalId', message: error instanceof Error ? error.message : 'conflict' }, culprit.existing ? culprit.record.id : null);
          pending = pending.filter((p) => p !== culprit);
          continue;
        }
        if (error instanceof DomainError && error.code !== 'INTERNAL_SERVER_ERROR' && error.code !== 'SERVICE_UNAVAILABLE' && pending.length > 1) {
          // Not attributable to one item: write them one by one so each gets its own answer.
          for (const p of pending) await this.writeChunk([p], context, results, reject);
          return;
        }
        if (error instanceof DomainError && pending.length === 1 && (error.code === 'BAD_USER_INPUT' || error.code === 'CONFLICT')) {
          reject(pending[0]!.index, { code: error.code, field: null, message: error.message });
          return;
        }
        // The store kept failing: the whole call fails, and the idempotency record lets the caller retry it.
        throw error;
      }
    }
  }

  private async versionOf(id: string): Promise<number | null> {
    const [item] = await consistentGet(this.store, [ENTITIES.ProgramMembership.key(id)!]);
    return item ? decodeMeta(item).version : null;
  }

  /** Ends (end date = today) every running membership with an external id that the snapshot never named. */
  private async endMissing(program: ProgramRecord, key: { pk: string; sk: string }, context: Omit<SyncContext, 'idempotencyKey'>): Promise<ItemResult[]> {
    const [state] = await consistentGet(this.store, [key]);
    const named = new Set<string>(state?.externalIds instanceof Set ? [...(state.externalIds as Set<string>)] : []);
    // The programme's item collection, read strongly consistent: an index could miss a membership written a moment ago.
    const items = await this.store.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': programCollectionPartition(program.id), ':prefix': 'Membership#' },
      ConsistentRead: true,
    });
    const toEnd: (ProgramMembershipRecord & PrivateMembershipFields)[] = [];
    for (const item of items) {
      if (!item || isTombstone(item)) continue;
      const record = decodeRecord(ENTITIES.ProgramMembership, item) as ProgramMembershipRecord & PrivateMembershipFields;
      if (!record.externalId || named.has(record.externalId)) continue;
      if (periodStatus(record.startDate, record.endDate, context.today) === 'ENDED') continue;
      toEnd.push(record);
    }
    const ended: ItemResult[] = [];
    for (let start = 0; start < toEnd.length; start += MEMBERSHIPS_PER_TRANSACTION) {
      const chunk = toEnd.slice(start, start + MEMBERSHIPS_PER_TRANSACTION);
      const outcome = await this.writer.write(
        chunk.map((record) => ({ kind: 'put', type: 'ProgramMembership', record: { ...record, endDate: context.today } })),
        { writtenBy: 'api', deadline: context.deadline },
      );
      const versions = new Map(outcome.written.map((w) => [w.id, w.version]));
      for (const record of chunk) {
        ended.push({ index: -1, externalId: record.externalId!, outcome: 'UPDATED', membershipId: record.id, version: versions.get(record.id) ?? null, error: null });
      }
    }
    await conditionalUpdate(this.store, {
      Key: key,
      UpdateExpression: 'SET committed = :yes, #type = if_not_exists(#type, :type), #ttl = :ttl',
      ConditionExpression: 'attribute_not_exists(committed) OR committed = :no',
      ExpressionAttributeNames: { '#type': ENTITY_TYPE_ATTRIBUTE, '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: { ':yes': true, ':no': false, ':type': 'Snapshot', ':ttl': this.expiry() },
    });
    return ended;
  }
}
