import { Client, fetchExchange } from '@urql/core';
import { graphql } from './gql';

const Cities = graphql(`query Cities($after: String) {
  cities(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id name state } }
}`);
const Changes = graphql(`query Changes($since: String) {
  changes(since: $since) { hasMore nextCursor entries { operation id version node { ... on City { name } } } }
}`);
export const connect = (url: string) => new Client({ url, exchanges: [fetchExchange] });

/** Every member place in name order, following `endCursor` page by page. */
export async function allCities(client: Client) {
  const cities = [];
  for (let after: string | null = null, more = true; more; ) {
    const { data, error } = await client.query(Cities, { after }).toPromise();
    if (!data) throw error;
    cities.push(...data.cities.nodes);
    [after, more] = [data.cities.pageInfo.endCursor ?? null, data.cities.pageInfo.hasNextPage];
  }
  return cities;
}
/** Changes after `since` (none: a full export first) until caught up; poll again from `cursor`. */
export async function follow(client: Client, since: string | null = null) {
  const entries = [];
  for (let more = true; more; ) {
    const { data, error } = await client.query(Changes, { since }).toPromise();
    if (!data) throw error;
    entries.push(...data.changes.entries);
    [since, more] = [data.changes.nextCursor, data.changes.hasMore];
  }
  return { entries, cursor: since };
}
