// The record key of a Rostra post on Bluesky, derived from the idempotency key alone: the same key always
// names the same record, so a PDS can never hold two copies of one post, and findPublished needs nothing else.
import { createHash } from 'node:crypto';

// `app.bsky.feed.post` declares `"key": "tid"`, and the reference PDS checks it: a createRecord with any
// other record key is refused (400 InvalidRequest "Invalid TID string"), so a free-form key such as the
// idempotency key itself is not an option. https://atproto.com/specs/record-key#record-key-type-tid
//
// A TID is 64 bits — top bit 0, 53 bits of microseconds since the epoch, 10 bits of "clock id" — written in
// base32-sortable, 13 characters. https://atproto.com/specs/tid
//
// Our TIDs carry no real time. The key must be computable from the idempotency key alone (findPublished gets
// nothing else), and a creation time would leave ~20 bits to tell apart posts made in the same millisecond
// (bulk imports do that). So all 60 bits come from SHA-256 of the key: 10 as the clock id, 50 as an offset
// into a window starting 2023-01-01 (about 35 years), so tools that read a TID as a date still see a
// contemporary one. Two keys of one account collide with odds about n²/2⁶¹ (1e-9 at 100,000 posts).
// The cost: Rostra's posts are not in creation order in the repository, which the spec calls a storage
// nicety (MST efficiency), not a rule; the app orders posts by `createdAt`.
const BASE32_SORTABLE = '234567abcdefghijklmnopqrstuvwxyz';
const WINDOW_START_US = BigInt(Date.UTC(2023, 0, 1)) * 1000n;
const OFFSET_BITS = 50n;
const CLOCK_ID_BITS = 10n;

/** Bumped only if the derivation ever changes, which would make old posts unfindable: keep it stable. */
const DERIVATION_LABEL = 'rostra/bluesky/app.bsky.feed.post/v1';

export function deriveRecordKey(idempotencyKey: string): string {
  const digest = createHash('sha256').update(`${DERIVATION_LABEL}\n${idempotencyKey}`).digest();
  const bits = digest.readBigUInt64BE(0);
  const clockId = bits & ((1n << CLOCK_ID_BITS) - 1n);
  const offset = (bits >> CLOCK_ID_BITS) & ((1n << OFFSET_BITS) - 1n);
  return encodeTid(WINDOW_START_US + offset, clockId);
}

export function encodeTid(timestampUs: bigint, clockId: bigint): string {
  let value = (timestampUs << CLOCK_ID_BITS) | clockId;
  let tid = '';
  for (let i = 0; i < 13; i++) {
    tid = BASE32_SORTABLE[Number(value & 31n)] + tid;
    value >>= 5n;
  }
  return tid;
}

/** The microseconds a TID claims, for tests and diagnostics. */
export function readTidTimestamp(tid: string): bigint {
  let value = 0n;
  for (const char of tid) value = (value << 5n) | BigInt(BASE32_SORTABLE.indexOf(char));
  return value >> CLOCK_ID_BITS;
}
