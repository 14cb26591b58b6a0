import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CREDENTIAL_KEY_PREFIX } from '../../functions/data/keys';
import { lambdaBundling } from '../bundling';
import type { StageConfig } from '../config';

/** The authorizer's own small entry: credentials and the SDK, no GraphQL. */
export const AUTHORIZER_ENTRY = join(__dirname, '..', '..', 'functions', 'authorizer', 'handler.ts');

/**
 * How long API Gateway caches an authorizer answer per token, and so the
 * longest a revoked key keeps working on AWS. One minute: a partner syncing
 * at its rate limit costs about one authorizer call a minute, and a leaked
 * key is dead a minute after `revoke-key`.
 */
export const AUTHORIZER_CACHE_TTL_SECONDS = 60;

/**
 * What API Gateway checks before calling the authorizer: anything not shaped
 * like `Bearer esk_<keyId>.<secret>` is refused with 401 without an invocation.
 */
export const AUTHORIZATION_HEADER_PATTERN = '^Bearer esk_[0-9a-f]{16}\\.[A-Za-z0-9_-]{43}$';

export interface PartnerAuthorizerProps {
  readonly table: dynamodb.ITable;
  readonly logLevel: StageConfig['logLevel'];
  readonly logRetention: logs.RetentionDays;
}

/**
 * The partner resource's Lambda TOKEN authorizer: its function, its log group,
 * a role that may read credential items and nothing else, and the API Gateway
 * authorizer with its result cache.
 */
export class PartnerAuthorizer extends Construct {
  readonly function: NodejsFunction;
  readonly authorizer: apigw.TokenAuthorizer;

  constructor(scope: Construct, id: string, props: PartnerAuthorizerProps) {
    super(scope, id);

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Partner authorizer: writes its own log group, traces, and reads credential items',
    });
    logGroup.grant(role, 'logs:CreateLogStream', 'logs:PutLogEvents');
    // GetItem only, and only on items whose partition key is a credential's: a
    // compromised authorizer can read no network data and write nothing.
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: [props.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${CREDENTIAL_KEY_PREFIX}*`] } },
      }),
    );

    this.function = new NodejsFunction(this, 'Function', {
      entry: AUTHORIZER_ENTRY,
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      // Small: one GetItem per uncached token; 256 MB keeps the SDK's cold start reasonable.
      memorySize: 256,
      timeout: Duration.seconds(5),
      role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: lambda.Tracing.ACTIVE,
      environment: { TABLE_NAME: props.table.tableName, APP_ENV: 'production', LOG_LEVEL: props.logLevel },
      // The same bundling as the GraphQL function (ES module, packages' module builds,
      // environment-only credentials): its cold start delays every uncached partner call.
      bundling: lambdaBundling(),
    });

    this.authorizer = new apigw.TokenAuthorizer(this, 'Authorizer', {
      handler: this.function,
      identitySource: apigw.IdentitySource.header('Authorization'),
      validationRegex: AUTHORIZATION_HEADER_PATTERN,
      resultsCacheTtl: Duration.seconds(AUTHORIZER_CACHE_TTL_SECONDS),
    });

    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Pinned to Node.js 22 like the GraphQL function; upgrades are deliberate.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Only X-Ray PutTraceSegments/PutTelemetryRecords use Resource *; X-Ray has no resource-level permissions.',
    });
  }
}
