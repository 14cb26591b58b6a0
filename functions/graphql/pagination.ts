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

export function encodeCursor(kind: string, value: string | number): string {
  return Buffer.from(`${kind}:${value}`, 'utf8').toString('base64url');
}

/** Decodes a cursor of the expected kind, or fails with BAD_USER_INPUT. */
export function decodeCursor(kind: string, cursor: string, argument: 'after' | 'before' = 'after'): string {
  const invalid = () => new ValidationError('Invalid cursor: pass a cursor from a previous page of the same list', { argument });
  if (cursor.length === 0 || cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(`${kind}:`)) throw invalid();
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
