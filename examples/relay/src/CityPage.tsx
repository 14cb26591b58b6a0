// A city page as a Relay app writes it: the page query spreads fragments that
// each component owns. Compiled by test/schema/relay.test.ts with
// relay-compiler against the published schema.graphql; runtime packages
// (react-relay) are not needed for that and are not installed.
import { graphql } from 'react-relay';

export const cityPageQuery = graphql`
  query CityPageQuery($id: ID!) {
    city(id: $id) {
      ...CityHeader_city
      ...CityEvents_city
      ...CityOrganizations_city
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
    first: { type: "Int", defaultValue: 10 }
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
