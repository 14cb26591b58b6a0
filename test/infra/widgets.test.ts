import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { IMMUTABLE_CACHE_CONTROL, LOADER_CACHE_CONTROL } from '../../infra/constructs/widgets';
import { onlyLogicalId, synthesize, type Synthesized } from './synth';

let synthesized: Synthesized;
let template: Template;

beforeAll(() => {
  synthesized = synthesize();
  template = synthesized.template;
}, 600_000);

// The widgets' own deployments (the photo construct deploys its 404 page with the same singleton).
const deployments = () =>
  (Object.values(template.findResources('Custom::CDKBucketDeployment')) as { Properties: Record<string, any> }[]).filter((d) =>
    String(d.Properties.DestinationBucketName?.Ref).startsWith('WidgetsBucket'),
  );

describe('widgets: S3 behind CloudFront', () => {
  it('keeps the bundle in a private, encrypted, TLS-only bucket that CloudFront reads through origin access control', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Allow', Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' }, Condition: Match.objectLike({ StringEquals: Match.anyValue() }) }),
        ]),
      },
    });
  });

  it('deploys hashed files as immutable for a year and the loader short-lived, invalidating only the loader', () => {
    const all = deployments();
    expect(all).toHaveLength(2);
    const hashed = all.find((d) => d.Properties.Include?.includes('assets/*'))!;
    const loader = all.find((d) => d.Properties.Exclude?.includes('assets/*'))!;
    expect(hashed.Properties.SystemMetadata['cache-control']).toBe(IMMUTABLE_CACHE_CONTROL);
    expect(IMMUTABLE_CACHE_CONTROL).toMatch(/max-age=31536000.*immutable/);
    expect(hashed.Properties.Prune).toBe(false);
    expect(hashed.Properties.DistributionId).toBeUndefined();
    expect(loader.Properties.SystemMetadata['cache-control']).toBe(LOADER_CACHE_CONTROL);
    expect(Number(/max-age=(\d+)/.exec(LOADER_CACHE_CONTROL)![1])).toBeLessThanOrEqual(600);
    expect(loader.Properties.DistributionPaths).toEqual(['/widgets.js', '/index.html']);
  });

  it("limits CDK's deployment function to the widgets bucket, the asset bucket and CloudFront invalidations", () => {
    const roles = Object.entries(template.findResources('AWS::IAM::Role')).filter(([id]) => id.startsWith('CustomCDKBucketDeployment'));
    expect(roles).toHaveLength(1);
    const [roleId, role] = roles[0]!;
    expect((role.Properties.ManagedPolicyArns as unknown[]).map((arn) => JSON.stringify(arn))).toEqual([expect.stringContaining('AWSLambdaBasicExecutionRole')]);
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as { Ref?: string }[]).some((r) => r.Ref === roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
    const bucketId = Object.keys(template.findResources('AWS::S3::Bucket')).find((id) => id.startsWith('WidgetsBucket'))!;
    // The same singleton writes the photo construct's 404 page (test/photos/infra.test.ts).
    const photoBucketId = Object.keys(template.findResources('AWS::S3::Bucket')).find((id) => id.startsWith('PhotosBucket'))!;
    for (const statement of statements) {
      const actions = ([] as string[]).concat(statement.Action);
      const resources = JSON.stringify(statement.Resource);
      if (resources === '"*"') expect(actions.sort()).toEqual(['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation']);
      else expect({ actions, scoped: [bucketId, photoBucketId, 'cdk-hnb659fds-assets'].some((id) => resources.includes(id)) }).toEqual({ actions, scoped: true });
    }
  });

  it('builds the widgets during synth: the deployed asset holds the loader and the hashed bundle it imports', () => {
    const key = String(deployments()[0]!.Properties.SourceObjectKeys[0]);
    const dir = join(synthesized.app.outdir, `asset.${key.replace(/\.zip$/, '')}`);
    expect(existsSync(join(dir, 'widgets.js'))).toBe(true);
    const bundle = readdirSync(join(dir, 'assets'));
    expect(bundle).toHaveLength(1);
    expect(readFileSync(join(dir, 'widgets.js'), 'utf8')).toContain(`./assets/${bundle[0]}`);
  });

  it('serves the widgets over HTTPS with CORS for module scripts and logs access', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Comment: 'Engagierte Stadt widgets',
        DefaultRootObject: 'index.html',
        Logging: Match.objectLike({ Prefix: 'widgets/' }),
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: Match.anyValue() }),
      }),
    });
  });
});

describe('widgets: CloudFront in front of the public API', () => {
  it('keys its cache on the whole query string and Accept, and takes the TTL from the API Cache-Control', () => {
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        DefaultTTL: 0,
        MinTTL: 0,
        MaxTTL: 86400,
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({
          QueryStringsConfig: { QueryStringBehavior: 'all' },
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Accept'] },
          CookiesConfig: { CookieBehavior: 'none' },
        }),
      }),
    });
  });

  it('sends requests to the REST API stage, caches only GET and HEAD, and forwards what POST and preflights need', () => {
    const distributions = Object.values(template.findResources('AWS::CloudFront::Distribution')) as { Properties: { DistributionConfig: any } }[];
    const api = distributions.find((d) => d.Properties.DistributionConfig.Comment.includes('GraphQL'))!.Properties.DistributionConfig;
    // The origin path is the stage, as a reference to the stage resource.
    expect(JSON.stringify(api.Origins[0].OriginPath)).toContain(onlyLogicalId(template, 'AWS::ApiGateway::Stage'));
    expect(JSON.stringify(api.Origins[0].DomainName)).toContain('execute-api');
    expect(api.DefaultCacheBehavior.CachedMethods).toEqual(['GET', 'HEAD']);
    expect(api.DefaultCacheBehavior.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'OPTIONS']));
    template.hasResourceProperties('AWS::CloudFront::OriginRequestPolicy', {
      OriginRequestPolicyConfig: Match.objectLike({
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: Match.arrayWith(['Content-Type', 'Origin']) },
        CookiesConfig: { CookieBehavior: 'none' },
      }),
    });
  });
});
