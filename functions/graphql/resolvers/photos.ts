import { requireAuthenticated } from '../../auth/principal';
import { ForbiddenError, NotFoundError, StoreUnavailableError } from '../../shared/errors';
import type { Resolvers } from '../__generated__/resolvers';
import type { GraphQLContext } from '../context';
import { fromGlobalId } from '../ids';

/** The portrait id an `ID` argument names: the global id or the bare id. */
function portraitArgument(id: string): string {
  const parsed = fromGlobalId(id);
  if (parsed && parsed.type !== 'Portrait') throw new NotFoundError('No such portrait', { argument: 'portraitId' });
  return parsed ? parsed.key : id;
}

/**
 * Admins, and city editors of one of the campaign's cities: a campaign run by
 * a partnership is edited by any of its places, as its portraits are.
 */
async function requirePortraitEditor(ctx: GraphQLContext, portraitId: string): Promise<void> {
  const caller = requireAuthenticated(ctx.principal);
  const portrait = await ctx.loaders.portrait.load(portraitId);
  if (!portrait) throw new NotFoundError('No such portrait', { argument: 'portraitId' });
  if (caller.kind === 'admin') return;
  const campaign = await ctx.loaders.campaign.load(portrait.campaignId);
  if (caller.kind === 'city-editor' && campaign?.cityIds.some((cityId) => caller.cityIds.includes(cityId))) return;
  throw new ForbiddenError("This key may not change this campaign's portraits");
}

export const photoResolvers: Resolvers = {
  Mutation: {
    requestPortraitPhotoUpload: async (_root, { input }, ctx) => {
      const portraitId = portraitArgument(input.portraitId);
      await requirePortraitEditor(ctx, portraitId);
      if (!ctx.photos) throw new StoreUnavailableError('Photo uploads are not configured on this deployment');
      const service = await ctx.photos(ctx.repo.store);
      const issued = await service.requestUpload({ ...input, portraitId });
      if (!issued) throw new NotFoundError('No such portrait', { argument: 'portraitId' });
      return {
        url: issued.url,
        fields: Object.entries(issued.fields).map(([name, value]) => ({ name, value })),
        expiresAt: issued.expiresAt.toISOString(),
        maxBytes: issued.maxBytes,
        contentType: issued.contentType,
      };
    },
  },
};
