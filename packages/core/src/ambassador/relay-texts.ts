// Each suggested text against its network's length rule, as the network counts it (the counting functions are the
// connectors'; core receives them, as it does no I/O and knows no connector). The link is counted where it goes
// out inside the text (relayTextWithLink).
import { relayTextWithLink } from './share-links.js';
import { RELAY_NETWORKS, type RelayNetwork, type RelayTexts } from './types.js';

/**
 * The most each network accepts in one post: LinkedIn 3,000 characters (Posts API commentary), X 280 weighted,
 * Facebook 63,206, Bluesky 300 graphemes (app.bsky.feed.post), Mastodon 500 on a stock instance (an ambassador's
 * own instance may allow more; the stock limit is the one every instance accepts).
 */
export const RELAY_TEXT_LIMITS: Record<RelayNetwork, number> = {
  linkedin: 3000,
  x: 280,
  facebook: 63_206,
  bluesky: 300,
  mastodon: 500,
};

/** How `network` counts `text` (the connectors' countForNetwork). */
export type CountForNetwork = (network: string, text: string) => number;

export interface RelayTextProblem {
  network: RelayNetwork;
  count: number;
  max: number;
}

/** The suggested texts too long for their network once the link is added where it goes out with them. */
export function checkRelayTexts(texts: RelayTexts, link: string, count: CountForNetwork): RelayTextProblem[] {
  const problems: RelayTextProblem[] = [];
  for (const network of RELAY_NETWORKS) {
    const text = texts[network];
    if (text === undefined || text.trim() === '') continue;
    const counted = count(network, relayTextWithLink(network, text, link));
    const max = RELAY_TEXT_LIMITS[network];
    if (counted > max) problems.push({ network, count: counted, max });
  }
  return problems;
}
