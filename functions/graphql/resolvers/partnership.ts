import type { OrganizationRecord, PartnershipRecord } from '../../data/model';
import type { PartnershipFilter, Resolvers } from '../__generated__/resolvers';
import { connectionOf } from '../connection';
import type { GraphQLContext } from '../context';
import { toGlobalId } from '../ids';
import { cityIdArgument } from './city';
import { byName, byNameIn, loadByIdArgument, matchesSearch, found, orderedBy, stateArgument } from './shared';

async function listPartnerships(ctx: GraphQLContext, filter: PartnershipFilter | null | undefined): Promise<PartnershipRecord[]> {
  const { partnerships, membersByPartnership } = await ctx.loaders.partnershipDirectory();
  const state = stateArgument(filter?.state, 'filter.state');
  const cityId = cityIdArgument(filter?.cityId);
  return partnerships
    .filter((p) => !filter?.kind || p.kind === filter.kind)
    .filter((p) => !state || p.states.includes(state))
    .filter((p) => matchesSearch(p.name, filter?.search))
    .filter((p) => !cityId || (membersByPartnership.get(p.id) ?? []).some((m) => m.memberType === 'City' && m.memberId === cityId));
}

/** Member places of a partnership, by name. */
async function partnershipCities(partnership: PartnershipRecord, ctx: GraphQLContext) {
  const members = await ctx.loaders.partnershipMembers.load(partnership.id);
  const ids = members.filter((m) => m.memberType === 'City').map((m) => m.memberId);
  return found(await ctx.loaders.city.loadMany(ids)).sort(byName);
}

/** A partnership's member organisations by name, from its member collection read once per request. */
async function memberOrganizations(partnershipId: string, ctx: GraphQLContext): Promise<OrganizationRecord[]> {
  const members = await ctx.loaders.partnershipMembers.load(partnershipId);
  const ids = members.filter((m) => m.memberType === 'Organization').map((m) => m.memberId);
  return found(await ctx.loaders.organization.loadMany(ids)).sort(byName);
}

export const partnershipResolvers: Resolvers = {
  Query: {
    partnership: (_root, args, ctx) => loadByIdArgument('Partnership', args.id, ctx.loaders.partnership),
    partnerships: async (_root, args, ctx) => (await listPartnerships(ctx, args.filter)).sort(byName),
    partnershipsConnection: async (_root, args, ctx, info) => {
      const list = await listPartnerships(ctx, args.filter);
      const sorted =
        args.orderBy?.field === 'START_DATE'
          ? orderedBy(list, (p) => p.startDate, args.orderBy.direction, byName)
          : list.sort(byNameIn(args.orderBy?.direction));
      return connectionOf(sorted, 'partnership', args, info);
    },
  },
  Partnership: {
    id: (partnership) => toGlobalId('Partnership', partnership.id),
    slug: (partnership) => partnership.id,
    states: (partnership) => partnership.states ?? [],
    sourceUrls: (partnership) => partnership.sourceUrls ?? [],
    members: (partnership, _args, ctx) => ctx.loaders.partnershipMembers.load(partnership.id),
    membersConnection: async (partnership, args, ctx, info) =>
      connectionOf(await ctx.loaders.partnershipMembers.load(partnership.id), 'partnership-member', args, info),
    cities: (partnership, _args, ctx) => partnershipCities(partnership, ctx),
    citiesConnection: async (partnership, args, ctx, info) =>
      connectionOf(await partnershipCities(partnership, ctx), 'partnership-city', args, info),
    organizations: (partnership, _args, ctx) => memberOrganizations(partnership.id, ctx),
    organizationsConnection: async (partnership, args, ctx, info) =>
      connectionOf(await memberOrganizations(partnership.id, ctx), `partnership-organization:${partnership.id}`, args, info),
    supporters: async (partnership, _args, ctx) =>
      found(await ctx.loaders.organization.loadMany(partnership.supporterOrganizationIds ?? [])),
    campaigns: async (partnership, _args, ctx) =>
      (await ctx.loaders.allCampaigns()).filter((c) => c.partnershipId === partnership.id),
  },
  PartnershipMember: {
    id: (member) => toGlobalId('PartnershipMember', member.id),
    sourceUrls: (member) => member.sourceUrls ?? [],
    partnership: async (member, _args, ctx) => {
      const partnership = await ctx.loaders.partnership.load(member.partnershipId);
      if (!partnership) throw new Error(`Member ${member.id} names missing partnership ${member.partnershipId}`);
      return partnership;
    },
    member: async (member, _args, ctx) => {
      const record =
        member.memberType === 'City'
          ? await ctx.loaders.city.load(member.memberId)
          : await ctx.loaders.organization.load(member.memberId);
      if (!record) throw new Error(`Member ${member.id} names missing ${member.memberType} ${member.memberId}`);
      return record;
    },
  },
  PartnershipParticipant: {
    // Cities carry an AGS history; organisations never do.
    __resolveType: (participant) => ('agsHistory' in participant ? 'City' : 'Organization'),
  },
};
