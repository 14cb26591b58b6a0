// A campaign's page with its published portraits, paged both ways.
import { graphql } from 'react-relay';

export const campaignPageQuery = graphql`
  query CampaignPageQuery($id: ID!) {
    campaign(id: $id) {
      name
      description
      ...CampaignPortraits_campaign @arguments(first: 12)
    }
  }
`;

export const campaignPortraits = graphql`
  fragment CampaignPortraits_campaign on Campaign
  @refetchable(queryName: "CampaignPortraitsPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int" }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
  ) {
    portraits(first: $first, after: $after, last: $last, before: $before)
      @connection(key: "CampaignPortraits_portraits") {
      totalCount
      edges {
        node {
          id
          displayName
          quote
          photo {
            url
            altText
          }
        }
      }
    }
  }
`;
