import { describe, expect, it } from 'vitest';
import { sniffMedia } from './media.js';

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

describe('sniffMedia', () => {
  it.each([
    [
      'PNG with its IHDR size',
      bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...ascii('IHDR'), 0, 0, 1, 44, 0, 0, 0, 200),
      { mimeType: 'image/png', width: 300, height: 200 },
    ],
    ['GIF89a', bytes(...ascii('GIF89a'), 10, 0, 20, 0), { mimeType: 'image/gif', width: 10, height: 20 }],
    [
      'JPEG, size from the first SOF0 after an APP0',
      bytes(0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 50, 0, 120, 3, 0, 0),
      { mimeType: 'image/jpeg', width: 120, height: 50 },
    ],
    [
      'WebP lossless (VP8L)',
      bytes(...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBP'), ...ascii('VP8L'), 0, 0, 0, 0, 0x2f, 99, 0x40, 0, 0, 0),
      { mimeType: 'image/webp', width: 100, height: 2 },
    ],
    ['MP4 (ftyp box)', bytes(0, 0, 0, 24, ...ascii('ftypisom')), { mimeType: 'video/mp4', width: null, height: null }],
  ])('%s', (_name, input, expected) => {
    expect(sniffMedia(input)).toEqual(expected);
  });

  it.each([
    ['a PDF', bytes(...ascii('%PDF-1.7'))],
    ['an SVG', bytes(...ascii('<svg xmlns="http://www.w3.org/2000/svg">'))],
    ['nothing', bytes()],
  ])('refuses %s', (_name, input) => {
    expect(sniffMedia(input)).toBeUndefined();
  });
});
