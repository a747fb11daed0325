// Links found in mentions come from strangers: only http(s) addresses become links, never javascript:,
// data: or anything a browser would run.

export function toSafeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** rel and target for every link to somewhere outside Rostra: no opener, no referrer, no endorsement. */
export const EXTERNAL_LINK = { target: '_blank', rel: 'noopener noreferrer nofollow' } as const;
