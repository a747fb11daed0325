// The ambassadors' API shapes (zod, hence the OpenAPI document and the web's types): relays, share links, the
// social media policy and its acknowledgements.
import { z } from 'zod';
import { RELAY_NETWORKS, relayTextsSchema, type AmbassadorPolicy, type Relay, type RelaySummary } from '@rostra/core';
import { toIso } from '../schemas.js';

const networkSchema = z.enum(RELAY_NETWORKS);

export const relaySchema = z.object({
  postId: z.string(),
  link: z.string(),
  texts: relayTextsSchema,
  markedBy: z.string().nullable(),
  markedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const relaySummarySchema = relaySchema.extend({
  postText: z.string().describe('The post’s own text, for context'),
  shares: z.partialRecord(networkSchema, z.number().int()).describe('Relays ambassadors declared, per network'),
});

export const shareLinkSchema = z.object({
  network: networkSchema,
  url: z.string().nullable().describe('The share intent to open in a new tab; null for Mastodon until set'),
  text: z.string().describe('The text to copy'),
});

export const policySchema = z.object({
  version: z.number().int(),
  text: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const ambassadorViewSchema = z.object({
  policy: policySchema.nullable().describe('The policy in force; null while none is written'),
  acknowledgedVersion: z.number().int().nullable(),
  needsAcknowledgement: z.boolean().describe('Posts are listed only once the policy in force is acknowledged'),
  mastodonInstance: z.string().nullable(),
  items: z.array(
    z.object({
      relay: relaySummarySchema,
      links: z.array(shareLinkSchema),
      shared: z.array(networkSchema).describe('Networks this ambassador already said they relayed to'),
    }),
  ),
});

export const shareBodySchema = z.strictObject({ network: networkSchema });

export function presentRelay(relay: Relay) {
  return {
    postId: relay.postId,
    link: relay.link,
    texts: relay.texts,
    markedBy: relay.markedBy,
    markedAt: toIso(relay.markedAt),
    updatedAt: toIso(relay.updatedAt),
  };
}

export function presentRelaySummary(relay: RelaySummary) {
  return { ...presentRelay(relay), postText: relay.postText, shares: relay.shares };
}

export function presentPolicy(policy: AmbassadorPolicy) {
  return {
    version: policy.version,
    text: policy.text,
    createdBy: policy.createdBy,
    createdAt: toIso(policy.createdAt),
  };
}
