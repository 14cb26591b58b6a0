/**
 * The whole flow under the local runner: the real Lambda handler behind the
 * local HTTP adapter (partner resource with a city editor's key), the local
 * upload endpoint standing in for S3's presigned POST, the photo route
 * standing in for CloudFront, DynamoDB Local underneath.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import sharp from 'sharp';
import { loadPhotoConfig } from '../../functions/shared/config';
import { createLocalServer, apiRoutes, type RestHandler } from '../../local/http';
import { localPhotos, type LocalPhotos } from '../../local/photos';
import { freePort } from '../../local/dynamo';
import { credentialTable, type CredentialTable } from '../support/credentials';
import { EMBEDDED, SVG, jpegWithMetadata } from './images';
import { PORTRAIT_ID, photoWorld, type PhotoWorld } from './support';

const REQUEST = `mutation ($input: PortraitPhotoUploadInput!) {
  requestPortraitPhotoUpload(input: $input) { url fields { name value } maxBytes }
}`;
const PORTRAIT = `query ($id: ID!) { node(id: $id) { ... on Portrait { photo { url altText credit } } } }`;

let world: PhotoWorld;
let credentials: CredentialTable;
let server: Server;
let base: string;
let photos: LocalPhotos;
let editorKey: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  credentials = await credentialTable();
  editorKey = (await credentials.issue('city-editor', ['dessau-rosslau'])).secret;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  world = await photoWorld('photo-local');
  // What local/start.ts sets before it imports the handler.
  Object.assign(process.env, {
    TABLE_NAME: world.store.tableName,
    PHOTO_STORAGE: 'filesystem',
    PHOTO_DIR: world.directory,
    PHOTO_PUBLIC_BASE_URL: `${base}/photos/`,
    PHOTO_UPLOAD_URL: `${base}/photos/upload`,
    PHOTO_UPLOAD_SECRET: 'local-test-secret-local-test-secret-012345',
  });
  const { handler } = await import('../../functions/graphql/handler');
  const { handler: partnerHandler } = await import('../../functions/graphql/partner-handler');
  photos = localPhotos(loadPhotoConfig()!, world.store, 30);
  server = createLocalServer([...apiRoutes(handler as unknown as RestHandler, credentials.store, partnerHandler as unknown as RestHandler), ...photos.routes]);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  expect((server.address() as AddressInfo).port).toBe(port);
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  process.env = savedEnv;
  await credentials?.drop();
  await world?.stop();
});

async function partner(query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${base}/partner/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${editorKey}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data: any; errors?: any[] };
}

async function publicQuery(query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data: any; errors?: any[] };
}

async function issue(contentType: string, size: number) {
  const answer = await partner(REQUEST, {
    input: { portraitId: `Portrait:${PORTRAIT_ID}`, contentType, contentLength: size, altText: 'Testperson mit Fahrrad vor dem Bauhaus', credit: 'Testfotograf' },
  });
  expect(answer.errors).toBeUndefined();
  return answer.data.requestPortraitPhotoUpload as { url: string; fields: { name: string; value: string }[]; maxBytes: number };
}

function form(fields: { name: string; value: string }[], file: Buffer, type: string, overrides: Record<string, string> = {}): FormData {
  const body = new FormData();
  for (const { name, value } of fields) body.append(name, overrides[name] ?? value);
  body.append('file', new Blob([new Uint8Array(file)], { type }), 'portrait.jpg');
  return body;
}

describe('photos under npm start', () => {
  it('takes a photo from the mutation through the upload endpoint to the served, re-encoded file, and answers 404 after erasure', async () => {
    // Act: mutation → POST the form → read the portrait.
    const photo = await jpegWithMetadata(1200, 900);
    const upload = await issue('image/jpeg', photo.length);
    expect(upload.url).toBe(`${base}/photos/upload`);
    const posted = await fetch(upload.url, { method: 'POST', body: form(upload.fields, photo, 'image/jpeg') });
    expect(posted.status).toBe(204);
    const { data } = await publicQuery(PORTRAIT, { id: `Portrait:${PORTRAIT_ID}` });
    expect(data.node.photo).toMatchObject({ altText: 'Testperson mit Fahrrad vor dem Bauhaus', credit: 'Testfotograf' });
    const url: string = data.node.photo.url;
    expect(url.startsWith(`${base}/photos/${PORTRAIT_ID}/`)).toBe(true);

    // Assess: the served file is the re-encoded one.
    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await served.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif, meta.xmp, meta.icc]).toEqual(['webp', 1200, 900, undefined, undefined, undefined]);
    for (const value of Object.values(EMBEDDED)) expect(bytes.includes(value)).toBe(false);
    expect(world.files().filter((f) => f.startsWith('incoming'))).toEqual([]);

    // Erasure: every stored file goes, the route answers 404.
    await photos.service.erasePortraitPhotos(PORTRAIT_ID);
    expect((await fetch(url)).status).toBe(404);
    expect(world.files()).toEqual([]);
  });

  it('refuses what S3 would refuse: another content type, a larger file, a changed key, a forged signature', async () => {
    const small = await jpegWithMetadata(32, 32);
    const upload = await issue('image/jpeg', small.length);
    const statuses = [];
    statuses.push((await fetch(upload.url, { method: 'POST', body: form(upload.fields, small, 'image/png', { 'Content-Type': 'image/png' }) })).status);
    statuses.push((await fetch(upload.url, { method: 'POST', body: form(upload.fields, Buffer.alloc(upload.maxBytes + 1), 'image/jpeg') })).status);
    statuses.push((await fetch(upload.url, { method: 'POST', body: form(upload.fields, small, 'image/jpeg', { key: `incoming/${PORTRAIT_ID}/aaaaaaaaaaaaaaaa` }) })).status);
    statuses.push((await fetch(upload.url, { method: 'POST', body: form(upload.fields, small, 'image/jpeg', { signature: 'forged' }) })).status);
    expect(statuses).toEqual([403, 400, 403, 403]);
    expect(world.files()).toEqual([]);
  });

  it('never serves a file that only pretends to be an image', async () => {
    const before = (await publicQuery(PORTRAIT, { id: `Portrait:${PORTRAIT_ID}` })).data.node.photo;
    const upload = await issue('image/png', SVG.length);
    const posted = await fetch(upload.url, { method: 'POST', body: form(upload.fields, SVG, 'image/png') });
    // S3 accepts the bytes; processing drops them.
    expect(posted.status).toBe(204);
    expect(world.files()).toEqual([]);
    expect((await publicQuery(PORTRAIT, { id: `Portrait:${PORTRAIT_ID}` })).data.node.photo).toEqual(before);
  });

  it('answers 404 for anything outside processed photos', async () => {
    for (const path of ['/photos/', '/photos/upload/x', `/photos/${PORTRAIT_ID}/../../incoming/x`, '/photos/%2e%2e/%2e%2e/package.json']) {
      expect({ path, status: (await fetch(`${base}${path}`)).status }).toEqual({ path, status: 404 });
    }
  });
});
