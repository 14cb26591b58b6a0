import type { PhotoConfig } from '../shared/config';
import { FilesystemPhotoStorage } from './filesystem';
import type { PhotoStorage } from './storage';

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
