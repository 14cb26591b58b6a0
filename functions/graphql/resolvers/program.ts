import type { ProgramRecord } from '../../data/model';
import type { ProgramKind, Resolvers } from '../__generated__/resolvers';
import { connectionOf } from '../connection';
import { toGlobalId } from '../ids';
import { byName, collator, compareStart, loadByIdArgument, membershipStatus, NETWORK_PROGRAM_ID, found, orderedBy } from './shared';

/**
 * The stored kind for a `ProgramKind` argument. The schema added the names in
 * the schema's spelling (`NETWORK_PROGRAM`) beside the deprecated British
 * ones (`NETWORK_PROGRAMME`), which the store and `Program.kind` keep until
 * their removal date (docs/SCHEMA-CHANGES.md); a filter takes either.
 */
export function storedProgramKind(kind: ProgramKind): ProgramRecord['kind'] {
  switch (kind) {
    case 'NETWORK_PROGRAM':
      return 'NETWORK_PROGRAMME';
    case 'FEDERAL_PROGRAM':
      return 'FEDERAL_PROGRAMME';
    case 'FOUNDATION_PROGRAM':
      return 'FOUNDATION_PROGRAMME';
    default:
      return kind;
  }
}

export const programResolvers: Resolvers = {
  Query: {
    program: (_root, args, ctx) => loadByIdArgument('Program', args.id, ctx.loaders.program),
    programs: async (_root, args, ctx) => {
      const { programs } = await ctx.loaders.programDirectory();
      return programs
        .filter((p) => !args.kind || p.kind === storedProgramKind(args.kind))
        .sort((a, b) => (a.id === NETWORK_PROGRAM_ID ? -1 : b.id === NETWORK_PROGRAM_ID ? 1 : byName(a, b)));
    },
  },
  Program: {
    id: (program) => toGlobalId('Program', program.id),
    slug: (program) => program.id,
    sourceUrls: (program) => program.sourceUrls ?? [],
    sponsors: async (program, _args, ctx) =>
      found(await ctx.loaders.organization.loadMany(program.sponsorOrganizationIds ?? [])),
    memberships: async (program, args, ctx) => {
      const memberships = await ctx.loaders.programMemberships.load(program.id);
      return memberships
        .filter((m) => !args.status || membershipStatus(m, ctx.today) === args.status)
        .sort((a, b) => collator.compare(a.participantName, b.participantName) || compareStart(a, b));
    },
    membershipsConnection: async (program, args, ctx, info) => {
      const memberships = (await ctx.loaders.programMemberships.load(program.id)).filter(
        (m) => !args.status || membershipStatus(m, ctx.today) === args.status,
      );
      const byParticipant = (a: (typeof memberships)[number], b: (typeof memberships)[number]) =>
        collator.compare(a.participantName, b.participantName) || compareStart(a, b) || a.id.localeCompare(b.id);
      const sorted =
        args.orderBy?.field === 'START_DATE'
          ? orderedBy(memberships, (m) => m.startDate, args.orderBy.direction, byParticipant)
          : memberships.sort((a, b) => (args.orderBy?.direction === 'DESC' ? -1 : 1) * byParticipant(a, b));
      return connectionOf(sorted, 'program-membership', args, info);
    },
    membershipCount: async (program, _args, ctx) => (await ctx.loaders.programMemberships.load(program.id)).length,
  },
  ProgramMembership: {
    id: (membership) => toGlobalId('ProgramMembership', membership.id),
    program: async (membership, _args, ctx) => {
      const program = await ctx.loaders.program.load(membership.programId);
      if (!program) throw new Error(`Membership ${membership.id} names missing programme ${membership.programId}`);
      return program;
    },
    city: (membership, _args, ctx) => (membership.cityId ? ctx.loaders.city.load(membership.cityId) : null),
    municipality: async (membership, _args, ctx) => {
      if (membership.participantAgs) return ctx.loaders.municipality.load(membership.participantAgs);
      if (!membership.cityId) return null;
      const city = await ctx.loaders.city.load(membership.cityId);
      return city?.ags ? ctx.loaders.municipality.load(city.ags) : null;
    },
    status: (membership, _args, ctx) => membershipStatus(membership, ctx.today),
    sourceUrls: (membership) => membership.sourceUrls ?? [],
  },
};
