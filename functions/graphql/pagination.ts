import { createHash } from 'node:crypto';
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
export function decodeCursor(kind: string, cursor: string): string {
  const invalid = () => new ValidationError('Invalid cursor: pass an endCursor from a previous page', { argument: 'after' });
  if (cursor.length === 0 || cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(`${kind}:`)) {
    const base = kind.split(SCOPE_SEPARATOR)[0]!;
    if (text.startsWith(`${base}${SCOPE_SEPARATOR}`)) {
      throw new ValidationError('This cursor belongs to the same list with other arguments (filter, search or order); pass an endCursor of this query', {
        argument: 'after',
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
