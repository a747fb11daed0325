// The editorial charter as data: tone and voice, words to avoid, forbidden topics, per-network musts,
// accessibility (RGAA habits), inclusive writing, links and the response policy. One zod schema validates it
// wherever it is written (API, web form, store) so the composer and the server check posts against the same rules.
import { z } from 'zod';

/** How much a broken rule weighs: `blocking` refuses approval, the others are shown. */
export const CHARTER_LEVELS = ['advice', 'warning', 'blocking'] as const;
export type CharterLevel = (typeof CHARTER_LEVELS)[number];

/** Every rule a finding may name; the web app has a French and an English sentence for each (a test checks). */
export const CHARTER_RULES = [
  'word_to_avoid',
  'forbidden_topic',
  'image_required',
  'question_required',
  'too_many_hashtags',
  'network_emoji_forbidden',
  'network_too_many_emoji',
  'alt_text_missing',
  'hashtag_camel_case',
  'all_caps',
  'too_many_emoji',
  'point_median_forbidden',
  'point_median_required',
  'utm_missing',
] as const;
export type CharterRuleId = (typeof CHARTER_RULES)[number];

/** Point médian ("citoyen·nes"): free to use, expected where a list of masculine plurals has one, or refused. */
export const INCLUSIVE_POLICIES = ['allowed', 'required', 'forbidden'] as const;
export type InclusivePolicy = (typeof INCLUSIVE_POLICIES)[number];

const text = (max: number) => z.string().trim().max(max);
const levelSchema = z.enum(CHARTER_LEVELS);
/** What every rule carries: its weight and why the team follows it (shown beside each finding). */
const ruleFields = { level: levelSchema, explanation: text(1000).default('') };
const switchRule = z.object(ruleFields);
const countRule = (max: number) => z.object({ ...ruleFields, max: z.number().int().min(0).max(max) });

export const wordToAvoidSchema = z.object({
  word: text(100).min(1),
  /** The word to write instead; empty when there is none to suggest. */
  replacement: text(100).default(''),
  ...ruleFields,
});

export const forbiddenTopicSchema = z.object({
  topic: text(100).min(1),
  /** Words or expressions that reveal the topic, matched accents and case aside. */
  terms: z.array(text(100).min(1)).min(1).max(50),
  ...ruleFields,
});

export const networkMustsSchema = z.object({
  /** A network id ("facebook", "mastodon"…), the musts apply to the post's channels on it. */
  network: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'A network id such as "facebook"'),
  imageRequired: switchRule.nullable().default(null),
  questionRequired: switchRule.nullable().default(null),
  maxHashtags: countRule(30).nullable().default(null),
  /** `max: 0` means no emoji at all on this network. */
  maxEmoji: countRule(50).nullable().default(null),
});

export const accessibilitySchema = z.object({
  altTextRequired: switchRule.nullable().default(null),
  /** Hashtags written all in lower case and longer than `minLength` letters ask for CamelCase (#MaVille). */
  camelCaseHashtags: z
    .object({
      ...ruleFields,
      minLength: z.number().int().min(2).max(50).default(8),
      /** The team's hashtags as they should be written; a lower-case one that matches is corrected to it. */
      known: z
        .array(z.string().regex(/^#?[\p{L}\p{N}_]{1,100}$/u, 'A hashtag such as #MaVille'))
        .max(200)
        .default([]),
    })
    .nullable()
    .default(null),
  /** A sentence of at least `minWords` words all in capitals (screen readers spell it out, readers feel shouted at). */
  noAllCaps: z
    .object({ ...ruleFields, minWords: z.number().int().min(2).max(20).default(3) })
    .nullable()
    .default(null),
  maxEmoji: countRule(50).nullable().default(null),
});

export const inclusiveWritingSchema = z.object({
  policy: z.enum(INCLUSIVE_POLICIES).default('allowed'),
  ...ruleFields,
});

export const UTM_PARAMETERS = ['utm_source', 'utm_medium', 'utm_campaign'] as const;

export const linkPolicySchema = z.object({
  utmRequired: z
    .object({
      ...ruleFields,
      /** Links to these hosts (and their subdomains) need no UTM parameters, e.g. a partner's site. */
      exemptHosts: z.array(text(253).min(1)).max(50).default([]),
      /** utm_medium proposed in the suggested link; utm_source is the network, utm_campaign this value if set. */
      medium: text(100).default('social'),
      campaign: text(100).default(''),
    })
    .nullable()
    .default(null),
});

/** Stored and shown now; the inbox enforces it (never delete: hide with a reason). */
export const responsePolicySchema = z.object({
  /** Hours within which every message gets an answer; null when the charter sets none. */
  maxDelayHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .nullable()
    .default(24),
  tone: text(2000).default(''),
  /** Always true: a message is hidden with a reason, never deleted. */
  neverDelete: z.literal(true).default(true),
  /** The reasons offered when hiding a message. */
  hideReasons: z.array(text(200).min(1)).max(30).default([]),
});

export const charterSchema = z.object({
  tone: text(5000).default(''),
  voice: text(5000).default(''),
  wordsToAvoid: z.array(wordToAvoidSchema).max(500).default([]),
  forbiddenTopics: z.array(forbiddenTopicSchema).max(100).default([]),
  networks: z.array(networkMustsSchema).max(30).default([]),
  accessibility: accessibilitySchema.default(() => accessibilitySchema.parse({})),
  inclusiveWriting: inclusiveWritingSchema.default(() => inclusiveWritingSchema.parse({ level: 'advice' })),
  links: linkPolicySchema.default(() => linkPolicySchema.parse({})),
  responsePolicy: responsePolicySchema.default(() => responsePolicySchema.parse({})),
});

export type Charter = z.output<typeof charterSchema>;
export type CharterInput = z.input<typeof charterSchema>;
export type WordToAvoid = z.output<typeof wordToAvoidSchema>;
export type ForbiddenTopic = z.output<typeof forbiddenTopicSchema>;
export type NetworkMusts = z.output<typeof networkMustsSchema>;

/** A workspace that has written no charter: nothing checked but what it says by default. */
export const EMPTY_CHARTER: Charter = charterSchema.parse({});

/** A charter read back from storage, with the defaults of fields added since it was written. */
export function parseStoredCharter(json: string): Charter {
  return charterSchema.parse(JSON.parse(json));
}
