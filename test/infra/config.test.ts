import { App } from 'aws-cdk-lib';
import { DEFAULT_STAGE_CONFIG, stageConfigFromContext } from '../../infra/config';
import { EngagierteStadtStack } from '../../infra/stack';

function configFrom(context: Record<string, unknown>) {
  return stageConfigFromContext(new App({ context }).node);
}

describe('stage configuration from CDK context', () => {
  it('defaults to the dev stage with the default sizing and no partners', () => {
    expect(configFrom({})).toEqual({ ...DEFAULT_STAGE_CONFIG, stage: 'dev' });
  });

  it('keeps production logs longer unless told otherwise', () => {
    expect(configFrom({ stage: 'prod' }).logRetentionDays).toBe(90);
    expect(configFrom({ stage: 'prod', logRetentionDays: '180' }).logRetentionDays).toBe(180);
  });

  it('reads numbers given as -c strings', () => {
    expect(configFrom({ memoryMb: '1769', apiRateLimit: '50' })).toMatchObject({ memoryMb: 1769, apiRateLimit: 50 });
  });

  it('reads partners as a comma-separated list or a JSON array', () => {
    expect(configFrom({ partners: 'stiftung-a, stiftung-b' }).partners).toEqual([{ id: 'stiftung-a' }, { id: 'stiftung-b' }]);
    expect(configFrom({ partners: '[{"id":"stiftung-a","quotaPerDay":100}]' }).partners).toEqual([{ id: 'stiftung-a', quotaPerDay: 100 }]);
    expect(configFrom({ partners: [{ id: 'stiftung-a' }] }).partners).toEqual([{ id: 'stiftung-a' }]);
  });

  it('lets an account whose API Gateway logging role is managed elsewhere opt out', () => {
    expect(configFrom({}).manageApiGatewayLoggingRole).toBe(true);
    expect(configFrom({ manageApiGatewayLoggingRole: 'false' }).manageApiGatewayLoggingRole).toBe(false);
  });

  it.each([
    [{ manageApiGatewayLoggingRole: 'no' }, /manageApiGatewayLoggingRole/],
    [{ stage: 'Prod_1' }, /stage/],
    [{ memoryMb: 'lots' }, /memoryMb/],
    [{ timeoutSeconds: '-1' }, /timeoutSeconds/],
    [{ logLevel: 'verbose' }, /logLevel/],
    [{ partners: 'Not A Slug' }, /partner ids/],
  ])('rejects malformed context %j naming the key', (context, message) => {
    expect(() => configFrom(context)).toThrow(message);
  });

  it('rejects a log retention CloudWatch does not offer before bundling anything', () => {
    const app = new App();
    const config = { ...DEFAULT_STAGE_CONFIG, stage: 'dev', logRetentionDays: 31 };
    expect(() => new EngagierteStadtStack(app, 'Bad', { config })).toThrow(/logRetentionDays/);
  });
});
