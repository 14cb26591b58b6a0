import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { EMBEDDED, hostileFiles, jpegWithMetadata, png } from './images';
import { OTHER_PORTRAIT_ID, PORTRAIT_ID, photoWorld, type PhotoWorld } from './support';

let world: PhotoWorld;
beforeAll(async () => {
  world = await photoWorld('photo-pipeline');
  await world.portraits.update(PORTRAIT_ID, { photoAlt: 'Testperson am Elbufer', photoCredit: 'Testfotografin' }, { writtenBy: 'api' });
  await world.portraits.update(OTHER_PORTRAIT_ID, { photoAlt: 'Zweite Testperson' }, { writtenBy: 'api' });
});
afterAll(() => world.stop());

async function upload(portraitId: string, bytes: Buffer): Promise<string> {
  const { fields } = await world.storage.presignUpload({ key: `incoming/${portraitId}/${'u'.repeat(8)}${Date.now().toString(36).padStart(8, 'a').slice(-8)}`, contentType: 'image/jpeg', maxBytes: 1e7, expiresInSeconds: 60 });
  await world.storage.putIncoming(fields.key!, bytes);
  return fields.key!;
}

describe('processing an upload', () => {
  it('serves only the re-encoded photo, points the portrait at it and keeps alt text and credit', async () => {
    const key = await upload(PORTRAIT_ID, await jpegWithMetadata());
    const outcome = await world.service.processIncoming(key);
    expect(outcome).toMatchObject({ status: 'PROCESSED', portraitId: PORTRAIT_ID, width: 640, height: 480 });
    const portrait = await world.portrait();
    expect(portrait).toMatchObject({ photoAlt: 'Testperson am Elbufer', photoCredit: 'Testfotografin' });
    expect(portrait!.photoUrl).toMatch(new RegExp(`^http://localhost:4999/photos/${PORTRAIT_ID.replace('.', '\\.')}/[a-z2-7]{16}\\.webp$`));
    // Nothing left in incoming; exactly one processed file, the one the portrait names.
    const relativeUrl = portrait!.photoUrl!.slice('http://localhost:4999/photos/'.length);
    expect(world.files()).toEqual([join('processed', ...relativeUrl.split('/'))]);
    const served = readFileSync(join(world.directory, 'processed', ...relativeUrl.split('/')));
    const meta = await sharp(served).metadata();
    expect([meta.format, meta.exif, meta.xmp, meta.icc]).toEqual(['webp', undefined, undefined, undefined]);
    for (const value of Object.values(EMBEDDED)) expect(served.includes(value)).toBe(false);
  });

  it('replaces an older photo: the older file is deleted', async () => {
    const first = (await world.portrait())!.photoUrl;
    await world.service.processIncoming(await upload(PORTRAIT_ID, await png(300, 300)));
    const second = (await world.portrait())!.photoUrl;
    expect(second).not.toBe(first);
    expect(world.files().filter((f) => f.includes(PORTRAIT_ID))).toEqual([join('processed', ...second!.slice('http://localhost:4999/photos/'.length).split('/'))]);
  });

  it('refuses every hostile file: nothing served, the portrait keeps its photo, the upload is gone', async () => {
    const before = await world.portrait();
    const filesBefore = world.files();
    for (const [name, bytes] of Object.entries(await hostileFiles())) {
      const outcome = await world.service.processIncoming(await upload(PORTRAIT_ID, bytes));
      expect({ name, status: outcome.status }).toEqual({ name, status: 'REJECTED' });
      expect(world.files()).toEqual(filesBefore);
    }
    expect(await world.portrait()).toEqual(before);
  });

  it('leaves nothing behind when the portrait was erased while the upload was processed', async () => {
    const key = await upload(OTHER_PORTRAIT_ID, await png());
    await world.writer.write([{ kind: 'delete', type: 'Portrait', id: OTHER_PORTRAIT_ID }], { writtenBy: 'api' });
    expect(await world.service.processIncoming(key)).toMatchObject({ status: 'REJECTED', reason: 'PORTRAIT_GONE' });
    expect(world.files().filter((f) => f.includes(OTHER_PORTRAIT_ID))).toEqual([]);
    // The tombstone stays a tombstone: the photo write did not bring the portrait back.
    expect(await world.portraits.current(OTHER_PORTRAIT_ID)).toBeNull();
  });

  it('ignores keys it did not issue', async () => {
    expect(await world.service.processIncoming('incoming/../../etc/passwd')).toMatchObject({ status: 'REJECTED', reason: 'UNKNOWN_KEY' });
  });

  it('erases every stored photo of a portrait', async () => {
    await world.storage.putIncoming(`incoming/${PORTRAIT_ID}/pendingpendingpe`, await png());
    expect(world.files().some((f) => f.includes(PORTRAIT_ID))).toBe(true);
    await world.service.erasePortraitPhotos(PORTRAIT_ID);
    expect(world.files().filter((f) => f.includes(PORTRAIT_ID))).toEqual([]);
  });
});
