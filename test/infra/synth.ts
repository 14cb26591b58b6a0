import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, type CfnElement, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageConfigFromContext } from '../../infra/config';
import { DEFAULT_GRAPHQL_ENTRY } from '../../infra/constructs/graphql-function';
import { EngagierteStadtStack } from '../../infra/stack';

/** Context the template tests synthesize with: two partners, one with its own limits. */
export const TEST_CONTEXT = {
  stage: 'test',
  wafRateLimitPer5Min: '1500',
  partners: JSON.stringify([{ id: 'alpha', rateLimit: 5, burstLimit: 10, quotaPerDay: 500 }, { id: 'beta' }]),
};

export interface Synthesized {
  readonly app: App;
  readonly stack: EngagierteStadtStack;
  readonly template: Template;
  /** The bundled handler as esbuild wrote it into the cloud assembly. */
  readonly bundle: string;
  /** Path of that file (`index.mjs` for an ES module bundle, `index.js` for CommonJS). */
  readonly bundleFile: string;
  /** The cloud assembly's folder (assets are `asset.<hash>/` under it). */
  readonly assemblyDirectory: string;
}

/**
 * Builds the stack the way `infra/app.ts` does (context → config → stack, cdk-nag
 * registered) and synthesizes it once. Bundling the real handler costs seconds,
 * so each test file calls this once in `beforeAll` and shares the result.
 */
export function synthesize(context: Record<string, string> = TEST_CONTEXT, options: { realPartnerEntry?: boolean } = {}): Synthesized {
  const app = new App({ context });
  const config = stageConfigFromContext(app.node);
  const stack = new EngagierteStadtStack(app, `EngagierteStadt-${config.stage}`, {
    config,
    handlerEntry: process.env.INFRA_TEST_HANDLER ?? DEFAULT_GRAPHQL_ENTRY,
    // Template tests bundle one GraphQL entry for both functions (CDK stages an identical
    // bundle once per process), which keeps a synth within the hook timeout on a loaded machine;
    // test/campaigns/infra.test.ts synthesizes with the stack's own partner entry.
    ...(options.realPartnerEntry ? {} : { partnerHandlerEntry: process.env.INFRA_TEST_HANDLER ?? DEFAULT_GRAPHQL_ENTRY }),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  // app.synth() runs the validation plugins and throws on any unacknowledged finding.
  const assembly = app.synth();
  const template = Template.fromJSON(assembly.getStackByName(stack.stackName).template);
  // The GraphQL function's bundle; the stack also has the partner authorizer's.
  const fn = template.findResources('AWS::Lambda::Function')[graphqlFunctionId(stack)];
  const assetHash = String(fn?.Properties?.Code?.S3Key).replace(/\.zip$/, '');
  const bundleFile = ['index.mjs', 'index.js'].map((file) => path.join(assembly.directory, `asset.${assetHash}`, file)).find((file) => fs.existsSync(file));
  if (!bundleFile) throw new Error(`no index.mjs or index.js in asset.${assetHash}`);
  const bundle = fs.readFileSync(bundleFile, 'utf8');
  return { app, stack, template, bundle, bundleFile, assemblyDirectory: assembly.directory };
}

/** Logical id of the GraphQL function (the stack has more than one function). */
export function graphqlFunctionId(stack: EngagierteStadtStack): string {
  return stack.getLogicalId(stack.graphql.function.node.defaultChild as CfnElement);
}

/** Logical id of the partner resource's GraphQL function (same code, write grants). */
export function partnerGraphqlFunctionId(stack: EngagierteStadtStack): string {
  return stack.getLogicalId(stack.partnerGraphql.function.node.defaultChild as CfnElement);
}

/** Logical id of the partner authorizer's function. */
export function authorizerFunctionId(stack: EngagierteStadtStack): string {
  return stack.getLogicalId(stack.partnerAuthorizer.function.node.defaultChild as CfnElement);
}

/** Logical id of the withdrawal link's function (`POST /withdrawal`). */
export function withdrawalFunctionId(stack: EngagierteStadtStack): string {
  return stack.getLogicalId(stack.withdrawal.function.node.defaultChild as CfnElement);
}

/** Logical id of the only resource of a type; fails loudly if there is not exactly one. */
export function onlyLogicalId(template: Template, type: string): string {
  const ids = Object.keys(template.findResources(type));
  if (ids.length !== 1) throw new Error(`expected exactly one ${type}, found ${ids.length}`);
  return ids[0] as string;
}
