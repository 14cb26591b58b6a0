import { ValidationError } from '../shared/errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Validates `first`: a page is 1 to 100 items; larger is an error, not a silent clamp. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new ValidationError(`"first" must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`, {
      argument: 'first',
      max: MAX_PAGE_SIZE,
    });
  }
  return first;
}

export function encodeCursor(kind: string, value: string | number): string {
  return Buffer.from(`${kind}:${value}`, 'utf8').toString('base64url');
}

/** Decodes a cursor of the expected kind, or fails with BAD_USER_INPUT. */
export function decodeCursor(kind: string, cursor: string): string {
  const invalid = () => new ValidationError('Invalid cursor: pass an endCursor from a previous page', { argument: 'after' });
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

/** Pages a fully materialised, already ordered list with offset cursors. */
export function pageOf<T>(items: readonly T[], kind: string, first: number | null | undefined, after: string | null | undefined): Page<T> {
  const size = pageSize(first);
  let start = 0;
  if (after !== null && after !== undefined) {
    const offset = Number(decodeCursor(kind, after));
    if (!Number.isInteger(offset) || offset < 0 || offset >= Math.max(items.length, 1)) {
      throw new ValidationError('Invalid cursor: pass an endCursor from a previous page', { argument: 'after' });
    }
    start = offset + 1;
  }
  const slice = items.slice(start, start + size);
  const edges = slice.map((node, i) => ({ cursor: encodeCursor(kind, start + i), node }));
  return {
    edges,
    nodes: slice,
    pageInfo: {
      hasNextPage: start + size < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: items.length,
  };
}
