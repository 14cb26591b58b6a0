import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '../shared/log';
import { mutationGuardPlugin } from './auth';
import { DEFAULT_MAX_AGE, staticCacheControlPlugin } from './cache';
import type { GraphQLContext } from './context';
import { createErrorFormatter } from './errors';
import { LIMITS, armorProtection, costPlugin } from './limits';
import { persistedQueryCache } from './persisted';

export interface ServerOptions {
  logger: Logger;
  /** Development enables field suggestions in validation errors. */
  environment: 'development' | 'production' | 'test';
  /**
   * How `Cache-Control` is computed: `static` (default) from the SDL hints once
   * per document; `apollo` with Apollo's per-field plugin (for comparison and
   * measurement only); `none` sets no header.
   */
  cacheControl?: 'static' | 'apollo' | 'none';
  /** The schema it serves: `buildSchema()` (public) or `buildPartnerSchema()`; tests may extend one. */
  schema: GraphQLSchema;
  /** Further plugins (the handler's metrics). */
  plugins?: ApolloServerPlugin<GraphQLContext>[];
}

function cacheControlPlugin(mode: ServerOptions['cacheControl']): ApolloServerPlugin<GraphQLContext> {
  switch (mode) {
    case 'apollo':
      return ApolloServerPluginCacheControl({ defaultMaxAge: DEFAULT_MAX_AGE });
    case 'none':
      return ApolloServerPluginCacheControlDisabled();
    default:
      return staticCacheControlPlugin(DEFAULT_MAX_AGE);
  }
}

/**
 * Builds the Apollo server once per container. Tests import this (through the
 * handler) rather than a copy, so they exercise exactly what Lambda runs.
 */
export function createApolloServer(options: ServerOptions): ApolloServer<GraphQLContext> {
  const armor = armorProtection(options.environment);
  const mode = options.cacheControl ?? 'static';
  return new ApolloServer<GraphQLContext>({
    schema: options.schema,
    formatError: createErrorFormatter(options.logger),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // Refused before any parsing work beyond the limit (graphql-js counts as it lexes).
    parseOptions: { maxTokens: LIMITS.maxTokens },
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    cache: 'bounded',
    // Automatic persisted queries in a bounded in-memory LRU (per container), with the
    // widgets' trusted documents known before their first request (persisted.ts).
    persistedQueries: { cache: persistedQueryCache() },
    // Apollo's check refuses any GET without a preflight-forcing header, which
    // would break widgets' plain GETs. GET can only run queries here (Apollo
    // answers mutations over GET with 405) and the HTTP layer accepts POST only
    // as application/json, which browsers never send cross-site without a
    // preflight: state-changing requests stay CSRF-proof. See docs/API.md.
    csrfPrevention: false,
    plugins: [
      // The landing page is served by the local adapter from node_modules, never by Lambda.
      ApolloServerPluginLandingPageDisabled(),
      // Never report to Apollo's cloud, even if an APOLLO_KEY appears in the environment:
      // the Lambda bundle replaces the protobuf these plugins need (infra/bundling.ts).
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ...(mode === 'static' ? [ApolloServerPluginCacheControlDisabled()] : []),
      cacheControlPlugin(mode),
      costPlugin(LIMITS.maxCost),
      mutationGuardPlugin(),
      ...armor.plugins,
      ...(options.plugins ?? []),
    ],
    logger: {
      debug: (m) => options.logger.debug(String(m)),
      info: (m) => options.logger.info(String(m)),
      warn: (m) => options.logger.warn(String(m)),
      error: (m) => options.logger.error(String(m)),
    },
  });
}
