// An app.bsky.feed.post record as a Mention, whichever way it arrived (a search hit, a Jetstream commit):
// facets give the hashtags and the full URLs behind shortened link text, `reply.parent` the post answered.
// Record: https://docs.bsky.app/docs/advanced-guides/posts — facets: https://docs.bsky.app/docs/advanced-guides/post-richtext
import type { Mention } from '../connector.js';
import { POST_COLLECTION } from './api.js';
import { NETWORK } from './rules.js';

export interface PostParts {
  did: string;
  rkey: string;
  /** The record as stored, not yet checked. */
  record: unknown;
  handle?: string | null;
  displayName?: string | null;
  metrics?: Mention['metrics'];
  /** When the record's own createdAt is unreadable (ms). */
  fallbackTime?: number | null;
}

interface PostRecord {
  text: string;
  createdAt?: unknown;
  langs?: unknown;
  tags?: unknown;
  facets?: unknown;
  reply?: { parent?: { uri?: unknown } };
  embed?: { $type?: unknown; record?: { uri?: unknown; record?: { uri?: unknown } } };
}

/** The at:// URI of a post, its stable id on the network. */
export function toPostUri(did: string, rkey: string): string {
  return `at://${did}/${POST_COLLECTION}/${rkey}`;
}

/** Undefined when the record is not a readable post (no text). */
export function toPostMention(parts: PostParts): Mention | undefined {
  const record = parts.record as PostRecord | null;
  if (typeof record !== 'object' || record === null || typeof record.text !== 'string') return undefined;
  const { text, hashtags } = readFacets(record);
  const created = typeof record.createdAt === 'string' ? Date.parse(record.createdAt) : NaN;
  const langs = Array.isArray(record.langs) ? record.langs.filter((l): l is string => typeof l === 'string') : [];
  const parent = record.reply?.parent?.uri;
  const quoted = quotedUri(record);
  return {
    externalId: toPostUri(parts.did, parts.rkey),
    network: NETWORK,
    // The DID never changes; bsky.app accepts it in place of the handle.
    url: `https://bsky.app/profile/${parts.did}/post/${parts.rkey}`,
    title: null,
    text,
    author: {
      id: parts.did,
      handle: parts.handle ?? null,
      name: parts.displayName?.trim() || null,
      url: `https://bsky.app/profile/${parts.did}`,
    },
    publishedAt: Number.isFinite(created) ? created : (parts.fallbackTime ?? null),
    language: langs[0] ?? null,
    site: 'bsky.app',
    // A quote with no words of its own only relays the quoted post: grouped with it, as a repost is.
    repostOf: quoted && text.trim() === '' ? quoted : null,
    replyTo: typeof parent === 'string' ? parent : null,
    hashtags,
    metrics: parts.metrics ?? {},
  };
}

/** app.bsky.embed.record, or app.bsky.embed.recordWithMedia (the record one level deeper). */
function quotedUri(record: PostRecord): string | null {
  const embed = record.embed;
  if (embed?.$type === 'app.bsky.embed.record' && typeof embed.record?.uri === 'string') return embed.record.uri;
  if (embed?.$type === 'app.bsky.embed.recordWithMedia' && typeof embed.record?.record?.uri === 'string') {
    return embed.record.record.uri;
  }
  return null;
}

interface Facet {
  index?: { byteStart?: unknown; byteEnd?: unknown };
  features?: { $type?: unknown; tag?: unknown; uri?: unknown }[];
}

/**
 * Hashtags from `#tag` facets and the record's extra `tags`; link text that apps shorten ("lyon.fr/agenda/é…")
 * replaced by the full URL it stands for, so that `site:` and link queries see it. Facet ranges are UTF-8 byte
 * offsets; an out-of-range or overlapping facet is ignored, as apps do.
 */
function readFacets(record: PostRecord): { text: string; hashtags: string[] } {
  const bytes = Buffer.from(record.text, 'utf8');
  const hashtags: string[] = [];
  const links: { start: number; end: number; uri: string }[] = [];
  for (const facet of Array.isArray(record.facets) ? (record.facets as Facet[]) : []) {
    const start = facet.index?.byteStart;
    const end = facet.index?.byteEnd;
    const valid = Number.isInteger(start) && Number.isInteger(end) && (start as number) >= 0;
    for (const feature of Array.isArray(facet.features) ? facet.features : []) {
      if (feature.$type === 'app.bsky.richtext.facet#tag' && typeof feature.tag === 'string') {
        hashtags.push(feature.tag.replace(/^#/, ''));
      }
      if (
        valid &&
        feature.$type === 'app.bsky.richtext.facet#link' &&
        typeof feature.uri === 'string' &&
        (end as number) <= bytes.length &&
        (start as number) < (end as number)
      ) {
        links.push({ start: start as number, end: end as number, uri: feature.uri });
      }
    }
  }
  for (const tag of Array.isArray(record.tags) ? record.tags : []) {
    if (typeof tag === 'string') hashtags.push(tag.replace(/^#/, ''));
  }
  links.sort((a, b) => a.start - b.start);
  const pieces: Buffer[] = [];
  let position = 0;
  for (const link of links) {
    if (link.start < position) continue;
    const shown = bytes.subarray(link.start, link.end).toString('utf8');
    pieces.push(bytes.subarray(position, link.start));
    pieces.push(Buffer.from(isShortened(shown, link.uri) ? link.uri : shown, 'utf8'));
    position = link.end;
  }
  pieces.push(bytes.subarray(position));
  return { text: Buffer.concat(pieces).toString('utf8'), hashtags: [...new Set(hashtags)] };
}

/** Link text is the URL without its scheme, cut with an ellipsis; other link text (words) is kept. */
function isShortened(shown: string, uri: string): boolean {
  const bare = shown.replace(/(?:\.\.\.|…)$/, '');
  const target = uri.replace(/^https?:\/\//, '');
  return bare !== '' && (target.startsWith(bare) || uri.startsWith(bare)) && shown !== uri;
}
