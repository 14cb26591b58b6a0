export { stageConfigFromContext, DEFAULT_STAGE_CONFIG, type StageConfig, type PartnerAccess } from './config';
export { EngagierteStadtStack, type EngagierteStadtStackProps } from './stack';
