import * as path from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config';
import { HANDLER_ENTRY, lambdaBundling } from '../bundling';
import { NOMINATION_KEY_PREFIX } from '../../functions/data/keys';
import { APPLICATION_LOG_LEVEL } from './shared';

/** The real GraphQL Lambda entry; tests and the app use it unless told otherwise. */
export const DEFAULT_GRAPHQL_ENTRY = HANDLER_ENTRY;

/**
 * The GraphQL function only reads: writes (seeding, partner sync) run where they
 * get write grants of their own (issue 8). `Scan` only for the change feed's full export
 * (`changes` without `since`): a strongly consistent Scan is the one read that
 * sees every entity committed before the export's cursor, which a GSI does not
 * promise (docs/CHANGE-FEED.md). No table management, no stream reads.
 */
export const DATA_ACCESS_ACTIONS: readonly string[] = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  // Pages of the change feed's full export (`changes` without `since`).
  'dynamodb:Scan',
];

/**
 * What the partner resource's function adds: bulk membership writes run as
 * TransactWriteItems, which IAM authorises per contained action (Put, Update,
 * Delete, ConditionCheck; there is no `dynamodb:TransactWriteItems` action),
 * and idempotency records are a conditional PutItem and UpdateItem.
 * No BatchWriteItem: nothing the API writes bypasses the change feed.
 */
export const WRITE_ACTIONS: readonly string[] = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'];

/** The one write the public function makes: a conditional put of a new nomination. */
export const NOMINATION_ACTIONS: readonly string[] = ['dynamodb:PutItem'];

/** A table plus the ARNs of the indexes a function may query. */
export interface BindableTable {
  readonly table: dynamodb.ITable;
  readonly indexArns: readonly string[];
}

export interface GraphqlFunctionProps {
  /** Handler file to bundle. @default DEFAULT_GRAPHQL_ENTRY */
  readonly entry?: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly logLevel: StageConfig['logLevel'];
  readonly logRetention: logs.RetentionDays;
  /** Grants {@link WRITE_ACTIONS} as well: only the partner resource's function writes. @default false */
  readonly writes?: boolean;
}

/**
 * The GraphQL Lambda: the handler bundled locally by esbuild (no Docker) as an
 * ES module, with the AWS SDK v3 bundled and tree-shaken rather than taken from
 * the runtime, its own log group with retention, JSON logs and active tracing. It gets no data
 * access until {@link GraphqlFunction.bindTable} is called.
 */
export class GraphqlFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: logs.LogGroup;
  private boundTable: dynamodb.ITable | undefined;
  private readonly writes: boolean;

  constructor(scope: Construct, id: string, props: GraphqlFunctionProps) {
    super(scope, id);
    this.writes = props.writes ?? false;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      // Logs expire anyway; keeping the group after a stack delete only leaves an orphan behind.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // An explicit role instead of the default one with AWSLambdaBasicExecutionRole,
    // whose logs:* grant covers every log group in the account.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: props.writes ? 'Partner GraphQL function: its own log group, traces, and reads and writes of the bound table' : 'GraphQL function: writes its own log group, traces, and reads the bound table',
    });
    this.logGroup.grant(role, 'logs:CreateLogStream', 'logs:PutLogEvents');

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry ?? DEFAULT_GRAPHQL_ENTRY,
      handler: 'handler',
      // Node.js 22: the lowest version every runtime dependency supports (graphql 17 and
      // @as-integrations/aws-lambda declare >=22); raise it deliberately after testing.
      runtime: lambda.Runtime.NODEJS_22_X,
      // Graviton: about 20 % cheaper per GB-second and at least as fast for this JS workload.
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memoryMb,
      timeout: Duration.seconds(props.timeoutSeconds),
      role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: APPLICATION_LOG_LEVEL[props.logLevel],
      systemLogLevelV2: lambda.SystemLogLevel.INFO,
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        APP_ENV: 'production',
        LOG_LEVEL: props.logLevel,
      },
      // ES modules, SDK credentials from the environment only, stubs for what Lambda never
      // runs: infra/bundling.ts, shared with the bundle test and the cold-start benchmark.
      bundling: lambdaBundling(),
    });

    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Pinned to Node.js 22, the runtime the handler and its dependencies are tested on; upgrades are deliberate.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Only X-Ray PutTraceSegments/PutTelemetryRecords use Resource *; X-Ray has no resource-level permissions.',
    });

    // config.ts throws on a missing TABLE_NAME at start-up; catch the omission at synth time instead.
    this.node.addValidation({
      validate: () => (this.boundTable ? [] : ['GraphqlFunction has no table: call bindTable() so TABLE_NAME is set']),
    });
  }

  /**
   * Grants the function item-level read/write on the table and its indexes, and in
   * the same step passes the table name the function's config reads at start-up,
   * so access and configuration cannot get out of step.
   */
  bindTable(data: BindableTable): iam.Grant {
    if (this.boundTable) throw new Error('GraphqlFunction.bindTable may only be called once');
    this.boundTable = data.table;
    this.function.addEnvironment('TABLE_NAME', data.table.tableName);
    if (!this.writes) {
      // (The partner function's item-level write grant below already covers nominations.)
      // The public `nominate` mutation: PutItem, and only on nomination items (leading key
      // `Nomination#…`), so the read-only function cannot change anything published.
      this.function.addToRolePolicy(
        new iam.PolicyStatement({
          actions: [...NOMINATION_ACTIONS],
          resources: [data.table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${NOMINATION_KEY_PREFIX}*`] } },
        }),
      );
    }
    return iam.Grant.addToPrincipal({
      grantee: this.function,
      actions: this.writes ? [...DATA_ACCESS_ACTIONS, ...WRITE_ACTIONS] : [...DATA_ACCESS_ACTIONS],
      resourceArns: [data.table.tableArn, ...data.indexArns],
    });
  }
}
