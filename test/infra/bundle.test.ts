import { build, type Metafile } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema } from 'graphql';
import { typeDefs } from '../../functions/graphql/__generated__/typeDefs';
import { resolvers } from '../../functions/graphql/resolvers';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { BASELINES } from '../../bench/naive/baselines';
import { BUNDLE_FILE, ESBUILD_OPTIONS, HANDLER_ENTRY } from '../../infra/bundling';
import type { EngagierteStadtStack } from '../../infra/stack';
import { LIMITS } from '../../functions/graphql/limits';
import { lambdaContext as localLambdaContext } from '../../local/events';
import { NETWORK_MAP_QUERY } from '../support/queries';
import { restEvent } from '../support/lambda';
import { synthesize } from './synth';

/**
 * Requires the SDK guards with try/catch and never needs here: the CRT signer is only
 * for SigV4a (multi-region access points), which DynamoDB does not use.
 */
const OPTIONAL_RUNTIME_REQUIRES = new Set(['@aws-sdk/signature-v4-crt']);

/** Modules the deployed bundle must not carry (see infra/bundling.ts and infra/stubs/). */
const LEFT_OUT: ReadonlyArray<[string, RegExp]> = [
  ['the Apollo usage-reporting protobuf', /node_modules\/@apollo\/usage-reporting-protobuf\//],
  ['the usage-reporting helpers and lodash.sortby', /node_modules\/(@apollo\/utils\.(usagereporting|sortast|dropunuseddefinitions|stripsensitiveliterals|printwithreducedwhitespace|removealiases)|lodash\.sortby)\//],
  ['a second, CommonJS copy of lru-cache', /node_modules\/lru-cache\/dist\/commonjs\//],
  ['the credential chain beyond the environment', /node_modules\/@aws-sdk\/(credential-provider-(node|ini|sso|process|web-identity|http|login)|nested-clients|token-providers)\//],
  ['instance-metadata credentials', /node_modules\/@smithy\/credential-provider-imds\//],
  ['browser detection (bowser)', /node_modules\/bowser\//],
  ['pure-JavaScript SHA (sha.js)', /node_modules\/sha\.js\//],
  ['a second, CommonJS Apollo Server', /node_modules\/@apollo\/server\/dist\/cjs\//],
  ['graphql-js CommonJS files beside its ES modules', /node_modules\/graphql\/.*\.js$/],
];

/**
 * Requests that exercise what a bundling change could break: unions,
 * interfaces, custom scalars, errors, limits, cache headers, persisted
 * queries, preflights and refusals before GraphQL.
 */
function requests(): APIGatewayProxyEvent[] {
  const post = (query: string, variables?: Record<string, unknown>, path?: string) =>
    restEvent({ body: JSON.stringify({ query, variables }), ...(path ? { path } : {}) });
  const get = (query: Record<string, string>) => restEvent({ method: 'GET', query, body: null });
  let deep = 'name';
  for (let i = 0; i < LIMITS.maxDepth; i++) deep = `partnerships { cities { ${deep} } }`;
  const aliases = Array.from({ length: LIMITS.maxAliases + 1 }, (_, i) => `a${i}: networkStats { totalMemberCount }`).join(' ');
  // Registering and then hitting a persisted query runs Apollo's query hashing (node:crypto in the bundle).
  const persisted = '{ networkStats { currentMemberCount } }';
  const persistedQuery = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(persisted).digest('hex') } });
  return [
    post(`{ city(ags: "15001000") { id name state memberStatus population { value asOf basis }
      memberships { program { name } status startDate endDate } partnerships { name kind cities { name } supporters { name } }
      coordinationOffice { unit email phone } campaigns { name launchDate } } }`),
    post(NETWORK_MAP_QUERY, { first: 100 }),
    post('{ partnerships { name members { role member { __typename ... on City { name ags } ... on Organization { name } } } } }'),
    post('query($id: ID!) { node(id: $id) { __typename id ... on City { name } } }', { id: 'City:dessau-rosslau' }),
    post('{ municipality(ags: "08117026") { name population { value asOf } eligibility { status round { year } } city { name } } }'),
    post('{ cities(filter: { search: "dessau rosslau" }) { totalCount nodes { name } } }'),
    post('{ networkStats { currentMemberCount byState { state count } reported { date count } } dataSources { id name } }'),
    post('{ city(id: "nowhere") { name } }'),
    post('{ cities(first: 101) { totalCount } }'),
    post('{ city(ags: "15001000") { name nonsense } }'),
    // Production leaves out "Did you mean" suggestions; a development build would not.
    post('{ city(ags: "15001000") { nam } }'),
    post('{ city(ags: '),
    post('query($n: Int) { cities(first: $n) { totalCount } }', { n: 'many' }),
    post(`{ city(id: "dessau-rosslau") { ${deep} } }`),
    post(`{ ${aliases} }`),
    post('{ cities(first: 3) { nodes { name } } }', undefined, '/partner/graphql'),
    get({ query: '{ cities(first: 3) { nodes { name population { value } } } }' }),
    get({ query: '{ municipality(ags: "15001000") { name location { lat lon } } }' }),
    get({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } }) }),
    get({ query: persisted, extensions: persistedQuery }),
    get({ extensions: persistedQuery }),
    restEvent({ method: 'OPTIONS', headers: { origin: 'https://example.org', 'access-control-request-method': 'POST' } }),
    restEvent({ body: '{"query":', headers: { 'content-type': 'application/json' } }),
    restEvent({ body: 'query=%7B%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    // The whole schema as served, descriptions and directives included: built from the build-time artefact.
    post(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true })),
  ];
}

/** Runs in a fresh process: loads the bundle as Lambda's Node runtime does (`require()`, `import()` for an ES module) and answers each event in turn. */
const RUNNER = `
const { pathToFileURL } = require('node:url');
const { readFileSync } = require('node:fs');
(async () => {
  const { handler } = process.env.BUNDLE.endsWith('.mjs') ? await import(pathToFileURL(process.env.BUNDLE).href) : require(process.env.BUNDLE);
  const input = JSON.parse(readFileSync(process.env.EVENTS, 'utf8'));
  const results = [];
  for (const event of input.events) results.push(await handler(event, input.context, () => {}));
  process.stdout.write(JSON.stringify(results));
})().catch((error) => { console.error(error); process.exit(1); });`;

describe('Lambda bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
  let asset: string;
  let stack: EngagierteStadtStack;
  let metafile: Metafile;
  // Synthesizing bundles every function and the widgets, then the handler is built once more: on a
  // machine shared by several test runs that alone can pass the default minute.
  const SLOW_MS = 180_000;
  beforeAll(async () => {
    ({ bundleFile: asset, stack } = synthesize());
    const built = await build({ ...ESBUILD_OPTIONS, entryPoints: [HANDLER_ENTRY], outfile: join(dir, BUNDLE_FILE), metafile: true, logLevel: 'error' });
    metafile = built.metafile;
  }, SLOW_MS);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is what esbuild writes with ESBUILD_OPTIONS, byte for byte, so benchmarks and tests can rebuild it', () => {
    expect(asset.endsWith(BUNDLE_FILE)).toBe(true);
    expect(readFileSync(join(dir, BUNDLE_FILE)).equals(readFileSync(asset))).toBe(true);
  });

  it.each(LEFT_OUT)('leaves out %s', (_what, pattern) => {
    // Inputs esbuild read but shook out entirely count 0 bytes: only code that ships matters.
    const shipped = Object.values(metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0));
    expect(shipped.map(([path]) => path).filter((path) => pattern.test(path))).toEqual([]);
  });

  it('has a naive baseline in the cold-start benchmark for every Node function the app deploys', () => {
    const functions = stack.node.findAll().filter((c): c is CfnFunction => c instanceof CfnFunction && String(c.runtime).startsWith('nodejs'));
    expect(functions.length).toBeGreaterThan(1);
    expect(functions.map((f) => f.node.path).filter((path) => !BASELINES.some((b) => b.matches(path)))).toEqual([]);
  });

  it('bundles its dependencies, the AWS SDK included, instead of loading them at run time', () => {
    const external = Object.values(metafile.outputs)
      .flatMap((output) => output.imports)
      .filter((i) => i.external)
      .map((i) => i.path)
      .filter((name) => !name.startsWith('node:') && !builtinModules.includes(name));
    expect(external.filter((name) => !OPTIONAL_RUNTIME_REQUIRES.has(name))).toEqual([]);
  });

  describe('answers as the unbundled handler does', () => {
    const saved = process.env.APP_ENV;
    // The deployed configuration (construct sets APP_ENV=production) on both sides.
    beforeAll(() => {
      process.env.APP_ENV = 'production';
    });
    afterAll(() => {
      process.env.APP_ENV = saved;
    });

    it('gives the same status, headers and body for every request, from the synthesized asset in a fresh process', async () => {
      const events = requests();
      const context = localLambdaContext('bundle-test');
      // Imported here, after APP_ENV is set: the handler reads its configuration once, at import.
      const { handler } = await import('../../functions/graphql/handler');
      const unbundled: APIGatewayProxyResult[] = [];
      for (const event of events) unbundled.push(await handler(event, context));

      const input = join(dir, 'events.json');
      writeFileSync(input, JSON.stringify({ events, context }));
      const child = spawnSync(process.execPath, ['-e', RUNNER], {
        env: {
          PATH: process.env.PATH,
          BUNDLE: asset,
          EVENTS: input,
          TABLE_NAME: process.env.TABLE_NAME,
          DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT,
          AWS_REGION: process.env.AWS_REGION,
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          APP_ENV: 'production',
          LOG_LEVEL: 'error',
          // The EMF metrics line would share stdout with the runner's answers.
          POWERTOOLS_METRICS_DISABLED: 'true',
        },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(child.stderr).toBe('');
      expect(child.status).toBe(0);
      const bundled = JSON.parse(child.stdout) as APIGatewayProxyResult[];

      // The requests do reach each path they are meant to: answers, GraphQL errors, refusals, preflight.
      const statuses = new Set(unbundled.map((r) => r.statusCode));
      for (const status of [200, 204, 400]) expect(statuses).toContain(status);
      expect(unbundled.some((r) => r.body.includes('"__typename":"Organization"'))).toBe(true);
      expect(unbundled.some((r) => String(r.headers?.['cache-control']).includes('public'))).toBe(true);
      expect(JSON.parse(unbundled[events.length - 5]!.body).data.networkStats).toBeDefined();
      expect(unbundled.some((r) => r.body.includes('Did you mean'))).toBe(false);
      expect(bundled).toEqual(unbundled);
      // And the schema it serves is the SDL in schema/ parsed now, with the same resolvers (custom scalars among them).
      const served = buildClientSchema(JSON.parse(bundled[events.length - 1]!.body).data);
      const fromSdl = makeExecutableSchema({ typeDefs, resolvers: resolvers as never });
      expect(printSchema(lexicographicSortSchema(served))).toBe(printSchema(lexicographicSortSchema(fromSdl)));
    }, SLOW_MS);
  });
});
