/**
 * Portrait photos behind one storage interface (docs/PHOTOS.md). Nothing here
 * imports sharp (`./process` does, for the image function and the local
 * runner only), and the S3 SDK is loaded only for S3 storage.
 */
import { NetworkWriter, PortraitPhotoWrites, type TableStore } from '../data';
import type { PhotoConfig } from '../shared/config';
import { createPhotoStorage } from './create-storage';
import { PhotoService } from './service';
import type { ImageProcessor } from './rejection';
import type { PhotoStorage } from './storage';

export { createPhotoStorage } from './create-storage';
export { FilesystemPhotoStorage, type LocalUploadPolicy, type PolicyCheck } from './filesystem';
export { PhotoService, uploadProblems, type IssuedUpload, type ProcessOutcome, type UploadFieldCode, type UploadRequest } from './service';
export { ImageRejectedError, type ImageProcessor, type ProcessLimits, type ProcessedImage, type RejectionReason } from './rejection';
export { INCOMING_PREFIX, PROCESSED_CONTENT_TYPE, PROCESSED_PREFIX, parseIncomingKey, type PhotoStorage, type PresignedUpload, type UploadPolicy } from './storage';

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
