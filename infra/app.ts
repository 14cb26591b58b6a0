import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageConfigFromContext } from './config';
import { EngagierteStadtStack } from './stack';

const app = new App();
const config = stageConfigFromContext(app.node);

new EngagierteStadtStack(app, `EngagierteStadt-${config.stage}`, {
  config,
  // Environment-agnostic: synth needs no credentials or lookups; `cdk deploy` takes account and region from the profile.
  env: undefined,
  description: `Engagierte Stadt network GraphQL API (${config.stage})`,
});

Tags.of(app).add('project', 'engagierte-stadt-api');
Tags.of(app).add('stage', config.stage);

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
