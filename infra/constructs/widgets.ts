import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { CfnOutput, DockerImage, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledge, cloudFrontLogBucket } from './shared';

const ROOT = join(__dirname, '..', '..');
const WIDGETS_DIR = join(ROOT, 'widgets');

/** Hashed bundle files: their names change with their content, so caches may keep them for a year. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** The loader and the demo page keep their names: a new release must reach pages within minutes. */
export const LOADER_CACHE_CONTROL = 'public, max-age=300';

export interface WidgetsProps {
  /** The REST API whose public GET answers the API distribution caches. */
  readonly api: apigw.RestApi;
  /** Path of the public GraphQL resource (without the stage), e.g. `graphql`. */
  readonly publicPath: string;
  /** A built widgets folder to deploy instead of building at synth (tests). */
  readonly builtWidgetsDir?: string;
}

/**
 * The widget bundle is built by `widgets/build.ts` during synth (no Docker, no
 * network: Vite runs locally like esbuild does for the function), so `cdk
 * synth` works on a fresh checkout. A failed build fails synth with Vite's error.
 */
function widgetsSource(builtDir?: string): s3deploy.ISource {
  if (builtDir) return s3deploy.Source.asset(builtDir);
  return s3deploy.Source.asset(WIDGETS_DIR, {
    exclude: ['dist', 'node_modules'],
    bundling: {
      // Never used: local bundling always succeeds or throws.
      image: DockerImage.fromRegistry('widgets-are-built-locally'),
      local: {
        tryBundle(outputDir: string) {
          execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(WIDGETS_DIR, 'build.ts'), outputDir], { cwd: ROOT, stdio: 'pipe' });
          return true;
        },
      },
    },
  });
}

/**
 * Embeddable widgets in AWS: the built bundle in a private S3 bucket behind
 * CloudFront (origin access control; hashed files immutable, the loader
 * short-lived), and a CloudFront distribution in front of the public API whose
 * cache keys on the query string and honours the API's own `Cache-Control`, so
 * a widget on a thousand city websites costs one origin request per cache period.
 */
export class Widgets extends Construct {
  readonly bucket: s3.Bucket;
  readonly logs: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly apiDistribution: cloudfront.Distribution;
  readonly apiCachePolicy: cloudfront.CachePolicy;

  constructor(scope: Construct, id: string, props: WidgetsProps) {
    super(scope, id);

    this.logs = cloudFrontLogBucket(this);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.bucket, {
      'AwsSolutions-S1': 'Only CloudFront reads this bucket (OAC) and its access log records every request; S3 access logs would duplicate it.',
    });

    const distributionFindings = {
      'AwsSolutions-CFR1': 'Public widgets for German city websites: no geo restriction, visitors and embedding sites may be anywhere.',
      'AwsSolutions-CFR4': 'Served on the default *.cloudfront.net certificate until a custom domain is configured; CloudFront then negotiates TLS 1.2+ with modern browsers.',
    };

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Engagierte Stadt widgets',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        // Honours each object's Cache-Control (immutable bundle, short-lived loader).
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        // Module scripts are fetched with CORS from the embedding city website.
        responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.CORS_ALLOW_ALL_ORIGINS,
        compress: true,
      },
      defaultRootObject: 'index.html',
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'widgets/',
    });
    acknowledge(this.distribution, {
      ...distributionFindings,
      'AwsSolutions-CFR2': 'Static, immutable files from a private bucket; request floods are absorbed by the CDN cache. The API has its own WAF.',
    });

    const source = widgetsSource(props.builtWidgetsDir);
    const hashed = new s3deploy.BucketDeployment(this, 'DeployHashed', {
      sources: [source],
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: ['assets/*'],
      cacheControl: [s3deploy.CacheControl.fromString(IMMUTABLE_CACHE_CONTROL)],
      // Pages holding an older loader still import the older bundle: keep it.
      prune: false,
    });
    const loader = new s3deploy.BucketDeployment(this, 'DeployLoader', {
      sources: [source],
      destinationBucket: this.bucket,
      exclude: ['assets/*', '.inputs-sha256'],
      cacheControl: [s3deploy.CacheControl.fromString(LOADER_CACHE_CONTROL)],
      prune: false,
      distribution: this.distribution,
      distributionPaths: ['/widgets.js', '/index.html'],
    });
    // The loader must never point at a bundle that is not there yet.
    loader.node.addDependency(hashed);

    this.apiCachePolicy = new cloudfront.CachePolicy(this, 'ApiCachePolicy', {
      comment: 'GraphQL GET: keyed on the query string and Accept; TTL from the API Cache-Control',
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      // The API answers application/json or application/graphql-response+json by Accept (Vary: Accept).
      headerBehavior: cloudfront.CacheHeaderBehavior.allowList('Accept'),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      // 0 by default: an answer without Cache-Control (errors, no-store) is never cached; max-age is honoured up to a day.
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const apiRequestPolicy = new cloudfront.OriginRequestPolicy(this, 'ApiOriginRequestPolicy', {
      comment: 'GraphQL: what the handler needs beyond the cache key (POST bodies, CORS preflights)',
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList('Content-Type', 'Origin', 'Access-Control-Request-Method', 'Access-Control-Request-Headers'),
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
    });

    this.apiDistribution = new cloudfront.Distribution(this, 'ApiDistribution', {
      comment: 'Engagierte Stadt public GraphQL API (cached GET)',
      defaultBehavior: {
        // RestApiOrigin adds the stage as origin path: /graphql here is /<stage>/graphql at API Gateway.
        origin: new origins.RestApiOrigin(props.api),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
        cachePolicy: this.apiCachePolicy,
        originRequestPolicy: apiRequestPolicy,
        compress: true,
      },
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'api/',
    });
    acknowledge(this.apiDistribution, {
      ...distributionFindings,
      'AwsSolutions-CFR2': 'The origin API stage has its own regional WAF web ACL with a per-IP rate rule; a CloudFront WAF would have to live in us-east-1.',
    });

    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    // The singleton function behind both BucketDeployments is CDK's own.
    for (const child of Stack.of(this).node.children) {
      if (child.node.id.startsWith('Custom::CDKBucketDeployment')) {
        acknowledge(child, {
          'AwsSolutions-L1': "CDK's own deployment function; its runtime is chosen by aws-cdk-lib.",
          'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]': "CDK's deployment function logs through the AWS basic execution policy.",
          'AwsSolutions-IAM5[Action::s3:GetBucket*]': 'Granted by BucketDeployment on the asset and widgets buckets only.',
          'AwsSolutions-IAM5[Action::s3:GetObject*]': 'Granted by BucketDeployment on the asset and widgets buckets only.',
          'AwsSolutions-IAM5[Action::s3:List*]': 'Granted by BucketDeployment on the asset and widgets buckets only.',
          'AwsSolutions-IAM5[Action::s3:DeleteObject*]': 'Granted by BucketDeployment on the widgets bucket only.',
          'AwsSolutions-IAM5[Action::s3:Abort*]': 'Granted by BucketDeployment on the widgets bucket only.',
          'AwsSolutions-IAM5[Resource::*]': 'CloudFront invalidations have no resource-level permissions.',
          'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]': 'Reads the staged bundle from the CDK bootstrap asset bucket.',
          [`AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`]: 'Writes the bundle into the widgets bucket, any key.',
        });
      }
    }

    new CfnOutput(this, 'WidgetsUrl', { value: `https://${this.distribution.distributionDomainName}/widgets.js`, description: 'Loader for city websites' });
    new CfnOutput(this, 'CachedGraphqlUrl', {
      value: `https://${this.apiDistribution.distributionDomainName}/${props.publicPath}`,
      description: 'Public GraphQL endpoint through CloudFront: the api attribute of the widgets',
    });
    new CfnOutput(this, 'WidgetsDemoUrl', {
      value: `https://${this.distribution.distributionDomainName}/index.html?api=https://${this.apiDistribution.distributionDomainName}/${props.publicPath}`,
      description: 'Demo page with copy-paste snippets',
    });
  }
}
