import { ConfigError, loadPhotoConfig } from '../../functions/shared/config';

const S3 = { PHOTO_BUCKET: 'b', PHOTO_DISTRIBUTION_ID: 'E1', PHOTO_PUBLIC_BASE_URL: 'https://d1.cloudfront.net/' };
const LOCAL = { PHOTO_STORAGE: 'filesystem', PHOTO_DIR: '/tmp/p', PHOTO_UPLOAD_URL: 'http://localhost:4000/photos/upload', PHOTO_PUBLIC_BASE_URL: 'http://localhost:4000/photos/', PHOTO_UPLOAD_SECRET: 'x'.repeat(32) };

describe('loadPhotoConfig', () => {
  it('is off without PHOTO_STORAGE and PHOTO_BUCKET, and S3 with a bucket alone', () => {
    expect(loadPhotoConfig({})).toBeUndefined();
    expect(loadPhotoConfig({ PHOTO_MAX_UPLOAD_BYTES: '1048576' })).toBeUndefined();
    expect(loadPhotoConfig(S3)?.storage).toBe('s3');
    expect(loadPhotoConfig({ ...S3, PHOTO_STORAGE: 's3' })?.storage).toBe('s3');
  });

  it('defaults to 5 MiB, 300 s, 40 megapixels and 1600 px', () => {
    expect(loadPhotoConfig(S3)).toMatchObject({ storage: 's3', maxUploadBytes: 5_242_880, uploadExpirySeconds: 300, maxInputPixels: 40_000_000, maxEdgePixels: 1600, bucket: 'b' });
    expect(loadPhotoConfig(LOCAL)).toMatchObject({ storage: 'filesystem', directory: '/tmp/p', bucket: undefined });
  });

  it.each([
    [{ ...S3, PHOTO_STORAGE: 's3', PHOTO_BUCKET: '' }, /PHOTO_BUCKET/],
    [{ ...S3, PHOTO_DISTRIBUTION_ID: undefined }, /PHOTO_DISTRIBUTION_ID/],
    [{ ...S3, PHOTO_PUBLIC_BASE_URL: 'https://d1.cloudfront.net' }, /PHOTO_PUBLIC_BASE_URL/],
    [{ ...S3, PHOTO_STORAGE: 'ftp' }, /PHOTO_STORAGE/],
    [{ ...S3, PHOTO_MAX_UPLOAD_BYTES: '5MB' }, /PHOTO_MAX_UPLOAD_BYTES/],
    [{ ...S3, PHOTO_UPLOAD_EXPIRY_SECONDS: '86400' }, /PHOTO_UPLOAD_EXPIRY_SECONDS/],
    [{ ...LOCAL, PHOTO_UPLOAD_SECRET: 'short' }, /PHOTO_UPLOAD_SECRET/],
    [{ ...LOCAL, PHOTO_DIR: '' }, /PHOTO_DIR/],
  ])('fails at start-up naming the key (%#)', (env, key) => {
    expect(() => loadPhotoConfig(env)).toThrow(ConfigError);
    expect(() => loadPhotoConfig(env)).toThrow(key);
  });
});
