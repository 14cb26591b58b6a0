import { join } from 'node:path';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { GLOBAL_SECONDARY_INDEXES } from '../functions/data/keys';
import type { StageConfig } from './config';
import { GraphqlApi, PUBLIC_PATH } from './constructs/api';
import { NetworkTable } from './constructs/data';
import { GraphqlFunction } from './constructs/graphql-function';
import { PartnerAuthorizer } from './constructs/partner-authorizer';
import { Operations } from './constructs/operations';
import { Photos } from './constructs/photos';
import { Widgets } from './constructs/widgets';
import { WithdrawalFunction } from './constructs/withdrawal';

/** The partner entry: the public bundle never contains the private schema or its resolvers. */
export const PARTNER_HANDLER_ENTRY = join(__dirname, '..', 'functions', 'graphql', 'partner-handler.ts');

export interface EngagierteStadtStackProps extends StackProps {
  readonly config: StageConfig;
  /** Handler file to bundle; tests may point elsewhere. @default the real GraphQL handler */
  readonly handlerEntry?: string;
  /** The partner resource's handler file (public + private schema). @default PARTNER_HANDLER_ENTRY */
  readonly partnerHandlerEntry?: string;
  /** The withdrawal link's handler file. @default WITHDRAWAL_ENTRY */
  readonly withdrawalEntry?: string;
}

/**
 * One stage of the Engagierte Stadt GraphQL API. Only wires the constructs:
 * data (the table), the GraphQL function, the API in front of it, and operations
 * (alarms, dashboard).
 */
export class EngagierteStadtStack extends Stack {
  readonly data: NetworkTable;
  readonly graphql: GraphqlFunction;
  /** The partner resource's function: its own entry (public + private schema) and the only one with write grants. */
  readonly partnerGraphql: GraphqlFunction;
  readonly partnerAuthorizer: PartnerAuthorizer;
  /** `POST /withdrawal`: the one unauthenticated path that writes, with grants for the erasure only. */
  readonly withdrawal: WithdrawalFunction;
  readonly api: GraphqlApi;
  readonly operations: Operations;
  readonly photos: Photos;

  constructor(scope: Construct, id: string, props: EngagierteStadtStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logRetention = retentionDays(config.logRetentionDays);

    this.data = new NetworkTable(this, 'Data');

    this.graphql = new GraphqlFunction(this, 'Graphql', {
      entry: props.handlerEntry,
      memoryMb: config.memoryMb,
      timeoutSeconds: config.timeoutSeconds,
      logLevel: config.logLevel,
      logRetention,
    });
    this.graphql.bindTable(this.data);

    // Its own function so the public one stays read-only (issue 9): a bug or an
    // injection on the public path cannot write, whatever the code does.
    this.partnerGraphql = new GraphqlFunction(this, 'PartnerGraphql', {
      entry: props.partnerHandlerEntry ?? PARTNER_HANDLER_ENTRY,
      memoryMb: config.memoryMb,
      timeoutSeconds: config.timeoutSeconds,
      logLevel: config.logLevel,
      logRetention,
      writes: true,
    });
    this.partnerGraphql.bindTable(this.data);

    this.partnerAuthorizer = new PartnerAuthorizer(this, 'PartnerAuthorizer', {
      table: this.data.table,
      logLevel: config.logLevel,
      logRetention,
    });

    this.withdrawal = new WithdrawalFunction(this, 'Withdrawal', {
      table: this.data.table,
      logLevel: config.logLevel,
      logRetention,
      ...(props.withdrawalEntry ? { entry: props.withdrawalEntry } : {}),
    });

    this.api = new GraphqlApi(this, 'Api', {
      partnerAuthorizer: this.partnerAuthorizer.authorizer,
      stage: config.stage,
      handler: this.graphql.function,
      partnerHandler: this.partnerGraphql.function,
      withdrawalHandler: this.withdrawal.function,
      rateLimit: config.apiRateLimit,
      burstLimit: config.apiBurstLimit,
      wafRateLimitPer5Min: config.wafRateLimitPer5Min,
      logRetention,
      partners: config.partners,
      manageAccountLoggingRole: config.manageApiGatewayLoggingRole,
    });

    this.operations = new Operations(this, 'Operations', {
      stage: this.api.stage,
      functions: [this.graphql.function, this.partnerGraphql.function, this.partnerAuthorizer.function, this.withdrawal.function],
      table: this.data.table,
      indexNames: GLOBAL_SECONDARY_INDEXES.map((index) => index.indexName),
      p99LatencyThresholdMs: config.p99LatencyThresholdMs,
      alarmEmail: config.alarmEmail,
    });

    new Widgets(this, 'Widgets', { api: this.api.api, publicPath: PUBLIC_PATH });

    // Uploads are issued and photos erased by the partner function only; the public one never touches them.
    this.photos = new Photos(this, 'Photos', { data: this.data, logLevel: config.logLevel, logRetention });
    this.photos.grantUploadsAndErasure(this.partnerGraphql.function);
    // The person's own withdrawal link erases the photos as withdrawConsent does.
    this.photos.grantErasure(this.withdrawal.function);

    new CfnOutput(this, 'GraphqlUrl', { value: this.api.publicUrl, description: 'Public GraphQL endpoint' });
    new CfnOutput(this, 'PartnerGraphqlUrl', { value: this.api.partnerUrl, description: 'Partner endpoint (Authorization: Bearer <key>)' });
    new CfnOutput(this, 'WithdrawalUrl', { value: this.api.withdrawalUrl, description: 'The person\'s own withdrawal link: POST {"token": "…"} (docs/PRIVACY.md)' });
    new CfnOutput(this, 'PartnerUsagePlanId', {
      value: this.api.defaultPartnerPlan.usagePlanId,
      description: 'Usage plan new partner keys join (see npm run admin -- create-key)',
    });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName, description: 'Seed with TABLE_NAME=<this> npm run seed' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.operations.topic.topicArn });
    for (const [partnerId, plan] of this.api.partnerPlans) {
      new CfnOutput(this, `UsagePlanId-${partnerId}`, {
        value: plan.usagePlanId,
        description: `Usage plan with partner ${partnerId}'s own limits; its keys join this plan instead of PartnerUsagePlanId`,
      });
    }
  }
}

const ALLOWED_RETENTION = new Set<number>(Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number'));

function retentionDays(days: number): logs.RetentionDays {
  if (!ALLOWED_RETENTION.has(days)) {
    throw new Error(`logRetentionDays must be a CloudWatch retention value (${[...ALLOWED_RETENTION].sort((a, b) => a - b).join(', ')}), got ${days}`);
  }
  return days as logs.RetentionDays;
}
