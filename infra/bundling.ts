import { join } from 'node:path';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/**
 * How the Lambda handlers are bundled. The function construct takes its
 * NodejsFunction bundling props from {@link lambdaBundling}, and the bundle
 * test proves that esbuild run with {@link ESBUILD_OPTIONS} writes the very
 * bytes the synthesized asset holds, so tests and benchmarks can rebuild it.
 */
export const HANDLER_ENTRY = join(__dirname, '..', 'functions', 'graphql', 'handler.ts');

/** Lambda runtime the bundle targets; the construct pins the same runtime. */
export const BUNDLE_TARGET = 'node22';

const STUBS = join(__dirname, 'stubs');
const NODE_MODULES = join(__dirname, '..', 'node_modules');

/**
 * Modules replaced at bundle time because a deployed function never runs them
 * (each stub says why), or resolved to one build of a package that would
 * otherwise be bundled twice. Only the bundle is affected: tests and
 * `npm start` run the real modules.
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  '@apollo/usage-reporting-protobuf': join(STUBS, 'usage-reporting-protobuf.js'),
  '@apollo/utils.usagereporting': join(STUBS, 'usage-reporting-utils.js'),
  '@aws-sdk/credential-provider-node': join(STUBS, 'credential-provider-env-only.mjs'),
  'sha.js': join(STUBS, 'sha.cjs'),
  // Not a stub: Apollo imports lru-cache's ES module build and
  // @apollo/utils.keyvaluecache requires its CommonJS build, which would put
  // two copies of the same version in the bundle. Both get the ES module one.
  'lru-cache': join(NODE_MODULES, 'lru-cache', 'dist', 'esm', 'node', 'index.min.js'),
};

/**
 * Packages' ES module builds, so esbuild can drop their unused exports (the
 * SDK's CommonJS entries carry every command; graphql-js and graphql-tools
 * ship both builds). `.mjs` first because graphql-js's deep imports
 * (`graphql/language/printer`) have both a `.js` and a `.mjs` file: taking the
 * `.js` one beside the `module` entry would bundle two graphql-js copies that
 * reject each other's schema objects.
 */
export const MAIN_FIELDS = ['module', 'main'] as const;
export const RESOLVE_EXTENSIONS = ['.mjs', '.tsx', '.ts', '.jsx', '.js', '.css', '.json'] as const;

/**
 * What every bundle here and its naive baseline share: NodejsFunction's
 * defaults for a Node 22 function with minification on and no source map
 * (CommonJS output, esbuild's default module resolution, nothing replaced).
 * The cold-start benchmark builds its naive baselines with exactly these.
 */
export const BASE_ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: BUNDLE_TARGET,
  format: 'cjs',
  minify: true,
  sourcemap: false,
} as const satisfies BuildOptions;

/**
 * esbuild options that produce the synthesized asset byte for byte
 * (test/infra/bundle.test.ts). The output stays CommonJS although most of
 * what goes in is ES modules (esbuild drops unused exports either way): Node
 * loads a CommonJS file faster, about 8 ms of CPU less at every cold start
 * for this bundle than the same code as an ES module (docs/BENCHMARKS.md),
 * and CommonJS parts need no `require` shim.
 */
export const ESBUILD_OPTIONS: Readonly<BuildOptions> = {
  ...BASE_ESBUILD_OPTIONS,
  mainFields: [...MAIN_FIELDS],
  resolveExtensions: [...RESOLVE_EXTENSIONS],
  alias: BUNDLE_ALIASES,
};

/** The file name NodejsFunction gives a CommonJS bundle. */
export const BUNDLE_FILE = 'index.js';

/** NodejsFunction bundling props equivalent to {@link ESBUILD_OPTIONS}. */
export function lambdaBundling(): BundlingOptions {
  return {
    // Never Docker: esbuild is a devDependency, so bundling works offline on any machine.
    forceDockerBundling: false,
    minify: BASE_ESBUILD_OPTIONS.minify,
    // No source maps: --enable-source-maps makes Node parse the map at start-up,
    // which costs cold-start time on every container; minified frames still name files.
    sourceMap: BASE_ESBUILD_OPTIONS.sourcemap,
    target: BUNDLE_TARGET,
    format: OutputFormat.CJS,
    mainFields: [...MAIN_FIELDS],
    // Bundle SDK v3 instead of using the runtime's copy: only what the code uses is
    // shipped, tree-shaken, and the version is the one the tests ran.
    externalModules: [],
    bundleAwsSDK: true,
    esbuildArgs: {
      '--resolve-extensions': RESOLVE_EXTENSIONS.join(','),
      ...Object.fromEntries(Object.entries(BUNDLE_ALIASES).map(([from, to]) => [`--alias:${from}`, to])),
    },
  };
}
