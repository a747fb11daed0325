// Crafted files against the media checks: absurd declared dimensions, files cut short, and the real ones kept.
import { describe, expect, it } from 'vitest';
import { AppError, type MediaType } from '@rostra/core';
import { makeGif, makePng } from '@rostra/connectors/testing';
import { checkMedia } from './media-check.js';

function bytes(...parts: Array<number[] | Uint8Array | string>): Uint8Array {
  const out: number[] = [];
  for (const part of parts) {
    if (typeof part === 'string') out.push(...Buffer.from(part, 'latin1'));
    else out.push(...part);
  }
  return new Uint8Array(out);
}
const u16be = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u32be = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const u32le = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const u24le = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff];

/** A real PNG with its IHDR saying another size (the CRC no longer matches; header readers do not check it). */
function pngDeclaring(width: number, height: number): Uint8Array {
  const png = makePng(2, 2);
  png.set(u32be(width), 16);
  png.set(u32be(height), 20);
  return png;
}

/** SOI, JFIF APP0, SOF0 with the size, DHT-less SOS, a few bytes of scan (one stuffed FF 00), EOI. */
function jpeg(width: number, height: number, end = true): Uint8Array {
  return bytes(
    [0xff, 0xd8],
    [0xff, 0xe0, ...u16be(16)],
    'JFIF\0',
    [1, 1, 0, 0, 1, 0, 1, 0, 0],
    [0xff, 0xc0, ...u16be(17), 8, ...u16be(height), ...u16be(width), 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1],
    [0xff, 0xda, ...u16be(12), 3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0],
    [0x12, 0x34, 0xff, 0x00, 0x56, 0x78],
    end ? [0xff, 0xd9] : [],
  );
}

function gif(width: number, height: number, trailer = true): Uint8Array {
  const real = makeGif();
  const out = new Uint8Array(trailer ? real : real.subarray(0, real.length - 1));
  out.set([width & 0xff, width >> 8, height & 0xff, height >> 8], 6);
  return out;
}

/** RIFF/WEBP with a VP8X chunk (canvas size minus one, 24-bit little-endian); `missing` bytes cut off. */
function webp(width: number, height: number, missing = 0): Uint8Array {
  const vp8x = bytes('VP8X', u32le(10), [0, 0, 0, 0], u24le(width - 1), u24le(height - 1));
  const whole = bytes('RIFF', u32le(4 + vp8x.length), 'WEBP', vp8x);
  return whole.subarray(0, whole.length - missing);
}

function mp4(cut = 0): Uint8Array {
  const whole = bytes(u32be(16), 'ftypisom', u32be(0x200), u32be(24), 'moov', new Uint8Array(16));
  return whole.subarray(0, whole.length - cut);
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe('checkMedia', () => {
  const cases: Array<[string, Uint8Array, MediaType, string | { width: number | null; height: number | null }]> = [
    ['a real PNG', makePng(3, 2), 'image/png', { width: 3, height: 2 }],
    ['a PNG 16384 px wide', pngDeclaring(16_384, 16), 'image/png', { width: 16_384, height: 16 }],
    ['a PNG 16385 px wide', pngDeclaring(16_385, 16), 'image/png', 'image_too_large'],
    ['a PNG of 144 megapixels', pngDeclaring(12_000, 12_000), 'image/png', 'image_too_large'],
    ['a PNG of 2^31 px a side', pngDeclaring(0x7fffffff, 0x7fffffff), 'image/png', 'image_too_large'],
    ['a PNG of 0 px', pngDeclaring(0, 10), 'image/png', 'image_too_large'],
    ['a PNG without IEND', makePng(4, 4).subarray(0, makePng(4, 4).length - 12), 'image/png', 'media_truncated'],
    ['a PNG cut in IDAT', makePng(40, 40).subarray(0, 60), 'image/png', 'media_truncated'],
    ['a PNG cut in its header', makePng(4, 4).subarray(0, 14), 'image/png', 'media_truncated'],
    ['a JPEG', jpeg(640, 480), 'image/jpeg', { width: 640, height: 480 }],
    ['a JPEG with a trailer after EOI', bytes(jpeg(64, 48), 'trailer'), 'image/jpeg', { width: 64, height: 48 }],
    ['a JPEG of 65535 × 65535', jpeg(65_535, 65_535), 'image/jpeg', 'image_too_large'],
    ['a JPEG without EOI', jpeg(640, 480, false), 'image/jpeg', 'media_truncated'],
    ['a JPEG cut before its scan', jpeg(640, 480).subarray(0, 40), 'image/jpeg', 'media_truncated'],
    ['a GIF', makeGif(), 'image/gif', { width: 1, height: 1 }],
    ['a GIF of 65535 × 65535', gif(65_535, 65_535), 'image/gif', 'image_too_large'],
    ['a GIF without trailer', gif(1, 1, false), 'image/gif', 'media_truncated'],
    ['a WebP', webp(800, 600), 'image/webp', { width: 800, height: 600 }],
    ['a WebP of 16384 × 16384 (268 MP)', webp(16_384, 16_384), 'image/webp', 'image_too_large'],
    ['a WebP cut short', webp(800, 600, 4), 'image/webp', 'media_truncated'],
    ['an MP4', mp4(), 'video/mp4', { width: null, height: null }],
    ['an MP4 cut in a box', mp4(5), 'video/mp4', 'media_truncated'],
  ];

  it.each(cases)('%s', (_name, file, type, expected) => {
    if (typeof expected === 'string') expect(codeOf(() => checkMedia(file, type))).toBe(expected);
    else expect(checkMedia(file, type)).toEqual(expected);
  });
});
