// What the UI knows about each network: brand, icon, preview colour. Everything else comes from the
// server: which networks it can connect and the fields each asks for (GET …/channels), and the exact
// rules a post breaks (violations). Unknown networks still work.
import {
  IconBrandBluesky,
  IconBrandFacebook,
  IconBrandInstagram,
  IconBrandLinkedin,
  IconBrandMastodon,
  IconBrandThreads,
  IconBrandWordpress,
  IconBrandX,
  IconWorld,
  type Icon,
} from '@tabler/icons-react';

export interface NetworkProfile {
  /** Brand names are not translated. */
  label: string;
  icon: Icon;
  /** Accent of the preview card. */
  color: string;
  /**
   * Shown next to the live counter as a guide; the server's violations are the authority
   * (networks count links and emoji their own way).
   */
  maxGraphemes?: number;
  /** The connector answers its own posts (`thread` in packages/connectors): a long text may go out as a thread. */
  threads?: boolean;
  /** A first comment goes under the post (a comments endpoint, or a reply to self where threads are). */
  firstComment?: boolean;
}

const PROFILES: Record<string, NetworkProfile> = {
  bluesky: {
    label: 'Bluesky',
    icon: IconBrandBluesky,
    color: '#1185fe',
    // https://docs.bsky.app/docs/advanced-guides/post-richtext — 300 graphemes.
    maxGraphemes: 300,
    threads: true,
    firstComment: true,
  },
  mastodon: {
    label: 'Mastodon',
    icon: IconBrandMastodon,
    color: '#6364ff',
    // The instance's own limit applies (500 by default); the server reads it from /api/v2/instance.
    maxGraphemes: 500,
    threads: true,
    firstComment: true,
  },
  x: { label: 'X', icon: IconBrandX, color: '#0f1419', maxGraphemes: 280, threads: true, firstComment: true },
  threads: { label: 'Threads', icon: IconBrandThreads, color: '#101010', maxGraphemes: 500 },
  // OAuth only (no fields to type): one login offers the member and the pages they run, then the person
  // picks (choose-accounts-modal.tsx). Posts API commentary: 3,000 characters.
  // https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api
  linkedin: { label: 'LinkedIn', icon: IconBrandLinkedin, color: '#0a66c2', maxGraphemes: 3000, firstComment: true },
  // OAuth only: one login offers each Page the person may publish to. A status holds 63,206 characters.
  facebook: { label: 'Facebook', icon: IconBrandFacebook, color: '#1877f2', maxGraphemes: 63_206, firstComment: true },
  instagram: { label: 'Instagram', icon: IconBrandInstagram, color: '#e1306c', maxGraphemes: 2200, firstComment: true },
  // Application password (Users → Profile); no character limit worth a counter.
  wordpress: {
    label: 'WordPress',
    icon: IconBrandWordpress,
    color: '#21759b',
    // The first comment goes out as a comment on the article.
    firstComment: true,
  },
};

export function describeNetwork(network: string): NetworkProfile {
  return PROFILES[network] ?? { label: network, icon: IconWorld, color: '#495057' };
}
