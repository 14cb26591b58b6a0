import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
  type ObjectIdentifier,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { randomUUID } from 'node:crypto';
import { INCOMING_PREFIX, PROCESSED_CONTENT_TYPE, PROCESSED_PREFIX, isPortraitSegment, type PhotoStorage, type PresignedUpload, type UploadPolicy } from './storage';

/** A processed photo's name changes with every upload, so caches may keep it for a year. */
export const PROCESSED_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** DeleteObjects takes at most this many keys per request. */
const DELETE_BATCH = 1000;

export class PhotoStorageError extends Error {
  override readonly name = 'PhotoStorageError';
}

/**
 * Photos in a private, versioned S3 bucket, served by CloudFront from
 * `processed/` only (infra/constructs/photos.ts). Deleting here means deleting
 * every version: on a versioned bucket a plain DeleteObject only adds a
 * delete marker and keeps the bytes.
 */
export class S3PhotoStorage implements PhotoStorage {
  constructor(
    private readonly options: { bucket: string; distributionId: string; publicBaseUrl: string; s3: S3Client; cloudfront: CloudFrontClient },
  ) {}

  async presignUpload(policy: UploadPolicy): Promise<PresignedUpload> {
    const { url, fields } = await createPresignedPost(this.options.s3, {
      Bucket: this.options.bucket,
      Key: policy.key,
      // S3 refuses the POST unless the form's Content-Type and the file's size satisfy these.
      Conditions: [
        ['content-length-range', 1, policy.maxBytes],
        ['eq', '$Content-Type', policy.contentType],
      ],
      Fields: { 'Content-Type': policy.contentType },
      Expires: policy.expiresInSeconds,
    });
    return { url, fields, expiresAt: new Date(Date.now() + policy.expiresInSeconds * 1000) };
  }

  async readIncoming(key: string, maxBytes: number): Promise<Buffer | null> {
    const head = await this.options.s3.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: key }));
    if ((head.ContentLength ?? 0) > maxBytes) return null;
    const object = await this.options.s3.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key, IfMatch: head.ETag }));
    if (!object.Body) throw new PhotoStorageError('incoming object without a body');
    const bytes = Buffer.from(await object.Body.transformToByteArray());
    return bytes.length > maxBytes ? null : bytes;
  }

  async deleteIncoming(key: string): Promise<void> {
    if (!key.startsWith(INCOMING_PREFIX)) throw new PhotoStorageError('not an incoming key');
    await this.deleteVersions(key, () => true, true);
  }

  async putProcessed(key: string, body: Buffer): Promise<void> {
    await this.options.s3.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: key,
        Body: body,
        ContentType: PROCESSED_CONTENT_TYPE,
        CacheControl: PROCESSED_CACHE_CONTROL,
      }),
    );
  }

  async deleteProcessed(portraitId: string, keep?: string): Promise<void> {
    await this.deleteVersions(`${PROCESSED_PREFIX}${checked(portraitId)}/`, (key) => key !== keep);
  }

  async erasePortrait(portraitId: string): Promise<void> {
    const id = checked(portraitId);
    await this.deleteVersions(`${INCOMING_PREFIX}${id}/`, () => true);
    await this.deleteVersions(`${PROCESSED_PREFIX}${id}/`, () => true);
    // Edge caches keep a photo for up to a year (immutable); only an invalidation ends that.
    await this.options.cloudfront.send(
      new CreateInvalidationCommand({
        DistributionId: this.options.distributionId,
        InvalidationBatch: { CallerReference: `erase-${id}-${randomUUID()}`, Paths: { Quantity: 1, Items: [`/${id}/*`] } },
      }),
    );
  }

  publicUrl(key: string): string {
    if (!key.startsWith(PROCESSED_PREFIX)) throw new PhotoStorageError('only processed photos are public');
    return `${this.options.publicBaseUrl}${key.slice(PROCESSED_PREFIX.length)}`;
  }

  /**
   * Deletes every version and delete marker under `prefix` whose key passes
   * `wanted` (`exact`: only the key equal to `prefix`). Lists all pages first,
   * then deletes in batches; a key S3 could not delete is an error, never a
   * silent leftover.
   */
  private async deleteVersions(prefix: string, wanted: (key: string) => boolean, exact = false): Promise<void> {
    const doomed: ObjectIdentifier[] = [];
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    do {
      const page = await this.options.s3.send(
        new ListObjectVersionsCommand({ Bucket: this.options.bucket, Prefix: prefix, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }),
      );
      for (const entry of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) {
        if (!entry.Key || (exact && entry.Key !== prefix) || !wanted(entry.Key)) continue;
        doomed.push({ Key: entry.Key, VersionId: entry.VersionId });
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (keyMarker !== undefined);
    for (let i = 0; i < doomed.length; i += DELETE_BATCH) {
      const batch = doomed.slice(i, i + DELETE_BATCH);
      const result = await this.options.s3.send(
        new DeleteObjectsCommand({ Bucket: this.options.bucket, Delete: { Objects: batch, Quiet: true } }),
      );
      if (result.Errors && result.Errors.length > 0) {
        throw new PhotoStorageError(`S3 kept ${result.Errors.length} of ${batch.length} object versions (${result.Errors[0]?.Code ?? 'unknown'})`);
      }
    }
  }
}

function checked(portraitId: string): string {
  if (!isPortraitSegment(portraitId)) throw new PhotoStorageError('invalid portrait id');
  return portraitId;
}
