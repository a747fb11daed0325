// Media files attached to posts: what Rostra accepts, recognised from their bytes (never from the name or
// the declared type alone), with the dimensions read from the header when the format makes that cheap.
import type { Timestamp } from '../accounts/types.js';

/** What Rostra takes: the images and the video every supported network accepts. */
export const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export function isMediaType(value: string): value is MediaType {
  return (MEDIA_TYPES as readonly string[]).includes(value);
}

export interface Media {
  id: string;
  workspaceId: string;
  mimeType: MediaType;
  /** Bytes. */
  size: number;
  width: number | null;
  height: number | null;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  /** The alternative text proposed when the file is added to a post. */
  alt: string;
  createdBy: string | null;
  createdAt: Timestamp;
}

/** A file as one post uses it: its place and this post's alternative text. */
export interface PostMedia {
  media: Media;
  position: number;
  alt: string;
}

export interface MediaSniff {
  mimeType: MediaType;
  width: number | null;
  height: number | null;
}

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  return signature.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function u16be(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
}
function u16le(b: Uint8Array, o: number): number {
  return (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
}
function u24le(b: Uint8Array, o: number): number {
  return u16le(b, o) | ((b[o + 2] ?? 0) << 16);
}
function u32be(b: Uint8Array, o: number): number {
  return (b[o] ?? 0) * 0x1000000 + u16be(b, o + 1) * 0x100 + (b[o + 3] ?? 0);
}

/**
 * The file's real type from its magic bytes, or undefined when it is none Rostra accepts.
 * Signatures: PNG https://www.w3.org/TR/png/#5PNG-file-signature, JPEG (SOI FF D8 FF), GIF87a/89a,
 * WebP https://developers.google.com/speed/webp/docs/riff_container, MP4 ISO/IEC 14496-12 `ftyp` box.
 */
export function sniffMedia(bytes: Uint8Array): MediaSniff | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    // IHDR is always the first chunk: width and height at bytes 16–23.
    const ihdr = ascii(bytes, 12, 4) === 'IHDR';
    return {
      mimeType: 'image/png',
      width: ihdr ? u32be(bytes, 16) : null,
      height: ihdr ? u32be(bytes, 20) : null,
    };
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mimeType: 'image/jpeg', ...jpegSize(bytes) };
  const gif = ascii(bytes, 0, 6);
  if (gif === 'GIF87a' || gif === 'GIF89a') {
    return { mimeType: 'image/gif', width: u16le(bytes, 6), height: u16le(bytes, 8) };
  }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP')
    return { mimeType: 'image/webp', ...webpSize(bytes) };
  // The first box of an MP4 is `ftyp`; its size comes first, so the type sits at bytes 4–7.
  if (ascii(bytes, 4, 4) === 'ftyp') return { mimeType: 'video/mp4', width: null, height: null };
  return undefined;
}

/** Walks the JPEG markers to the first start-of-frame (SOF0–SOF15 but DHT, JPG, DAC), which holds the size. */
function jpegSize(bytes: Uint8Array): { width: number | null; height: number | null } {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return { width: null, height: null };
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = u16be(bytes, offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(bytes, offset + 5), width: u16be(bytes, offset + 7) };
    }
    offset += 2 + length;
  }
  return { width: null, height: null };
}

function webpSize(bytes: Uint8Array): { width: number | null; height: number | null } {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8X') return { width: u24le(bytes, 24) + 1, height: u24le(bytes, 27) + 1 };
  if (chunk === 'VP8L') {
    const bits = (bytes[21] ?? 0) | ((bytes[22] ?? 0) << 8) | ((bytes[23] ?? 0) << 16) | ((bytes[24] ?? 0) << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ') return { width: u16le(bytes, 26) & 0x3fff, height: u16le(bytes, 28) & 0x3fff };
  return { width: null, height: null };
}
