import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ERASED_PARTITION, auditKey, consentPartition, feedCounterKey, feedLogPartition, nominationPartition, standaloneKey } from '../../functions/data/keys';
import { lambdaBundling } from '../bundling';
import type { StageConfig } from '../config';

/** The withdrawal link's own small entry: the erasure and the write path, no GraphQL. */
export const WITHDRAWAL_ENTRY = join(__dirname, '..', '..', 'functions', 'withdrawal', 'handler.ts');

/**
 * What the token path of functions/data/erasure.ts calls, and nothing more:
 * strongly consistent BatchGetItem (consent record, portrait, feed counters),
 * Query of the campaign's nomination partition, and one TransactWriteItems,
 * which IAM authorises per contained action: Put (portrait tombstone, feed
 * entry and counter, erased-id and audit entries) and Delete (consent record,
 * nominations), and Update of the erased-id entry once the photos are gone.
 * No GetItem, no Scan, no index, no BatchWriteItem.
 * test/campaigns/withdrawal.test.ts records what the path really sends.
 */
export const WITHDRAWAL_ACTIONS: readonly string[] = ['dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem'];

/**
 * The partitions the erasure reads and writes, named by keys.ts' own builders
 * (called with an empty id, they give the partition's prefix). Portraits live
 * in their campaign's partition, so `Campaign#*` is as narrow as a leading-key
 * condition gets; credentials, places, programmes and the rest stay out of reach.
 */
export const WITHDRAWAL_LEADING_KEYS: readonly string[] = [
  `${standaloneKey('Campaign', '').pk}*`,
  `${consentPartition('')}*`,
  `${nominationPartition('')}*`,
  `${feedLogPartition('')}*`,
  `${feedCounterKey('').pk}*`,
  `${auditKey('', '').pk}*`,
  ERASED_PARTITION,
];

export interface WithdrawalFunctionProps {
  readonly table: dynamodb.ITable;
  readonly logLevel: StageConfig['logLevel'];
  readonly logRetention: logs.RetentionDays;
  /** Handler file to bundle; tests may point elsewhere. @default WITHDRAWAL_ENTRY */
  readonly entry?: string;
}

/**
 * The function behind `POST /withdrawal`: the person's one-time link withdraws
 * consent without any credential, so it is the one unauthenticated path that
 * writes. Its role may call only {@link WITHDRAWAL_ACTIONS} on the table
 * itself (no index) and only on {@link WITHDRAWAL_LEADING_KEYS}, which keeps
 * a bug on that path from reading credentials or writing network records.
 */
export class WithdrawalFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: WithdrawalFunctionProps) {
    super(scope, id);

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Withdrawal link: writes its own log group, traces, and erases one portrayed person through the write path',
    });
    logGroup.grant(role, 'logs:CreateLogStream', 'logs:PutLogEvents');
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: [...WITHDRAWAL_ACTIONS],
        resources: [props.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...WITHDRAWAL_LEADING_KEYS] } },
      }),
    );

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry ?? WITHDRAWAL_ENTRY,
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      // One erasure transaction per call; 256 MB keeps the SDK's cold start reasonable, as for the authorizer.
      memorySize: 256,
      timeout: Duration.seconds(10),
      role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: lambda.Tracing.ACTIVE,
      environment: { TABLE_NAME: props.table.tableName, APP_ENV: 'production', LOG_LEVEL: props.logLevel },
      bundling: lambdaBundling(),
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
