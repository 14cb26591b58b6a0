/**
 * Photos under `npm start`: stands in for S3's presigned POST (the upload
 * endpoint checks the same conditions: signed policy, expiry, key, content
 * type, size), for the S3 event (it runs the image processing right after the
 * upload) and for CloudFront (it serves `processed/` and nothing else).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FilesystemPhotoStorage, PROCESSED_CONTENT_TYPE, PROCESSED_PREFIX, createPhotoService, type PhotoService } from '../functions/photos';
import type { TableStore } from '../functions/data';
import { processImage } from '../functions/photos/process';
import type { PhotoConfig } from '../functions/shared/config';
import type { Route } from './http';

/** Room for the form's other fields and multipart boundaries beside the file. */
const FORM_OVERHEAD_BYTES = 16 * 1024;

function reply(res: ServerResponse, status: number, code?: string): void {
  // S3 answers a refused POST with an XML error naming its code; the same codes here, as text.
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(code ?? '');
}

function readBounded(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface LocalPhotos {
  routes: Route[];
  storage: FilesystemPhotoStorage;
  service: PhotoService;
}

/** The upload endpoint and the photo route for `config` (filesystem storage) over `store`. */
export function localPhotos(config: PhotoConfig, store: TableStore, retentionDays: number, uploadPath = '/photos/upload', servePrefix = '/photos/'): LocalPhotos {
  if (config.storage !== 'filesystem') throw new Error('local photos need PHOTO_STORAGE=filesystem');
  const storage = new FilesystemPhotoStorage({
    directory: config.directory!,
    uploadUrl: config.uploadUrl!,
    publicBaseUrl: config.publicBaseUrl,
    secret: config.uploadSecret!,
  });
  const service = createPhotoService(storage, config, store, retentionDays, processImage);

  const upload: Route = {
    path: uploadPath,
    async handle(req, res) {
      if (req.method !== 'POST') return reply(res, 405, 'MethodNotAllowed');
      const body = await readBounded(req, config.maxUploadBytes + FORM_OVERHEAD_BYTES);
      if (!body) return reply(res, 400, 'EntityTooLarge');
      let form: FormData;
      try {
        form = await new Request('http://localhost/', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: new Uint8Array(body) }).formData();
      } catch {
        return reply(res, 400, 'MalformedPOSTRequest');
      }
      const field = (name: string) => {
        const value = form.get(name);
        return typeof value === 'string' ? value : null;
      };
      const encoded = field('policy');
      const signature = field('signature');
      if (!encoded || !signature) return reply(res, 403, 'AccessDenied');
      const check = storage.verifyPolicy(encoded, signature);
      if (!check.ok) return reply(res, 403, check.reason === 'EXPIRED' ? 'AccessDenied: Policy expired' : 'AccessDenied');
      const { policy } = check;
      if (field('key') !== policy.key || field('Content-Type') !== policy.contentType) return reply(res, 403, 'AccessDenied: Invalid according to Policy');
      const file = form.get('file');
      if (!file || typeof file === 'string') return reply(res, 400, 'InvalidArgument: file');
      if (file.size < 1) return reply(res, 400, 'EntityTooSmall');
      if (file.size > policy.maxBytes) return reply(res, 400, 'EntityTooLarge');
      await storage.putIncoming(policy.key, Buffer.from(await file.arrayBuffer()));
      // What the S3 event does on AWS, done before answering so the photo is there when the client looks.
      const outcome = await service.processIncoming(policy.key);
      if (outcome.status === 'REJECTED') process.stderr.write(`photo refused (${outcome.reason})\n`);
      reply(res, 204);
    },
  };

  const serve: Route = {
    path: servePrefix,
    prefix: true,
    async handle(req, res) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405);
      const relative = new URL(req.url ?? '/', 'http://localhost').pathname.slice(servePrefix.length);
      // Only `<portraitId>/<name>.webp`: the shape of every processed key, nothing to traverse with.
      if (!/^[a-z0-9][a-z0-9-]*\.[a-z2-7]{16}\/[a-z0-9]{16,64}\.webp$/.test(relative)) return reply(res, 404, 'Not found');
      const bytes = await storage.readProcessed(`${PROCESSED_PREFIX}${relative}`);
      if (!bytes) return reply(res, 404, 'Not found');
      res.writeHead(200, {
        'content-type': PROCESSED_CONTENT_TYPE,
        'content-length': String(bytes.length),
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        'access-control-allow-origin': '*',
      });
      res.end(req.method === 'HEAD' ? undefined : bytes);
    },
  };
  return { routes: [upload, serve], storage, service };
}
