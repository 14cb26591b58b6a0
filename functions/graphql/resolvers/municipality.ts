import { ValidationError } from '../../shared/errors';
import { foldName } from '../../shared/text';
import { ZENSUS_TABLE_URL, type MunicipalityRecord } from '../../data/model';
import type { MunicipalityPage, MunicipalityQuery } from '../../data';
import type { Resolvers, EligibilityStatus, MunicipalityLegalStatus } from '../__generated__/resolvers';
import type { GraphQLContext } from '../context';
import { toGlobalId } from '../ids';
import { cursorKind, decodeCursor, encodeCursor, pageSize } from '../pagination';
import { gaveFirst } from '../connection';
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
  const { state, namePrefix, population, after, backward, limit } = query;
  const matching = found(await ctx.loaders.municipality.loadMany(agsList))
    .filter((m) => m.cityId)
    .filter((m) => !state || m.state === state)
    .filter((m) => population?.min === undefined || m.population >= population.min)
    .filter((m) => population?.max === undefined || m.population <= population.max)
    .map((m) => ({ m, key: namePrefix ? `${foldName(m.name)}#${m.ags}` : m.ags }))
    .filter(({ key }) => !namePrefix || key.startsWith(namePrefix))
    .filter(({ key }) => after === undefined || (backward ? key < after : key > after))
    .sort(bySortKey);
  // Read backward, the page is the `limit` items just before the cursor, still in index order.
  const page = backward ? matching.slice(Math.max(0, matching.length - limit)) : matching.slice(0, limit);
  return { items: page.map(({ m }) => m), hasNextPage: matching.length > limit, sortKeys: page.map(({ key }) => key) };
}

/** Destatis' designations (GV-ISys), as the reference table stores them. */
const LEGAL_STATUS: Readonly<Record<string, MunicipalityLegalStatus>> = {
  Gemeinde: 'MUNICIPALITY',
  Stadt: 'TOWN',
  Markt: 'MARKET_TOWN',
  'Große Kreisstadt': 'MAJOR_DISTRICT_TOWN',
  'kreisfreie Stadt': 'INDEPENDENT_CITY',
  'gemeindefreies Gebiet': 'UNINCORPORATED_AREA',
};

export const municipalityResolvers: Resolvers = {
  Query: {
    municipality: (_root, args, ctx) => {
      if (!/^\d{8}$/.test(args.ags)) throw new ValidationError('"ags" must be an 8-digit Amtlicher Gemeindeschlüssel', { argument: 'ags' });
      return ctx.loaders.municipality.load(args.ags);
    },
    municipalities: async (_root, args, ctx, info) => {
      // The table is paged in DynamoDB, which reads an index from one cursor in one direction.
      const backward = (args.last !== null && args.last !== undefined) || (args.before !== null && args.before !== undefined);
      if (backward && (gaveFirst(info) || args.after)) {
        throw new ValidationError('municipalities pages with first/after or with last/before, not both', { argument: 'last' });
      }
      const limit = backward ? pageSize(args.last, 'last') : pageSize(args.first);
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
      const from = backward ? (args.before ? decodeCursor(kind, args.before, 'before') : undefined) : args.after ? decodeCursor(kind, args.after) : undefined;
      const page =
        query.isMember === true
          ? await memberPage(ctx, { ...query, after: from, backward, limit })
          : await ctx.repo.municipalityPage({ ...query, after: from, backward, limit });
      for (const item of page.items) ctx.loaders.municipality.prime(item.ags, item);
      const edges = page.items.map((node, i) => ({ cursor: encodeCursor(kind, page.sortKeys[i]!), node }));
      return {
        edges,
        nodes: page.items,
        pageInfo: {
          hasNextPage: backward ? from !== undefined : page.hasNextPage,
          hasPreviousPage: backward ? page.hasNextPage : from !== undefined,
          // A page the read bound ended early continues from the last item read, not the last returned.
          startCursor: backward && page.resumeAfter !== undefined ? encodeCursor(kind, page.resumeAfter) : (edges[0]?.cursor ?? null),
          endCursor: !backward && page.resumeAfter !== undefined ? encodeCursor(kind, page.resumeAfter) : (edges[edges.length - 1]?.cursor ?? null),
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
    legalStatus: (m) => {
      const status = LEGAL_STATUS[m.kind];
      // A designation the table did not have when this was written is an error, not a guess.
      if (!status) throw new Error(`Municipality ${m.ags} has an unknown legal status`);
      return status;
    },
    city: (m, _args, ctx) => (m.cityId ? ctx.loaders.city.load(m.cityId) : null),
    eligibility: async (m, _args, ctx) => {
      const round = await currentRound(ctx);
      const min = round?.minPopulation ?? null;
      const max = round?.maxPopulation ?? null;
      return { status: eligibilityOf(m.population, min, max), round, population: m.population, minPopulation: min, maxPopulation: max };
    },
  },
};
