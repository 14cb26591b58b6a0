/**
 * Decodes an upload and re-encodes it, so what is served is pixels this code
 * wrote and nothing the uploader wrote: no EXIF (GPS positions, camera
 * serials), XMP, IPTC, comments or ICC profile survives, and a file that only
 * pretends to be an image is refused. Uses sharp (libvips).
 */
import sharp, { type Metadata } from 'sharp';
import { ImageRejectedError, type ImageProcessor, type ProcessLimits, type ProcessedImage } from './rejection';

export { ImageRejectedError, type ImageProcessor, type ProcessLimits, type ProcessedImage, type RejectionReason } from './rejection';

export type SniffedFormat = 'jpeg' | 'png' | 'webp';

const MIME: Readonly<Record<SniffedFormat, string>> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/** The format by the file's own signature; the extension and the declared type count for nothing. */
export function sniffFormat(bytes: Buffer): SniffedFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return null;
}

const PNG_IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/**
 * True when the file ends exactly where its format says it ends. Decoders
 * ignore trailing bytes, and that is what a polyglot (an image that is also
 * HTML, a script or an archive) hides in.
 */
function endsAtImageEnd(format: SniffedFormat, bytes: Buffer): boolean {
  switch (format) {
    case 'jpeg':
      return bytes.length >= 4 && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9;
    case 'png':
      return bytes.length >= PNG_IEND.length && bytes.subarray(bytes.length - PNG_IEND.length).equals(PNG_IEND);
    case 'webp':
      // RIFF's size field counts everything after the first 8 bytes; chunks are padded to even sizes.
      return bytes.length >= 12 && bytes.readUInt32LE(4) + 8 === bytes.length;
  }
}

/**
 * Markup that has no business inside a photo. Metadata is dropped anyway; a
 * file carrying these was made to be read as a document by something, so it
 * is refused rather than cleaned.
 */
const MARKUP = /<(?:script|html|svg|body|iframe|object|embed|!doctype)[\s>/]|javascript:/i;

/**
 * Checks and re-encodes one upload to WebP (sRGB, at most `maxEdgePixels` on
 * the longer edge, EXIF orientation applied before metadata is dropped).
 * Throws ImageRejectedError with the reason for anything it refuses.
 */
export const processImage: ImageProcessor = async (bytes, declaredType, limits): Promise<ProcessedImage> => {
  if (bytes.length > limits.maxBytes) throw new ImageRejectedError('TOO_LARGE');
  const format = sniffFormat(bytes);
  if (!format) throw new ImageRejectedError('NOT_AN_ALLOWED_IMAGE');
  if (declaredType !== null && declaredType !== MIME[format]) throw new ImageRejectedError('TYPE_MISMATCH');
  if (!endsAtImageEnd(format, bytes) || MARKUP.test(bytes.toString('latin1'))) throw new ImageRejectedError('POLYGLOT');

  // failOn 'warning': a truncated or damaged file is refused, not decoded as far as it goes.
  const input = { limitInputPixels: limits.maxInputPixels, failOn: 'warning' as const, sequentialRead: true };
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, input).metadata();
  } catch (error) {
    throw rejection(error);
  }
  if (metadata.format !== format) throw new ImageRejectedError('TYPE_MISMATCH');
  if ((metadata.pages ?? 1) > 1) throw new ImageRejectedError('ANIMATED');
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > limits.maxInputPixels) throw new ImageRejectedError('TOO_MANY_PIXELS');

  try {
    // No withMetadata/keepExif/keepIccProfile: sharp writes none of the input's metadata.
    const { data, info } = await sharp(bytes, input)
      .rotate()
      .resize({ width: limits.maxEdgePixels, height: limits.maxEdgePixels, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .webp({ quality: 82, effort: 4 })
      .toBuffer({ resolveWithObject: true });
    return { body: data, width: info.width, height: info.height };
  } catch (error) {
    throw rejection(error);
  }
};

function rejection(error: unknown): ImageRejectedError {
  const message = error instanceof Error ? error.message : String(error);
  return new ImageRejectedError(/pixel limit/i.test(message) ? 'TOO_MANY_PIXELS' : 'UNDECODABLE');
}
