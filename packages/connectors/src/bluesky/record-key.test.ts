import { describe, expect, it } from 'vitest';
import { deriveRecordKey, encodeTid, readTidTimestamp } from './record-key.js';

// https://atproto.com/specs/tid: 13 base32-sortable characters, the first one of 16 (top bit zero).
const TID_SYNTAX = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;

describe('encodeTid', () => {
  it.each([
    [0n, 0n, '2222222222222'], // the spec's zero
    [1724171495793000n, 512n, '3l25zusnsfck2'], // a TID made by Bluesky's own tooling
  ])('encodes %s µs, clock %s as %s', (timestamp, clockId, tid) => {
    expect(encodeTid(timestamp, clockId)).toBe(tid);
    expect(readTidTimestamp(tid)).toBe(timestamp);
  });
});

describe('deriveRecordKey', () => {
  it('is a valid TID, the same for the same key', () => {
    const key = deriveRecordKey('0193a0c2-7b1e-7c3d-9f00-000000000001');
    expect(key).toMatch(TID_SYNTAX);
    expect(deriveRecordKey('0193a0c2-7b1e-7c3d-9f00-000000000001')).toBe(key);
  });

  it('never changes for a given key (posts already published are found with it)', () => {
    expect(deriveRecordKey('post-1')).toBe('47pj43clvlqo7');
  });

  it('gives 20,000 keys 20,000 record keys, all dated between 2023 and 2059', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => deriveRecordKey(`post-${i}`));
    expect(new Set(keys).size).toBe(keys.length);
    const misfits = keys.filter((key) => {
      const ms = Number(readTidTimestamp(key) / 1000n);
      return !TID_SYNTAX.test(key) || ms < Date.UTC(2023, 0, 1) || ms >= Date.UTC(2059, 0, 1);
    });
    expect(misfits).toEqual([]);
  });
});
