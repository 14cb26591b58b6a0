/**
 * The naive baseline of each function the CDK app deploys, for the cold-start
 * benchmark. A deployed function is matched by its construct path in the
 * synthesized template; its baseline is a plain first version of the same
 * job, bundled with `BASE_ESBUILD_OPTIONS` (infra/bundling.ts), and both are
 * invoked with the same event. A function with no entry here is still
 * measured and reported, marked as having no baseline yet.
 */
import { join } from 'node:path';
import { operation } from '../lib/operations';
import { restEvent } from '../warm';

export interface NaiveBaseline {
  /** What the function is, for the report. */
  readonly name: string;
  /** Whether a deployed function (by its `aws:cdk:path`) is the one this baseline stands beside. */
  matches(cdkPath: string): boolean;
  /** The naive handler's source file; it exports `handler`. */
  readonly entry: string;
  /** The first event both the deployed function and the baseline answer. */
  event(): unknown;
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
    event: () => {
      const op = operation('cityPage');
      return restEvent(op.query, op.variables);
    },
    answered: graphqlAnswered,
  },
];

/** The event a function with no registered baseline is invoked with: a public GraphQL request. */
export function defaultEvent(): unknown {
  return BASELINES[0]!.event();
}
