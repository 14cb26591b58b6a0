import type { Template } from 'aws-cdk-lib/assertions';
import { graphqlFunctionId, onlyLogicalId, synthesize, type Synthesized } from '../infra/synth';

let synthesized: Synthesized;
let template: Template;
beforeAll(() => {
  synthesized = synthesize();
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
