// One-click share links, built from each network's documented share intent. The page opens them in a new tab;
// every value is URL-encoded here, so a text cannot add parameters or change the address.
//   LinkedIn  https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/share-on-linkedin
//             (share-offsite takes the url only: the text is copied by the person)
//   X         https://developer.x.com/en/docs/x-for-websites/tweet-button/guides/web-intent (text, url)
//   Facebook  https://developers.facebook.com/docs/sharing/reference/share-dialog (sharer.php takes u only)
//   Bluesky   https://docs.bsky.app/docs/advanced-guides/intent-links (compose?text=, the link in the text)
//   Mastodon  https://docs.joinmastodon.org/client/intents/ — /share?text= on the person's own instance
import type { RelayNetwork, RelayTexts } from './types.js';
import { RELAY_NETWORKS } from './types.js';

export interface ShareLink {
  network: RelayNetwork;
  /** The share intent to open; null for Mastodon until the ambassador says which instance is theirs. */
  url: string | null;
  /** The text to copy (the suggested one, with the link where the network takes it in the text). */
  text: string;
}

/**
 * Where the link is part of what goes out as text (X's intent takes it as its own parameter but posts it after the
 * text, counted 23); LinkedIn and Facebook show the link as a preview card beside the text the person pastes.
 */
const LINK_IN_TEXT: Record<RelayNetwork, boolean> = {
  linkedin: false,
  x: true,
  facebook: false,
  bluesky: true,
  mastodon: true,
};

/** The text as it goes out on `network`: the suggestion, then the link where the network carries it in the text. */
export function relayTextWithLink(network: RelayNetwork, text: string | undefined, link: string): string {
  const suggestion = (text ?? '').trim();
  if (!LINK_IN_TEXT[network]) return suggestion;
  return suggestion === '' ? link : `${suggestion} ${link}`;
}

const encode = encodeURIComponent;

function shareUrl(network: RelayNetwork, text: string, link: string, mastodonInstance: string | null): string | null {
  switch (network) {
    case 'linkedin':
      return `https://www.linkedin.com/sharing/share-offsite/?url=${encode(link)}`;
    case 'x':
      return `https://x.com/intent/tweet?text=${encode(text)}&url=${encode(link)}`;
    case 'facebook':
      return `https://www.facebook.com/sharer/sharer.php?u=${encode(link)}`;
    case 'bluesky':
      return `https://bsky.app/intent/compose?text=${encode(relayTextWithLink('bluesky', text, link))}`;
    case 'mastodon':
      return mastodonInstance === null
        ? null
        : `https://${mastodonInstance}/share?text=${encode(relayTextWithLink('mastodon', text, link))}`;
  }
}

/** The share link of each relay network, in RELAY_NETWORKS order. */
export function buildShareLinks(
  relay: { link: string; texts: RelayTexts },
  mastodonInstance: string | null,
): ShareLink[] {
  return RELAY_NETWORKS.map((network) => {
    const text = (relay.texts[network] ?? '').trim();
    return {
      network,
      url: shareUrl(network, text, relay.link, mastodonInstance),
      text: relayTextWithLink(network, text, relay.link),
    };
  });
}

const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/**
 * The instance's host name from what a person types ("mastodon.social", "https://piaille.fr/", "@camille@mamot.fr"),
 * lower-cased; undefined when it is not a public host name (no scheme other than https, no path, no port).
 */
export function parseMastodonInstance(input: string): string | undefined {
  let host = input.trim().toLowerCase();
  const handle = /^@?[a-z0-9_]+@([^@/]+)$/.exec(host);
  if (handle) host = handle[1] as string;
  host = host.replace(/^https:\/\//, '').replace(/\/$/, '');
  return HOST.test(host) ? host : undefined;
}
