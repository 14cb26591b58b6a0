import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from '../shared/log';
import type { GraphQLContext } from './context';
import { createErrorFormatter } from './errors';
import { buildSchema } from './schema';

export interface ServerOptions {
  logger: Logger;
  /** Development enables field suggestions in validation errors. */
  environment: 'development' | 'production' | 'test';
}

/**
 * Builds the Apollo server once per container. Tests import this (through the
 * handler) rather than a copy, so they exercise exactly what Lambda runs.
 */
export function createApolloServer(options: ServerOptions): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    schema: buildSchema(),
    formatError: createErrorFormatter(options.logger),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    csrfPrevention: true,
    // The landing page is served by the local adapter from node_modules, never by Lambda.
    plugins: [ApolloServerPluginLandingPageDisabled()],
    logger: {
      debug: (m) => options.logger.debug(String(m)),
      info: (m) => options.logger.info(String(m)),
      warn: (m) => options.logger.warn(String(m)),
      error: (m) => options.logger.error(String(m)),
    },
  });
}
