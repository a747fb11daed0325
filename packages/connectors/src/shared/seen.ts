// What a polling source remembers between polls to hand each item on once: short fingerprints of the ids it
// already gave, newest first, in a bounded list that goes into the cursor (a cursor is stored after every batch,
// so it must stay small: 12 characters per id).
import { createHash } from 'node:crypto';

/** 72 bits of SHA-256, base64url: collisions stay negligible for the few thousand ids a cursor holds. */
export function fingerprint(id: string): string {
  return createHash('sha256').update(id).digest('base64url').slice(0, 12);
}

/** Newest first; `fresh` fingerprints go in front, the oldest fall off past `max`. */
export function rememberSeen(previous: readonly string[], fresh: readonly string[], max: number): string[] {
  const merged: string[] = [];
  const inList = new Set<string>();
  for (const print of [...fresh, ...previous]) {
    if (inList.has(print)) continue;
    inList.add(print);
    merged.push(print);
    if (merged.length >= max) break;
  }
  return merged;
}
