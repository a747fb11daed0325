// What the UI knows about each network: brand, icon, preview colour, how to ask for credentials.
// Everything else comes from the server: which networks it can connect (GET …/channels) and the
// exact rules a post breaks (violations). Unknown networks still work, with generic fields.
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

export type CredentialFieldKey =
  'identifier' | 'appPassword' | 'service' | 'instance' | 'accessToken' | 'site' | 'username' | 'applicationPassword';

export interface CredentialField {
  key: CredentialFieldKey;
  kind: 'text' | 'password' | 'url';
  required: boolean;
  placeholder?: string;
}

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
  /** The credential form; absent means generic key/value pairs. */
  credentials?: CredentialField[];
  /**
   * Credential fields the OAuth flow needs before leaving for the network (Mastodon: which
   * instance to sign in on). Sent as `fields` to POST …/channels/oauth.
   */
  oauthFields?: CredentialFieldKey[];
}

const PROFILES: Record<string, NetworkProfile> = {
  bluesky: {
    label: 'Bluesky',
    icon: IconBrandBluesky,
    color: '#1185fe',
    // https://docs.bsky.app/docs/advanced-guides/post-richtext — 300 graphemes.
    maxGraphemes: 300,
    credentials: [
      { key: 'identifier', kind: 'text', required: true, placeholder: 'mairie.bsky.social' },
      { key: 'appPassword', kind: 'password', required: true, placeholder: 'xxxx-xxxx-xxxx-xxxx' },
      { key: 'service', kind: 'url', required: false, placeholder: 'https://bsky.social' },
    ],
  },
  mastodon: {
    label: 'Mastodon',
    icon: IconBrandMastodon,
    color: '#6364ff',
    // The instance's own limit applies (500 by default); the server reads it from /api/v2/instance.
    maxGraphemes: 500,
    credentials: [
      { key: 'instance', kind: 'text', required: true, placeholder: 'mastodon.social' },
      { key: 'accessToken', kind: 'password', required: true },
    ],
    oauthFields: ['instance'],
  },
  x: { label: 'X', icon: IconBrandX, color: '#0f1419', maxGraphemes: 280 },
  threads: { label: 'Threads', icon: IconBrandThreads, color: '#101010', maxGraphemes: 500 },
  // OAuth only (no fields to type): one login offers the member and the pages they run, then the person
  // picks (choose-accounts-modal.tsx). Posts API commentary: 3,000 characters.
  // https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api
  linkedin: { label: 'LinkedIn', icon: IconBrandLinkedin, color: '#0a66c2', maxGraphemes: 3000, credentials: [] },
  // OAuth only: one login offers each Page the person may publish to. A status holds 63,206 characters.
  facebook: { label: 'Facebook', icon: IconBrandFacebook, color: '#1877f2', maxGraphemes: 63_206, credentials: [] },
  instagram: { label: 'Instagram', icon: IconBrandInstagram, color: '#e1306c', maxGraphemes: 2200 },
  // Application password (Users → Profile); no character limit worth a counter.
  wordpress: {
    label: 'WordPress',
    icon: IconBrandWordpress,
    color: '#21759b',
    credentials: [
      { key: 'site', kind: 'url', required: true, placeholder: 'https://www.exemple.fr' },
      { key: 'username', kind: 'text', required: true },
      { key: 'applicationPassword', kind: 'password', required: true, placeholder: 'xxxx xxxx xxxx xxxx xxxx xxxx' },
    ],
  },
};

export function describeNetwork(network: string): NetworkProfile {
  return PROFILES[network] ?? { label: network, icon: IconWorld, color: '#495057' };
}
