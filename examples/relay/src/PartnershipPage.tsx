// A partnership's page: its member places, its member organisations and all
// its members, each paged both ways; refetched through node(id:).
import { graphql } from 'react-relay';

export const partnershipPageQuery = graphql`
  query PartnershipPageQuery($id: ID!) {
    partnership(id: $id) {
      name
      kind
      ...PartnershipCities_partnership @arguments(first: 20)
      ...PartnershipMembers_partnership @arguments(first: 20)
      ...PartnershipOrganizations_partnership @arguments(first: 20)
    }
  }
`;

export const partnershipCities = graphql`
  fragment PartnershipCities_partnership on Partnership
  @refetchable(queryName: "PartnershipCitiesPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int" }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
  ) {
    citiesConnection(first: $first, after: $after, last: $last, before: $before)
      @connection(key: "PartnershipCities_citiesConnection") {
      totalCount
      edges {
        node {
          id
          name
          state
        }
      }
    }
  }
`;

export const partnershipMembers = graphql`
  fragment PartnershipMembers_partnership on Partnership
  @refetchable(queryName: "PartnershipMembersPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int" }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
  ) {
    membersConnection(first: $first, after: $after, last: $last, before: $before)
      @connection(key: "PartnershipMembers_membersConnection") {
      totalCount
      edges {
        node {
          id
          role
          member {
            __typename
            ... on City {
              name
            }
            ... on Organization {
              name
            }
          }
        }
      }
    }
  }
`;

export const partnershipOrganizations = graphql`
  fragment PartnershipOrganizations_partnership on Partnership
  @refetchable(queryName: "PartnershipOrganizationsPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int" }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
  ) {
    organizationsConnection(first: $first, after: $after, last: $last, before: $before)
      @connection(key: "PartnershipOrganizations_organizationsConnection") {
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
