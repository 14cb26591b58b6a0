import sharp from 'sharp';
import { ImageRejectedError, processImage } from '../../functions/photos/process';
import { EMBEDDED, hostileFiles, ifd0Tags, jpegWithMetadata, png, webp } from './images';

const LIMITS = { maxBytes: 5 * 1024 * 1024, maxInputPixels: 40_000_000, maxEdgePixels: 1600 };

describe('processImage', () => {
  it('re-encodes a JPEG to WebP without EXIF (GPS, camera serial), XMP or ICC profile', async () => {
    // Prepare: the input really carries what must be removed.
    const input = await jpegWithMetadata();
    const before = await sharp(input).metadata();
    expect(before.exif).toBeDefined();
    expect(ifd0Tags(before.exif!)).toEqual(expect.arrayContaining([0x8825, 0x8769]));
    expect(before.xmp).toBeDefined();
    expect(before.icc).toBeDefined();
    for (const value of Object.values(EMBEDDED)) expect(input.includes(value)).toBe(true);

    // Act
    const { body } = await processImage(input, null, LIMITS);

    // Assess
    const after = await sharp(body).metadata();
    expect(after.format).toBe('webp');
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    for (const marker of [...Object.values(EMBEDDED), 'Exif', 'xmpmeta', 'ICCP', 'XMP ']) expect(body.includes(marker)).toBe(false);
  });

  it('accepts PNG and WebP and bounds the longer edge', async () => {
    for (const input of [await png(3000, 1000), await webp(800, 2400)]) {
      const { body, width, height } = await processImage(input, null, LIMITS);
      expect(Math.max(width, height)).toBe(1600);
      const meta = await sharp(body).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', width, height]);
    }
  });

  it('never enlarges a small photo', async () => {
    const { width, height } = await processImage(await png(100, 50), null, LIMITS);
    expect([width, height]).toEqual([100, 50]);
  });

  it.each(['svg', 'png with trailing html', 'jpeg with appended script', 'text renamed .jpg', 'truncated jpeg', 'truncated jpeg with end marker', 'pixel bomb'])('refuses %s', async (name) => {
    const file = (await hostileFiles())[name]!;
    await expect(processImage(file, null, LIMITS)).rejects.toBeInstanceOf(ImageRejectedError);
  });

  it('names why it refused', async () => {
    const files = await hostileFiles();
    const reason = async (file: Buffer, limits = LIMITS) => processImage(file, null, limits).then(() => 'ACCEPTED', (e: ImageRejectedError) => e.reason);
    expect(await reason(files.svg!)).toBe('NOT_AN_ALLOWED_IMAGE');
    expect(await reason(files['text renamed .jpg']!)).toBe('NOT_AN_ALLOWED_IMAGE');
    expect(await reason(files['png with trailing html']!)).toBe('POLYGLOT');
    expect(await reason(files['jpeg with appended script']!)).toBe('POLYGLOT');
    expect(await reason(files['truncated jpeg with end marker']!)).toBe('UNDECODABLE');
    expect(await reason(files['pixel bomb']!)).toBe('TOO_MANY_PIXELS');
    // A real 4-megapixel image under a 1-megapixel limit: the same guard, without the bomb.
    expect(await reason(await png(2000, 2000), { ...LIMITS, maxInputPixels: 1_000_000 })).toBe('TOO_MANY_PIXELS');
    expect(await reason(await png(), { ...LIMITS, maxBytes: 10 })).toBe('TOO_LARGE');
  });

  it('refuses a file whose bytes are not the declared type', async () => {
    await expect(processImage(await png(), 'image/jpeg', LIMITS)).rejects.toMatchObject({ reason: 'TYPE_MISMATCH' });
  });
});
