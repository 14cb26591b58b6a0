import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import {
  GLOBAL_SECONDARY_INDEXES,
  KEY_ATTRIBUTE_NAMES,
  TABLE_PARTITION_KEY,
  TABLE_SORT_KEY,
  TTL_ATTRIBUTE,
} from '../../functions/data/keys';
import { CORS_ALLOW_HEADERS } from '../../infra/constructs/api';
import { graphqlFunctionId, onlyLogicalId, partnerGraphqlFunctionId, synthesize, withdrawalFunctionId, type Synthesized } from './synth';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown };

let synthesized: Synthesized;
let template: Template;
let tableId: string;

beforeAll(() => {
  synthesized = synthesize();
  template = synthesized.template;
  tableId = onlyLogicalId(template, 'AWS::DynamoDB::Table');
});

function tableArn(): unknown {
  return { 'Fn::GetAtt': [tableId, 'Arn'] };
}

function indexArn(indexName: string): unknown {
  return { 'Fn::Join': ['', [tableArn(), `/index/${indexName}`]] };
}

/** Statements of every policy of our own roles (CDK's BucketDeployment role for the widgets is checked in widgets.test.ts). */
function policyStatements(): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => !(policy.Properties.Roles as { Ref?: string }[]).some((r) => r.Ref?.startsWith('CustomCDKBucketDeployment')))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

/** Statements of the policies attached to the GraphQL function's role (the authorizer has its own). */
function graphqlPolicyStatements(functionId = graphqlFunctionId(synthesized.stack)): Statement[] {
  const role = template.findResources('AWS::Lambda::Function')[functionId]!.Properties.Role['Fn::GetAtt'][0] as string;
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

function asList<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

describe('data: the table', () => {
  it('has the key schema and GSIs defined in functions/data/keys.ts', () => {
    const table = template.findResources('AWS::DynamoDB::Table')[tableId]!.Properties;
    expect(table.KeySchema).toEqual([
      { AttributeName: TABLE_PARTITION_KEY, KeyType: 'HASH' },
      { AttributeName: TABLE_SORT_KEY, KeyType: 'RANGE' },
    ]);
    expect(table.GlobalSecondaryIndexes).toEqual(
      GLOBAL_SECONDARY_INDEXES.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    const definitions = table.AttributeDefinitions as { AttributeName: string; AttributeType: string }[];
    expect(definitions.map((d) => d.AttributeName).sort()).toEqual([...KEY_ATTRIBUTE_NAMES].sort());
    expect(new Set(definitions.map((d) => d.AttributeType))).toEqual(new Set(['S']));
  });

  it('is on-demand, encrypted, recoverable and protected from deletion', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        // SSEEnabled without a key ARN is the AWS-managed aws/dynamodb key.
        SSESpecification: { SSEEnabled: true },
      }),
    });
  });

  it('expires items by the TTL attribute and streams both images for the change feed', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });
});

describe('function: the GraphQL Lambda', () => {
  it('runs the bundled handler on Node.js 22, ARM64, with tracing and JSON logs', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 1024,
      Timeout: 10,
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON', ApplicationLogLevel: 'INFO' }),
    });
  });

  it('passes the table name as a reference to the table, plus APP_ENV and LOG_LEVEL', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { TABLE_NAME: { Ref: tableId }, APP_ENV: 'production', LOG_LEVEL: 'info' } },
    });
  });

  it('logs to its own log group with a retention period', () => {
    const logGroupId = (template.findResources('AWS::Lambda::Function')[graphqlFunctionId(synthesized.stack)]!
      .Properties.LoggingConfig.LogGroup as { Ref: string }).Ref;
    template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 30 } });
    expect(template.findResources('AWS::Logs::LogGroup')[logGroupId]?.Properties.RetentionInDays).toBe(30);
  });
});

describe('function: IAM is least privilege', () => {
  it('grants no wildcard actions and no managed policies', () => {
    const actions = policyStatements().flatMap((s) => asList(s.Action));
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
    // The only managed policy is AWS's own for the account-wide API Gateway logging role.
    // CDK's BucketDeployment role (widgets) is checked in widgets.test.ts, its
    // bucket-notification role (photos) in test/photos/infra.test.ts.
    const managed = Object.entries(template.findResources('AWS::IAM::Role'))
      .filter(([id]) => !id.startsWith('CustomCDKBucketDeployment') && !id.startsWith('BucketNotificationsHandler'))
      .flatMap(([, role]) => (role.Properties.ManagedPolicyArns ?? []).map((arn: unknown) => JSON.stringify(arn)));
    expect(managed).toEqual([expect.stringContaining('AmazonAPIGatewayPushToCloudWatchLogs')]);
    const functionRole = template.findResources('AWS::Lambda::Function')[graphqlFunctionId(synthesized.stack)]!
      .Properties.Role['Fn::GetAtt'][0] as string;
    expect(template.findResources('AWS::IAM::Role')[functionRole]?.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('grants DynamoDB item actions on exactly the table and its named indexes', () => {
    // The conditioned nomination put is checked in test/campaigns/infra.test.ts.
    const dynamo = graphqlPolicyStatements().filter((s) => asList(s.Action).some((a) => a.startsWith('dynamodb:')) && !s.Condition);
    expect(dynamo).toHaveLength(1);
    // Written out here, not imported from the construct: a new action must be a deliberate change to this list.
    // The function only reads (issue 8): Scan pages the change feed's full export, bounded per request.
    const expected = ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'];
    expect(asList(dynamo[0]!.Action).sort()).toEqual(expected);
    for (const forbidden of [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:TransactWriteItems',
      'dynamodb:DeleteTable',
      'dynamodb:UpdateTable',
      'dynamodb:GetRecords',
    ]) {
      expect(asList(dynamo[0]!.Action)).not.toContain(forbidden);
    }
    expect(dynamo[0]!.Resource).toEqual([tableArn(), ...GLOBAL_SECONDARY_INDEXES.map((index) => indexArn(index.indexName))]);
  });

  it('uses Resource * only for X-Ray, which has no resource-level permissions', () => {
    const wildcard = policyStatements().filter((s) => asList(s.Resource as unknown).includes('*'));
    // Once each for the public GraphQL function's role, the partner function's, the authorizer's and the withdrawal function's.
    expect(wildcard.flatMap((s) => asList(s.Action)).sort()).toEqual([
      'xray:PutTelemetryRecords',
      'xray:PutTelemetryRecords',
      'xray:PutTelemetryRecords',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
      'xray:PutTraceSegments',
      'xray:PutTraceSegments',
      'xray:PutTraceSegments',
    ]);
  });

  it('gives the partner resource its own function with exactly the write actions a transaction of the write path needs', () => {
    const partnerId = partnerGraphqlFunctionId(synthesized.stack);
    expect(partnerId).not.toBe(graphqlFunctionId(synthesized.stack));
    const dynamo = graphqlPolicyStatements(partnerId).filter((s) => asList(s.Action).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo).toHaveLength(1);
    // Written out here: TransactWriteItems is authorised per contained action (Put/Update/Delete/ConditionCheck);
    // idempotency records are a conditional PutItem and UpdateItem. No BatchWriteItem, no table management.
    const expected = [
      'dynamodb:BatchGetItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:Scan',
      'dynamodb:UpdateItem',
    ];
    expect(asList(dynamo[0]!.Action).sort()).toEqual(expected);
    expect(dynamo[0]!.Resource).toEqual([tableArn(), ...GLOBAL_SECONDARY_INDEXES.map((index) => indexArn(index.indexName))]);
  });

  it('routes the partner resource to the partner function, /withdrawal to the withdrawal function and every other unauthenticated method to the read-only one', () => {
    const methods = Object.entries(template.findResources('AWS::ApiGateway::Method')).filter(([, m]) => m.Properties.Integration?.Type === 'AWS_PROXY');
    const target = (m: any) => JSON.stringify(m.Properties.Integration.Uri);
    const withdrawalResource = Object.entries(template.findResources('AWS::ApiGateway::Resource')).filter(([, r]) => r.Properties.PathPart === 'withdrawal');
    expect(withdrawalResource).toHaveLength(1);
    const partner = methods.filter(([, m]) => m.Properties.AuthorizationType === 'CUSTOM');
    const open = methods.filter(([, m]) => m.Properties.AuthorizationType !== 'CUSTOM');
    const withdrawal = open.filter(([, m]) => m.Properties.ResourceId?.Ref === withdrawalResource[0]![0]);
    const pub = open.filter(([, m]) => m.Properties.ResourceId?.Ref !== withdrawalResource[0]![0]);
    expect(partner.length).toBeGreaterThan(0);
    expect(pub.length).toBeGreaterThan(0);
    for (const [, m] of partner) expect(target(m)).toContain(partnerGraphqlFunctionId(synthesized.stack));
    for (const [, m] of pub) {
      expect(target(m)).toContain(graphqlFunctionId(synthesized.stack));
      expect(target(m)).not.toContain(partnerGraphqlFunctionId(synthesized.stack));
      expect(target(m)).not.toContain(withdrawalFunctionId(synthesized.stack));
    }
    // The one exception: the person's withdrawal link, unauthenticated by design, on exactly this path.
    expect(withdrawal.map(([, m]) => m.Properties.HttpMethod).sort()).toEqual(['ANY', 'POST']);
    for (const [, m] of withdrawal) {
      expect(m.Properties).toMatchObject({ AuthorizationType: 'NONE' });
      expect(m.Properties.ApiKeyRequired ?? false).toBe(false);
      expect(m.Properties.AuthorizerId).toBeUndefined();
      expect(target(m)).toContain(withdrawalFunctionId(synthesized.stack));
    }
    // The withdrawal function is reached from nowhere else.
    for (const [, m] of [...partner, ...pub]) expect(target(m)).not.toContain(withdrawalFunctionId(synthesized.stack));
  });

  it('gives the withdrawal function exactly the reads and writes of the erasure, on the erasure’s partitions of the table only', () => {
    const dynamo = graphqlPolicyStatements(withdrawalFunctionId(synthesized.stack)).filter((s) => asList(s.Action).some((a) => a.startsWith('dynamodb:')));
    // Written out here by hand, and the same lists test/campaigns/withdrawal.test.ts checks against what the path really sends.
    expect(dynamo).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem'],
        Resource: tableArn(),
        Condition: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['Campaign#*', 'Consent#*', 'Nomination#*', 'Feed#*', 'FeedCounter#*', 'Audit#*', 'Erased'] },
        },
      },
    ]);
    const others = graphqlPolicyStatements(withdrawalFunctionId(synthesized.stack))
      .filter((s) => !asList(s.Action).some((a) => a.startsWith('dynamodb:')))
      .flatMap((s) => asList(s.Action));
    // The photo side of the erasure, as withdrawConsent on the partner resource: every version, then the CDN. No upload, no read.
    expect(others.sort()).toEqual([
      'cloudfront:CreateInvalidation',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      's3:DeleteObjectVersion',
      's3:ListBucketVersions',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
    const fn = template.findResources('AWS::Lambda::Function')[withdrawalFunctionId(synthesized.stack)]!.Properties;
    expect(Object.keys(fn.Environment.Variables)).toEqual(expect.arrayContaining(['PHOTO_BUCKET', 'PHOTO_DISTRIBUTION_ID', 'PHOTO_PUBLIC_BASE_URL']));
    expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler', TracingConfig: { Mode: 'Active' } });
    expect(fn.Environment.Variables.TABLE_NAME).toEqual({ Ref: tableId });
  });
});

describe('api: REST API, CORS, partner keys, WAF', () => {
  function resourceId(pathPart: string, parent?: string): string {
    const matches = Object.entries(template.findResources('AWS::ApiGateway::Resource')).filter(
      ([, r]) => r.Properties.PathPart === pathPart && (parent === undefined || r.Properties.ParentId?.Ref === parent),
    );
    expect(matches).toHaveLength(1);
    return matches[0]![0];
  }

  // The public /graphql hangs off the root, whose id is an attribute of the API rather than a Ref.
  function publicResourceId(): string {
    const matches = Object.entries(template.findResources('AWS::ApiGateway::Resource')).filter(
      ([, r]) => r.Properties.PathPart === 'graphql' && r.Properties.ParentId?.['Fn::GetAtt']?.[1] === 'RootResourceId',
    );
    expect(matches).toHaveLength(1);
    return matches[0]![0];
  }

  function methodsOf(resource: string): Record<string, Record<string, unknown>> {
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method')).filter(
      (m) => m.Properties.ResourceId?.Ref === resource,
    );
    return Object.fromEntries(methods.map((m) => [m.Properties.HttpMethod as string, m.Properties]));
  }

  it('exposes /graphql with GET, POST, an OPTIONS preflight and ANY other method for the handler to refuse, none of which need a key', () => {
    const methods = methodsOf(publicResourceId());
    expect(Object.keys(methods).sort()).toEqual(['ANY', 'GET', 'OPTIONS', 'POST']);
    for (const name of ['GET', 'POST', 'ANY']) {
      expect(methods[name]).toMatchObject({ AuthorizationType: 'NONE', Integration: { Type: 'AWS_PROXY' } });
      expect(methods[name]!.ApiKeyRequired ?? false).toBe(false);
    }
  });

  it('answers preflight for any origin, without credentials', () => {
    const options = methodsOf(publicResourceId()).OPTIONS as { Integration: { IntegrationResponses: { ResponseParameters: Record<string, string> }[] } };
    const headers = options.Integration.IntegrationResponses[0]!.ResponseParameters;
    expect(headers['method.response.header.Access-Control-Allow-Origin']).toBe("'*'");
    expect(headers['method.response.header.Access-Control-Allow-Methods']).toBe("'GET,POST,OPTIONS'");
    // Conditional GETs from browsers need If-None-Match through the preflight.
    expect(CORS_ALLOW_HEADERS).toContain('If-None-Match');
    expect(headers['method.response.header.Access-Control-Allow-Headers']).toBe(`'${CORS_ALLOW_HEADERS.join(',')}'`);
    expect(headers['method.response.header.Access-Control-Allow-Credentials']).toBeUndefined();
  });

  it('adds CORS headers to API Gateway’s own 4xx and 5xx responses', () => {
    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        ResponseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'", 'gatewayresponse.header.Cache-Control': "'no-store'" },
      });
    }
  });

  it('exposes /withdrawal with POST, a preflight for any origin without credentials, and ANY other method for the handler to refuse, none needing a key', () => {
    const withdrawal = Object.entries(template.findResources('AWS::ApiGateway::Resource')).filter(
      ([, r]) => r.Properties.PathPart === 'withdrawal' && r.Properties.ParentId?.['Fn::GetAtt']?.[1] === 'RootResourceId',
    );
    expect(withdrawal).toHaveLength(1);
    const methods = methodsOf(withdrawal[0]![0]);
    expect(Object.keys(methods).sort()).toEqual(['ANY', 'OPTIONS', 'POST']);
    const headers = (methods.OPTIONS as { Integration: { IntegrationResponses: { ResponseParameters: Record<string, string> }[] } }).Integration.IntegrationResponses[0]!
      .ResponseParameters;
    expect(headers['method.response.header.Access-Control-Allow-Origin']).toBe("'*'");
    expect(headers['method.response.header.Access-Control-Allow-Methods']).toBe("'POST,OPTIONS'");
    expect(headers['method.response.header.Access-Control-Allow-Headers']).toBe("'Content-Type'");
    expect(headers['method.response.header.Access-Control-Allow-Credentials']).toBeUndefined();
    expect(synthesized.stack.api.withdrawalUrl).toBeDefined();
    template.hasOutput('WithdrawalUrl', Match.anyValue());
  });

  it('requires the partner authorizer and a usage-plan key on every method of /partner/graphql and offers no preflight there', () => {
    const partner = resourceId('partner');
    const methods = methodsOf(resourceId('graphql', partner));
    expect(Object.keys(methods).sort()).toEqual(['ANY', 'POST']);
    expect(methods.POST).toMatchObject({ ApiKeyRequired: true, AuthorizationType: 'CUSTOM', Integration: { Type: 'AWS_PROXY' } });
    expect(methods.ANY).toMatchObject({ ApiKeyRequired: true, AuthorizationType: 'CUSTOM', Integration: { Type: 'AWS_PROXY' } });
  });

  it('leaves request bodies to the handler: no API Gateway model answers in its own shape', () => {
    template.resourceCountIs('AWS::ApiGateway::Model', 0);
    template.resourceCountIs('AWS::ApiGateway::RequestValidator', 0);
    for (const method of Object.values(template.findResources('AWS::ApiGateway::Method'))) {
      expect(method.Properties.RequestModels).toBeUndefined();
    }
  });

  it('has a default partner usage plan and one per partner with limits of its own, and no key in the template', () => {
    template.resourceCountIs('AWS::ApiGateway::UsagePlan', 3);
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Description: Match.stringLikeRegexp('default limits'),
      Throttle: { RateLimit: 10, BurstLimit: 20 },
      Quota: { Limit: 10000, Period: 'DAY' },
    });
    // API keys are registered per credential by the admin command's step, never kept in the template.
    template.resourceCountIs('AWS::ApiGateway::ApiKey', 0);
    template.resourceCountIs('AWS::ApiGateway::UsagePlanKey', 0);
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Description: Match.stringLikeRegexp('alpha'),
      Throttle: { RateLimit: 5, BurstLimit: 10 },
      Quota: { Limit: 500, Period: 'DAY' },
      ApiStages: [Match.objectLike({ Stage: Match.anyValue() })],
    });
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Description: Match.stringLikeRegexp('beta'),
      Throttle: { RateLimit: 10, BurstLimit: 20 },
      Quota: { Limit: 10000, Period: 'DAY' },
    });
  });

  it('throttles the stage, traces it and writes JSON access logs', () => {
    const stage = template.findResources('AWS::ApiGateway::Stage')[onlyLogicalId(template, 'AWS::ApiGateway::Stage')]!.Properties;
    expect(stage.StageName).toBe('test');
    expect(stage.TracingEnabled).toBe(true);
    expect(stage.MethodSettings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 }),
      ]),
    );
    expect(stage.MethodSettings).toEqual(
      expect.arrayContaining([expect.objectContaining({ LoggingLevel: 'ERROR', DataTraceEnabled: false })]),
    );
    const format = JSON.parse(stage.AccessLogSetting.Format as string) as Record<string, string>;
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status', apiKeyId: '$context.identity.apiKeyId' });
    expect(stage.AccessLogSetting.DestinationArn).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
  });

  it('registers the account logging role API Gateway needs for logs, and keeps it on delete', () => {
    const accountId = onlyLogicalId(template, 'AWS::ApiGateway::Account');
    const roleId = template.findResources('AWS::ApiGateway::Account')[accountId]!.Properties.CloudWatchRoleArn['Fn::GetAtt'][0];
    template.hasResource('AWS::IAM::Role', { DeletionPolicy: 'Retain' });
    expect(template.findResources('AWS::IAM::Role')[roleId]?.DeletionPolicy).toBe('Retain');
    expect(template.findResources('AWS::ApiGateway::Stage')[onlyLogicalId(template, 'AWS::ApiGateway::Stage')]?.DependsOn).toContain(accountId);
  });

  it('associates a WAF web ACL with a per-IP rate rule with the stage', () => {
    const aclId = onlyLogicalId(template, 'AWS::WAFv2::WebACL');
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: Match.arrayWith([
        Match.objectLike({
          Action: { Block: {} },
          Statement: { RateBasedStatement: { Limit: 1500, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } },
        }),
      ]),
    });
    const association = template.findResources('AWS::WAFv2::WebACLAssociation');
    const [props] = Object.values(association).map((a) => a.Properties);
    expect(props.WebACLArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    expect(JSON.stringify(props.ResourceArn)).toContain(JSON.stringify({ Ref: onlyLogicalId(template, 'AWS::ApiGateway::Stage') }));
  });
});

describe('operations: alarms, topic, dashboard', () => {
  function alarmMetricNames(alarm: Record<string, unknown>): string[] {
    const direct = alarm.MetricName ? [alarm.MetricName as string] : [];
    const inMath = ((alarm.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[] | undefined) ?? [])
      .map((m) => m.MetricStat?.Metric.MetricName)
      .filter((name): name is string => Boolean(name));
    return [...direct, ...inMath];
  }

  it('raises seven alarms, each notifying the SNS topic on alarm and on recovery', () => {
    const topicId = onlyLogicalId(template, 'AWS::SNS::Topic');
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    expect(alarms).toHaveLength(7);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.OKActions).toEqual([{ Ref: topicId }]);
    }
  });

  it('covers API 5xx rate, p99 latency, Lambda errors and throttles, DynamoDB throttles and system errors', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    const covered = alarms.map((alarm) => new Set(alarmMetricNames(alarm)));
    const has = (...names: string[]) => covered.some((set) => names.every((n) => set.has(n)));
    expect(has('5XXError', 'Count')).toBe(true);
    expect(has('Errors')).toBe(true);
    expect(has('Throttles')).toBe(true);
    expect(has('ReadThrottleEvents', 'WriteThrottleEvents')).toBe(true);
    expect(has('SystemErrors')).toBe(true);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Latency',
      Namespace: 'AWS/ApiGateway',
      ExtendedStatistic: 'p99',
      Threshold: 2000,
    });
  });

  it('alarms on errors and throttles of every function that serves callers, not just the public one', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    const functionsWatchedBy = (metricName: string): Set<string> => {
      const alarm = alarms.find((a) => alarmMetricNames(a).includes(metricName) && (a.Namespace === 'AWS/Lambda' || JSON.stringify(a.Metrics ?? '').includes('AWS/Lambda')));
      expect({ metricName, alarmed: alarm !== undefined }).toEqual({ metricName, alarmed: true });
      const stats = alarm!.Metrics
        ? (alarm!.Metrics as { MetricStat?: { Metric: { Dimensions: { Name: string; Value: { Ref: string } }[] } } }[]).flatMap((m) => m.MetricStat?.Metric.Dimensions ?? [])
        : (alarm!.Dimensions as { Name: string; Value: { Ref: string } }[]);
      return new Set(stats.filter((d) => d.Name === 'FunctionName').map((d) => d.Value.Ref));
    };
    // The public GraphQL function, the partner GraphQL function, the partner authorizer and the withdrawal link.
    const serving = Object.keys(template.findResources('AWS::Lambda::Function')).filter((id) => /^(Graphql|PartnerGraphql|PartnerAuthorizer|Withdrawal)Function[0-9A-F]{8}$/.test(id));
    expect(serving).toHaveLength(4);
    for (const metricName of ['Errors', 'Throttles']) expect([...functionsWatchedBy(metricName)].sort()).toEqual([...serving].sort());
  });

  it('alarms on the handler’s own error metric for INTERNAL_SERVER_ERROR and SERVICE_UNAVAILABLE', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    const errorAlarm = alarms.find((alarm) => alarmMetricNames(alarm).includes('GraphQLErrors'));
    expect(errorAlarm).toBeDefined();
    const watched = (errorAlarm!.Metrics as { MetricStat?: { Metric: { Namespace: string; Dimensions: { Name: string; Value: string }[] } } }[])
      .filter((m) => m.MetricStat)
      .map((m) => ({
        namespace: m.MetricStat!.Metric.Namespace,
        dimensions: Object.fromEntries(m.MetricStat!.Metric.Dimensions.map((d) => [d.Name, d.Value])),
      }));
    // The names the handler emits (test/faults/observability.test.ts reads them from its EMF output).
    expect(watched).toEqual([
      { namespace: 'EngagierteStadt', dimensions: { service: 'engagierte-stadt-graphql', code: 'INTERNAL_SERVER_ERROR' } },
      { namespace: 'EngagierteStadt', dimensions: { service: 'engagierte-stadt-graphql', code: 'SERVICE_UNAVAILABLE' } },
    ]);
  });

  it('encrypts the alarm topic with a rotating key CloudWatch may use, and refuses plain HTTP', () => {
    const keyId = onlyLogicalId(template, 'AWS::KMS::Key');
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('has a dashboard', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

describe('stack: environment-agnostic', () => {
  it('synthesizes without CDK warnings or errors', () => {
    const annotations = Annotations.fromStack(synthesized.stack);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
  });

  it('hard-codes no account id, region or physical resource name', () => {
    const json = JSON.stringify(template.toJSON());
    expect(json).not.toMatch(/\b\d{12}\b/);
    expect(json).not.toMatch(/\b(us|eu|ap|sa|ca|me|af|il|mx)-(north|south|east|west|central|northeast|southeast)-\d\b/);
    const named: [string, string][] = [
      ['AWS::DynamoDB::Table', 'TableName'],
      ['AWS::Lambda::Function', 'FunctionName'],
      ['AWS::Logs::LogGroup', 'LogGroupName'],
      ['AWS::SNS::Topic', 'TopicName'],
      ['AWS::CloudWatch::Dashboard', 'DashboardName'],
      ['AWS::IAM::Role', 'RoleName'],
      ['AWS::ApiGateway::ApiKey', 'Name'],
    ];
    for (const [type, property] of named) {
      for (const resource of Object.values(template.findResources(type))) {
        expect(resource.Properties?.[property]).toBeUndefined();
      }
    }
  });

  it('outputs the endpoints, the table name and the usage plans partner keys join', () => {
    const outputs = Object.keys(template.findOutputs('*'));
    for (const prefix of ['GraphqlUrl', 'PartnerGraphqlUrl', 'TableName', 'AlarmTopicArn', 'PartnerUsagePlanId', 'UsagePlanIdalpha', 'UsagePlanIdbeta']) {
      expect(outputs.some((name) => name.startsWith(prefix))).toBe(true);
    }
  });
});
