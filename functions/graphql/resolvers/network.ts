import { yearOf } from '../../shared/dates';
import type { Resolvers } from '../__generated__/resolvers';
import { fromGlobalId } from '../ids';
import { NETWORK_PROGRAM_ID, memberStatusOf } from './shared';

export const networkResolvers: Resolvers = {
  Query: {
    networkStats: async (_root, _args, ctx) => {
      const [directory, programs, reported] = await Promise.all([
        ctx.loaders.cityDirectory(),
        ctx.loaders.programDirectory(),
        ctx.loaders.reportedMemberCounts(),
      ]);
      const memberships = (id: string) => directory.edgesByCity.get(id)?.memberships ?? [];
      const current = directory.cities.filter((c) => memberStatusOf(memberships(c.id), ctx.today) === 'CURRENT');
      const byState = new Map<string, number>();
      for (const city of current) byState.set(city.state, (byState.get(city.state) ?? 0) + 1);
      const joins = new Map<number, number>();
      for (const city of directory.cities) {
        for (const m of memberships(city.id)) {
          const year = m.programId === NETWORK_PROGRAM_ID ? yearOf(m.startDate) : null;
          if (year !== null) joins.set(year, (joins.get(year) ?? 0) + 1);
        }
      }
      return {
        currentMemberCount: current.length,
        formerMemberCount: directory.cities.length - current.length,
        totalMemberCount: directory.cities.length,
        byState: [...byState].map(([state, count]) => ({ state, count })).sort((a, b) => a.state.localeCompare(b.state)),
        byProgram: programs.programs
          .map((program) => ({
            program,
            count: current.filter((c) => memberships(c.id).some((m) => m.programId === program.id)).length,
          }))
          .sort((a, b) => b.count - a.count || a.program.id.localeCompare(b.program.id)),
        joinsByYear: [...joins].map(([year, count]) => ({ year, count })).sort((a, b) => a.year - b.year),
        reported: [...reported].sort((a, b) => a.date.localeCompare(b.date)),
      };
    },
    dataSources: async (_root, _args, ctx) => ctx.loaders.allDataSources(),
    node: async (_root, args, ctx) => {
      const parsed = fromGlobalId(args.id);
      if (!parsed) return null;
      const { type, key } = parsed;
      const tag = <T extends object>(record: T | null) => (record ? Object.assign(record, { __typename: type }) : null);
      switch (type) {
        case 'City':
          return tag(await ctx.loaders.city.load(key));
        case 'Program':
          return tag(await ctx.loaders.program.load(key));
        case 'Partnership':
          return tag(await ctx.loaders.partnership.load(key));
        case 'Organization':
          return tag(await ctx.loaders.organization.load(key));
        case 'Campaign':
          return tag(await ctx.loaders.campaign.load(key));
        case 'Event':
          return tag(await ctx.loaders.event.load(key));
        case 'ApplicationRound':
          return tag(await ctx.loaders.applicationRound.load(key));
        case 'DataSource':
          return tag(await ctx.loaders.dataSource.load(key));
        case 'ProgramMembership':
          return tag(await ctx.loaders.membership.load(key));
        case 'PartnershipMember':
          return tag(await ctx.loaders.partnershipMember.load(key));
        case 'Municipality':
          return /^\d{8}$/.test(key) ? tag(await ctx.loaders.municipality.load(key)) : null;
      }
    },
  },
  Node: {
    __resolveType: (node) => (node as { __typename?: string }).__typename as never,
  },
};

