import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import {
  GLOBAL_SECONDARY_INDEXES,
  TABLE_PARTITION_KEY,
  TABLE_SORT_KEY,
  TTL_ATTRIBUTE,
} from '../../functions/data/keys';

/**
 * The single DynamoDB table holding every entity. Its key schema, GSIs and TTL
 * attribute are imported from `functions/data/keys.ts`, the same definitions the
 * data layer and the local test tables use, so the deployed table cannot drift
 * from the code that queries it.
 */
export class NetworkTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_PARTITION_KEY, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_SORT_KEY, type: dynamodb.AttributeType.STRING },
      // Traffic is spiky (partner syncs, newsletter days) and low on average: on-demand
      // costs nothing idle and needs no capacity alarms or autoscaling.
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The table is the system of record; a stack delete or a mistaken replacement must not take the data with it.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // AWS-managed key (aws/dynamodb): key use shows up in CloudTrail without the
      // cost and key-policy upkeep of a customer-managed key, and callers need no kms: grants.
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      // Tombstones and change-log items expire through it (retention + margin, see functions/data/writes.ts).
      timeToLiveAttribute: TTL_ATTRIBUTE,
      // Not read by the change feed, which is written in the same transaction as each
      // change (docs/CHANGE-FEED.md); kept for webhooks fed from log-item inserts later.
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    });

    for (const index of GLOBAL_SECONDARY_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }

  /** ARNs of the table's GSIs by name: least-privilege grants list them instead of `index/*`. */
  get indexArns(): string[] {
    return GLOBAL_SECONDARY_INDEXES.map((index) => `${this.table.tableArn}/index/${index.indexName}`);
  }
}
