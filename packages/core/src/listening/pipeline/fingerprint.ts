// Near-duplicate detection for syndicated copies (the same agency dispatch on ten news sites, a press release
// pasted with a different headline): a 64-bit SimHash of the folded text's word shingles (Charikar, "Similarity
// estimation techniques from rounding algorithms", STOC 2002), compared by Hamming distance, and found through
// four 16-bit bands (Manku, Jain, Das Sarma, "Detecting near-duplicates for web crawling", WWW 2007).
import { listFoldedWords } from '../query/normalise.js';

/**
 * Two texts are near-duplicates when their fingerprints differ in at most this many bits: Manku et al. found
 * k = 3 on 64-bit SimHashes the best precision/recall trade-off for 8 billion web pages. By the pigeonhole
 * principle, two fingerprints within 3 bits share at least one of 4 bands exactly, so a band lookup finds them.
 * Each added or changed shingle moves a few bits, so the threshold is tolerant on articles (a credit line or a
 * lead-in added to a 100-word dispatch) and strict on short posts, where a changed word can change the meaning:
 * a short copy is grouped only when (nearly) identical, never grouped by mistake.
 */
export const NEAR_DUPLICATE_MAX_DISTANCE = 3;
export const FINGERPRINT_BANDS = 4;
/** Words per shingle: three keeps word order without making one changed word change every feature. */
const SHINGLE = 3;
/**
 * Shorter texts get no fingerprint: with a few shingles, two different short posts ("Merci à tous !") can land
 * within 3 bits, and short exact reposts are grouped by the network's own repost link instead.
 */
export const MIN_FINGERPRINT_WORDS = 8;

export interface Fingerprint {
  /** 16 hexadecimal digits. */
  simhash: string;
  /** The four 16-bit bands, high to low, for the lookup index. */
  bands: [number, number, number, number];
}

/** FNV-1a over UTF-16 code units with a seed, then a murmur finaliser so nearby inputs spread over all bits. */
function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const counters = new Int32Array(64);

/** Mixes three word hashes into one shingle hash (order matters: "a b c" ≠ "c b a"). */
function combine(a: number, b: number, c: number, seed: number): number {
  let h = Math.imul(a ^ seed, 0x9e3779b1);
  h = Math.imul((h ^ (h >>> 15)) + b, 0x85ebca6b);
  h = Math.imul((h ^ (h >>> 13)) + c, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function addBits(value: number, offset: number): void {
  for (let bit = 0; bit < 32; bit++) {
    counters[offset + bit] = (counters[offset + bit] as number) + ((value >>> (31 - bit)) & 1 ? 1 : -1);
  }
}

/** The fingerprint of a text (title and body together), or null when it is too short to compare safely. */
export function computeFingerprint(text: string): Fingerprint | null {
  const words = listFoldedWords(text);
  if (words.length < MIN_FINGERPRINT_WORDS) return null;
  counters.fill(0);
  // Each word is hashed once; a shingle's hash combines its words' hashes, so no shingle string is built.
  const hashes = words.map((word) => hash32(word, 0x7f4a7c15));
  for (let i = 0; i + SHINGLE <= hashes.length; i++) {
    const a = hashes[i] as number;
    const b = hashes[i + 1] as number;
    const c = hashes[i + 2] as number;
    addBits(combine(a, b, c, 0x9e3779b9), 0);
    addBits(combine(a, b, c, 0x27d4eb2f), 32);
  }
  let high = 0;
  let low = 0;
  for (let bit = 0; bit < 32; bit++) {
    if ((counters[bit] as number) > 0) high |= 1 << (31 - bit);
    if ((counters[bit + 32] as number) > 0) low |= 1 << (31 - bit);
  }
  high >>>= 0;
  low >>>= 0;
  return {
    simhash: high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0'),
    bands: [high >>> 16, high & 0xffff, low >>> 16, low & 0xffff],
  };
}

function countBits(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Bits that differ between two fingerprints. */
export function measureHammingDistance(a: string, b: string): number {
  const highA = Number.parseInt(a.slice(0, 8), 16);
  const highB = Number.parseInt(b.slice(0, 8), 16);
  const lowA = Number.parseInt(a.slice(8), 16);
  const lowB = Number.parseInt(b.slice(8), 16);
  return countBits((highA ^ highB) >>> 0) + countBits((lowA ^ lowB) >>> 0);
}

export function isNearDuplicate(a: string, b: string): boolean {
  return measureHammingDistance(a, b) <= NEAR_DUPLICATE_MAX_DISTANCE;
}
