import { ValidationError } from '../../shared/errors';
import type { CityRecord, ProgramMembershipRecord } from '../../data/model';
import type { Resolvers, CityFilter, CityOrder } from '../__generated__/resolvers';
import type { GraphQLContext } from '../context';
import { slugFromIdArgument, toGlobalId } from '../ids';
import { connectionOf } from '../connection';
import {
  NETWORK_PROGRAM_ID,
  byName,
  compareStart,
  distanceKm,
  idFilterArgument,
  matchesSearch,
  memberStatusOf,
  nearArgument,
  found,
  stateArgument,
} from './shared';
import { sortEvents } from './activity';

const AGS = /^\d{8}$/;

async function resolveCity(ctx: GraphQLContext, id?: string | null, ags?: string | null): Promise<CityRecord | null> {
  const given = (id !== null && id !== undefined ? 1 : 0) + (ags !== null && ags !== undefined ? 1 : 0);
  if (given !== 1) throw new ValidationError('Give exactly one of "id" and "ags"', { argument: given ? 'id' : 'ags' });
  if (ags !== null && ags !== undefined) {
    if (!AGS.test(ags)) throw new ValidationError('"ags" must be an 8-digit Amtlicher Gemeindeschlüssel', { argument: 'ags' });
    const cityId = await ctx.loaders.cityIdByAgs.load(ags);
    return cityId ? ctx.loaders.city.load(cityId) : null;
  }
  const slug = slugFromIdArgument('City', id!);
  if (!slug) return null;
  // A city page almost always asks for memberships or partnerships: one Query
  // of the city's collection returns the city with them and primes its loader.
  await ctx.loaders.cityEdges.load(slug);
  return ctx.loaders.city.load(slug);
}

/** The programme a `programId` filter names (global id or slug). */
export const programIdArgument = (value: string | null | undefined) => idFilterArgument('Program', value);

/** The member place a `cityId` filter names (global id or slug). */
export const cityIdArgument = (value: string | null | undefined) => idFilterArgument('City', value);

function firstJoin(memberships: readonly ProgramMembershipRecord[]): string | null {
  const starts = memberships.filter((m) => m.programId === NETWORK_PROGRAM_ID && m.startDate).map((m) => m.startDate!);
  return starts.sort()[0] ?? null;
}

async function listCities(ctx: GraphQLContext, filter: CityFilter | null | undefined, orderBy: CityOrder | null | undefined) {
  const directory = await ctx.loaders.cityDirectory();
  const state = stateArgument(filter?.state, 'filter.state');
  const programId = programIdArgument(filter?.programId);
  const near = filter?.near ? nearArgument(filter.near) : undefined;
  const memberStatus = filter?.memberStatus ?? 'ALL';
  const networkStatus = filter?.networkStatus ?? 'ALL';
  const edges = (id: string) => directory.edgesByCity.get(id)?.memberships ?? [];

  const matches = directory.cities.filter((city) => {
    if (state && city.state !== state) return false;
    if (filter?.kind && city.kind !== filter.kind) return false;
    if (programId && !edges(city.id).some((m) => m.programId === programId)) return false;
    if (memberStatus !== 'ALL' && memberStatusOf(edges(city.id), ctx.today) !== memberStatus) return false;
    if (networkStatus !== 'ALL' && memberStatusOf(edges(city.id), ctx.today) !== networkStatus) return false;
    if (filter?.topic && !city.topics.includes(filter.topic)) return false;
    if (!matchesSearch(city.name, filter?.search)) return false;
    if (near && (!city.location || distanceKm(near, city.location) > near.radiusKm)) return false;
    return true;
  });

  const field = orderBy?.field ?? 'NAME';
  const sign = orderBy?.direction === 'DESC' ? -1 : 1;
  if (field === 'DISTANCE' && !near) {
    throw new ValidationError('Ordering by DISTANCE needs filter.near', { argument: 'orderBy' });
  }
  const key = (city: CityRecord): number | string | null => {
    switch (field) {
      case 'POPULATION':
        return city.population?.value ?? null;
      case 'JOINED':
        return firstJoin(edges(city.id));
      case 'DISTANCE':
        return city.location ? distanceKm(near!, city.location) : null;
      default:
        return null;
    }
  };
  const sorted = [...matches].sort((a, b) => {
    if (field === 'NAME') return sign * byName(a, b);
    const ka = key(a);
    const kb = key(b);
    // Unknown values sort last in either direction.
    if (ka === null || kb === null) return ka === kb ? byName(a, b) : ka === null ? 1 : -1;
    const order = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb));
    return sign * order || byName(a, b);
  });
  return sorted;
}

export const cityResolvers: Resolvers = {
  Query: {
    city: (_root, args, ctx) => resolveCity(ctx, args.id, args.ags),
    cities: async (_root, args, ctx, info) => connectionOf(await listCities(ctx, args.filter, args.orderBy), 'city', args, info),
  },
  City: {
    id: (city) => toGlobalId('City', city.id),
    slug: (city) => city.id,
    agsHistory: (city) => city.agsHistory ?? [],
    populationHistory: (city) => city.populationHistory ?? [],
    topics: (city) => city.topics ?? [],
    sourceUrls: (city) => city.sourceUrls ?? [],
    memberStatus: async (city, _args, ctx) => memberStatusOf((await ctx.loaders.cityEdges.load(city.id)).memberships, ctx.today),
    networkStatus: async (city, _args, ctx) => memberStatusOf((await ctx.loaders.cityEdges.load(city.id)).memberships, ctx.today),
    memberships: async (city, args, ctx) => {
      const { memberships } = await ctx.loaders.cityEdges.load(city.id);
      const programId = programIdArgument(args.programId);
      return memberships
        .filter((m) => !programId || m.programId === programId)
        .sort((a, b) =>
          a.programId === b.programId
            ? compareStart(a, b)
            : a.programId === NETWORK_PROGRAM_ID
              ? -1
              : b.programId === NETWORK_PROGRAM_ID
                ? 1
                : a.programId.localeCompare(b.programId),
        );
    },
    partnerships: async (city, _args, ctx) => {
      const { partnershipMembers } = await ctx.loaders.cityEdges.load(city.id);
      const ids = [...new Set(partnershipMembers.map((m) => m.partnershipId))];
      return found(await ctx.loaders.partnership.loadMany(ids)).sort(byName);
    },
    organizations: async (city, _args, ctx) => [...(await ctx.loaders.cityEdges.load(city.id)).organizations].sort(byName),
    campaigns: async (city, _args, ctx) => {
      const { campaignIds } = await ctx.loaders.cityEdges.load(city.id);
      return found(await ctx.loaders.campaign.loadMany(campaignIds));
    },
    organizationsConnection: async (city, args, ctx, info) =>
      connectionOf([...(await ctx.loaders.cityEdges.load(city.id)).organizations].sort(byName), 'city-organization', args, info),
    events: async (city, _args, ctx) =>
      [...(await ctx.loaders.cityEdges.load(city.id)).events].sort((a, b) => compareStart(b, a)),
    eventsConnection: async (city, args, ctx, info) =>
      connectionOf(sortEvents((await ctx.loaders.cityEdges.load(city.id)).events, args.orderBy), 'city-event', args, info),
    municipality: (city, _args, ctx) => (city.ags ? ctx.loaders.municipality.load(city.ags) : null),
  },
  CoordinationOffice: {
    hostOrganization: (office, _args, ctx) =>
      office.hostOrganizationId ? ctx.loaders.organization.load(office.hostOrganizationId) : null,
  },
};
