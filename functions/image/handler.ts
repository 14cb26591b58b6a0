/**
 * Lambda entry of the image function: S3 calls it for every object created
 * under `incoming/`. It re-encodes the upload with sharp (a native module,
 * shipped beside the bundle: infra/constructs/photos.ts), sets the portrait's
 * photo through the write path and deletes the upload.
 */
import type { S3Event } from 'aws-lambda';
import { TableStore, createDocumentClient } from '../data';
import { photoServiceFactory } from '../photos';
import { processImage } from '../photos/process';
import { ConfigError, loadConfig, loadPhotoConfig } from '../shared/config';
import { createLogger } from '../shared/log';
import { handleUploads, keysOf } from './events';

const config = loadConfig();
const photoConfig = loadPhotoConfig();
if (!photoConfig) throw new ConfigError('PHOTO_BUCKET (or PHOTO_STORAGE) is required: the image function has nothing to do without photo storage');
const logger = createLogger(config.logLevel);
const store = new TableStore(createDocumentClient({ endpoint: config.dynamodbEndpoint, region: config.region }), config.tableName);
const services = photoServiceFactory(photoConfig, config.changeRetentionDays, processImage);

/** S3 ignores the answer; it says what happened for logs, tests and the cold-start benchmark. */
export const handler = async (event: S3Event): Promise<{ processed: number; refused: number }> => {
  const service = (await services)(store);
  const outcomes = await handleUploads(keysOf(event), service, logger);
  const processed = outcomes.filter((outcome) => outcome.status === 'PROCESSED').length;
  return { processed, refused: outcomes.length - processed };
};
