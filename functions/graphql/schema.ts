import { makeExecutableSchema } from '@graphql-tools/schema';
import { buildASTSchema, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Resolvers } from './__generated__/resolvers';
import { typeDefsDocument } from './__generated__/typeDefsDocument';
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

/**
 * The public executable schema: SDL from `schema/` (parsed at build time, so no
 * build of the handler carries the SDL text as well), resolvers from `resolvers/`.
 */
export function buildSchema(options: SchemaOptions = {}): GraphQLSchema {
  return buildExecutableSchema(options, typeDefsDocument, resolvers);
}

/**
 * A schema from a build-time document and its resolvers. The partner resource
 * passes its own (`partner-schema.ts`) and never references the public
 * document, so its bundle neither carries nor unpacks it.
 */
export function buildExecutableSchema(options: SchemaOptions, document: DocumentNode, resolverMap: Resolvers): GraphQLSchema {
  if (options.validate) {
    return makeExecutableSchema({
      typeDefs: document,
      resolvers: resolverMap as never,
      resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
    });
  }
  // Parsed at build time (npm run codegen). A built schema skips graphql-tools'
  // type-definition merge; resolvers are attached in place instead of copying every type.
  const schema = buildASTSchema(document, { assumeValidSDL: true });
  return makeExecutableSchema({ typeDefs: schema, resolvers: resolverMap as never, updateResolversInPlace: true });
}
