// What an uploaded file must be beyond its type: an image whose header a decoder can read, whose declared size
// is not a decompression bomb, and a file that was not cut short. The header is read by `image-size`; the end of
// each format (PNG IEND, JPEG EOI after the scan, GIF trailer, RIFF and MP4 box sizes) is checked here, since a
// header reader stops long before it.
import { imageSize } from 'image-size';
import { AppError, type MediaType } from '@rostra/core';

/**
 * Far above what any network takes (X: 8192 × 8192; LinkedIn: 36 MP; Mastodon's default matrix limit:
 * 33 MP), so no real photo is refused here; what is refused would make whoever decodes it (a network, a
 * browser showing the preview) allocate gigabytes.
 */
export const MAX_IMAGE_SIDE = 16_384;
export const MAX_IMAGE_PIXELS = 100_000_000;

export interface CheckedMedia {
  width: number | null;
  height: number | null;
}

function truncated(mimeType: MediaType, what: string): AppError {
  return new AppError('media_truncated', `body: this ${mimeType} file is incomplete (${what}); send it again`, {
    path: 'body',
    mimeType,
  });
}

/** Throws `image_too_large`, `media_truncated` or `unsupported_media_type`; returns the image's dimensions. */
export function checkMedia(bytes: Uint8Array, mimeType: MediaType): CheckedMedia {
  if (mimeType === 'video/mp4') {
    checkBoxes(bytes, 0, mimeType);
    return { width: null, height: null };
  }
  let size: { width: number; height: number };
  try {
    size = imageSize(bytes);
  } catch {
    // The magic bytes matched but the header does not parse: cut before the dimensions, or not an image.
    throw truncated(mimeType, 'its header cannot be read');
  }
  const { width, height } = size;
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    throw new AppError(
      'image_too_large',
      `body: the image declares ${width} × ${height} pixels; Rostra takes up to ${MAX_IMAGE_SIDE} pixels a side ` +
        `and ${MAX_IMAGE_PIXELS / 1_000_000} megapixels`,
      { path: 'body', width, height, maxSide: MAX_IMAGE_SIDE, maxPixels: MAX_IMAGE_PIXELS },
    );
  }
  if (width === 0 || height === 0) {
    throw new AppError('image_too_large', `body: the image declares ${width} × ${height} pixels`, {
      path: 'body',
      width,
      height,
    });
  }
  switch (mimeType) {
    case 'image/png':
      checkPngEnd(bytes);
      break;
    case 'image/jpeg':
      checkJpegEnd(bytes);
      break;
    case 'image/gif':
      checkGifEnd(bytes);
      break;
    case 'image/webp':
      checkRiffEnd(bytes);
      break;
  }
  return { width, height };
}

function u32be(b: Uint8Array, o: number): number {
  return (((b[o] ?? 0) << 24) | ((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)) >>> 0;
}

/** Chunks from the signature on (length, type, data, CRC: https://www.w3.org/TR/png/#5Chunk-layout) up to IEND. */
function checkPngEnd(bytes: Uint8Array): void {
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = u32be(bytes, offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (type === 'IEND') return;
    offset += 12 + length;
  }
  throw truncated('image/png', 'no IEND chunk');
}

/**
 * The EOI marker (FF D9) must follow the first start of scan: inside entropy-coded data FF is always stuffed
 * (FF 00) or a restart marker, so a file cut in its scan has none. Searching after SOS, not at the very end,
 * keeps files with a trailer after EOI (some cameras add one) and ignores the EXIF thumbnail's own EOI.
 */
function checkJpegEnd(bytes: Uint8Array): void {
  let offset = 2;
  let scan = -1;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) break;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0xda) {
      scan = offset;
      break;
    }
    offset += 2 + (((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0));
  }
  if (scan < 0) throw truncated('image/jpeg', 'no image data');
  for (let i = bytes.length - 2; i > scan; i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return;
  }
  throw truncated('image/jpeg', 'no end-of-image marker');
}

/** A GIF ends with its trailer byte 0x3B (https://www.w3.org/Graphics/GIF/spec-gif89a.txt, section 27). */
function checkGifEnd(bytes: Uint8Array): void {
  let end = bytes.length - 1;
  // Some encoders pad the file with zeros after the trailer.
  while (end > 0 && bytes[end] === 0) end--;
  if (bytes[end] !== 0x3b) throw truncated('image/gif', 'no trailer');
}

/** WebP is a RIFF file: bytes 4–7 give the length of what follows, little-endian. */
function checkRiffEnd(bytes: Uint8Array): void {
  const declared = ((bytes[4] ?? 0) | ((bytes[5] ?? 0) << 8) | ((bytes[6] ?? 0) << 16) | ((bytes[7] ?? 0) << 24)) >>> 0;
  if (bytes.length < declared + 8) {
    throw truncated('image/webp', `${bytes.length} of ${declared + 8} bytes`);
  }
}

/**
 * An MP4 is a sequence of boxes (ISO/IEC 14496-12 §4.2): 32-bit size and type, a 64-bit size when the first is
 * 1, to the end of the file when it is 0. A box running past the end means the file was cut.
 */
function checkBoxes(bytes: Uint8Array, start: number, mimeType: MediaType): void {
  let offset = start;
  while (offset < bytes.length) {
    if (offset + 8 > bytes.length) throw truncated(mimeType, 'a box header is cut');
    let size = u32be(bytes, offset);
    if (size === 0) return;
    if (size === 1) {
      if (offset + 16 > bytes.length) throw truncated(mimeType, 'a box header is cut');
      size = u32be(bytes, offset + 8) * 0x1_0000_0000 + u32be(bytes, offset + 12);
      if (size < 16) throw truncated(mimeType, 'a box has an impossible size');
    } else if (size < 8) {
      throw truncated(mimeType, 'a box has an impossible size');
    }
    if (offset + size > bytes.length) {
      throw truncated(mimeType, `a box needs ${offset + size} bytes, the file has ${bytes.length}`);
    }
    offset += size;
  }
}
