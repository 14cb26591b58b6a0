import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { Construct } from 'constructs';
import { lambdaBundling } from '../bundling';
import type { StageConfig } from '../config';
import { APPLICATION_LOG_LEVEL, acknowledge, cloudFrontLogBucket } from './shared';
import { DATA_ACCESS_ACTIONS, WRITE_ACTIONS, type BindableTable } from './graphql-function';

const ROOT = join(__dirname, '..', '..');

/** The image function's entry: S3 event in, re-encoded photo and portrait update out. */
export const IMAGE_FUNCTION_ENTRY = join(ROOT, 'functions', 'image', 'handler.ts');

/** Uploads land here (presigned POST); the CDN never reads it. Same prefixes as functions/photos/storage.ts. */
export const INCOMING_PREFIX = 'incoming/';
/** Re-encoded photos: the CDN's origin path, the only prefix it may read. */
export const PROCESSED_PREFIX = 'processed/';
/** Answered with 404 for a missing or erased photo (the origin itself says 403 without ListBucket). */
export const NOT_FOUND_PAGE = '/_errors/not-found.txt';
/** An erased photo's 404 is cached this long at the edge, after the invalidation. */
export const NOT_FOUND_TTL_SECONDS = 60;
/** Largest upload the presigned POST accepts (5 MiB, docs/PHOTOS.md). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/**
 * sharp is native: esbuild cannot bundle it. The function gets it as a
 * package beside its bundle, copied from this machine's `node_modules`
 * (x86_64 Linux, which is why the function's architecture is x86_64): sharp,
 * its dependencies and its prebuilt `@img/*` binaries. No Docker, no network.
 */
export function sharpPackages(root = ROOT): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'node_modules', 'sharp', 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
  };
  const binaries = Object.keys(manifest.optionalDependencies ?? {}).filter((name) => /-linux-x64$/.test(name));
  const packages = ['sharp', ...Object.keys(manifest.dependencies ?? {}), ...binaries];
  const missing = packages.filter((name) => !existsSync(join(root, 'node_modules', name, 'package.json')));
  if (missing.length > 0) throw new Error(`The image function needs ${missing.join(', ')} installed for linux-x64 (npm ci on x86_64 Linux)`);
  return packages;
}

export interface PhotosProps {
  /** The table the image function writes portraits to, through the write path. */
  readonly data: BindableTable;
  readonly logLevel: StageConfig['logLevel'];
  readonly logRetention: logs.RetentionDays;
}

/**
 * Portrait photos on AWS (docs/PHOTOS.md): a private, versioned bucket
 * (`incoming/` for uploads, `processed/` for re-encoded photos), a CloudFront
 * distribution that reads only `processed/` through origin access control and
 * answers a missing photo with 404, and the image function that S3 calls for
 * every upload.
 */
export class Photos extends Construct {
  readonly bucket: s3.Bucket;
  readonly logs: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly imageFunction: NodejsFunction;
  readonly publicBaseUrl: string;

  constructor(scope: Construct, id: string, props: PhotosProps) {
    super(scope, id);

    this.logs = cloudFrontLogBucket(this);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        // An upload is processed within seconds; one left behind (a failed run) must not stay.
        { prefix: INCOMING_PREFIX, expiration: Duration.days(1), noncurrentVersionExpiration: Duration.days(1), abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // Replaced photos are deleted with every version; this catches anything a failure left.
        { prefix: PROCESSED_PREFIX, noncurrentVersionExpiration: Duration.days(1), expiredObjectDeleteMarker: true },
      ],
      // Editors upload from a browser with the presigned POST: its policy, not the origin, decides.
      cors: [{ allowedMethods: [s3.HttpMethods.POST], allowedOrigins: ['*'], allowedHeaders: ['*'], maxAge: 3000 }],
    });

    acknowledge(this.bucket, {
      'AwsSolutions-S1': 'CloudFront access logs record every read; writes are presigned by the partner function and made by the image function, both of which log.',
    });

    const oac = new cloudfront.S3OriginAccessControl(this, 'OriginAccessControl', {
      description: 'Engagierte Stadt portrait photos: CloudFront reads processed/ only',
      signing: cloudfront.Signing.SIGV4_ALWAYS,
    });
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Portrait photos: never sniffed as anything but an image',
      securityHeadersBehavior: {
        contentTypeOptions: { override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Engagierte Stadt portrait photos',
      defaultBehavior: {
        // No bucket grant from the origin: the statement below allows processed/* only.
        origin: origins.S3BucketOrigin.withBucketDefaults(this.bucket, { originPath: `/${PROCESSED_PREFIX.slice(0, -1)}` }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: false,
      },
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 404,
        responsePagePath: NOT_FOUND_PAGE,
        ttl: Duration.seconds(NOT_FOUND_TTL_SECONDS),
      })),
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'cdn/',
    });
    const cfnDistribution = this.distribution.node.defaultChild as cloudfront.CfnDistribution;
    cfnDistribution.addPropertyOverride('DistributionConfig.Origins.0.OriginAccessControlId', oac.originAccessControlId);
    cfnDistribution.addPropertyOverride('DistributionConfig.Origins.0.S3OriginConfig.OriginAccessIdentity', '');
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudFrontReadsProcessedPhotosOnly',
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects(`${PROCESSED_PREFIX}*`)],
        conditions: { StringEquals: { 'AWS:SourceArn': this.distribution.distributionArn } },
      }),
    );
    acknowledge(this.distribution, {
      'AwsSolutions-CFR1': 'Portraits are shown on German city websites to visitors anywhere: no geo restriction.',
      'AwsSolutions-CFR2': 'Static re-encoded images from a private bucket; floods are absorbed by the cache. The API has its own WAF.',
      'AwsSolutions-CFR4': 'Served on the default *.cloudfront.net certificate until a custom domain is configured.',
      // cdk-nag reads the L2 origin, not the override; test/photos/infra.test.ts checks the template has the OAC.
      'AwsSolutions-CFR7': 'Origin access control is set on the origin by a property override, so the bucket grant can be limited to processed/*.',
    });
    this.publicBaseUrl = `https://${this.distribution.distributionDomainName}/`;

    // The 404 page CloudFront answers a missing photo with.
    new s3deploy.BucketDeployment(this, 'NotFoundPage', {
      sources: [s3deploy.Source.data(NOT_FOUND_PAGE.slice(1), 'Not found\n')],
      destinationBucket: this.bucket,
      destinationKeyPrefix: PROCESSED_PREFIX,
      contentType: 'text/plain; charset=utf-8',
      cacheControl: [s3deploy.CacheControl.fromString('public, max-age=300')],
      prune: false,
    });

    const logGroup = new logs.LogGroup(this, 'ImageLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    const role = new iam.Role(this, 'ImageRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Image function: reads and deletes uploads, writes re-encoded photos, updates portraits',
    });
    logGroup.grant(role, 'logs:CreateLogStream', 'logs:PutLogEvents');
    const packages = sharpPackages();
    const bundling = lambdaBundling();
    this.imageFunction = new NodejsFunction(this, 'ImageFunction', {
      entry: IMAGE_FUNCTION_ENTRY,
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      // sharp's binaries are copied from this x86_64 machine's node_modules (see sharpPackages).
      architecture: lambda.Architecture.X86_64,
      // libvips decodes a 40-megapixel upload in memory; CPU scales with memory on Lambda.
      memorySize: 1536,
      timeout: Duration.seconds(60),
      role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: APPLICATION_LOG_LEVEL[props.logLevel],
      systemLogLevelV2: lambda.SystemLogLevel.INFO,
      environment: {
        APP_ENV: 'production',
        LOG_LEVEL: props.logLevel,
        TABLE_NAME: props.data.table.tableName,
        // A bucket alone means S3 storage: every photo variable but the limit is a reference.
        PHOTO_BUCKET: this.bucket.bucketName,
        PHOTO_DISTRIBUTION_ID: this.distribution.distributionId,
        PHOTO_PUBLIC_BASE_URL: this.publicBaseUrl,
        PHOTO_MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES),
      },
      bundling: {
        ...bundling,
        externalModules: ['sharp'],
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir: string, outputDir: string) =>
            packages.map((name) => `mkdir -p "${join(outputDir, 'node_modules', name, '..')}" && cp -R "${join(ROOT, 'node_modules', name)}" "${join(outputDir, 'node_modules', name)}"`),
        },
      },
    });
    acknowledge(this.imageFunction, { 'AwsSolutions-L1': 'Pinned to Node.js 22, the runtime the code and sharp are tested on; upgrades are deliberate.' });

    this.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(this.imageFunction), { prefix: INCOMING_PREFIX });

    // Least privilege, by prefix: uploads are read and deleted, photos written and deleted.
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [this.bucket.arnForObjects(`${INCOMING_PREFIX}*`)] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects(`${PROCESSED_PREFIX}*`)] }));
    this.grantVersionDeletes(role);
    this.distribution.grantCreateInvalidation(role);
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: [...DATA_ACCESS_ACTIONS.filter((action) => action !== 'dynamodb:Scan'), ...WRITE_ACTIONS],
        resources: [props.data.table.tableArn],
      }),
    );
    acknowledge(role, this.prefixFindings('the image function'));

    // CDK's own function behind S3 event notifications and the BucketDeployment's.
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    for (const child of Stack.of(this).node.children) {
      if (child.node.id.startsWith('BucketNotificationsHandler')) {
        acknowledge(child, {
          'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]': "CDK's bucket-notification function logs through the AWS basic execution policy.",
          'AwsSolutions-IAM5[Resource::*]': "CDK's bucket-notification function sets notifications on the photo bucket; PutBucketNotification is granted on * by aws-cdk-lib.",
        });
      }
      if (child.node.id.startsWith('Custom::CDKBucketDeployment')) {
        // The singleton is shared with the widgets' deployments, which acknowledge its generic findings.
        acknowledge(child, {
          [`AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`]: 'Writes the 404 page into the photo bucket (BucketDeployment grants its whole target bucket).',
        });
      }
    }

    new CfnOutput(this, 'PhotoBaseUrl', { value: this.publicBaseUrl, description: 'Where processed portrait photos are served' });
  }

  /** Uploads are presigned by, and erasure runs in, the partner GraphQL function: its grants and settings. */
  grantUploadsAndErasure(fn: lambda.Function): void {
    fn.addEnvironment('PHOTO_MAX_UPLOAD_BYTES', String(MAX_UPLOAD_BYTES));
    // A presigned POST carries the signer's authority: it may put into incoming/ and nowhere else.
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects(`${INCOMING_PREFIX}*`)] }));
    this.grantErasure(fn, 'the partner function');
  }

  /**
   * Erasure alone (the withdrawal link): delete every version of a portrait's
   * photos and invalidate them at the CDN. No upload, no read of the photos.
   */
  grantErasure(fn: lambda.Function, who = 'the withdrawal function'): void {
    fn.addEnvironment('PHOTO_BUCKET', this.bucket.bucketName);
    fn.addEnvironment('PHOTO_DISTRIBUTION_ID', this.distribution.distributionId);
    fn.addEnvironment('PHOTO_PUBLIC_BASE_URL', this.publicBaseUrl);
    this.grantVersionDeletes(fn.role!);
    this.distribution.grantCreateInvalidation(fn);
    acknowledge(fn.role!, this.prefixFindings(who));
  }

  /** Listing and deleting every version under the two prefixes: what erasure and replacement need. */
  private grantVersionDeletes(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucketVersions'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${INCOMING_PREFIX}*`, `${PROCESSED_PREFIX}*`] } },
      }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:DeleteObjectVersion'],
        resources: [this.bucket.arnForObjects(`${INCOMING_PREFIX}*`), this.bucket.arnForObjects(`${PROCESSED_PREFIX}*`)],
      }),
    );
  }

  private prefixFindings(who: string): Record<string, string> {
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    return {
      [`AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${INCOMING_PREFIX}*]`]: `Uploads have random names under incoming/: ${who} may touch that prefix only.`,
      [`AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${PROCESSED_PREFIX}*]`]: `Photos have random names under processed/: ${who} may touch that prefix only.`,
    };
  }
}
