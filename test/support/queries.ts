/**
 * Documented operations several tests run: one definition, so the request-count
 * test and the limits test measure the same query.
 */

/** The network map a widget draws: a page of cities with everything around them. */
export const NETWORK_MAP_QUERY = `query($first: Int) { cities(first: $first) { nodes {
  name location { lat lon }
  memberships { status program { name sponsors { name } } }
  partnerships { name cities { name } organizations { name } }
  campaigns { name } events { name } organizations { name }
  coordinationOffice { hostOrganization { name } }
  municipality { eligibility { status } }
} } }`;
