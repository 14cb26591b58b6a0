import { yearOf } from '../../shared/dates';
import type { Resolvers } from '../__generated__/resolvers';
import { fromGlobalId, type NodeType } from '../ids';
import type { RecordView } from '../loaders';
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
      if (type === 'Municipality' && !/^\d{8}$/.test(key)) return null;
      const views: Record<NodeType, RecordView<object>> = {
        City: ctx.loaders.city,
        Program: ctx.loaders.program,
        ProgramMembership: ctx.loaders.membership,
        Partnership: ctx.loaders.partnership,
        PartnershipMember: ctx.loaders.partnershipMember,
        Organization: ctx.loaders.organization,
        Campaign: ctx.loaders.campaign,
        Event: ctx.loaders.event,
        ApplicationRound: ctx.loaders.applicationRound,
        DataSource: ctx.loaders.dataSource,
        Municipality: ctx.loaders.municipality,
      };
      const record = await views[type].load(key);
      // A copy: the loader's cached record stays free of GraphQL's type tag.
      return record ? ({ ...record, __typename: type } as never) : null;
    },
  },
  Node: {
    __resolveType: (node) => (node as { __typename?: string }).__typename as never,
  },
};

