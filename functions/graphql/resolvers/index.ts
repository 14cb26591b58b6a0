import type { Resolvers } from '../__generated__/resolvers';
import { activityResolvers } from './activity';
import { campaignResolvers } from './campaign';
import { changesResolvers } from './changes';
import { cityResolvers } from './city';
import { municipalityResolvers } from './municipality';
import { networkResolvers } from './network';
import { organizationResolvers } from './organization';
import { partnershipResolvers } from './partnership';
import { programResolvers } from './program';
import { syncResolvers } from './sync';
import { partialDateScalar, stateCodeScalar, urlScalar } from './scalars';

const modules: Resolvers[] = [
  cityResolvers,
  programResolvers,
  partnershipResolvers,
  organizationResolvers,
  activityResolvers,
  campaignResolvers,
  municipalityResolvers,
  networkResolvers,
  changesResolvers,
  syncResolvers,
];

/** All resolvers, merged per type. Typed as `Resolvers` so a wrong signature fails type-checking. */
export const resolvers: Resolvers = modules.reduce<Resolvers>(
  (merged, module) => {
    for (const [type, fields] of Object.entries(module)) {
      const target = merged as Record<string, object>;
      target[type] = { ...(target[type] ?? {}), ...(fields as object) };
    }
    return merged;
  },
  { PartialDate: partialDateScalar, URL: urlScalar, StateCode: stateCodeScalar },
);
