/**
 * What image processing promises, without the decoder: the GraphQL function
 * imports this and never sharp (the image function alone ships it).
 */
export type RejectionReason =
  /** Not a JPEG, PNG or WebP by its bytes (SVG, HTML, text, another format). */
  | 'NOT_AN_ALLOWED_IMAGE'
  /** The bytes are of another type than the one declared at upload. */
  | 'TYPE_MISMATCH'
  /** Bytes after the image's end marker, or markup inside it: a polyglot. */
  | 'POLYGLOT'
  /** More pixels than the decoder may allocate (decompression bomb) . */
  | 'TOO_MANY_PIXELS'
  /** The decoder failed or warned: truncated or corrupt. */
  | 'UNDECODABLE'
  | 'TOO_LARGE'
  /** Animated or multi-page images are not portraits. */
  | 'ANIMATED';

export class ImageRejectedError extends Error {
  override readonly name = 'ImageRejectedError';
  constructor(readonly reason: RejectionReason) {
    super(`image refused: ${reason}`);
  }
}

export interface ProcessLimits {
  maxBytes: number;
  maxInputPixels: number;
  maxEdgePixels: number;
}

export interface ProcessedImage {
  body: Buffer;
  width: number;
  height: number;
}

/** Decodes, checks and re-encodes one upload; throws ImageRejectedError for anything it refuses. */
export type ImageProcessor = (bytes: Buffer, declaredType: string | null, limits: ProcessLimits) => Promise<ProcessedImage>;
