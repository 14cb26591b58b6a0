import { ValidationError } from '../../shared/errors';
import { foldName } from '../../shared/text';
import { ZENSUS_TABLE_URL, type MunicipalityRecord } from '../../data/model';
import type { Resolvers, EligibilityStatus, MunicipalityLegalStatus } from '../__generated__/resolvers';
import { toGlobalId } from '../ids';
import { decodeCursor, encodeCursor, pageSize } from '../pagination';
import { gaveFirst } from '../connection';
import { currentRound } from './activity';
import { stateArgument } from './shared';


function eligibilityOf(population: number, min: number | null, max: number | null): EligibilityStatus {
  if (min === null && max === null) return 'UNKNOWN';
  if (min !== null && population < min) return 'TOO_SMALL';
  if (max !== null && population > max) return 'TOO_LARGE';
  return 'ELIGIBLE';
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
      const kind = folded ? 'municipality-name' : 'municipality';
      const from = backward ? (args.before ? decodeCursor(kind, args.before, 'before') : undefined) : args.after ? decodeCursor(kind, args.after) : undefined;
      const page = await ctx.repo.municipalityPage({ ...query, after: from, backward, limit });
      for (const item of page.items) ctx.loaders.municipality.prime(item.ags, item);
      const edges = page.items.map((node, i) => ({ cursor: encodeCursor(kind, page.sortKeys[i]!), node }));
      return {
        edges,
        nodes: page.items,
        pageInfo: {
          hasNextPage: backward ? from !== undefined : page.hasNextPage,
          hasPreviousPage: backward ? page.hasNextPage : from !== undefined,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges[edges.length - 1]?.cursor ?? null,
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
