import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readdir, rm, writeFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { INCOMING_PREFIX, PROCESSED_PREFIX, isPortraitSegment, type PhotoStorage, type PresignedUpload, type UploadPolicy } from './storage';

/** What a local upload policy promises, signed like S3's POST policy so the endpoint can check it. */
export interface LocalUploadPolicy {
  key: string;
  contentType: string;
  maxBytes: number;
  /** Epoch milliseconds. */
  expires: number;
}

export type PolicyCheck = { ok: true; policy: LocalUploadPolicy } | { ok: false; reason: 'MALFORMED' | 'BAD_SIGNATURE' | 'EXPIRED' };

/**
 * Photos in a folder: `npm start` and the tests. Keys are paths under
 * `directory`, exactly as they are keys in the bucket on AWS; the local
 * runner serves `processed/` and stands in for S3's presigned POST with an
 * endpoint that checks the same conditions (see local/photos.ts).
 */
export class FilesystemPhotoStorage implements PhotoStorage {
  constructor(
    private readonly options: { directory: string; uploadUrl: string; publicBaseUrl: string; secret: string; now?: () => number },
  ) {}

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  private path(key: string): string {
    if (key.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) throw new Error('invalid photo key');
    return join(this.options.directory, ...key.split('/'));
  }

  private sign(encoded: string): string {
    return createHmac('sha256', this.options.secret).update(encoded).digest('base64url');
  }

  async presignUpload(policy: UploadPolicy): Promise<PresignedUpload> {
    const expires = this.now() + policy.expiresInSeconds * 1000;
    const signed: LocalUploadPolicy = { key: policy.key, contentType: policy.contentType, maxBytes: policy.maxBytes, expires };
    const encoded = Buffer.from(JSON.stringify(signed)).toString('base64url');
    return {
      url: this.options.uploadUrl,
      fields: { key: policy.key, 'Content-Type': policy.contentType, policy: encoded, signature: this.sign(encoded) },
      expiresAt: new Date(expires),
    };
  }

  /** Checks a policy and its signature as the upload endpoint receives them. */
  verifyPolicy(encoded: string, signature: string): PolicyCheck {
    const expected = Buffer.from(this.sign(encoded));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'BAD_SIGNATURE' };
    let policy: LocalUploadPolicy;
    try {
      policy = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as LocalUploadPolicy;
    } catch {
      return { ok: false, reason: 'MALFORMED' };
    }
    if (typeof policy.key !== 'string' || !policy.key.startsWith(INCOMING_PREFIX) || typeof policy.maxBytes !== 'number') return { ok: false, reason: 'MALFORMED' };
    if (!(policy.expires > this.now())) return { ok: false, reason: 'EXPIRED' };
    return { ok: true, policy };
  }

  /** What S3 does when a presigned POST succeeds: the object appears under its key. */
  async putIncoming(key: string, body: Buffer): Promise<void> {
    if (!key.startsWith(INCOMING_PREFIX)) throw new Error('not an incoming key');
    await this.write(key, body);
  }

  async readIncoming(key: string, maxBytes: number): Promise<Buffer | null> {
    const handle = await open(this.path(key), 'r');
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) return null;
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  async deleteIncoming(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async putProcessed(key: string, body: Buffer): Promise<void> {
    if (!key.startsWith(PROCESSED_PREFIX)) throw new Error('not a processed key');
    await this.write(key, body);
  }

  /** Readable processed photo, or null: what the local route serves. */
  async readProcessed(key: string): Promise<Buffer | null> {
    if (!key.startsWith(PROCESSED_PREFIX)) return null;
    try {
      const handle = await open(this.path(key), 'r');
      try {
        return await handle.readFile();
      } finally {
        await handle.close();
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
      throw error;
    }
  }

  async deleteProcessed(portraitId: string, keep?: string): Promise<void> {
    const folder = this.portraitFolder(PROCESSED_PREFIX, portraitId);
    let names: string[];
    try {
      names = await readdir(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const name of names) {
      if (`${PROCESSED_PREFIX}${portraitId}/${name}` !== keep) await rm(join(folder, name), { force: true });
    }
  }

  async erasePortrait(portraitId: string): Promise<void> {
    // A folder has no older versions and nothing caches it: removing it is all there is.
    await rm(this.portraitFolder(INCOMING_PREFIX, portraitId), { recursive: true, force: true });
    await rm(this.portraitFolder(PROCESSED_PREFIX, portraitId), { recursive: true, force: true });
  }

  publicUrl(key: string): string {
    if (!key.startsWith(PROCESSED_PREFIX)) throw new Error('only processed photos are public');
    return `${this.options.publicBaseUrl}${key.slice(PROCESSED_PREFIX.length)}`;
  }

  private portraitFolder(prefix: string, portraitId: string): string {
    if (!isPortraitSegment(portraitId)) throw new Error('invalid portrait id');
    return this.path(`${prefix}${portraitId}`);
  }

  /** Write to a temporary name, then rename: a reader never sees half a file. */
  private async write(key: string, body: Buffer): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, body);
    await rename(temporary, path);
  }
}
