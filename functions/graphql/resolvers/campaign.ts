import type { CampaignRecord, PortraitRecord } from '../../data/model';
import { periodStatus } from '../../shared/dates';
import { NotFoundError, ValidationError } from '../../shared/errors';
import type { CampaignStatus, NominationInput, Resolvers } from '../__generated__/resolvers';
import { connectionOf } from '../connection';
import type { GraphQLContext } from '../context';
import { slugFromIdArgument, toGlobalId } from '../ids';
import { found } from './shared';

/** Where a campaign's period stands on the request's Berlin calendar day; null when it has no dates. */
export function campaignStatus(campaign: CampaignRecord, today: string): CampaignStatus | null {
  const status = periodStatus(campaign.launchDate, campaign.endDate, today);
  if (status === 'UNKNOWN') return null;
  return status === 'ACTIVE' ? 'RUNNING' : status;
}

/** Campaigns meeting the filter's state and status conditions (the other conditions are applied by the list resolvers). */
export async function filterCampaignsByStateAndStatus(
  campaigns: readonly CampaignRecord[],
  filter: { state?: string | null; status?: CampaignStatus | null } | null | undefined,
  ctx: GraphQLContext,
): Promise<CampaignRecord[]> {
  let result = filter?.status ? campaigns.filter((c) => campaignStatus(c, ctx.today) === filter.status) : [...campaigns];
  if (filter?.state) {
    const state = filter.state;
    const withState = await Promise.all(
      result.map(async (c) => found(await ctx.loaders.city.loadMany(c.cityIds ?? [])).some((city) => city.state === state)),
    );
    result = result.filter((_c, i) => withState[i]);
  }
  return result;
}

// ---- nominations ---------------------------------------------------------------

/** Below this a form was not filled in by a person (research/consent.md §3). */
export const MINIMUM_FILL_TIME_MS = 3_000;

/** Field limits of the public nomination form (characters). */
export const NOMINATION_LIMITS = {
  nomineeName: [2, 120],
  activity: [10, 2000],
  place: [2, 200],
  organization: [0, 200],
  nominatorName: [2, 120],
  nominatorEmail: [3, 254],
} as const;

// Deliberately plain: one @, no spaces, a dot in the domain. Deliverability is checked by writing back, not by regex.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type NominationFieldCode = 'REQUIRED' | 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_EMAIL' | 'MUST_CONFIRM' | 'NOT_RUNNING';

/** Field-level problems of a nomination; codes only, never the submitted values. */
export function nominationProblems(input: NominationInput): { field: string; code: NominationFieldCode }[] {
  const problems: { field: string; code: NominationFieldCode }[] = [];
  for (const [field, [min, max]] of Object.entries(NOMINATION_LIMITS)) {
    const raw = input[field as keyof typeof NOMINATION_LIMITS];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value.length === 0 && min > 0) problems.push({ field, code: 'REQUIRED' });
    else if (value.length > 0 && value.length < min) problems.push({ field, code: 'TOO_SHORT' });
    else if (value.length > max) problems.push({ field, code: 'TOO_LONG' });
    else if (field === 'nominatorEmail' && !EMAIL.test(value)) problems.push({ field, code: 'INVALID_EMAIL' });
  }
  if (input.nomineeMayBeContacted !== true) problems.push({ field: 'nomineeMayBeContacted', code: 'MUST_CONFIRM' });
  return problems;
}

/** The one answer every accepted submission gets, stored or not: a robot or a duplicate learns nothing. */
const RECEIPT = { received: true } as const;

export const campaignResolvers: Resolvers = {
  Mutation: {
    nominate: async (_root, args, ctx) => {
      // Robots: answered like a success and nothing stored, before any validation they could probe.
      if ((args.input.website ?? '') !== '' || !(args.input.fillTimeMs >= MINIMUM_FILL_TIME_MS)) return RECEIPT;
      const campaignId = slugFromIdArgument('Campaign', args.campaignId);
      const campaign = campaignId ? await ctx.loaders.campaign.load(campaignId) : null;
      if (!campaign) throw new NotFoundError('No such campaign', { argument: 'campaignId' });
      const problems = nominationProblems(args.input);
      if (campaignStatus(campaign, ctx.today) !== 'RUNNING') problems.unshift({ field: 'campaignId', code: 'NOT_RUNNING' });
      if (problems.length > 0) throw new ValidationError('The nomination is not complete', { fields: problems });
      const text = (value: string) => value.trim();
      await ctx.repo.nominations.submit({
        campaignId: campaign.id,
        nomineeName: text(args.input.nomineeName),
        activity: text(args.input.activity),
        place: text(args.input.place),
        organization: args.input.organization?.trim() || null,
        nominatorName: text(args.input.nominatorName),
        nominatorEmail: text(args.input.nominatorEmail),
      });
      return RECEIPT;
    },
  },
  Campaign: {
    status: (campaign, _args, ctx) => campaignStatus(campaign, ctx.today),
    callToAction: (campaign) => campaign.callToAction ?? null,
    contact: (campaign) => campaign.contact ?? null,
    portraits: async (campaign, args, ctx, info) => {
      const all = await ctx.loaders.campaignPortraits.load(campaign.id);
      const published = all.filter((p) => p.published).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return connectionOf(published, `portrait:${campaign.id}`, args, info);
    },
  },
  Portrait: {
    id: (portrait) => toGlobalId('Portrait', portrait.id),
    campaign: (portrait, _args, ctx) => ctx.loaders.campaign.load(portrait.campaignId),
    city: (portrait, _args, ctx) => (portrait.cityId ? ctx.loaders.city.load(portrait.cityId) : null),
    photo: (portrait: PortraitRecord) =>
      portrait.photoUrl ? { url: portrait.photoUrl, altText: portrait.photoAlt ?? '', credit: portrait.photoCredit ?? null } : null,
  },
};
