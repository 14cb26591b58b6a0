/**
 * The naive baseline of each function the CDK app deploys, for the cold-start
 * benchmark. A deployed function is matched by its construct path in the
 * synthesized template; its baseline is a plain first version of the same
 * job, bundled with `BASE_ESBUILD_OPTIONS` (infra/bundling.ts), and both are
 * invoked with the same event. A function with no entry here is still
 * measured and reported, marked as having no baseline yet.
 *
 * To add one: an entry file exporting `handler` (or, for a GraphQL function,
 * `createHandler(typeDefs)` and the `sdl` it serves), the first event, and
 * what counts as an answer.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { createKey } from '../../cli/keys';
import { toAuthorizerContext } from '../../functions/auth';
import { DynamoCredentialStore } from '../../functions/data/credentials';
import { operation } from '../lib/operations';
import { BASE_TABLE, type BenchStore } from '../lib/store';
import { restProxyEvent } from '../../local/events';
import { restEvent } from '../warm';

const ROOT = join(__dirname, '..', '..');

export interface NaiveBaseline {
  /** What the function is, for the report. */
  readonly name: string;
  /** Whether a deployed function (by its `aws:cdk:path`) is the one this baseline stands beside. */
  matches(cdkPath: string): boolean;
  /** The naive handler's source file: it exports `handler`, or `createHandler(typeDefs)` if {@link sdl} is set. */
  readonly entry: string;
  /**
   * For a GraphQL function: the SDL files it serves, as `folder/*.graphql`
   * patterns from the repository root (a folder that does not exist matches
   * nothing). Their text, joined in order, is what `createHandler` gets.
   */
  readonly sdl?: readonly string[];
  /** The first event both the deployed function and the baseline answer (it may prepare the store for it). */
  event(store: BenchStore): Promise<unknown>;
  /** Whether a result is a real answer (not an error) to {@link event}. */
  answered(result: unknown): boolean;
  /** Packages both bundles leave external (native modules shipped beside the bundle). */
  readonly external?: readonly string[];
  /** Values for variables the template sets by reference (a bucket name), so both bundles start. */
  readonly environment?: Readonly<Record<string, string>>;
}

/** The files `patterns` (each `folder/*.ext`) match, in order: each folder's files with that extension, sorted by name. */
export function sdlFiles(patterns: readonly string[]): string[] {
  return patterns.flatMap((pattern) => {
    const match = /^(.+)\/\*(\.\w+)$/.exec(pattern);
    if (!match) throw new Error(`SDL pattern ${pattern}: use folder/*.graphql`);
    const folder = join(ROOT, match[1]!);
    return existsSync(folder) ? readdirSync(folder).filter((file) => file.endsWith(match[2]!)).sort().map((file) => join(folder, file)) : [];
  });
}

/** The SDL text a baseline serves. */
export function sdlText(patterns: readonly string[]): string {
  const files = sdlFiles(patterns);
  if (files.length === 0) throw new Error(`no SDL file matches ${patterns.join(', ')}`);
  return files.map((file) => readFileSync(file, 'utf8')).join('\n');
}

/** The public API's SDL, and the partner resource's: the public SDL and the private one (schema/private/). */
const PUBLIC_SDL = ['schema/*.graphql'] as const;
const PARTNER_SDL = ['schema/*.graphql', 'schema/private/*.graphql'] as const;

function graphqlAnswered(result: unknown): boolean {
  const r = result as { statusCode?: number; body?: string } | undefined;
  if (r?.statusCode !== 200 || typeof r.body !== 'string') return false;
  const body = JSON.parse(r.body) as { data?: unknown; errors?: unknown };
  return body.data !== undefined && body.data !== null && body.errors === undefined;
}

export const BASELINES: readonly NaiveBaseline[] = [
  {
    name: 'GraphQL API',
    matches: (cdkPath) => /\/Graphql\/Function\/Resource$/.test(cdkPath),
    entry: join(__dirname, 'lambda.ts'),
    sdl: PUBLIC_SDL,
    event: async () => {
      const op = operation('cityPage');
      return restEvent(op.query, op.variables);
    },
    answered: graphqlAnswered,
  },
  {
    name: 'partner GraphQL API',
    matches: (cdkPath) => /\/PartnerGraphql\/Function\/Resource$/.test(cdkPath),
    entry: join(__dirname, 'lambda.ts'),
    sdl: PARTNER_SDL,
    // The city page read by a partner key: the function's own resource, with the principal its authorizer passes on.
    event: async () => partnerEvent(),
    answered: graphqlAnswered,
  },
  {
    name: 'partner authorizer',
    matches: (cdkPath) => /\/PartnerAuthorizer\/Function\/Resource$/.test(cdkPath),
    entry: join(__dirname, 'authorizer.ts'),
    // A real key in the bench table: both authorizers read it and answer Allow.
    event: async (store) => {
      const deps = { credentials: new DynamoCredentialStore(store.documentClient(), BASE_TABLE), scopeExists: async () => true };
      const { secret } = await createKey(deps, { role: 'admin', label: 'cold-start benchmark' });
      return {
        type: 'TOKEN',
        authorizationToken: `Bearer ${secret}`,
        methodArn: 'arn:aws:execute-api:eu-central-1:123456789012:bench/prod/POST/partner/graphql',
      };
    },
    answered: (result) =>
      (result as { policyDocument?: { Statement?: { Effect?: string }[] } } | undefined)?.policyDocument?.Statement?.[0]?.Effect === 'Allow',
  },
  {
    name: 'image function',
    matches: (cdkPath) => /\/Photos\/ImageFunction\/Resource$/.test(cdkPath),
    entry: join(__dirname, 'image.ts'),
    external: ['sharp'],
    environment: { PHOTO_BUCKET: 'bench-photos', PHOTO_DISTRIBUTION_ID: 'EBENCH', PHOTO_PUBLIC_BASE_URL: 'https://photos.bench.invalid/' },
    // A key neither function issued: both load everything (sharp included) and answer without S3, which the bench has not.
    event: async () => ({
      Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Post', s3: { bucket: { name: 'bench-photos' }, object: { key: 'incoming/not-a-portrait', size: 1 } } }],
    }),
    answered: (result) => (result as { refused?: number } | undefined)?.refused === 1,
  },
  {
    name: 'withdrawal link',
    matches: (cdkPath) => /\/Withdrawal\/Function\/Resource$/.test(cdkPath),
    entry: join(__dirname, 'withdrawal.ts'),
    // A well-formed token no consent record holds: every spawn reads the store and answers the same
    // 404, where a real token would be used up by the first spawn and answer differently afterwards.
    event: async () =>
      restProxyEvent({
        method: 'POST',
        path: '/withdrawal',
        resource: '/withdrawal',
        headers: { 'content-type': 'application/json', 'user-agent': 'bench' },
        body: JSON.stringify({ token: `gluecksbringer.benchbenchbenchb~${'A'.repeat(43)}` }),
        stage: 'bench',
      }),
    answered: (result) => {
      const r = result as { statusCode?: number; body?: string } | undefined;
      return r?.statusCode === 404 && typeof r.body === 'string' && (JSON.parse(r.body) as { error?: { code?: string } }).error?.code === 'TOKEN_UNKNOWN_OR_USED';
    },
  },
];

/** A GraphQL request on the partner resource as API Gateway passes it on after the authorizer allowed it. */
function partnerEvent(): APIGatewayProxyEvent {
  const op = operation('cityPage');
  const event = restEvent(op.query, op.variables);
  const path = '/partner/graphql';
  return {
    ...event,
    path,
    resource: path,
    requestContext: {
      ...event.requestContext,
      path: `/${event.requestContext.stage}${path}`,
      resourcePath: path,
      authorizer: { principalId: 'bench', ...toAuthorizerContext({ kind: 'admin', keyId: '0123456789abcdef' }) },
    },
  };
}

/** The event a function with no registered baseline is invoked with: a public GraphQL request. */
export function defaultEvent(store: BenchStore): Promise<unknown> {
  return BASELINES[0]!.event(store);
}
