import { Match, type Template } from 'aws-cdk-lib/assertions';
import { synthesize, type Synthesized } from '../infra/synth';

let synthesized: Synthesized;
let template: Template;
beforeAll(() => {
  synthesized = synthesize();
  template = synthesized.template;
});

function logicalId(prefix: string, type: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  if (ids.length !== 1) throw new Error(`expected one ${type} starting with ${prefix}, found ${ids.join(', ')}`);
  return ids[0]!;
}

function statementsOf(rolePrefix: string): any[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((policy: any) => policy.Properties.Roles.some((role: any) => String(role.Ref).startsWith(rolePrefix)))
    .flatMap((policy: any) => policy.Properties.PolicyDocument.Statement);
}

describe('photo infrastructure', () => {
  it('keeps photos in a private, versioned, encrypted, SSL-only bucket whose uploads expire after a day', () => {
    const bucketId = logicalId('PhotosBucket', 'AWS::S3::Bucket');
    const bucket = template.findResources('AWS::S3::Bucket')[bucketId]!.Properties;
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }]);
    expect(bucket.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Prefix: 'incoming/', ExpirationInDays: 1, NoncurrentVersionExpiration: { NoncurrentDays: 1 }, Status: 'Enabled' }),
        expect.objectContaining({ Prefix: 'processed/', NoncurrentVersionExpiration: { NoncurrentDays: 1 }, Status: 'Enabled' }),
      ]),
    );
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find((p: any) => p.Properties.Bucket.Ref === bucketId) as any;
    const statements = policy.Properties.PolicyDocument.Statement;
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ]),
    );
    // CloudFront may read processed/ and nothing else: no statement grants it the bucket or incoming/.
    const cloudfront = statements.filter((s: any) => s.Principal?.Service === 'cloudfront.amazonaws.com');
    expect(cloudfront).toEqual([
      {
        Sid: 'CloudFrontReadsProcessedPhotosOnly',
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/processed/*']] },
        Condition: {
          StringEquals: {
            'AWS:SourceArn': {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudfront::', { Ref: 'AWS::AccountId' }, ':distribution/', { Ref: logicalId('PhotosDistribution', 'AWS::CloudFront::Distribution') }]],
            },
          },
        },
      },
    ]);
  });

  it('serves only processed/ through origin access control, HTTPS, and answers a missing or erased photo with 404', () => {
    const id = logicalId('PhotosDistribution', 'AWS::CloudFront::Distribution');
    const config = template.findResources('AWS::CloudFront::Distribution')[id]!.Properties.DistributionConfig;
    expect(config.Origins).toHaveLength(1);
    expect(config.Origins[0]).toMatchObject({
      OriginPath: '/processed',
      OriginAccessControlId: { 'Fn::GetAtt': [logicalId('PhotosOriginAccessControl', 'AWS::CloudFront::OriginAccessControl'), 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
    expect(config.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'] });
    expect(config.CustomErrorResponses).toEqual([
      { ErrorCode: 403, ResponseCode: 404, ResponsePagePath: '/_errors/not-found.txt', ErrorCachingMinTTL: 60 },
      { ErrorCode: 404, ResponseCode: 404, ResponsePagePath: '/_errors/not-found.txt', ErrorCachingMinTTL: 60 },
    ]);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({ SecurityHeadersConfig: Match.objectLike({ ContentTypeOptions: { Override: true } }) }),
    });
  });

  it('runs the image function on x86_64 for every object created under incoming/', () => {
    const fnId = logicalId('PhotosImageFunction', 'AWS::Lambda::Function');
    const fn = template.findResources('AWS::Lambda::Function')[fnId]!.Properties;
    expect(fn.Architectures).toEqual(['x86_64']);
    expect(fn.Runtime).toBe('nodejs22.x');
    expect(fn.Environment.Variables).toMatchObject({ PHOTO_MAX_UPLOAD_BYTES: '5242880', PHOTO_BUCKET: { Ref: logicalId('PhotosBucket', 'AWS::S3::Bucket') } });
    expect(fn.Environment.Variables.PHOTO_STORAGE).toBeUndefined();
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          { Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'incoming/' }] } }, LambdaFunctionArn: { 'Fn::GetAtt': [fnId, 'Arn'] } },
        ],
      },
    });
  });

  it('gives the image function only what processing needs, by prefix', () => {
    const bucketArn = { 'Fn::GetAtt': [logicalId('PhotosBucket', 'AWS::S3::Bucket'), 'Arn'] };
    const objects = (prefix: string) => ({ 'Fn::Join': ['', [bucketArn, `/${prefix}*`]] });
    const s3 = statementsOf('PhotosImageRole').filter((s) => [s.Action].flat().some((a: string) => a.startsWith('s3:')));
    expect(s3).toEqual([
      { Action: 's3:GetObject', Effect: 'Allow', Resource: objects('incoming/') },
      { Action: 's3:PutObject', Effect: 'Allow', Resource: objects('processed/') },
      { Action: 's3:ListBucketVersions', Effect: 'Allow', Resource: bucketArn, Condition: { StringLike: { 's3:prefix': ['incoming/*', 'processed/*'] } } },
      { Action: 's3:DeleteObjectVersion', Effect: 'Allow', Resource: [objects('incoming/'), objects('processed/')] },
    ]);
  });

  it('lets the partner function, and not the public one, presign uploads into incoming/, delete versions and invalidate', () => {
    const bucketArn = { 'Fn::GetAtt': [logicalId('PhotosBucket', 'AWS::S3::Bucket'), 'Arn'] };
    const partner = statementsOf('PartnerGraphqlRole');
    expect(partner).toEqual(
      expect.arrayContaining([
        { Action: 's3:PutObject', Effect: 'Allow', Resource: { 'Fn::Join': ['', [bucketArn, '/incoming/*']] } },
        expect.objectContaining({ Action: 's3:DeleteObjectVersion' }),
        expect.objectContaining({ Action: 'cloudfront:CreateInvalidation' }),
      ]),
    );
    const publicActions = statementsOf('GraphqlRole').flatMap((s) => [s.Action].flat());
    expect(publicActions.filter((a: string) => a.startsWith('s3:') || a.startsWith('cloudfront:'))).toEqual([]);
    const publicFn = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) => id.startsWith('GraphqlFunction'))![1] as any;
    expect(Object.keys(publicFn.Properties.Environment.Variables).filter((name) => name.startsWith('PHOTO_'))).toEqual([]);
    const partnerFn = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) => id.startsWith('PartnerGraphqlFunction'))![1] as any;
    expect(partnerFn.Properties.Environment.Variables.PHOTO_BUCKET).toEqual({ Ref: logicalId('PhotosBucket', 'AWS::S3::Bucket') });
  });
});

describe("CDK's helper functions for photos", () => {
  it('deploys only the 404 page into processed/ of the photo bucket', () => {
    const bucketId = logicalId('PhotosBucket', 'AWS::S3::Bucket');
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment')).filter((d: any) => d.Properties.DestinationBucketName.Ref === bucketId);
    expect(deployments).toHaveLength(1);
    expect((deployments[0] as any).Properties).toMatchObject({ DestinationBucketKeyPrefix: 'processed/', Prune: false });
  });

  it('lets the bucket-notification function do nothing but set bucket notifications', () => {
    const roles = Object.keys(template.findResources('AWS::IAM::Role')).filter((id) => id.startsWith('BucketNotificationsHandler'));
    expect(roles).toHaveLength(1);
    expect(statementsOf(roles[0]!).map((s) => s.Action)).toEqual(['s3:PutBucketNotification']);
  });
});
