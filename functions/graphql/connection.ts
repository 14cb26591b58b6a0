import { Kind, type GraphQLResolveInfo } from 'graphql';
import { cursorKind, pageOf, type Page } from './pagination';

/** The Relay arguments every connection field takes. */
export interface ConnectionArguments {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * Whether the client gave `first` a value itself. The SDL declares
 * `first: Int = 20` so tools see the default, but a client paging from the
 * end (`last: 5`) must not get "the last 5 of the first 20". An explicit null
 * counts as absent: Relay's loadPrevious sends `first: null` beside `last`.
 */
export function gaveFirst(info: GraphQLResolveInfo): boolean {
  const node = info.fieldNodes[0]?.arguments?.find((a) => a.name.value === 'first');
  if (!node || node.value.kind === Kind.NULL) return false;
  if (node.value.kind !== Kind.VARIABLE) return true;
  const value = info.variableValues[node.value.name.value];
  return value !== undefined && value !== null;
}

/**
 * A Relay connection over a list this request already holds in memory (a
 * directory or an item collection read once through the loaders): paging it
 * costs no further DynamoDB request, in either direction.
 */
export function connectionOf<T>(items: readonly T[], kind: string, args: ConnectionArguments, info: GraphQLResolveInfo): Page<T> {
  const fromEnd = args.last !== null && args.last !== undefined;
  const first = fromEnd && !gaveFirst(info) ? undefined : args.first;
  // Cursors are bound to the list's other arguments (filter, order), so one from another query is refused.
  return pageOf(items, cursorKind(kind, args as Readonly<Record<string, unknown>>), first, args.after, { last: args.last, before: args.before });
}
