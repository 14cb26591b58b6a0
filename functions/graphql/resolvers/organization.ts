import type { OrganizationRecord } from '../../data/model';
import type { OrganizationKind, Resolvers } from '../__generated__/resolvers';
import { toGlobalId } from '../ids';
import { connectionOf } from '../connection';
import { cityIdArgument } from './city';
import { byName, loadByIdArgument, matchesSearch, found } from './shared';

/** The stored kind for an `OrganizationKind` argument: `PROGRAM_OFFICE` is the new name of the deprecated `PROGRAMME_OFFICE`, which the store keeps. */
function storedOrganizationKind(kind: OrganizationKind): OrganizationRecord['kind'] {
  return kind === 'PROGRAM_OFFICE' ? 'PROGRAMME_OFFICE' : kind;
}

export const organizationResolvers: Resolvers = {
  Query: {
    organization: (_root, args, ctx) => loadByIdArgument('Organization', args.id, ctx.loaders.organization),
    organizations: async (_root, args, ctx, info) => {
      const cityId = cityIdArgument(args.filter?.cityId);
      const list = (await ctx.loaders.allOrganizations())
        .filter((o) => !args.filter?.kind || o.kind === storedOrganizationKind(args.filter.kind))
        .filter((o) => !cityId || o.cityId === cityId)
        .filter((o) => matchesSearch(o.name, args.filter?.search))
        .sort(byName);
      return connectionOf(list, 'organization', args, info);
    },
  },
  Organization: {
    id: (organization) => toGlobalId('Organization', organization.id),
    slug: (organization) => organization.id,
    sourceUrls: (organization) => organization.sourceUrls ?? [],
    city: (organization, _args, ctx) => (organization.cityId ? ctx.loaders.city.load(organization.cityId) : null),
    partnerships: async (organization, _args, ctx) => {
      const edges = await ctx.loaders.organizationEdges.load(organization.id);
      const ids = [...new Set(edges.map((e) => e.partnershipId))];
      return found(await ctx.loaders.partnership.loadMany(ids)).sort(byName);
    },
    programs: async (organization, _args, ctx) => {
      const { programs } = await ctx.loaders.programDirectory();
      return programs.filter((p) => (p.sponsorOrganizationIds ?? []).includes(organization.id)).sort(byName);
    },
  },
};
