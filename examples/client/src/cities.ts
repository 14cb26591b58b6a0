// Paging through every member place with cursors, typed from schema.graphql.
import { Client, fetchExchange } from '@urql/core';
import { graphql } from './gql';

const Forward = graphql(`
  query CitiesForward($after: String) {
    cities(first: 100, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id name state }
    }
  }
`);

const Backward = graphql(`
  query CitiesBackward($before: String) {
    cities(last: 100, before: $before) {
      pageInfo { hasPreviousPage startCursor }
      nodes { id name state }
    }
  }
`);

export type City = { id: string; name: string; state: string };

/** Every member place in name order, following `endCursor` page by page. */
export async function allCities(url: string): Promise<City[]> {
  const client = new Client({ url, exchanges: [fetchExchange] });
  const cities: City[] = [];
  let after: string | null = null;
  do {
    const { data, error } = await client.query(Forward, { after }).toPromise();
    if (error || !data) throw error ?? new Error('no data');
    cities.push(...data.cities.nodes);
    after = data.cities.pageInfo.hasNextPage ? data.cities.pageInfo.endCursor : null;
  } while (after);
  return cities;
}

/** The same list walked from its end with `last`/`before`. */
export async function allCitiesFromTheEnd(url: string): Promise<City[]> {
  const client = new Client({ url, exchanges: [fetchExchange] });
  const cities: City[] = [];
  let before: string | null = null;
  do {
    const { data, error } = await client.query(Backward, { before }).toPromise();
    if (error || !data) throw error ?? new Error('no data');
    cities.unshift(...data.cities.nodes);
    before = data.cities.pageInfo.hasPreviousPage ? data.cities.pageInfo.startCursor : null;
  } while (before);
  return cities;
}
