// The directories of the site: municipalities, organisations, events,
// campaigns and partnerships, each a fragment on Query that Relay pages with
// loadNext and loadPrevious (one @connection per @refetchable fragment, as
// usePaginationFragment needs).
import { graphql } from 'react-relay';

export const directoryQuery = graphql`
  query DirectoryQuery($state: String) {
    ...DirectoryMunicipalities_query @arguments(first: 50, state: $state)
    ...DirectoryOrganizations_query @arguments(first: 20)
    ...DirectoryEvents_query @arguments(first: 10)
    ...DirectoryCampaigns_query @arguments(first: 10)
    ...DirectoryPartnerships_query @arguments(first: 20)
  }
`;

/** The Zensus 2022 reference table of one state; paged in the database, so only first/after or last/before at once. */
export const directoryMunicipalities = graphql`
  fragment DirectoryMunicipalities_query on Query
  @refetchable(queryName: "DirectoryMunicipalitiesPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int" }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
    state: { type: "String" }
  ) {
    municipalities(first: $first, after: $after, last: $last, before: $before, filter: { state: $state })
      @connection(key: "DirectoryMunicipalities_municipalities") {
      totalCount
      edges {
        node {
          id
          ags
          name
          population {
            value
          }
        }
      }
    }
  }
`;

export const directoryOrganizations = graphql`
  fragment DirectoryOrganizations_query on Query
  @refetchable(queryName: "DirectoryOrganizationsPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int" }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
  ) {
    organizations(first: $first, after: $after, last: $last, before: $before)
      @connection(key: "DirectoryOrganizations_organizations") {
      totalCount
      edges {
        node {
          id
          name
          kind
          website
        }
      }
    }
  }
`;

export const directoryEvents = graphql`
  fragment DirectoryEvents_query on Query
  @refetchable(queryName: "DirectoryEventsPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int" }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
    orderBy: { type: "EventOrder" }
  ) {
    eventsConnection(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy)
      @connection(key: "DirectoryEvents_eventsConnection", filters: ["orderBy"]) {
      totalCount
      edges {
        node {
          id
          name
          kind
          startDate
          city {
            name
          }
        }
      }
    }
  }
`;

export const directoryCampaigns = graphql`
  fragment DirectoryCampaigns_query on Query
  @refetchable(queryName: "DirectoryCampaignsPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int" }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
  ) {
    campaignsConnection(first: $first, after: $after, last: $last, before: $before)
      @connection(key: "DirectoryCampaigns_campaignsConnection") {
      totalCount
      edges {
        node {
          id
          name
          launchDate
          status
        }
      }
    }
  }
`;

export const directoryPartnerships = graphql`
  fragment DirectoryPartnerships_query on Query
  @refetchable(queryName: "DirectoryPartnershipsPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int" }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
    filter: { type: "PartnershipFilter" }
  ) {
    partnershipsConnection(first: $first, after: $after, last: $last, before: $before, filter: $filter)
      @connection(key: "DirectoryPartnerships_partnershipsConnection", filters: ["filter"]) {
      totalCount
      edges {
        node {
          id
          name
          kind
          states
        }
      }
    }
  }
`;
