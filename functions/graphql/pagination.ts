import { createHash } from 'node:crypto';
import { ValidationError } from '../shared/errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Validates `first` (or `last`): a page is 1 to 100 items; larger is an error, not a silent clamp. */
export function pageSize(first: number | null | undefined, argument: 'first' | 'last' = 'first'): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new ValidationError(`"${argument}" must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`, {
      argument,
      max: MAX_PAGE_SIZE,
    });
  }
  return first;
}

/** Arguments that move a page rather than choose the list; a cursor is valid across them. */
const PAGING_ARGUMENTS = new Set(['first', 'after', 'last', 'before']);
const SCOPE_SEPARATOR = '~';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/**
 * A cursor kind bound to the list a query asked for: the kind plus a digest of
 * the field's arguments other than the paging ones. A cursor is a position in
 * one ordered, filtered list; used with another filter it would name a wrong
 * place (or a start key DynamoDB rejects), so decoding refuses it instead.
 */
export function cursorKind(kind: string, args: Readonly<Record<string, unknown>>): string {
  const chosen = Object.fromEntries(Object.entries(args).filter(([name]) => !PAGING_ARGUMENTS.has(name)));
  const digest = createHash('sha256').update(JSON.stringify(canonical(chosen))).digest('base64url').slice(0, 12);
  return `${kind}${SCOPE_SEPARATOR}${digest}`;
}

export function encodeCursor(kind: string, value: string | number): string {
  return Buffer.from(`${kind}:${value}`, 'utf8').toString('base64url');
}

/** Decodes a cursor of the expected kind, or fails with BAD_USER_INPUT. */
export function decodeCursor(kind: string, cursor: string, argument: 'after' | 'before' = 'after'): string {
  const invalid = () => new ValidationError('Invalid cursor: pass a cursor from a previous page of the same list', { argument });
  if (cursor.length === 0 || cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(`${kind}:`)) {
    const base = kind.split(SCOPE_SEPARATOR)[0]!;
    if (text.startsWith(`${base}${SCOPE_SEPARATOR}`)) {
      throw new ValidationError('This cursor belongs to the same list with other arguments (filter, search or order); pass a cursor of this query', {
        argument,
      });
    }
    throw invalid();
  }
  return text.slice(kind.length + 1);
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** Paging from the end: `last` items before the `before` cursor. */
export interface Backward {
  last?: number | null;
  before?: string | null;
}

/**
 * Pages a fully materialised, already ordered list with offset cursors, in
 * either direction (Relay's algorithm: `after`/`before` cut the list, then
 * `first` takes from the front and `last` from the back). Without `last`,
 * `first` defaults to 20. `hasPreviousPage`/`hasNextPage` are exact in both
 * directions, since the whole list is at hand.
 */
export function pageOf<T>(
  items: readonly T[],
  kind: string,
  first: number | null | undefined,
  after: string | null | undefined,
  backward: Backward = {},
): Page<T> {
  const offset = (cursor: string, argument: 'after' | 'before', upper: number) => {
    const value = Number(decodeCursor(kind, cursor, argument));
    if (!Number.isInteger(value) || value < 0 || value >= upper) {
      throw new ValidationError('Invalid cursor: pass a cursor from a previous page of the same list', { argument });
    }
    return value;
  };
  const fromEnd = backward.last !== null && backward.last !== undefined;
  let start = 0;
  let end = items.length;
  if (after !== null && after !== undefined) start = offset(after, 'after', Math.max(items.length, 1)) + 1;
  if (backward.before !== null && backward.before !== undefined) end = Math.max(start, offset(backward.before, 'before', Math.max(items.length, 1)));
  if (!fromEnd || (first !== null && first !== undefined)) end = Math.min(end, start + pageSize(first));
  if (fromEnd) start = Math.max(start, end - pageSize(backward.last, 'last'));
  const slice = items.slice(start, end);
  const edges = slice.map((node, i) => ({ cursor: encodeCursor(kind, start + i), node }));
  return {
    edges,
    nodes: slice,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: items.length,
  };
}
