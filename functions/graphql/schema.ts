import { makeExecutableSchema } from '@graphql-tools/schema';
import { buildASTSchema, parse, type GraphQLSchema } from 'graphql';
import { typeDefs } from './__generated__/typeDefs';
import { resolvers } from './resolvers';

export interface SchemaOptions {
  /**
   * Validate the SDL and that every resolver matches a schema field. Tests and
   * development turn it on; a Lambda cold start skips it, because the same
   * SDL and resolvers were validated before they could be deployed (about a
   * fifth of the handler's start-up time, see docs/BENCHMARKS.md).
   */
  validate?: boolean;
}

/** The executable schema: SDL from `schema/`, resolvers from `resolvers/`. */
export function buildSchema(options: SchemaOptions = {}): GraphQLSchema {
  if (options.validate) {
    return makeExecutableSchema({
      typeDefs,
      resolvers: resolvers as never,
      resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
    });
  }
  // A built schema skips graphql-tools' type-definition merge; resolvers are
  // attached in place instead of copying every type.
  const schema = buildASTSchema(parse(typeDefs, { noLocation: true }), { assumeValidSDL: true });
  return makeExecutableSchema({ typeDefs: schema, resolvers: resolvers as never, updateResolversInPlace: true });
}
