import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct, IConstruct } from 'constructs';
import type { StageConfig } from '../config';

/** Acknowledges cdk-nag findings on a construct, each with the reason it is accepted. */
export function acknowledge(construct: IConstruct, findings: Record<string, string>): void {
  for (const [id, reason] of Object.entries(findings)) Validations.of(construct).acknowledge({ id, reason });
}

/** Lambda's application log level for the stage's `logLevel`. */
export const APPLICATION_LOG_LEVEL: Record<StageConfig['logLevel'], lambda.ApplicationLogLevel> = {
  debug: lambda.ApplicationLogLevel.DEBUG,
  info: lambda.ApplicationLogLevel.INFO,
  warn: lambda.ApplicationLogLevel.WARN,
  error: lambda.ApplicationLogLevel.ERROR,
};

/** The bucket a CloudFront distribution writes its standard access logs to (construct id `Logs`). */
export function cloudFrontLogBucket(scope: Construct): s3.Bucket {
  const bucket = new s3.Bucket(scope, 'Logs', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    // CloudFront standard logging writes with ACLs.
    objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
    lifecycleRules: [{ expiration: Duration.days(90) }],
    // Kept on stack deletion, like logs anywhere: emptying it would need one more Lambda.
    removalPolicy: RemovalPolicy.RETAIN,
  });
  acknowledge(bucket, { 'AwsSolutions-S1': 'This is the access-log bucket; logging it into itself would loop.' });
  return bucket;
}
