// Paging any Relay connection of the API to its end and back to its start,
// with the types graphql-codegen generated for the operation.
import type { AnyVariables, Client, TypedDocumentNode } from '@urql/core';

/** What every connection of the API answers, whatever its node type. */
export interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor?: string | null; endCursor?: string | null };
  nodes: ReadonlyArray<{ id: string }>;
}

/** The four Relay arguments; each list operation declares them as variables. */
export interface PageVariables {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A whole list in its order, and the `totalCount` the server reported. */
export interface Walk {
  nodes: Array<Page['nodes'][number]>;
  totalCount: number;
  pages: number;
}

/** A runaway guard: a server that never ends a list must not hang the client. */
const MAX_PAGES = 1000;

async function page<Data, Vars extends AnyVariables>(client: Client, document: TypedDocumentNode<Data, Vars>, variables: Vars, pick: (data: Data) => Page | null | undefined): Promise<Page> {
  const { data, error } = await client.query(document, variables).toPromise();
  if (error) throw error;
  const connection = data ? pick(data) : undefined;
  if (!connection) throw new Error('the answer holds no connection (unknown parent?)');
  return connection;
}

/** Follows `endCursor` with `first`/`after` until `hasNextPage` is false. */
export async function walkForward<Data, Vars extends AnyVariables & PageVariables>(
  client: Client,
  document: TypedDocumentNode<Data, Vars>,
  variables: Omit<Vars, keyof PageVariables>,
  pick: (data: Data) => Page | null | undefined,
  size = 100,
): Promise<Walk> {
  const walk: Walk = { nodes: [], totalCount: -1, pages: 0 };
  let after: string | null = null;
  do {
    const connection: Page = await page(client, document, { ...variables, first: size, after } as Vars, pick);
    walk.nodes.push(...connection.nodes);
    walk.totalCount = connection.totalCount;
    after = connection.pageInfo.hasNextPage ? (connection.pageInfo.endCursor ?? null) : null;
    if (++walk.pages > MAX_PAGES) throw new Error(`more than ${MAX_PAGES} pages`);
  } while (after);
  return walk;
}

/** Starts at the end with `last` and follows `startCursor` with `before` until `hasPreviousPage` is false. */
export async function walkBackward<Data, Vars extends AnyVariables & PageVariables>(
  client: Client,
  document: TypedDocumentNode<Data, Vars>,
  variables: Omit<Vars, keyof PageVariables>,
  pick: (data: Data) => Page | null | undefined,
  size = 100,
): Promise<Walk> {
  const walk: Walk = { nodes: [], totalCount: -1, pages: 0 };
  let before: string | null = null;
  do {
    const connection: Page = await page(client, document, { ...variables, last: size, before } as Vars, pick);
    walk.nodes.unshift(...connection.nodes);
    walk.totalCount = connection.totalCount;
    before = connection.pageInfo.hasPreviousPage ? (connection.pageInfo.startCursor ?? null) : null;
    if (++walk.pages > MAX_PAGES) throw new Error(`more than ${MAX_PAGES} pages`);
  } while (before);
  return walk;
}
