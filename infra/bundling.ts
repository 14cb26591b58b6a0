import { join } from 'node:path';

/**
 * How the GraphQL handler is bundled for Lambda, shared by the function
 * construct and the cold-start benchmark so they measure the same artefact.
 */
export const HANDLER_ENTRY = join(__dirname, '..', 'functions', 'graphql', 'handler.ts');

/** Lambda runtime the bundle targets; the construct pins the same runtime. */
export const BUNDLE_TARGET = 'node22';

/** Modules replaced at bundle time because the deployed server never uses them. */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  '@apollo/usage-reporting-protobuf': join(__dirname, 'stubs', 'usage-reporting-protobuf.js'),
};

/** esbuild options equivalent to the construct's bundling props. */
export const ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: BUNDLE_TARGET,
  format: 'cjs',
  minify: true,
  sourcemap: false,
  alias: BUNDLE_ALIASES,
} as const;
