import type { Template } from 'aws-cdk-lib/assertions';
import { UNAUTHENTICATED_BODY } from '../../functions/auth/refusal';
import { authorizerFunctionId, onlyLogicalId, synthesize, type Synthesized } from './synth';

let synthesized: Synthesized;
let template: Template;

beforeAll(() => {
  synthesized = synthesize();
  template = synthesized.template;
});

function partnerPost(): Record<string, any> {
  const resources = template.findResources('AWS::ApiGateway::Resource');
  const partner = Object.entries(resources).find(([, r]) => r.Properties.PathPart === 'partner')![0];
  const graphql = Object.entries(resources).find(([, r]) => r.Properties.PathPart === 'graphql' && r.Properties.ParentId?.Ref === partner)![0];
  return Object.values(template.findResources('AWS::ApiGateway::Method')).find(
    (m) => m.Properties.ResourceId?.Ref === graphql && m.Properties.HttpMethod === 'POST',
  )!.Properties;
}

describe('partner authorizer: infrastructure', () => {
  it('guards POST /partner/graphql with a cached TOKEN authorizer on the Authorization header', () => {
    const authorizerId = onlyLogicalId(template, 'AWS::ApiGateway::Authorizer');
    expect(partnerPost()).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId }, ApiKeyRequired: true });
    const authorizer = template.findResources('AWS::ApiGateway::Authorizer')[authorizerId]!.Properties;
    expect(authorizer).toMatchObject({
      Type: 'TOKEN',
      IdentitySource: 'method.request.header.Authorization',
      // The documented revocation bound on AWS (README, "Partner access").
      AuthorizerResultTtlInSeconds: 60,
      IdentityValidationExpression: '^Bearer esk_[0-9a-f]{16}\\.[A-Za-z0-9_-]{43}$',
    });
    expect(JSON.stringify(authorizer.AuthorizerUri)).toContain(authorizerFunctionId(synthesized.stack));
  });

  it('takes the usage-plan key from the authorizer, not from a client header', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { ApiKeySourceType: 'AUTHORIZER' });
  });

  it('binds every partner usage plan to the deployed stage', () => {
    const stage = onlyLogicalId(template, 'AWS::ApiGateway::Stage');
    const plans = Object.values(template.findResources('AWS::ApiGateway::UsagePlan'));
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      expect(plan.Properties.ApiStages).toEqual([expect.objectContaining({ ApiId: { Ref: onlyLogicalId(template, 'AWS::ApiGateway::RestApi') }, Stage: { Ref: stage } })]);
      expect(plan.Properties.Quota.Period).toBe('DAY');
    }
  });

  it('answers refused credentials with UNAUTHENTICATED in the GraphQL error shape', () => {
    for (const type of ['UNAUTHORIZED', 'ACCESS_DENIED']) {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        StatusCode: '401',
        ResponseTemplates: { 'application/json': UNAUTHENTICATED_BODY },
      });
    }
    expect(JSON.parse(UNAUTHENTICATED_BODY).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('may only GetItem credential items: exactly one statement with a leading-keys condition', () => {
    const fn = template.findResources('AWS::Lambda::Function')[authorizerFunctionId(synthesized.stack)]!.Properties;
    const role = fn.Role['Fn::GetAtt'][0] as string;
    const table = onlyLogicalId(template, 'AWS::DynamoDB::Table');
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, unknown>[]);
    const dynamo = statements.filter((s) => JSON.stringify(s.Action).includes('dynamodb:'));
    expect(dynamo).toEqual([
      {
        Action: 'dynamodb:GetItem',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [table, 'Arn'] },
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['Credential#*'] } },
      },
    ]);
    // Nothing else but its own logs and X-Ray.
    const others = statements.filter((s) => !JSON.stringify(s.Action).includes('dynamodb:')).flatMap((s) => [s.Action].flat());
    expect(others.sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    expect(fn.Environment.Variables.TABLE_NAME).toEqual({ Ref: table });
  });

  it('lets API Gateway invoke the authorizer', () => {
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission')).filter((p) =>
      JSON.stringify(p.Properties.FunctionName).includes(authorizerFunctionId(synthesized.stack)),
    );
    expect(permissions.map((p) => p.Properties.Principal)).toEqual(['apigateway.amazonaws.com']);
  });
});
