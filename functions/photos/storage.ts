import type { PhotoContentType } from '../shared/config';

/** Where uploads land before processing: never served. */
export const INCOMING_PREFIX = 'incoming/';
/** Where re-encoded photos live: the only prefix the CDN (or the local route) serves. */
export const PROCESSED_PREFIX = 'processed/';
/** Every served photo is WebP. */
export const PROCESSED_CONTENT_TYPE = 'image/webp';

/** A portrait id (`<campaign slug>.<base32>`) is safe as one path segment; anything else is refused. */
const PORTRAIT_SEGMENT = /^[a-z0-9][a-z0-9-]*\.[a-z2-7]{16}$/;
const FILE_SEGMENT = /^[a-z0-9]{16,64}$/;

export function isPortraitSegment(portraitId: string): boolean {
  return PORTRAIT_SEGMENT.test(portraitId);
}

/** `incoming/<portraitId>/<uploadId>`: the portrait is named by the key, so processing needs nothing else. */
export function incomingKey(portraitId: string, uploadId: string): string {
  if (!isPortraitSegment(portraitId) || !FILE_SEGMENT.test(uploadId)) throw new Error('invalid photo key segment');
  return `${INCOMING_PREFIX}${portraitId}/${uploadId}`;
}

/** `processed/<portraitId>/<photoId>.webp`: a new name per photo, so caches never serve an older one under it. */
export function processedKey(portraitId: string, photoId: string): string {
  if (!isPortraitSegment(portraitId) || !FILE_SEGMENT.test(photoId)) throw new Error('invalid photo key segment');
  return `${PROCESSED_PREFIX}${portraitId}/${photoId}.webp`;
}

/** The portrait an incoming key belongs to, or null for a key this code did not issue. */
export function parseIncomingKey(key: string): { portraitId: string; uploadId: string } | null {
  const match = /^incoming\/([^/]+)\/([^/]+)$/.exec(key);
  if (!match || !isPortraitSegment(match[1]!) || !FILE_SEGMENT.test(match[2]!)) return null;
  return { portraitId: match[1]!, uploadId: match[2]! };
}

/** An upload the client performs itself: an HTML-form style POST of `fields` plus the file as the last field `file`. */
export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  expiresAt: Date;
}

export interface UploadPolicy {
  key: string;
  contentType: PhotoContentType;
  maxBytes: number;
  expiresInSeconds: number;
}

/**
 * The one interface photo storage has: S3 (+ CloudFront) on AWS, a folder
 * under `npm start` and in the tests. Processing, upload and erasure code
 * see only this.
 */
export interface PhotoStorage {
  /** A presigned upload into `policy.key`, accepting exactly that content type and at most `maxBytes`. */
  presignUpload(policy: UploadPolicy): Promise<PresignedUpload>;
  /** Reads an incoming upload, refusing (null) anything larger than `maxBytes` without reading it all. */
  readIncoming(key: string, maxBytes: number): Promise<Buffer | null>;
  /** Deletes an incoming upload (every version of it). */
  deleteIncoming(key: string): Promise<void>;
  putProcessed(key: string, body: Buffer): Promise<void>;
  /** Deletes every stored version under the portrait's processed prefix except `keep`. */
  deleteProcessed(portraitId: string, keep?: string): Promise<void>;
  /**
   * Deletes every stored version of every object of the portrait, incoming
   * and processed, then makes caches drop them (a CDN invalidation on AWS).
   */
  erasePortrait(portraitId: string): Promise<void>;
  /** The public URL of a processed key. */
  publicUrl(key: string): string;
}
