// Every growing list of the API as a typed operation: one document per
// connection, declaring the four Relay arguments as variables so the same
// operation pages forward (first/after) and backward (last/before).
import type { AnyVariables, Client, TypedDocumentNode } from '@urql/core';
import { graphql } from './gql';
import { walkBackward, walkForward, type Page, type PageVariables, type Walk } from './paging';

const Cities = graphql(`
  query ListCities($first: Int, $after: String, $last: Int, $before: String, $filter: CityFilter) {
    cities(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { id name state }
    }
  }
`);

const Municipalities = graphql(`
  query ListMunicipalities($first: Int, $after: String, $last: Int, $before: String, $filter: MunicipalityFilter) {
    municipalities(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { id ags name }
    }
  }
`);

const Organizations = graphql(`
  query ListOrganizations($first: Int, $after: String, $last: Int, $before: String, $filter: OrganizationFilter) {
    organizations(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { id name kind }
    }
  }
`);

const Events = graphql(`
  query ListEvents($first: Int, $after: String, $last: Int, $before: String, $filter: EventFilter) {
    eventsConnection(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { id name startDate }
    }
  }
`);

const Campaigns = graphql(`
  query ListCampaigns($first: Int, $after: String, $last: Int, $before: String) {
    campaignsConnection(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { id name launchDate }
    }
  }
`);

const Partnerships = graphql(`
  query ListPartnerships($first: Int, $after: String, $last: Int, $before: String, $filter: PartnershipFilter) {
    partnershipsConnection(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { id name kind }
    }
  }
`);

const ProgramMemberships = graphql(`
  query ListProgramMemberships($program: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    program(id: $program) {
      membershipsConnection(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        nodes { id participantName status }
      }
    }
  }
`);

const PartnershipMembers = graphql(`
  query ListPartnershipMembers($partnership: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    partnership(id: $partnership) {
      membersConnection(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        nodes { id role }
      }
    }
  }
`);

const PartnershipCities = graphql(`
  query ListPartnershipCities($partnership: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    partnership(id: $partnership) {
      citiesConnection(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        nodes { id name }
      }
    }
  }
`);

const PartnershipOrganizations = graphql(`
  query ListPartnershipOrganizations($partnership: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    partnership(id: $partnership) {
      organizationsConnection(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        nodes { id name }
      }
    }
  }
`);

const CityOrganizations = graphql(`
  query ListCityOrganizations($city: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    city(id: $city) {
      organizationsConnection(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        nodes { id name }
      }
    }
  }
`);

const CityEvents = graphql(`
  query ListCityEvents($city: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    city(id: $city) {
      eventsConnection(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        nodes { id name startDate }
      }
    }
  }
`);

const CampaignPortraits = graphql(`
  query ListCampaignPortraits($campaign: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    campaign(id: $campaign) {
      portraits(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        nodes { id displayName }
      }
    }
  }
`);

/** A list: its operation and where the connection sits in the answer. */
export interface List<Data, Vars extends AnyVariables & PageVariables> {
  document: TypedDocumentNode<Data, Vars>;
  pick: (data: Data) => Page | null | undefined;
}

const list = <Data, Vars extends AnyVariables & PageVariables>(document: TypedDocumentNode<Data, Vars>, pick: (data: Data) => Page | null | undefined): List<Data, Vars> => ({
  document,
  pick,
});

/** Every Relay connection of the public schema, by its schema coordinate. */
export const LISTS = {
  'Query.cities': list(Cities, (d) => d.cities),
  'Query.municipalities': list(Municipalities, (d) => d.municipalities),
  'Query.organizations': list(Organizations, (d) => d.organizations),
  'Query.eventsConnection': list(Events, (d) => d.eventsConnection),
  'Query.campaignsConnection': list(Campaigns, (d) => d.campaignsConnection),
  'Query.partnershipsConnection': list(Partnerships, (d) => d.partnershipsConnection),
  'Program.membershipsConnection': list(ProgramMemberships, (d) => d.program?.membershipsConnection),
  'Partnership.membersConnection': list(PartnershipMembers, (d) => d.partnership?.membersConnection),
  'Partnership.citiesConnection': list(PartnershipCities, (d) => d.partnership?.citiesConnection),
  'Partnership.organizationsConnection': list(PartnershipOrganizations, (d) => d.partnership?.organizationsConnection),
  'City.organizationsConnection': list(CityOrganizations, (d) => d.city?.organizationsConnection),
  'City.eventsConnection': list(CityEvents, (d) => d.city?.eventsConnection),
  'Campaign.portraits': list(CampaignPortraits, (d) => d.campaign?.portraits),
};

/** A whole list walked both ways with pages of `size`. */
export async function walkBoth<Data, Vars extends AnyVariables & PageVariables>(
  client: Client,
  { document, pick }: List<Data, Vars>,
  variables: Omit<Vars, keyof PageVariables>,
  size: number,
): Promise<{ forward: Walk; backward: Walk }> {
  const forward = await walkForward(client, document, variables, pick, size);
  const backward = await walkBackward(client, document, variables, pick, size);
  return { forward, backward };
}
