import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Change, FeedFilter, FeedPositions } from '../../data';
import type { FeedEntityType } from '../../data/keys';
import { ValidationError } from '../../shared/errors';
import type { ChangeEntityType, Resolvers } from '../__generated__/resolvers';
import { slugFromIdArgument, toGlobalId } from '../ids';

const TYPE_OF_ENUM: Readonly<Record<ChangeEntityType, FeedEntityType>> = {
  CITY: 'City',
  PROGRAM: 'Program',
  PROGRAM_MEMBERSHIP: 'ProgramMembership',
  PARTNERSHIP: 'Partnership',
  PARTNERSHIP_MEMBER: 'PartnershipMember',
  ORGANIZATION: 'Organization',
  CAMPAIGN: 'Campaign',
  EVENT: 'Event',
  APPLICATION_ROUND: 'ApplicationRound',
  DATA_SOURCE: 'DataSource',
  PORTRAIT: 'Portrait',
};
const ENUM_OF_TYPE = Object.fromEntries(Object.entries(TYPE_OF_ENUM).map(([e, t]) => [t, e])) as Record<FeedEntityType, ChangeEntityType>;
const ALL_TYPES = Object.values(TYPE_OF_ENUM);

export const MAX_CHANGES_PAGE = 100;

/**
 * A portrait that is not published must leave partners' copies: the feed shows
 * it as a deletion (tombstone shape, no fields), never its record.
 */
function publicChange(change: Change): Change {
  if (change.type !== 'Portrait' || !change.record || (change.record as { published?: boolean }).published) return change;
  return { ...change, op: 'DELETE', record: null };
}

/**
 * What a cursor holds: the filter it was made for, each bucket's position
 * (`[bucket, seq, at]`), and while a full export is still paging, the key of
 * the export's last item.
 */
interface CursorState {
  v: 1;
  f: string;
  p: [string, number, number][];
  s?: [string, string];
}

function filterKey(filter: FeedFilter): string {
  return `${[...filter.types].sort().join(',')}|${filter.programId ?? ''}`;
}

function sign(key: Buffer, payload: string): string {
  // 128 bits of HMAC-SHA256 are ample against forgery and keep cursors short.
  return createHmac('sha256', key).update(payload).digest('base64url').slice(0, 22);
}

/** Opaque, signed, and stable: the same position and filter always give the same cursor. */
export function encodeCursor(key: Buffer, state: CursorState): string {
  const payload = Buffer.from(JSON.stringify(state)).toString('base64url');
  return `${payload}.${sign(key, payload)}`;
}

const invalidCursor = () => new ValidationError('"since" is not a cursor this feed issued', { argument: 'since' });

export function decodeCursor(key: Buffer, cursor: string): CursorState {
  const [payload, mac, extra] = cursor.split('.');
  if (!payload || !mac || extra !== undefined || cursor.length > 4096) throw invalidCursor();
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalidCursor();
  try {
    const state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CursorState;
    if (state.v !== 1 || !Array.isArray(state.p)) throw invalidCursor();
    return state;
  } catch {
    throw invalidCursor();
  }
}

function toPositions(state: CursorState): FeedPositions {
  const positions: FeedPositions = {};
  for (const [bucket, seq, at] of state.p) positions[bucket] = { seq, at };
  return positions;
}

function fromPositions(positions: FeedPositions): CursorState['p'] {
  return Object.entries(positions).map(([bucket, { seq, at }]) => [bucket, seq, at]);
}

export const changesResolvers: Resolvers = {
  Query: {
    changes: async (_root, args, ctx) => {
      const first = args.first ?? MAX_CHANGES_PAGE;
      if (!Number.isInteger(first) || first < 1 || first > MAX_CHANGES_PAGE) {
        throw new ValidationError(`"first" must be between 1 and ${MAX_CHANGES_PAGE}`, { argument: 'first' });
      }
      let programId: string | undefined;
      if (args.programId !== null && args.programId !== undefined) {
        programId = slugFromIdArgument('Program', args.programId) ?? undefined;
        if (!programId) throw new ValidationError('"programId" must name a programme', { argument: 'programId' });
      }
      const types = args.types && args.types.length > 0 ? [...new Set(args.types.map((t) => TYPE_OF_ENUM[t]))] : ALL_TYPES;
      const filter: FeedFilter = { types: programId ? types.filter((t) => t === 'Program' || t === 'ProgramMembership') : types, programId };
      const feed = ctx.repo.feed;
      const key = await feed.signingKey();
      const f = filterKey(filter);

      let state: CursorState;
      if (args.since === null || args.since === undefined) {
        // Captured before the export reads anything: every change the export
        // might miss commits after this point and is in the feed after it.
        state = { v: 1, f, p: fromPositions(await feed.capturePositions()) };
      } else {
        state = decodeCursor(key, args.since);
        if (state.f !== f) throw new ValidationError('This cursor was made for other "types" or "programId"', { argument: 'since' });
      }
      const positions = toPositions(state);

      if (args.since === null || args.since === undefined || state.s) {
        feed.checkRetention(positions, Object.keys(positions));
        const page = await feed.snapshot(filter, state.s ? { pk: state.s[0], sk: state.s[1] } : null, first);
        const next: CursorState = { v: 1, f, p: state.p, ...(page.after ? { s: [page.after.pk, page.after.sk] as [string, string] } : {}) };
        // After the last export page the client reads the changes made meanwhile, so there is always more.
        return { entries: page.changes.map(publicChange), nextCursor: encodeCursor(key, next), hasMore: true };
      }
      const page = await feed.read(positions, filter, first);
      return { entries: page.changes.map(publicChange), nextCursor: encodeCursor(key, { v: 1, f, p: fromPositions(page.positions) }), hasMore: page.hasMore };
    },
  },
  ChangeEntry: {
    operation: (change) => change.op,
    id: (change) => toGlobalId(change.type, change.id),
    type: (change) => ENUM_OF_TYPE[change.type],
    version: (change) => change.version,
    created: (change) => change.created,
    modified: (change) => change.modified,
    deleted: (change) => change.op === 'DELETE',
    node: (change) => (change.record ? ({ ...change.record, __typename: change.type } as never) : null),
  },
};

/** Keeps `Change` referenced from here so codegen's mapper import stays in use. */
export type { Change };
