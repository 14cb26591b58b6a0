// A city page as a Relay app writes it: the page query spreads fragments that
// each component owns. Compiled by test/schema/relay.test.ts with
// relay-compiler against the published schema.graphql; run by
// test/schema/relay-runtime.test.ts with relay-runtime (react-relay's hooks
// only call it, so React is not installed).
//
// Paginated fragments declare `first` without a default: loadPrevious sends
// `first: null` beside `last`, and relay-runtime would put a declared default
// in its place, asking the server for "the last n of the first 20". The first
// page's size is given where the fragment is spread, with @arguments.
import { graphql } from 'react-relay';

export const cityPageQuery = graphql`
  query CityPageQuery($id: ID!) {
    city(id: $id) {
      ...CityHeader_city
      ...CityEvents_city @arguments(first: 5)
      ...CityOrganizations_city @arguments(first: 10)
    }
  }
`;

/** Refetchable on its own: Relay refetches it through `node(id:)`. */
export const cityHeader = graphql`
  fragment CityHeader_city on City @refetchable(queryName: "CityHeaderRefetchQuery") {
    id
    name
    kind
    state
    networkStatus
    website
    population {
      value
      asOf
    }
    location {
      lat
      lon
    }
  }
`;

/** The place's events, paged in both directions (loadNext and loadPrevious). */
export const cityEvents = graphql`
  fragment CityEvents_city on City
  @refetchable(queryName: "CityEventsPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int" }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
  ) {
    eventsConnection(first: $first, after: $after, last: $last, before: $before)
      @connection(key: "CityEvents_eventsConnection") {
      totalCount
      edges {
        node {
          id
          name
          kind
          startDate
        }
      }
    }
  }
`;

export const cityOrganizations = graphql`
  fragment CityOrganizations_city on City
  @refetchable(queryName: "CityOrganizationsPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int" }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
  ) {
    organizationsConnection(first: $first, after: $after, last: $last, before: $before)
      @connection(key: "CityOrganizations_organizationsConnection") {
      totalCount
      edges {
        node {
          id
          name
          kind
        }
      }
    }
  }
`;
