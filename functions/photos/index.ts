/**
 * Portrait photos behind one storage interface (docs/PHOTOS.md). Nothing here
 * imports sharp (`./process` does, for the image function and the local
 * runner only), and the S3 SDK is loaded only for S3 storage.
 */
import { NetworkWriter, PortraitPhotoWrites, type TableStore } from '../data';
import type { PhotoConfig } from '../shared/config';
import { FilesystemPhotoStorage } from './filesystem';
import { PhotoService } from './service';
import type { ImageProcessor } from './rejection';
import type { PhotoStorage } from './storage';

export { FilesystemPhotoStorage, type LocalUploadPolicy, type PolicyCheck } from './filesystem';
export { PhotoService, uploadProblems, type IssuedUpload, type ProcessOutcome, type UploadFieldCode, type UploadRequest } from './service';
export { ImageRejectedError, type ImageProcessor, type ProcessLimits, type ProcessedImage, type RejectionReason } from './rejection';
export { INCOMING_PREFIX, PROCESSED_CONTENT_TYPE, PROCESSED_PREFIX, parseIncomingKey, type PhotoStorage, type PresignedUpload, type UploadPolicy } from './storage';

/** The storage the configuration names; the S3 SDK is imported only for `s3`. */
export async function createPhotoStorage(config: PhotoConfig): Promise<PhotoStorage> {
  if (config.storage === 'filesystem') {
    return new FilesystemPhotoStorage({
      directory: config.directory!,
      uploadUrl: config.uploadUrl!,
      publicBaseUrl: config.publicBaseUrl,
      secret: config.uploadSecret!,
    });
  }
  const [{ S3PhotoStorage }, { S3Client }, { CloudFrontClient }] = await Promise.all([
    import('./s3'),
    import('@aws-sdk/client-s3'),
    import('@aws-sdk/client-cloudfront'),
  ]);
  return new S3PhotoStorage({
    bucket: config.bucket!,
    distributionId: config.distributionId!,
    publicBaseUrl: config.publicBaseUrl,
    s3: new S3Client({ region: config.region }),
    // CloudFront's API lives in us-east-1 whatever the stack's region.
    cloudfront: new CloudFrontClient({ region: 'us-east-1' }),
  });
}

/** A photo service over a store and a storage; `retentionDays` is the change feed's, as every writer uses. */
export function createPhotoService(storage: PhotoStorage, config: PhotoConfig, store: TableStore, retentionDays: number, processor?: ImageProcessor): PhotoService {
  return new PhotoService(storage, config, new PortraitPhotoWrites(store, new NetworkWriter(store, { retentionDays })), processor);
}

/**
 * A factory the GraphQL handler and the image function keep per container:
 * the storage (its SDK clients) is built once, the service per request over
 * that request's store.
 */
export function photoServiceFactory(config: PhotoConfig, retentionDays: number, processor?: ImageProcessor): Promise<(store: TableStore) => PhotoService> {
  return createPhotoStorage(config).then((storage) => (store: TableStore) => createPhotoService(storage, config, store, retentionDays, processor));
}
