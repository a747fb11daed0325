// How each network counts a post's length, with no Node dependency, so the composer's live counters (in the
// browser) count exactly as the connectors' rules do on the server: Mastodon links as 23 characters and
// `@user@domain` as `@user`, X's weighted length (links 23, emoji and CJK 2), code points on LinkedIn and
// Facebook, grapheme clusters on Bluesky and elsewhere.
import { countGraphemes } from './bluesky/facets.js';
import { countCharacters as countFacebookCharacters } from './facebook/rules.js';
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
    default:
      return countGraphemes(text);
  }
}
