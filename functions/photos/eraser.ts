import type { PortraitPhotoEraser } from '../data/erasure';
import type { PhotoConfig } from '../shared/config';
import type { PhotoStorage } from './storage';

/**
 * The photo side of an erasure, for every entry that erases (the partner
 * function and the withdrawal link). The storage and its S3/CloudFront
 * clients load with the first erasure, never at start-up; one per container.
 * Only the storage module: the withdrawal bundle carries no photo service or read models.
 */
export function lazyPhotoEraser(config: PhotoConfig): PortraitPhotoEraser {
  let storage: Promise<PhotoStorage> | undefined;
  return {
    async erasePortraitPhotos(portraitId) {
      storage ??= import('./create-storage').then(({ createPhotoStorage }) => createPhotoStorage(config));
      await (await storage).erasePortrait(portraitId);
    },
  };
}
