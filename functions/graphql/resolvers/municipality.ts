import { ValidationError } from '../../shared/errors';
import { foldName } from '../../shared/text';
import { ZENSUS_TABLE_URL, type MunicipalityRecord } from '../../data/model';
import type { MunicipalityPage, MunicipalityQuery } from '../../data';
import type { Resolvers, EligibilityStatus } from '../__generated__/resolvers';
import type { GraphQLContext } from '../context';
import { toGlobalId } from '../ids';
import { cursorKind, decodeCursor, encodeCursor, pageSize } from '../pagination';
import { currentRound } from './activity';
import { found, stateArgument } from './shared';


function eligibilityOf(population: number, min: number | null, max: number | null): EligibilityStatus {
  if (min === null && max === null) return 'UNKNOWN';
  if (min !== null && population < min) return 'TOO_SMALL';
  if (max !== null && population > max) return 'TOO_LARGE';
  return 'ELIGIBLE';
}

const bySortKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Member places are about 120 of the 10,786 municipalities: filtering the
 * municipality index for them reads all of it. The member directory names
 * their AGS, so a page is one Query (shared with the request's other city
 * reads) and a BatchGetItem per 100 members, whatever the other filters.
 */
async function memberPage(ctx: GraphQLContext, query: MunicipalityQuery): Promise<MunicipalityPage> {
  const directory = await ctx.loaders.cityDirectory();
  const agsList = [...new Set(directory.cities.map((city) => city.ags).filter((ags): ags is string => ags !== null))];
  const { state, namePrefix, population, after, limit } = query;
  const matching = found(await ctx.loaders.municipality.loadMany(agsList))
    .filter((m) => m.cityId)
    .filter((m) => !state || m.state === state)
    .filter((m) => population?.min === undefined || m.population >= population.min)
    .filter((m) => population?.max === undefined || m.population <= population.max)
    .map((m) => ({ m, key: namePrefix ? `${foldName(m.name)}#${m.ags}` : m.ags }))
    .filter(({ key }) => !namePrefix || key.startsWith(namePrefix))
    .filter(({ key }) => after === undefined || key > after)
    .sort(bySortKey);
  const page = matching.slice(0, limit);
  return { items: page.map(({ m }) => m), hasNextPage: matching.length > limit, sortKeys: page.map(({ key }) => key) };
}

export const municipalityResolvers: Resolvers = {
  Query: {
    municipality: (_root, args, ctx) => {
      if (!/^\d{8}$/.test(args.ags)) throw new ValidationError('"ags" must be an 8-digit Amtlicher Gemeindeschlüssel', { argument: 'ags' });
      return ctx.loaders.municipality.load(args.ags);
    },
    municipalities: async (_root, args, ctx) => {
      const limit = pageSize(args.first);
      const state = stateArgument(args.filter?.state, 'filter.state');
      const folded = args.filter?.search ? foldName(args.filter.search) : '';
      let population: { min?: number; max?: number } | undefined;
      if (args.filter?.eligibility) {
        const round = await currentRound(ctx);
        const min = round?.minPopulation ?? null;
        const max = round?.maxPopulation ?? null;
        switch (args.filter.eligibility) {
          case 'ELIGIBLE':
            population = { ...(min !== null ? { min } : {}), ...(max !== null ? { max } : {}) };
            break;
          case 'TOO_SMALL':
            population = { max: min !== null ? min - 1 : -1 };
            break;
          case 'TOO_LARGE':
            population = { min: max !== null ? max + 1 : Number.MAX_SAFE_INTEGER };
            break;
          case 'UNKNOWN':
            population = min === null && max === null ? {} : { min: 1, max: 0 };
            break;
        }
      }
      const query = {
        state,
        namePrefix: folded || undefined,
        population,
        isMember: args.filter?.isMember ?? undefined,
      };
      const kind = cursorKind(folded ? 'municipality-name' : 'municipality', args);
      const after = args.after ? decodeCursor(kind, args.after) : undefined;
      const page = query.isMember === true ? await memberPage(ctx, { ...query, after, limit }) : await ctx.repo.municipalityPage({ ...query, after, limit });
      for (const item of page.items) ctx.loaders.municipality.prime(item.ags, item);
      const edges = page.items.map((node, i) => ({ cursor: encodeCursor(kind, page.sortKeys[i]!), node }));
      return {
        edges,
        nodes: page.items,
        pageInfo: {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: after !== undefined,
          startCursor: edges[0]?.cursor ?? null,
          // A page the read bound ended early continues after the last item read, not the last returned.
          endCursor: page.resumeAfter !== undefined ? encodeCursor(kind, page.resumeAfter) : (edges[edges.length - 1]?.cursor ?? null),
        },
        // Counting reads the whole range, so it runs only when a client asks for it.
        totalCount: () => ctx.repo.countMunicipalities(query),
      } as never;
    },
  },
  MunicipalityConnection: {
    totalCount: (connection) => {
      const count = (connection as unknown as { totalCount: number | (() => Promise<number>) }).totalCount;
      return typeof count === 'function' ? count() : count;
    },
  },
  Municipality: {
    id: (m) => toGlobalId('Municipality', m.ags),
    population: (m: MunicipalityRecord) => ({ value: m.population, asOf: m.populationDate, basis: 'CENSUS', sourceUrl: ZENSUS_TABLE_URL }),
    location: (m) => ({ lat: m.lat, lon: m.lon }),
    city: (m, _args, ctx) => (m.cityId ? ctx.loaders.city.load(m.cityId) : null),
    eligibility: async (m, _args, ctx) => {
      const round = await currentRound(ctx);
      const min = round?.minPopulation ?? null;
      const max = round?.maxPopulation ?? null;
      return { status: eligibilityOf(m.population, min, max), round, population: m.population, minPopulation: min, maxPopulation: max };
    },
  },
};
