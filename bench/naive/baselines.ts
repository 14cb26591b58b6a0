/**
 * The naive baseline of each function the CDK app deploys, for the cold-start
 * benchmark. A deployed function is matched by its construct path in the
 * synthesized template; its baseline is a plain first version of the same
 * job, bundled with `BASE_ESBUILD_OPTIONS` (infra/bundling.ts), and both are
 * invoked with the same event. A function with no entry here is still
 * measured and reported, marked as having no baseline yet.
 */
import { join } from 'node:path';
import { createKey } from '../../cli/keys';
import { DynamoCredentialStore } from '../../functions/data/credentials';
import { operation } from '../lib/operations';
import { BASE_TABLE, type BenchStore } from '../lib/store';
import { restProxyEvent } from '../../local/events';
import { restEvent } from '../warm';

export interface NaiveBaseline {
  /** What the function is, for the report. */
  readonly name: string;
  /** Whether a deployed function (by its `aws:cdk:path`) is the one this baseline stands beside. */
  matches(cdkPath: string): boolean;
  /** The naive handler's source file; it exports `handler`. */
  readonly entry: string;
  /** The first event both the deployed function and the baseline answer (it may prepare the store for it). */
  event(store: BenchStore): Promise<unknown>;
  /** Whether a result is a real answer (not an error) to {@link event}. */
  answered(result: unknown): boolean;
}

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
    entry: join(__dirname, 'handler.ts'),
    event: async () => {
      const op = operation('cityPage');
      return restEvent(op.query, op.variables);
    },
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

/** The event a function with no registered baseline is invoked with: a public GraphQL request. */
export function defaultEvent(store: BenchStore): Promise<unknown> {
  return BASELINES[0]!.event(store);
}
