// Employees as ambassadors: posts the team marks « à relayer » with a suggested text per network and the link to
// share, the employees' social media policy (versioned, acknowledged before any post is shown) and each
// ambassador's own settings. Plain data, validated with zod where it crosses a boundary.
import { z } from 'zod';
import type { Timestamp } from '../accounts/types.js';

/** The networks an ambassador relays to, in the order the page shows them. */
export const RELAY_NETWORKS = ['linkedin', 'x', 'facebook', 'bluesky', 'mastodon'] as const;
export type RelayNetwork = (typeof RELAY_NETWORKS)[number];

export function isRelayNetwork(value: unknown): value is RelayNetwork {
  return typeof value === 'string' && (RELAY_NETWORKS as readonly string[]).includes(value);
}

/** Longest policy an admin may write (a few pages of text). */
export const MAX_POLICY_LENGTH = 20_000;
export const MAX_RELAY_LINK_LENGTH = 2_000;
/** Far above any network's limit: the network's own rule (relay-texts.ts) is what refuses a long text. */
const MAX_RELAY_TEXT_LENGTH = 70_000;

const httpLink = z
  .string()
  .trim()
  .max(MAX_RELAY_LINK_LENGTH)
  .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.domain }));

const relayText = z.string().trim().max(MAX_RELAY_TEXT_LENGTH);

/** A suggested text per network; a network left out (or blank) shares the link alone. */
export const relayTextsSchema = z.strictObject({
  linkedin: relayText.optional(),
  x: relayText.optional(),
  facebook: relayText.optional(),
  bluesky: relayText.optional(),
  mastodon: relayText.optional(),
});
export type RelayTexts = Partial<Record<RelayNetwork, string>>;

export const relayInputSchema = z.strictObject({
  link: httpLink.describe('The page ambassadors share (http or https)'),
  texts: relayTextsSchema.default({}),
});
export type RelayInput = z.infer<typeof relayInputSchema>;

/** A post marked « à relayer ». */
export interface Relay {
  workspaceId: string;
  postId: string;
  link: string;
  texts: RelayTexts;
  markedBy: string | null;
  markedAt: Timestamp;
  updatedAt: Timestamp;
}

/** A relay as listed: the post's own text for context, and how many relays ambassadors declared per network. */
export interface RelaySummary extends Relay {
  postText: string;
  shares: Partial<Record<RelayNetwork, number>>;
}

/** One version of the employees' social media policy; the highest version is in force. */
export interface AmbassadorPolicy {
  workspaceId: string;
  version: number;
  text: string;
  createdBy: string | null;
  createdAt: Timestamp;
}

export const policyInputSchema = z.strictObject({
  text: z.string().trim().min(1).max(MAX_POLICY_LENGTH),
  version: z.number().int().min(0).describe('The version it was written from (0: none yet); 409 when stale'),
});

/** A member said they read one version of the policy. */
export interface PolicyAcknowledgement {
  workspaceId: string;
  userId: string;
  version: number;
  acknowledgedAt: Timestamp;
}

/** What an ambassador sets once: the Mastodon instance their share links open on. */
export interface AmbassadorProfile {
  workspaceId: string;
  userId: string;
  mastodonInstance: string | null;
  updatedAt: Timestamp;
}
