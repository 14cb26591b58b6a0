import type { TableStore } from '../data';
import type { PhotoService } from '../photos';
import { lazyPhotoEraser } from '../photos/eraser';
import { loadConfig, loadPhotoConfig, type PhotoConfig } from '../shared/config';
import { createGraphqlHandler } from './handler';
import { buildPartnerSchema } from './partner-schema';

const config = loadConfig();
const photoConfig = loadPhotoConfig();

/**
 * Photo uploads and the photo eraser for the resolvers. The photo code and the
 * S3/CloudFront clients load with the first photo mutation or erasure, never
 * for reads; built once per container, the service per request over its store.
 */
function photoExtras(photos: PhotoConfig) {
  let factory: Promise<(store: TableStore) => PhotoService> | undefined;
  const photoEraser = lazyPhotoEraser(photos);
  return {
    photos: async (store: TableStore) => {
      factory ??= import('../photos').then(({ photoServiceFactory }) => photoServiceFactory(photos, config.changeRetentionDays));
      return (await factory)(store);
    },
    photoEraser,
  };
}

/**
 * The partner resource's entry point (`/partner/graphql`, the `PartnerGraphql`
 * function with write grants): the public schema plus the private one
 * (moderation, consent, erasure, photo uploads). Same HTTP layer, principal
 * and limits as the public entry; only this entry carries the photo code.
 */
export const handler = createGraphqlHandler(buildPartnerSchema, photoConfig ? photoExtras(photoConfig) : {});
