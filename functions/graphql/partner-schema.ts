import type { GraphQLSchema } from 'graphql';
import type { Resolvers } from './__generated__/resolvers';
import { partnerTypeDefsDocument } from './__generated__/partnerTypeDefsDocument';
import { resolvers } from './resolvers';
import { moderationResolvers } from './resolvers/moderation';
import { photoResolvers } from './resolvers/photos';
import { buildExecutableSchema, type SchemaOptions } from './schema';

/** The public resolvers plus the private ones, merged per type (both extend Query and Mutation). */
export const partnerResolvers: Resolvers = [moderationResolvers, photoResolvers].reduce<Resolvers>(
  (merged, module) => {
    const target = merged as Record<string, object>;
    for (const [type, fields] of Object.entries(module)) target[type] = { ...(target[type] ?? {}), ...(fields as object) };
    return merged;
  },
  { ...resolvers },
);

/**
 * The partner resource's schema: the public SDL and `schema/private/` with
 * their resolvers. Only the partner entry and tests import this module, so
 * the public function's bundle holds neither the private SDL nor its resolvers.
 */
export function buildPartnerSchema(options: SchemaOptions = {}): GraphQLSchema {
  return buildExecutableSchema(options, partnerTypeDefsDocument, partnerResolvers);
}
