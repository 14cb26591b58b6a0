import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { synthesize, type Synthesized } from './synth';

interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

function acknowledgements(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([key, reason]) => ({
          path: construct.node.path,
          id: key.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

/** Every suppression in the stack, by construct path; adding one must be a deliberate edit here. */
const EXPECTED_ACKNOWLEDGEMENTS = [
  'Api/Api AwsSolutions-APIG2',
  'Api/Api/Default/graphql/ANY AwsSolutions-APIG4',
  'Api/Api/Default/graphql/ANY AwsSolutions-COG4',
  'Api/Api/Default/partner/graphql/ANY AwsSolutions-COG4',
  'Api/Api/CloudWatchRole AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
  'Api/Api/Default/graphql/GET AwsSolutions-APIG4',
  'Api/Api/Default/graphql/GET AwsSolutions-COG4',
  'Api/Api/Default/graphql/POST AwsSolutions-APIG4',
  'Api/Api/Default/graphql/POST AwsSolutions-COG4',
  'Api/Api/Default/partner/graphql/POST AwsSolutions-COG4',
  'Graphql/Function AwsSolutions-L1',
  'Graphql/Role AwsSolutions-IAM5[Resource::*]',
  'PartnerAuthorizer/Function AwsSolutions-L1',
  'PartnerAuthorizer/Role AwsSolutions-IAM5[Resource::*]',
  'PartnerGraphql/Function AwsSolutions-L1',
  'PartnerGraphql/Role AwsSolutions-IAM5[Resource::*]',
  'Api/Api/Default/withdrawal/POST AwsSolutions-APIG4',
  'Api/Api/Default/withdrawal/POST AwsSolutions-COG4',
  'Api/Api/Default/withdrawal/ANY AwsSolutions-APIG4',
  'Api/Api/Default/withdrawal/ANY AwsSolutions-COG4',
  'Withdrawal/Function AwsSolutions-L1',
  'Withdrawal/Role AwsSolutions-IAM5[Resource::*]',
  // The widgets construct (#10): CloudFront, the log bucket and CDK's BucketDeployment function.
  'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C AwsSolutions-L1',
  'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
  'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C AwsSolutions-IAM5[Action::s3:GetBucket*]',
  'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C AwsSolutions-IAM5[Action::s3:GetObject*]',
  'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C AwsSolutions-IAM5[Action::s3:List*]',
  'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C AwsSolutions-IAM5[Action::s3:DeleteObject*]',
  'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C AwsSolutions-IAM5[Action::s3:Abort*]',
  'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C AwsSolutions-IAM5[Resource::*]',
  'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
  'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C AwsSolutions-IAM5[Resource::<WidgetsBucketC42673D0.Arn>/*]',
  'Widgets/Logs AwsSolutions-S1',
  'BucketNotificationsHandler050a0587b7544547bf325f094a3db834 AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
  'BucketNotificationsHandler050a0587b7544547bf325f094a3db834 AwsSolutions-IAM5[Resource::*]',
  'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C AwsSolutions-IAM5[Resource::<PhotosBucket4131342A.Arn>/*]',
  'PartnerGraphql/Role AwsSolutions-IAM5[Resource::<PhotosBucket4131342A.Arn>/incoming/*]',
  'PartnerGraphql/Role AwsSolutions-IAM5[Resource::<PhotosBucket4131342A.Arn>/processed/*]',
  // The withdrawal link erases photos as withdrawConsent does: every version under the two prefixes.
  'Withdrawal/Role AwsSolutions-IAM5[Resource::<PhotosBucket4131342A.Arn>/incoming/*]',
  'Withdrawal/Role AwsSolutions-IAM5[Resource::<PhotosBucket4131342A.Arn>/processed/*]',
  'Photos/Bucket AwsSolutions-S1',
  'Photos/Distribution AwsSolutions-CFR1',
  'Photos/Distribution AwsSolutions-CFR2',
  'Photos/Distribution AwsSolutions-CFR4',
  'Photos/Distribution AwsSolutions-CFR7',
  'Photos/ImageFunction AwsSolutions-L1',
  'Photos/ImageRole AwsSolutions-IAM5[Resource::<PhotosBucket4131342A.Arn>/incoming/*]',
  'Photos/ImageRole AwsSolutions-IAM5[Resource::<PhotosBucket4131342A.Arn>/processed/*]',
  'Photos/Logs AwsSolutions-S1',
  'Widgets/Bucket AwsSolutions-S1',
  'Widgets/Distribution AwsSolutions-CFR1',
  'Widgets/Distribution AwsSolutions-CFR2',
  'Widgets/Distribution AwsSolutions-CFR4',
  'Widgets/ApiDistribution AwsSolutions-CFR1',
  'Widgets/ApiDistribution AwsSolutions-CFR2',
  'Widgets/ApiDistribution AwsSolutions-CFR4',
];

let synthesized: Synthesized;

beforeAll(() => {
  // Throws if AwsSolutionsChecks, registered as in infra/app.ts, reports anything unacknowledged.
  synthesized = synthesize();
});

describe('cdk-nag AwsSolutionsChecks', () => {
  it('finds no unacknowledged violation in the stack', () => {
    const report = new AwsSolutionsChecks().validateScope(synthesized.app);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    expect(report.success).toBe(true);
    // cdk-nag 3 reports through the validation report, not annotations; this guards against a regression to v2 behaviour.
    expect(Annotations.fromStack(synthesized.stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  });

  it('does catch a violation and fails synth on it (the check above is not vacuous)', () => {
    const app = new App();
    const stack = new Stack(app, 'Unsafe');
    new dynamodb.Table(stack, 'NoPitr', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => v.ruleName)).toContain('AwsSolutions-DDB3');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-DDB3/);
  });

  it('has exactly the expected suppressions, each naming an AwsSolutions rule', () => {
    const prefix = `${synthesized.stack.node.path}/`;
    const found = acknowledgements(synthesized.stack).map((a) => `${a.path.replace(prefix, '')} ${a.id}`);
    expect(found.sort()).toEqual([...EXPECTED_ACKNOWLEDGEMENTS].sort());
    for (const { id } of acknowledgements(synthesized.stack)) {
      expect(id).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
    }
  });

  it('gives every suppression a real one-line reason', () => {
    for (const { path, id, reason } of acknowledgements(synthesized.app)) {
      const where = `${path} ${id}`;
      expect({ where, oneLine: !/[\r\n]/.test(reason) }).toEqual({ where, oneLine: true });
      expect({ where, substantial: reason.trim().length >= 40 }).toEqual({ where, substantial: true });
      expect({ where, placeholder: /\b(todo|tbd|fixme|n\/a)\b/i.test(reason) }).toEqual({ where, placeholder: false });
    }
  });
});
