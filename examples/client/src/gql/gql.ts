/* eslint-disable */
import * as types from './graphql';
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query Cities($after: String) {\n  cities(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id name state } }\n}": typeof types.CitiesDocument,
    "query Changes($since: String) {\n  changes(since: $since) { hasMore nextCursor entries { operation id version node { ... on City { name } } } }\n}": typeof types.ChangesDocument,
    "\n  query ListCities($first: Int, $after: String, $last: Int, $before: String, $filter: CityFilter) {\n    cities(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id name state }\n    }\n  }\n": typeof types.ListCitiesDocument,
    "\n  query ListMunicipalities($first: Int, $after: String, $last: Int, $before: String, $filter: MunicipalityFilter) {\n    municipalities(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id ags name }\n    }\n  }\n": typeof types.ListMunicipalitiesDocument,
    "\n  query ListOrganizations($first: Int, $after: String, $last: Int, $before: String, $filter: OrganizationFilter) {\n    organizations(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id name kind }\n    }\n  }\n": typeof types.ListOrganizationsDocument,
    "\n  query ListEvents($first: Int, $after: String, $last: Int, $before: String, $filter: EventFilter) {\n    eventsConnection(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id name startDate }\n    }\n  }\n": typeof types.ListEventsDocument,
    "\n  query ListCampaigns($first: Int, $after: String, $last: Int, $before: String) {\n    campaignsConnection(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id name launchDate }\n    }\n  }\n": typeof types.ListCampaignsDocument,
    "\n  query ListPartnerships($first: Int, $after: String, $last: Int, $before: String, $filter: PartnershipFilter) {\n    partnershipsConnection(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id name kind }\n    }\n  }\n": typeof types.ListPartnershipsDocument,
    "\n  query ListProgramMemberships($program: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    program(id: $program) {\n      membershipsConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id participantName status }\n      }\n    }\n  }\n": typeof types.ListProgramMembershipsDocument,
    "\n  query ListPartnershipMembers($partnership: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    partnership(id: $partnership) {\n      membersConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id role }\n      }\n    }\n  }\n": typeof types.ListPartnershipMembersDocument,
    "\n  query ListPartnershipCities($partnership: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    partnership(id: $partnership) {\n      citiesConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id name }\n      }\n    }\n  }\n": typeof types.ListPartnershipCitiesDocument,
    "\n  query ListPartnershipOrganizations($partnership: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    partnership(id: $partnership) {\n      organizationsConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id name }\n      }\n    }\n  }\n": typeof types.ListPartnershipOrganizationsDocument,
    "\n  query ListCityOrganizations($city: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    city(id: $city) {\n      organizationsConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id name }\n      }\n    }\n  }\n": typeof types.ListCityOrganizationsDocument,
    "\n  query ListCityEvents($city: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    city(id: $city) {\n      eventsConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id name startDate }\n      }\n    }\n  }\n": typeof types.ListCityEventsDocument,
    "\n  query ListCampaignPortraits($campaign: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    campaign(id: $campaign) {\n      portraits(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id displayName }\n      }\n    }\n  }\n": typeof types.ListCampaignPortraitsDocument,
};
const documents: Documents = {
    "query Cities($after: String) {\n  cities(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id name state } }\n}": types.CitiesDocument,
    "query Changes($since: String) {\n  changes(since: $since) { hasMore nextCursor entries { operation id version node { ... on City { name } } } }\n}": types.ChangesDocument,
    "\n  query ListCities($first: Int, $after: String, $last: Int, $before: String, $filter: CityFilter) {\n    cities(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id name state }\n    }\n  }\n": types.ListCitiesDocument,
    "\n  query ListMunicipalities($first: Int, $after: String, $last: Int, $before: String, $filter: MunicipalityFilter) {\n    municipalities(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id ags name }\n    }\n  }\n": types.ListMunicipalitiesDocument,
    "\n  query ListOrganizations($first: Int, $after: String, $last: Int, $before: String, $filter: OrganizationFilter) {\n    organizations(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id name kind }\n    }\n  }\n": types.ListOrganizationsDocument,
    "\n  query ListEvents($first: Int, $after: String, $last: Int, $before: String, $filter: EventFilter) {\n    eventsConnection(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id name startDate }\n    }\n  }\n": types.ListEventsDocument,
    "\n  query ListCampaigns($first: Int, $after: String, $last: Int, $before: String) {\n    campaignsConnection(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id name launchDate }\n    }\n  }\n": types.ListCampaignsDocument,
    "\n  query ListPartnerships($first: Int, $after: String, $last: Int, $before: String, $filter: PartnershipFilter) {\n    partnershipsConnection(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id name kind }\n    }\n  }\n": types.ListPartnershipsDocument,
    "\n  query ListProgramMemberships($program: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    program(id: $program) {\n      membershipsConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id participantName status }\n      }\n    }\n  }\n": types.ListProgramMembershipsDocument,
    "\n  query ListPartnershipMembers($partnership: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    partnership(id: $partnership) {\n      membersConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id role }\n      }\n    }\n  }\n": types.ListPartnershipMembersDocument,
    "\n  query ListPartnershipCities($partnership: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    partnership(id: $partnership) {\n      citiesConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id name }\n      }\n    }\n  }\n": types.ListPartnershipCitiesDocument,
    "\n  query ListPartnershipOrganizations($partnership: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    partnership(id: $partnership) {\n      organizationsConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id name }\n      }\n    }\n  }\n": types.ListPartnershipOrganizationsDocument,
    "\n  query ListCityOrganizations($city: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    city(id: $city) {\n      organizationsConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id name }\n      }\n    }\n  }\n": types.ListCityOrganizationsDocument,
    "\n  query ListCityEvents($city: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    city(id: $city) {\n      eventsConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id name startDate }\n      }\n    }\n  }\n": types.ListCityEventsDocument,
    "\n  query ListCampaignPortraits($campaign: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    campaign(id: $campaign) {\n      portraits(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id displayName }\n      }\n    }\n  }\n": types.ListCampaignPortraitsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Cities($after: String) {\n  cities(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id name state } }\n}"): (typeof documents)["query Cities($after: String) {\n  cities(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id name state } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Changes($since: String) {\n  changes(since: $since) { hasMore nextCursor entries { operation id version node { ... on City { name } } } }\n}"): (typeof documents)["query Changes($since: String) {\n  changes(since: $since) { hasMore nextCursor entries { operation id version node { ... on City { name } } } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListCities($first: Int, $after: String, $last: Int, $before: String, $filter: CityFilter) {\n    cities(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id name state }\n    }\n  }\n"): (typeof documents)["\n  query ListCities($first: Int, $after: String, $last: Int, $before: String, $filter: CityFilter) {\n    cities(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id name state }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListMunicipalities($first: Int, $after: String, $last: Int, $before: String, $filter: MunicipalityFilter) {\n    municipalities(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id ags name }\n    }\n  }\n"): (typeof documents)["\n  query ListMunicipalities($first: Int, $after: String, $last: Int, $before: String, $filter: MunicipalityFilter) {\n    municipalities(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id ags name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListOrganizations($first: Int, $after: String, $last: Int, $before: String, $filter: OrganizationFilter) {\n    organizations(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id name kind }\n    }\n  }\n"): (typeof documents)["\n  query ListOrganizations($first: Int, $after: String, $last: Int, $before: String, $filter: OrganizationFilter) {\n    organizations(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id name kind }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListEvents($first: Int, $after: String, $last: Int, $before: String, $filter: EventFilter) {\n    eventsConnection(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id name startDate }\n    }\n  }\n"): (typeof documents)["\n  query ListEvents($first: Int, $after: String, $last: Int, $before: String, $filter: EventFilter) {\n    eventsConnection(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id name startDate }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListCampaigns($first: Int, $after: String, $last: Int, $before: String) {\n    campaignsConnection(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id name launchDate }\n    }\n  }\n"): (typeof documents)["\n  query ListCampaigns($first: Int, $after: String, $last: Int, $before: String) {\n    campaignsConnection(first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id name launchDate }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListPartnerships($first: Int, $after: String, $last: Int, $before: String, $filter: PartnershipFilter) {\n    partnershipsConnection(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id name kind }\n    }\n  }\n"): (typeof documents)["\n  query ListPartnerships($first: Int, $after: String, $last: Int, $before: String, $filter: PartnershipFilter) {\n    partnershipsConnection(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      nodes { id name kind }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListProgramMemberships($program: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    program(id: $program) {\n      membershipsConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id participantName status }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ListProgramMemberships($program: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    program(id: $program) {\n      membershipsConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id participantName status }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListPartnershipMembers($partnership: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    partnership(id: $partnership) {\n      membersConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id role }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ListPartnershipMembers($partnership: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    partnership(id: $partnership) {\n      membersConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id role }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListPartnershipCities($partnership: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    partnership(id: $partnership) {\n      citiesConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id name }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ListPartnershipCities($partnership: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    partnership(id: $partnership) {\n      citiesConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id name }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListPartnershipOrganizations($partnership: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    partnership(id: $partnership) {\n      organizationsConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id name }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ListPartnershipOrganizations($partnership: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    partnership(id: $partnership) {\n      organizationsConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id name }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListCityOrganizations($city: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    city(id: $city) {\n      organizationsConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id name }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ListCityOrganizations($city: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    city(id: $city) {\n      organizationsConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id name }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListCityEvents($city: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    city(id: $city) {\n      eventsConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id name startDate }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ListCityEvents($city: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    city(id: $city) {\n      eventsConnection(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id name startDate }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListCampaignPortraits($campaign: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    campaign(id: $campaign) {\n      portraits(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id displayName }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ListCampaignPortraits($campaign: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    campaign(id: $campaign) {\n      portraits(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        nodes { id displayName }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;