import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { TEST_CONTEXT, graphqlFunctionId, onlyLogicalId, partnerGraphqlFunctionId, synthesize, type Synthesized } from '../infra/synth';
import { BUNDLE_FILE } from '../../infra/bundling';

let synthesized: Synthesized;
let template: Template;
beforeAll(() => {
  // The stack's own entries, as infra/app.ts deploys them.
  synthesized = synthesize(TEST_CONTEXT, { realPartnerEntry: true });
  template = synthesized.template;
});

describe('nominate: the GraphQL function may write nominations and nothing else', () => {
  it('has exactly one DynamoDB write statement: PutItem on the table, conditioned on Nomination# leading keys', () => {
    const fn = template.findResources('AWS::Lambda::Function')[graphqlFunctionId(synthesized.stack)]!.Properties;
    const role = fn.Role['Fn::GetAtt'][0] as string;
    const table = onlyLogicalId(template, 'AWS::DynamoDB::Table');
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, unknown>[]);
    const writeActions = /^dynamodb:(Put|Update|Delete|BatchWrite|TransactWrite|PartiQL)/;
    const writes = statements.filter((s) => [s.Action].flat().some((a) => writeActions.test(String(a))));
    // Written out by hand from the issue: a new write grant must be a deliberate change here.
    expect(writes).toEqual([
      {
        Action: 'dynamodb:PutItem',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [table, 'Arn'] },
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['Nomination#*'] } },
      },
    ]);
  });
});

describe('schema separation in the deployed bundles', () => {
  const bundleOf = (logicalId: string) => {
    const key = String(template.findResources('AWS::Lambda::Function')[logicalId]!.Properties.Code.S3Key).replace(/\.zip$/, '');
    return readFileSync(join(synthesized.assemblyDirectory, `asset.${key}`, BUNDLE_FILE), 'utf8');
  };

  it('gives the partner function (and only it) the private schema', () => {
    const publicBundle = bundleOf(graphqlFunctionId(synthesized.stack));
    const partnerBundle = bundleOf(partnerGraphqlFunctionId(synthesized.stack));
    for (const privateName of ['campaignNominations', 'createPortraitFromNomination', 'withdrawConsent', 'ConsentRecord']) {
      expect(partnerBundle).toContain(privateName);
      expect(publicBundle).not.toContain(privateName);
    }
  });
});
