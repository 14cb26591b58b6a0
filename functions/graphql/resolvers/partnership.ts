import type { Resolvers } from '../__generated__/resolvers';
import { toGlobalId } from '../ids';
import { cityIdArgument } from './city';
import { byName, loadByIdArgument, matchesSearch, found, stateArgument } from './shared';

export const partnershipResolvers: Resolvers = {
  Query: {
    partnership: (_root, args, ctx) => loadByIdArgument('Partnership', args.id, ctx.loaders.partnership),
    partnerships: async (_root, args, ctx) => {
      const { partnerships, membersByPartnership } = await ctx.loaders.partnershipDirectory();
      const state = stateArgument(args.filter?.state, 'filter.state');
      const cityId = cityIdArgument(args.filter?.cityId);
      return partnerships
        .filter((p) => !args.filter?.kind || p.kind === args.filter.kind)
        .filter((p) => !state || p.states.includes(state))
        .filter((p) => matchesSearch(p.name, args.filter?.search))
        .filter(
          (p) =>
            !cityId ||
            (membersByPartnership.get(p.id) ?? []).some((m) => m.memberType === 'City' && m.memberId === cityId),
        )
        .sort(byName);
    },
  },
  Partnership: {
    id: (partnership) => toGlobalId('Partnership', partnership.id),
    slug: (partnership) => partnership.id,
    states: (partnership) => partnership.states ?? [],
    sourceUrls: (partnership) => partnership.sourceUrls ?? [],
    members: (partnership, _args, ctx) => ctx.loaders.partnershipMembers.load(partnership.id),
    cities: async (partnership, _args, ctx) => {
      const members = await ctx.loaders.partnershipMembers.load(partnership.id);
      const ids = members.filter((m) => m.memberType === 'City').map((m) => m.memberId);
      return found(await ctx.loaders.city.loadMany(ids)).sort(byName);
    },
    organizations: async (partnership, _args, ctx) => {
      const members = await ctx.loaders.partnershipMembers.load(partnership.id);
      const ids = members.filter((m) => m.memberType === 'Organization').map((m) => m.memberId);
      return found(await ctx.loaders.organization.loadMany(ids)).sort(byName);
    },
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
