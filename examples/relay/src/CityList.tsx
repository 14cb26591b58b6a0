// The directory of member places: a paginated list over Query.cities that
// pages forward and backward, sorted and filtered.
import { graphql } from 'react-relay';

export const cityListQuery = graphql`
  query CityListQuery {
    ...CityList_query @arguments(first: 20)
  }
`;

export const cityList = graphql`
  fragment CityList_query on Query
  @refetchable(queryName: "CityListPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int" }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
    filter: { type: "CityFilter" }
    orderBy: { type: "CityOrder" }
  ) {
    cities(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy)
      @connection(key: "CityList_cities", filters: ["filter", "orderBy"]) {
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

/** A programme's memberships: 125 for Engagierte Stadt alone, so paged both ways. */
export const programMembers = graphql`
  fragment CityList_program on Program
  @refetchable(queryName: "ProgramMembersPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int" }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
  ) {
    membershipsConnection(first: $first, after: $after, last: $last, before: $before)
      @connection(key: "CityList_membershipsConnection") {
      totalCount
      edges {
        node {
          id
          participantName
          status
          city {
            id
          }
        }
      }
    }
  }
`;
