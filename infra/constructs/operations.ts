import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { METRIC, METRICS_NAMESPACE, METRICS_SERVICE, SERVER_ERROR_CODES } from '../../functions/graphql/metric-names';

/** DynamoDB operations the function performs; the system-error alarm watches exactly these. */
const WATCHED_OPERATIONS: dynamodb.Operation[] = [
  dynamodb.Operation.GET_ITEM,
  dynamodb.Operation.BATCH_GET_ITEM,
  dynamodb.Operation.QUERY,
  dynamodb.Operation.PUT_ITEM,
  dynamodb.Operation.UPDATE_ITEM,
  dynamodb.Operation.DELETE_ITEM,
  dynamodb.Operation.BATCH_WRITE_ITEM,
  dynamodb.Operation.TRANSACT_WRITE_ITEMS,
];

const FIVE_MINUTES = Duration.minutes(5);

export interface OperationsProps {
  readonly stage: apigw.Stage;
  /** Every function that serves callers (public and partner GraphQL, the authorizer, …): one failing is an outage for someone. */
  readonly functions: readonly lambda.IFunction[];
  readonly table: dynamodb.ITable;
  /** GSI names whose throttle events count towards the table throttle alarm. */
  readonly indexNames: readonly string[];
  /** p99 API latency (ms) above which the latency alarm fires. */
  readonly p99LatencyThresholdMs: number;
  /** Optional e-mail subscription to the alarm topic. */
  readonly alarmEmail?: string;
}

/**
 * Alarms on what hurts callers (API 5xx rate, p99 latency) and on their causes
 * (Lambda errors and throttles, DynamoDB throttles and system errors), all
 * notifying one encrypted SNS topic, plus a dashboard of the same signals.
 */
export class Operations extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);

    // A customer-managed key because CloudWatch cannot publish to a topic encrypted
    // with the AWS-managed aws/sns key: its key policy cannot be extended to CloudWatch.
    const key = new kms.Key(this, 'TopicKey', {
      description: 'Encrypts the alarm topic',
      enableKeyRotation: true,
      // Only encrypts messages in flight to subscribers; nothing needs decrypting after a teardown.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic = new sns.Topic(this, 'AlarmTopic', { masterKey: key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    const stage = props.stage;
    const requests = stage.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' });
    const serverErrors = stage.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' });
    const serverErrorRate = new cloudwatch.MathExpression({
      // IF() keeps quiet periods at 0 % instead of a division by zero that reads as missing data.
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { errors: serverErrors, requests },
      label: 'API 5xx rate (%)',
      period: FIVE_MINUTES,
    });
    const p99Latency = stage.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' });

    // One alarm each over all serving functions: which one failed is on the dashboard.
    const sumOver = (id: string, label: string, metricOf: (fn: lambda.IFunction) => cloudwatch.IMetric) => {
      const metrics = Object.fromEntries(props.functions.map((fn, i) => [`${id}${i}`, metricOf(fn)]));
      return new cloudwatch.MathExpression({
        expression: Object.keys(metrics).map((name) => `FILL(${name}, 0)`).join(' + '),
        usingMetrics: metrics,
        label,
        period: FIVE_MINUTES,
      });
    };
    // Labelled by the construct that owns each function (Graphql, PartnerGraphql, PartnerAuthorizer, …).
    const perFunction = (metricOf: (fn: lambda.IFunction, label: string) => cloudwatch.IMetric) =>
      props.functions.map((fn) => metricOf(fn, fn.node.scope?.node.id ?? fn.node.id));
    const lambdaErrors = sumOver('errors', 'Lambda errors (all serving functions)', (fn) => fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }));
    const lambdaThrottles = sumOver('throttles', 'Lambda throttles (all serving functions)', (fn) => fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }));

    const throttleMetrics: Record<string, cloudwatch.IMetric> = {};
    const throttleSources: { suffix: string; dimensions?: Record<string, string> }[] = [
      { suffix: 'table' },
      ...props.indexNames.map((indexName) => ({ suffix: indexName, dimensions: { GlobalSecondaryIndexName: indexName } })),
    ];
    for (const source of throttleSources) {
      for (const [prefix, metricName] of [['r', 'ReadThrottleEvents'], ['w', 'WriteThrottleEvents']] as const) {
        throttleMetrics[`${prefix}_${source.suffix}`] = props.table.metric(metricName, {
          period: FIVE_MINUTES,
          statistic: 'Sum',
          dimensionsMap: { TableName: props.table.tableName, ...source.dimensions },
        });
      }
    }
    const tableThrottles = new cloudwatch.MathExpression({
      // FILL() because throttle metrics are only emitted when a throttle happens.
      expression: Object.keys(throttleMetrics).map((name) => `FILL(${name}, 0)`).join(' + '),
      usingMetrics: throttleMetrics,
      label: 'DynamoDB throttle events (table + GSIs)',
      period: FIVE_MINUTES,
    });
    const tableSystemErrors = props.table.metricSystemErrorsForOperations({
      operations: WATCHED_OPERATIONS,
      period: FIVE_MINUTES,
    });

    const alarmAction = new actions.SnsAction(this.topic);
    const alarm = (id: string, description: string, options: Omit<cloudwatch.CreateAlarmOptions, 'alarmDescription'>, metric: cloudwatch.IMetric) => {
      const created = new cloudwatch.Alarm(this, id, {
        metric,
        alarmDescription: description,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...options,
      });
      created.addAlarmAction(alarmAction);
      created.addOkAction(alarmAction);
      this.alarms.push(created);
      return created;
    };

    // 5 % over two consecutive 5-minute periods: one bad deploy or a DynamoDB incident, not a single unlucky request.
    alarm('Api5xxRate', 'More than 5 % of API requests failed with 5xx for 10 minutes', {
      threshold: 5,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
    }, serverErrorRate);
    // Three periods: p99 is noisy at low traffic, and cold starts alone can spike one period.
    alarm('ApiP99Latency', `API p99 latency above ${props.p99LatencyThresholdMs} ms for 15 minutes`, {
      threshold: props.p99LatencyThresholdMs,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
    }, p99Latency);
    // Apollo turns resolver failures into GraphQL errors with status 200, so an invocation
    // error means a crash, a timeout or an out-of-memory kill: worth knowing about at once.
    alarm('LambdaErrors', 'Function invocations failed (crash, timeout or out of memory)', {
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    }, lambdaErrors);
    alarm('LambdaThrottles', 'Function invocations were throttled (account or reserved concurrency exhausted)', {
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    }, lambdaThrottles);
    alarm('TableThrottles', 'DynamoDB throttled reads or writes on the table or a GSI', {
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    }, tableThrottles);
    alarm('TableSystemErrors', 'DynamoDB returned 5xx system errors', {
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    }, tableSystemErrors);

    // The handler's own EMF metric (functions/graphql/observability.ts): answers that carried
    // an error our side caused, by code. Field errors come back with status 200, so the API's
    // 5xx rate never sees a store outage that the handler answered in time.
    const serverErrorMetrics: Record<string, cloudwatch.IMetric> = Object.fromEntries(
      SERVER_ERROR_CODES.map((code, i) => [
        `e${i}`,
        new cloudwatch.Metric({
          namespace: METRICS_NAMESPACE,
          metricName: METRIC.errors,
          dimensionsMap: { service: METRICS_SERVICE, code },
          period: FIVE_MINUTES,
          statistic: 'Sum',
        }),
      ]),
    );
    const graphqlServerErrors = new cloudwatch.MathExpression({
      expression: Object.keys(serverErrorMetrics).map((name) => `FILL(${name}, 0)`).join(' + '),
      usingMetrics: serverErrorMetrics,
      label: `GraphQL errors (${SERVER_ERROR_CODES.join(', ')})`,
      period: FIVE_MINUTES,
    });
    alarm('GraphqlServerErrors', `Answers carried ${SERVER_ERROR_CODES.join(' or ')} errors in two consecutive 5-minute periods`, {
      threshold: 5,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 2,
    }, graphqlServerErrors);

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(3),
      widgets: [
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 3 })],
        [
          new cloudwatch.GraphWidget({
            title: 'API requests and errors',
            left: [requests, stage.metricClientError({ period: FIVE_MINUTES, statistic: 'Sum' }), serverErrors],
            width: 8,
          }),
          new cloudwatch.GraphWidget({ title: 'API 5xx rate (%)', left: [serverErrorRate], width: 8 }),
          new cloudwatch.GraphWidget({
            title: 'API latency (ms)',
            left: [
              stage.metricLatency({ period: FIVE_MINUTES, statistic: 'p50' }),
              p99Latency,
              stage.metricIntegrationLatency({ period: FIVE_MINUTES, statistic: 'p99' }),
            ],
            width: 8,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Lambda invocations, errors, throttles',
            left: [...perFunction((fn, label) => fn.metricInvocations({ period: FIVE_MINUTES, statistic: 'Sum', label: `${label} invocations` })), lambdaErrors, lambdaThrottles],
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Lambda duration p99 (ms)',
            left: perFunction((fn, label) => fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p99', label })),
            width: 8,
          }),
          new cloudwatch.GraphWidget({
            title: 'Lambda concurrency',
            left: perFunction((fn, label) => fn.metric('ConcurrentExecutions', { period: FIVE_MINUTES, statistic: 'Maximum', label })),
            width: 8,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'DynamoDB consumed capacity',
            left: [
              props.table.metricConsumedReadCapacityUnits({ period: FIVE_MINUTES, statistic: 'Sum' }),
              props.table.metricConsumedWriteCapacityUnits({ period: FIVE_MINUTES, statistic: 'Sum' }),
            ],
            width: 8,
          }),
          new cloudwatch.GraphWidget({ title: 'DynamoDB throttles', left: [tableThrottles], width: 8 }),
          new cloudwatch.GraphWidget({ title: 'DynamoDB system errors', left: [tableSystemErrors], width: 8 }),
        ],
        [new cloudwatch.GraphWidget({ title: 'GraphQL errors by our side', left: [graphqlServerErrors], width: 24 })],
      ],
    });
  }
}
