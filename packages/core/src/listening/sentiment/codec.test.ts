import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './codec.js';
import { findRow, loadModel, type ShippedModel } from './model.js';
import { FR_TWEETS_MODEL } from './model/fr-tweets.js';

describe('base64', () => {
  it.each([
    [[], ''],
    [[0], 'AA=='],
    [[0xff, 0xfe], '//4='],
    [[1, 2, 3], 'AQID'],
    [[77, 97, 110, 121], 'TWFueQ=='],
  ])('%j ↔ %s', (bytes, text) => {
    expect(encodeBase64(Uint8Array.from(bytes))).toBe(text);
    expect(Array.from(decodeBase64(text))).toEqual(bytes);
  });

  it('round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
  });
});

describe('loadModel', () => {
  it('finds every stored hash and only those', () => {
    const hashes = Int32Array.of(17, -5, 2 ** 30, 33);
    const weights = Int8Array.of(1, 2, 3, -1, -2, -3, 127, 0, -127, 0, 0, 5);
    const model = loadModel({
      ...FR_TWEETS_MODEL,
      weightScale: 0.5,
      hashes: encodeBase64(new Uint8Array(hashes.buffer)),
      weights: encodeBase64(new Uint8Array(weights.buffer)),
    } satisfies ShippedModel);
    hashes.forEach((hash, row) => expect(findRow(model, hash)).toBe(row));
    expect(findRow(model, 18)).toBe(-1);
    expect(Array.from(model.weights.subarray(6, 9))).toEqual([63.5, 0, -63.5]);
  });

  it('decodes the shipped model', () => {
    const model = loadModel(FR_TWEETS_MODEL);
    expect(model.weights.length).toBeGreaterThan(10_000);
    // 0 = argmax (what cross-validation chose); a fitted threshold would be a probability above 1/3.
    expect(model.neutralThreshold === 0 || (model.neutralThreshold > 1 / 3 && model.neutralThreshold < 1)).toBe(true);
    expect(model.temperature).toBeGreaterThan(0);
  });
});
