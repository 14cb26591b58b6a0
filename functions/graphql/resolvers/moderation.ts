/**
 * Private resolvers of `schema/private/moderation.graphql`: served only by
 * the partner entry (partner-schema.ts), never bundled into the public one.
 * Every resolver checks the caller against the campaign first; every write
 * goes through the data layer (ModerationStore, Erasure, NominationStore,
 * NetworkWriter) with its audit entry in the same transaction.
 */
import { NetworkWriter, type AuditActor, type CampaignRecord } from '../../data';
import { ModerationStore, type ConsentTerms } from '../../data/consent';
import { Erasure } from '../../data/erasure';
import { NominationModeration } from '../../data/nominations';
import type { AuthenticatedPrincipal } from '../../auth';
import { requireAdmin } from '../../auth';
import { auditPut } from '../../data/audit';
import { NotFoundError, ValidationError } from '../../shared/errors';
import type { CampaignInput, ConsentInput, Resolvers } from '../__generated__/resolvers';
import { requireCampaignEditor, requireCampaignModerator } from '../auth';
import { connectionOf } from '../connection';
import type { GraphQLContext } from '../context';
import { fromGlobalId, slugFromIdArgument } from '../ids';

function writerOf(ctx: GraphQLContext): NetworkWriter {
  return new NetworkWriter(ctx.repo.store, { retentionDays: ctx.repo.feed.retentionDays });
}

function moderationOf(ctx: GraphQLContext): ModerationStore {
  return new ModerationStore(ctx.repo.store, writerOf(ctx), ctx.repo.nominations);
}

function erasureOf(ctx: GraphQLContext): Erasure {
  return new Erasure(ctx.repo.store, writerOf(ctx), ctx.repo.nominations, { photoEraser: ctx.photoEraser });
}

function nominationsOf(ctx: GraphQLContext): NominationModeration {
  return new NominationModeration(ctx.repo.store, ctx.repo.nominations);
}

function actorOf(caller: AuthenticatedPrincipal): AuditActor {
  return { kind: 'credential', keyId: caller.keyId };
}

/** The campaign an argument names, read strongly consistent (a moderator acts on what is stored now). */
async function campaignOf(ctx: GraphQLContext, id: string, argument = 'campaignId'): Promise<CampaignRecord> {
  const slug = slugFromIdArgument('Campaign', id);
  const campaign = slug ? await ctx.loaders.campaign.load(slug) : null;
  if (!campaign) throw new NotFoundError('No such campaign', { argument });
  return campaign;
}

/** A portrait id argument: `Portrait:<campaign>.<random>` or the bare id. */
function portraitIdOf(id: string): string {
  const parsed = fromGlobalId(id);
  if (parsed && parsed.type !== 'Portrait') throw new NotFoundError('No such portrait', { argument: 'id' });
  return parsed ? parsed.key : id;
}

function campaignIdOfPortraitArgument(portraitId: string): string {
  const cut = portraitId.indexOf('.');
  if (cut <= 0) throw new NotFoundError('No such portrait', { argument: 'id' });
  return portraitId.slice(0, cut);
}

function toTerms(input: ConsentInput): ConsentTerms {
  return {
    parties: input.parties.map((p) => ({ role: p.role, name: p.name })),
    minor: input.minor,
    scopes: [...new Set(input.scopes)],
    date: input.date,
    textVersion: input.textVersion,
    textWording: input.textWording,
    method: input.method,
  };
}

function toCampaign(input: CampaignInput): CampaignRecord {
  const slugOf = (type: 'City' | 'Partnership', id: string) => slugFromIdArgument(type, id) ?? id;
  return {
    id: input.slug,
    name: input.name.trim(),
    description: input.description?.trim() || null,
    partnershipId: input.partnershipId ? slugOf('Partnership', input.partnershipId) : null,
    cityIds: input.cityIds.map((id) => slugOf('City', id)),
    launchDate: input.launchDate ?? null,
    endDate: input.endDate ?? null,
    website: input.website ?? null,
    sourceUrls: [...input.sourceUrls],
    callToAction: input.callToAction?.trim() || null,
    contact: input.contact ? { function: input.contact.function.trim(), email: input.contact.email.trim() } : null,
  };
}

/** Erasure by an admin (portrait id) or by the person's token; exactly one of the two. */
async function erase(
  ctx: GraphQLContext,
  args: { portraitId?: string | null | undefined; token?: string | null | undefined },
  action: 'CONSENT_WITHDRAWN' | 'PERSON_ERASED',
) {
  const erasure = erasureOf(ctx);
  if ((args.token ? 1 : 0) + (args.portraitId ? 1 : 0) !== 1) {
    throw new ValidationError('Give either portraitId or token', { fields: [{ field: 'portraitId', code: 'EXACTLY_ONE_OF_PORTRAIT_ID_OR_TOKEN' }] });
  }
  let portraitId: string;
  let actor: AuditActor;
  if (args.token) {
    portraitId = await erasure.portraitOfToken(args.token);
    actor = { kind: 'withdrawal-token' };
  } else {
    requireAdmin(ctx.principal);
    portraitId = portraitIdOf(args.portraitId!);
    actor = actorOf(ctx.principal as AuthenticatedPrincipal);
  }
  const outcome = await erasure.erase(portraitId, actor, action);
  // Opaque ids and counts only: CloudWatch cannot delete a single log event.
  ctx.logger.info('Portrait erased', { portraitId, action, itemsErased: outcome.itemsErased, photosErased: outcome.photosErased });
  if (!outcome.photosErased) ctx.logger.warn('No photo eraser is configured: the erased portrait\'s photos were not erased', { portraitId });
  return outcome;
}

export const moderationResolvers: Resolvers = {
  Query: {
    campaignNominations: async (_root, args, ctx, info) => {
      const campaign = await campaignOf(ctx, args.campaignId);
      requireCampaignModerator(ctx.principal, campaign);
      const all = await ctx.repo.nominations.list(campaign.id);
      const wanted = args.status ? all.filter((n) => n.status === args.status) : all;
      return connectionOf(wanted, `nomination:${campaign.id}`, args, info);
    },
    campaignNomination: async (_root, args, ctx) => {
      const campaign = await campaignOf(ctx, args.campaignId);
      requireCampaignModerator(ctx.principal, campaign);
      return nominationsOf(ctx).get(campaign.id, args.id);
    },
    moderatedPortraits: async (_root, args, ctx) => {
      const campaign = await campaignOf(ctx, args.campaignId);
      requireCampaignModerator(ctx.principal, campaign);
      return moderationOf(ctx).listPortraits(campaign.id);
    },
  },
  Mutation: {
    createCampaign: async (_root, args, ctx) => {
      const record = toCampaign(args.input);
      const caller = requireCampaignEditor(ctx.principal, record.cityIds);
      await writerOf(ctx).write([{ kind: 'put', type: 'Campaign', record, expectedVersion: null }], {
        writtenBy: 'api',
        alsoWrite: [auditPut({ action: 'CAMPAIGN_CREATED', actor: actorOf(caller), campaignId: record.id }, new Date())],
      });
      return record;
    },
    updateCampaign: async (_root, args, ctx) => {
      const current = await campaignOf(ctx, args.id, 'id');
      const record = toCampaign(args.input);
      if (record.id !== current.id) throw new ValidationError('slug cannot change', { fields: [{ field: 'input.slug', code: 'IMMUTABLE' }] });
      const caller = requireCampaignEditor(ctx.principal, [...new Set([...current.cityIds, ...record.cityIds])]);
      await writerOf(ctx).write([{ kind: 'put', type: 'Campaign', record, expectedVersion: args.input.expectedVersion ?? undefined }], {
        writtenBy: 'api',
        alsoWrite: [auditPut({ action: 'CAMPAIGN_UPDATED', actor: actorOf(caller), campaignId: record.id }, new Date())],
      });
      return record;
    },
    markNomination: async (_root, args, ctx) => {
      const campaign = await campaignOf(ctx, args.campaignId);
      const caller = requireCampaignModerator(ctx.principal, campaign);
      if (args.status === 'NEW') throw new ValidationError('A nomination cannot be marked new again', { fields: [{ field: 'status', code: 'INVALID_STATUS' }] });
      return nominationsOf(ctx).mark(campaign.id, args.id, args.status, actorOf(caller));
    },
    createPortraitFromNomination: async (_root, args, ctx) => {
      const campaign = await campaignOf(ctx, args.campaignId);
      const caller = requireCampaignModerator(ctx.principal, campaign);
      const cityId = args.portrait.cityId ? (slugFromIdArgument('City', args.portrait.cityId) ?? args.portrait.cityId) : null;
      if (cityId && !campaign.cityIds.includes(cityId)) {
        throw new ValidationError('The place is not one of the campaign\'s', { fields: [{ field: 'portrait.cityId', code: 'NOT_A_CAMPAIGN_PLACE' }] });
      }
      const created = await moderationOf(ctx).createFromNomination(
        campaign.id,
        args.nominationId,
        {
          displayName: args.portrait.displayName,
          quote: args.portrait.quote ?? null,
          engagementArea: args.portrait.engagementArea,
          organization: args.portrait.organization ?? null,
          cityId,
        },
        toTerms(args.consent),
        actorOf(caller),
      );
      ctx.logger.info('Portrait created from a nomination', { portraitId: created.portrait.portrait.id, nominationId: args.nominationId });
      return created;
    },
    publishPortrait: async (_root, args, ctx) => {
      const portraitId = portraitIdOf(args.id);
      const campaign = await campaignOf(ctx, campaignIdOfPortraitArgument(portraitId), 'id');
      const caller = requireCampaignModerator(ctx.principal, campaign);
      return moderationOf(ctx).setPublished(portraitId, true, actorOf(caller));
    },
    unpublishPortrait: async (_root, args, ctx) => {
      const portraitId = portraitIdOf(args.id);
      const campaign = await campaignOf(ctx, campaignIdOfPortraitArgument(portraitId), 'id');
      const caller = requireCampaignModerator(ctx.principal, campaign);
      return moderationOf(ctx).setPublished(portraitId, false, actorOf(caller));
    },
    withdrawConsent: (_root, args, ctx) => erase(ctx, args, 'CONSENT_WITHDRAWN'),
    erasePerson: (_root, args, ctx) => erase(ctx, args, 'PERSON_ERASED'),
  },
  Nomination: {
    campaign: (nomination, _args, ctx) => ctx.loaders.campaign.load(nomination.campaignId),
  },
  ModeratedPortrait: {
    portrait: (moderated) => moderated.portrait,
    published: (moderated) => moderated.portrait.published,
    consent: (moderated) => moderated.consent,
  },
};
