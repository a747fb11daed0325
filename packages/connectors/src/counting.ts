// How each network counts a post's length, with no Node dependency, so the composer's live counters (in the
// browser) count exactly as the connectors' rules do on the server: Mastodon links as 23 characters and
// `@user@domain` as `@user`, X's weighted length (links 23, emoji and CJK 2), code points on LinkedIn and
// Facebook and Instagram, grapheme clusters on Bluesky and elsewhere; Instagram also limits hashtags and @mentions.
import { countGraphemes } from './bluesky/facets.js';
import { countCharacters as countFacebookCharacters } from './facebook/rules.js';
import {
  countCharacters as countInstagramCharacters,
  countHashtags as countInstagramHashtags,
  countMentions as countInstagramMentions,
  MAX_HASHTAGS as INSTAGRAM_MAX_HASHTAGS,
  MAX_MENTIONS as INSTAGRAM_MAX_MENTIONS,
} from './instagram/rules.js';
import { countCharacters as countLinkedInCharacters } from './linkedin/rules.js';
import { countCharacters as countMastodonCharacters } from './mastodon/rules.js';
import { countWeighted } from './x/rules.js';

/** The length of `text` as `network` counts it against its limit. */
export function countForNetwork(network: string, text: string): number {
  switch (network) {
    case 'mastodon':
      return countMastodonCharacters(text);
    case 'x':
      return countWeighted(text).weightedLength;
    case 'linkedin':
      return countLinkedInCharacters(text);
    case 'facebook':
      return countFacebookCharacters(text);
    case 'instagram':
      return countInstagramCharacters(text);
    default:
      return countGraphemes(text);
  }
}

export interface TagCount {
  hashtags: { count: number; max: number };
  mentions: { count: number; max: number };
}

/** Hashtags and @mentions against the network's own limits, for networks that limit them (Instagram: 30 and 20). */
export function countTagsForNetwork(network: string, text: string): TagCount | undefined {
  if (network !== 'instagram') return undefined;
  return {
    hashtags: { count: countInstagramHashtags(text), max: INSTAGRAM_MAX_HASHTAGS },
    mentions: { count: countInstagramMentions(text), max: INSTAGRAM_MAX_MENTIONS },
  };
}
