import { ValidationError } from '../../shared/errors';
import { firstDay, isPartialDate, lastDay } from '../../shared/dates';
import type { ApplicationRoundRecord, CampaignRecord, EventRecord } from '../../data/model';
import type { CampaignFilter, CampaignOrder, EventFilter, EventOrder, Resolvers } from '../__generated__/resolvers';
import { connectionOf } from '../connection';
import type { GraphQLContext } from '../context';
import { toGlobalId } from '../ids';
import { filterCampaignsByStateAndStatus } from './campaign';
import { cityIdArgument } from './city';
import { byName, byNameIn, compareStart, idFilterArgument, loadByIdArgument, matchesSearch, found, orderedBy } from './shared';

/** The latest application round: its criteria decide municipalities' eligibility. */
export async function currentRound(ctx: GraphQLContext): Promise<ApplicationRoundRecord | null> {
  const rounds = await ctx.loaders.allApplicationRounds();
  return rounds.reduce<ApplicationRoundRecord | null>((latest, r) => (!latest || r.year > latest.year ? r : latest), null);
}

function dateArgument(value: string | null | undefined, argument: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!isPartialDate(value)) throw new ValidationError(`"${argument}" must be a date like 2023, 2023-06 or 2023-06-19`, { argument });
  return value;
}

function filterEvents(events: readonly EventRecord[], filter: EventFilter | null | undefined): EventRecord[] {
  const cityId = cityIdArgument(filter?.cityId);
  const from = dateArgument(filter?.from, 'filter.from');
  const to = dateArgument(filter?.to, 'filter.to');
  return events
    .filter((e) => !cityId || e.cityId === cityId)
    .filter((e) => !filter?.kind || e.kind === filter.kind)
    .filter((e) => !from || (e.startDate !== null && lastDay(e.startDate) >= firstDay(from)))
    .filter((e) => !to || (e.startDate !== null && firstDay(e.startDate) <= lastDay(to)));
}

/** Events in the order an `EventOrder` asks for; undated events last in either direction. */
export function sortEvents(events: readonly EventRecord[], orderBy: EventOrder | null | undefined): EventRecord[] {
  if (orderBy?.field === 'NAME') return [...events].sort(byNameIn(orderBy.direction));
  return orderedBy(events, (e) => e.startDate, orderBy?.direction ?? 'DESC', (a, b) => a.id.localeCompare(b.id));
}

async function listCampaigns(ctx: GraphQLContext, filter: CampaignFilter | null | undefined): Promise<CampaignRecord[]> {
  const cityId = cityIdArgument(filter?.cityId);
  const partnershipId = idFilterArgument('Partnership', filter?.partnershipId);
  const campaigns = (await ctx.loaders.allCampaigns())
    .filter((c) => !cityId || c.cityIds.includes(cityId))
    .filter((c) => !partnershipId || c.partnershipId === partnershipId)
    .filter((c) => matchesSearch(c.name, filter?.search));
  return filterCampaignsByStateAndStatus(campaigns, filter, ctx);
}

function sortCampaigns(campaigns: readonly CampaignRecord[], orderBy: CampaignOrder | null | undefined): CampaignRecord[] {
  if (orderBy?.field === 'NAME') return [...campaigns].sort(byNameIn(orderBy.direction));
  return orderedBy(campaigns, (c) => c.launchDate, orderBy?.direction ?? 'DESC', byName);
}

export const activityResolvers: Resolvers = {
  Query: {
    campaign: (_root, args, ctx) => loadByIdArgument('Campaign', args.id, ctx.loaders.campaign),
    campaigns: async (_root, args, ctx) => {
      const cityId = cityIdArgument(args.filter?.cityId);
      const partnershipId = idFilterArgument('Partnership', args.filter?.partnershipId);
      const campaigns = await filterCampaignsByStateAndStatus(await ctx.loaders.allCampaigns(), args.filter, ctx);
      return campaigns
        .filter((c) => !cityId || c.cityIds.includes(cityId))
        .filter((c) => !partnershipId || c.partnershipId === partnershipId)
        .filter((c) => matchesSearch(c.name, args.filter?.search))
        .sort((a, b) => (b.launchDate ?? '').localeCompare(a.launchDate ?? '') || a.id.localeCompare(b.id));
    },
    events: async (_root, args, ctx) => {
      const cityId = cityIdArgument(args.filter?.cityId);
      const from = dateArgument(args.filter?.from, 'filter.from');
      const to = dateArgument(args.filter?.to, 'filter.to');
      const sign = args.direction === 'ASC' ? 1 : -1;
      return (await ctx.loaders.allEvents())
        .filter((e) => !cityId || e.cityId === cityId)
        .filter((e) => !args.filter?.kind || e.kind === args.filter.kind)
        .filter((e) => !from || (e.startDate !== null && lastDay(e.startDate) >= firstDay(from)))
        .filter((e) => !to || (e.startDate !== null && firstDay(e.startDate) <= lastDay(to)))
        .sort((a, b) => sign * compareStart(a, b) || a.id.localeCompare(b.id));
    },
    campaignsConnection: async (_root, args, ctx, info) =>
      connectionOf(sortCampaigns(await listCampaigns(ctx, args.filter), args.orderBy), 'campaign', args, info),
    eventsConnection: async (_root, args, ctx, info) =>
      connectionOf(sortEvents(filterEvents(await ctx.loaders.allEvents(), args.filter), args.orderBy), 'event', args, info),
    applicationRounds: async (_root, _args, ctx) => [...(await ctx.loaders.allApplicationRounds())].sort((a, b) => b.year - a.year),
  },
  Campaign: {
    id: (campaign) => toGlobalId('Campaign', campaign.id),
    slug: (campaign) => campaign.id,
    sourceUrls: (campaign) => campaign.sourceUrls ?? [],
    partnership: (campaign, _args, ctx) => (campaign.partnershipId ? ctx.loaders.partnership.load(campaign.partnershipId) : null),
    cities: async (campaign, _args, ctx) => found(await ctx.loaders.city.loadMany(campaign.cityIds ?? [])),
  },
  Event: {
    id: (event) => toGlobalId('Event', event.id),
    slug: (event) => event.id,
    sourceUrls: (event) => event.sourceUrls ?? [],
    city: (event, _args, ctx) => (event.cityId ? ctx.loaders.city.load(event.cityId) : null),
    organizers: async (event, _args, ctx) =>
      found(await ctx.loaders.organization.loadMany(event.organizerOrganizationIds ?? [])),
  },
  ApplicationRound: {
    id: (round) => toGlobalId('ApplicationRound', round.id),
    slug: (round) => round.id,
    sourceUrls: (round) => round.sourceUrls ?? [],
    isCurrent: async (round, _args, ctx) => (await currentRound(ctx))?.id === round.id,
  },
  DataSource: {
    id: (source) => toGlobalId('DataSource', source.id),
    // The field's name in American spelling like the rest of the schema; the stored attribute keeps its name.
    license: (source) => source.licence,
  },
};
