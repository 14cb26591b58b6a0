import { yearOf } from '../../shared/dates';
import type { Resolvers } from '../__generated__/resolvers';
import { fromGlobalId, type NodeType } from '../ids';
import type { GraphQLContext } from '../context';
import type { RecordView } from '../loaders';
import { ValidationError } from '../../shared/errors';
import { NETWORK_PROGRAM_ID, memberStatusOf } from './shared';

/** Most ids one `nodes` call resolves: one BatchGetItem's worth. */
export const MAX_NODE_IDS = 100;

/** Any object by global id through the request's loaders (one batch for all ids of a round), tagged with its type. */
async function resolveNode(ctx: GraphQLContext, id: string): Promise<object | null> {
  const parsed = fromGlobalId(id);
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
    Portrait: ctx.loaders.portrait,
  };
  const record = await views[type].load(key);
  // An unpublished portrait does not exist for readers of the public schema.
  if (type === 'Portrait' && record && !(record as { published?: boolean }).published) return null;
  // A copy: the loader's cached record stays free of GraphQL's type tag.
  return record ? { ...record, __typename: type } : null;
}

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
    node: (_root, args, ctx) => resolveNode(ctx, args.id) as never,
    nodes: async (_root, args, ctx) => {
      if (args.ids.length > MAX_NODE_IDS) {
        throw new ValidationError(`"ids" may name at most ${MAX_NODE_IDS} objects, got ${args.ids.length}`, { argument: 'ids', max: MAX_NODE_IDS });
      }
      // A failed read is an error at its position, never a silent null (graphql-js raises returned Errors).
      return Promise.all(args.ids.map((id) => resolveNode(ctx, id).catch((error: Error) => error))) as never;
    },
  },
  Node: {
    __resolveType: (node) => (node as { __typename?: string }).__typename as never,
  },
};

