import { requireProgramScope, type Principal } from '../../auth/principal';
import type { BulkResult, ItemResult, MembershipInput, MembershipSync, PrivateMembershipFields } from '../../data/sync';
import { ValidationError } from '../../shared/errors';
import type { MembershipWriteResult, ProgramMembershipInput, Resolvers } from '../__generated__/resolvers';
import type { GraphQLContext } from '../context';
import { slugFromIdArgument, toGlobalId } from '../ids';

/** The sync module is only needed by mutations: loaded on the first one, so reads do not pay for it at cold start. */
async function syncFor(ctx: GraphQLContext): Promise<MembershipSync> {
  const { MembershipSync } = await import('../../data/sync');
  return new MembershipSync(ctx.repo.store, { retentionDays: ctx.repo.feed.retentionDays });
}

function programArgument(programId: string): string {
  const slug = slugFromIdArgument('Program', programId);
  if (!slug) throw new ValidationError('"programId" must name a programme', { argument: 'programId' });
  return slug;
}

function callerOf(principal: Principal): string {
  return principal.kind === 'public' ? 'public' : principal.keyId;
}

function toInput(input: ProgramMembershipInput): MembershipInput {
  let cityId = input.cityId;
  if (cityId !== null && cityId !== undefined) cityId = slugFromIdArgument('City', cityId) ?? cityId;
  return { ...input, cityId, sourceUrls: input.sourceUrls ?? undefined };
}

function toResult(result: ItemResult): MembershipWriteResult {
  return { ...result, membershipId: result.membershipId ? toGlobalId('ProgramMembership', result.membershipId) : null };
}

function toPayload(result: BulkResult) {
  return {
    results: result.results.map(toResult),
    totals: { created: result.totals.CREATED, updated: result.totals.UPDATED, unchanged: result.totals.UNCHANGED, rejected: result.totals.REJECTED },
    replayed: result.replayed,
  };
}

/** Private membership fields: only the programme's partners and admins see them, on any query including `changes`. */
function mayReadPrivate(principal: Principal, programId: string): boolean {
  return principal.kind === 'admin' || (principal.kind === 'partner' && principal.programIds.includes(programId));
}

export const syncResolvers: Resolvers = {
  Mutation: {
    upsertProgramMemberships: async (_root, args, ctx) => {
      const programId = programArgument(args.programId);
      requireProgramScope(ctx.principal, programId);
      const sync = await syncFor(ctx);
      const result = await sync.upsertMemberships(programId, args.memberships.map(toInput), {
        caller: callerOf(ctx.principal),
        idempotencyKey: args.idempotencyKey,
        today: ctx.today,
      });
      return toPayload(result);
    },
    replaceProgramMemberships: async (_root, args, ctx) => {
      const programId = programArgument(args.programId);
      requireProgramScope(ctx.principal, programId);
      const sync = await syncFor(ctx);
      const result = await sync.replaceMemberships(programId, args.snapshotId, args.part, args.memberships.map(toInput), args.commit, {
        caller: callerOf(ctx.principal),
        today: ctx.today,
      });
      return { ...toPayload(result), ended: result.ended.map(toResult) };
    },
  },
  ProgramMembership: {
    externalId: (m, _args, ctx) => (mayReadPrivate(ctx.principal, m.programId) ? ((m as PrivateMembershipFields).externalId ?? null) : null),
    internalNote: (m, _args, ctx) => (mayReadPrivate(ctx.principal, m.programId) ? ((m as PrivateMembershipFields).internalNote ?? null) : null),
    coordinatingOrganization: (m) => (m as PrivateMembershipFields).coordinatingOrganization ?? null,
  },
};
