import { randomBytes } from 'node:crypto';
import { PORTRAIT_TEXT_LIMITS } from '../data/entities/portrait';
import type { PortraitPhotoWrites } from '../data/portrait-photos';
import { PHOTO_CONTENT_TYPES, type PhotoConfig, type PhotoContentType } from '../shared/config';
import { ValidationError } from '../shared/errors';
import { ImageRejectedError, type ImageProcessor } from './rejection';
import { incomingKey, parseIncomingKey, processedKey, type PhotoStorage, type PresignedUpload } from './storage';

export type UploadFieldCode = 'UNSUPPORTED_TYPE' | 'TOO_LARGE' | 'INVALID_SIZE' | 'REQUIRED' | 'TOO_LONG';

export interface UploadRequest {
  portraitId: string;
  contentType: string;
  contentLength: number;
  altText: string;
  credit?: string | null | undefined;
}

/** What a caller must know to upload: the form to post and its limits. */
export interface IssuedUpload extends PresignedUpload {
  maxBytes: number;
  contentType: PhotoContentType;
}

/** Field-level problems of an upload request; codes only, never the values. */
export function uploadProblems(request: UploadRequest, maxBytes: number): { field: string; code: UploadFieldCode }[] {
  const problems: { field: string; code: UploadFieldCode }[] = [];
  if (!(PHOTO_CONTENT_TYPES as readonly string[]).includes(request.contentType)) problems.push({ field: 'contentType', code: 'UNSUPPORTED_TYPE' });
  if (!Number.isInteger(request.contentLength) || request.contentLength < 1) problems.push({ field: 'contentLength', code: 'INVALID_SIZE' });
  else if (request.contentLength > maxBytes) problems.push({ field: 'contentLength', code: 'TOO_LARGE' });
  const alt = request.altText.trim();
  if (alt.length === 0) problems.push({ field: 'altText', code: 'REQUIRED' });
  else if (alt.length > PORTRAIT_TEXT_LIMITS.photoAlt) problems.push({ field: 'altText', code: 'TOO_LONG' });
  if (request.credit && request.credit.trim().length > PORTRAIT_TEXT_LIMITS.photoCredit) problems.push({ field: 'credit', code: 'TOO_LONG' });
  return problems;
}

/** 16 characters of lowercase base32 from 80 random bits: names that say nothing about their content. */
export function randomName(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

export type ProcessOutcome =
  | { status: 'PROCESSED'; portraitId: string; url: string; width: number; height: number }
  | { status: 'REJECTED'; portraitId: string | null; reason: string };

/**
 * Portrait photos: issuing uploads, turning an upload into the served photo,
 * and erasing every stored copy. The storage decides where bytes live (S3 or a
 * folder); this decides what is allowed. The decoder is handed in only where
 * uploads are processed (the image function, the local runner), so the
 * GraphQL function, which issues uploads and erases, never bundles sharp.
 */
export class PhotoService {
  constructor(
    readonly storage: PhotoStorage,
    private readonly config: Pick<PhotoConfig, 'maxUploadBytes' | 'uploadExpirySeconds' | 'maxInputPixels' | 'maxEdgePixels'>,
    private readonly portraits: PortraitPhotoWrites,
    /** The decoder (functions/photos/process.ts): only where uploads are processed, so sharp stays out of other bundles. */
    private readonly processor?: ImageProcessor,
  ) {}

  /**
   * Checks the request (BAD_USER_INPUT with field codes before any URL
   * exists), records alt text and credit on the portrait, and presigns an
   * upload of exactly that type and at most the configured size. Throws
   * NotFound-style null when the portrait does not exist: the caller maps it.
   */
  async requestUpload(request: UploadRequest): Promise<IssuedUpload | null> {
    const problems = uploadProblems(request, this.config.maxUploadBytes);
    if (problems.length > 0) throw new ValidationError('The photo upload request is not valid', { fields: problems });
    const updated = await this.portraits.update(
      request.portraitId,
      { photoAlt: request.altText.trim(), photoCredit: request.credit?.trim() || null },
      { writtenBy: 'api' },
    );
    if (!updated) return null;
    const contentType = request.contentType as PhotoContentType;
    const upload = await this.storage.presignUpload({
      key: incomingKey(request.portraitId, randomName()),
      contentType,
      maxBytes: this.config.maxUploadBytes,
      expiresInSeconds: this.config.uploadExpirySeconds,
    });
    return { ...upload, maxBytes: this.config.maxUploadBytes, contentType };
  }

  /**
   * Turns one incoming upload into the portrait's photo: decode and re-encode
   * (or refuse), store the result under a new name, point the portrait at it,
   * drop its older photos. The incoming object is deleted whatever happens.
   */
  async processIncoming(key: string): Promise<ProcessOutcome> {
    const parsed = parseIncomingKey(key);
    if (!parsed) return { status: 'REJECTED', portraitId: null, reason: 'UNKNOWN_KEY' };
    const { portraitId } = parsed;
    const processImage = this.processor;
    if (!processImage) throw new Error('this photo service has no image processor');
    try {
      const bytes = await this.storage.readIncoming(key, this.config.maxUploadBytes);
      if (!bytes) return { status: 'REJECTED', portraitId, reason: 'TOO_LARGE' };
      let image: Awaited<ReturnType<ImageProcessor>>;
      try {
        image = await processImage(bytes, null, {
          maxBytes: this.config.maxUploadBytes,
          maxInputPixels: this.config.maxInputPixels,
          maxEdgePixels: this.config.maxEdgePixels,
        });
      } catch (error) {
        if (error instanceof ImageRejectedError) return { status: 'REJECTED', portraitId, reason: error.reason };
        throw error;
      }
      const target = processedKey(portraitId, randomName());
      await this.storage.putProcessed(target, image.body);
      const url = this.storage.publicUrl(target);
      const updated = await this.portraits.update(portraitId, { photoUrl: url }, { writtenBy: 'api' });
      if (!updated) {
        // Erased (or never there) while this ran: nothing of it may stay behind.
        await this.storage.erasePortrait(portraitId);
        return { status: 'REJECTED', portraitId, reason: 'PORTRAIT_GONE' };
      }
      await this.storage.deleteProcessed(portraitId, target);
      return { status: 'PROCESSED', portraitId, url, width: image.width, height: image.height };
    } finally {
      await this.storage.deleteIncoming(key);
    }
  }

  /** Every stored version of the portrait's photos, incoming and processed, deleted; caches invalidated. */
  async erasePortraitPhotos(portraitId: string): Promise<void> {
    await this.storage.erasePortrait(portraitId);
  }
}
