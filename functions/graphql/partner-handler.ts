import { createGraphqlHandler } from './handler';
import { buildPartnerSchema } from './partner-schema';

/**
 * The partner resource's entry point (`/partner/graphql`, the `PartnerGraphql`
 * function with write grants): the public schema plus the private one
 * (moderation, consent, erasure). Same HTTP layer, principal and limits as the
 * public entry.
 */
export const handler = createGraphqlHandler(buildPartnerSchema);
