// What checking a post against the charter returns, and what it reads: each channel's text as it will go out
// and the post's media. Shared by the rule families (rules-*.ts) and checkCharter.
import type { CharterLevel, CharterRuleId } from './charter.js';
import type { FoldedText, TextRange } from './text-match.js';

export interface CharterMediaInput {
  kind: 'image' | 'video';
  /** This post's alternative text for the file ('' when none). */
  alt: string;
}

/** One channel's version of the post: its text as it goes out (a thread's parts joined by blank lines). */
export interface CharterChannelContent {
  channelId: string;
  network: string;
  text: string;
  media: readonly CharterMediaInput[];
  /** The comment published right after the post on this channel, when there is one. */
  firstComment?: string | null | undefined;
}

/** Which part of a channel's version a finding is about: the post's text or its first comment. */
export const CHARTER_TEXT_PARTS = ['text', 'first_comment'] as const;
export type CharterTextPart = (typeof CHARTER_TEXT_PARTS)[number];

/** Values the finding's sentence names: the word as written, its replacement, a count and its limit… */
export type CharterFindingParams = Record<string, string | number>;

export interface CharterFinding {
  rule: CharterRuleId;
  level: CharterLevel;
  channelId: string;
  network: string;
  /** The post's text, or its first comment: `range` and `fix` are about that part. */
  part: CharterTextPart;
  /** Where in the part's text, when the rule is about a piece of it. */
  range?: TextRange | undefined;
  params: CharterFindingParams;
  /** Text to put in place of `range` that follows the rule (the replacement word, #MaVille, a tagged link). */
  fix?: string | undefined;
  /** Why the team follows the rule, as the charter says it. */
  explanation: string;
}

/** A finding before it is tied to its channel. */
export type Found = Omit<CharterFinding, 'channelId' | 'network' | 'part'>;

/** A channel's text prepared once for every rule: URLs blanked out of the prose (same offsets), folded for search. */
export interface PreparedText {
  text: string;
  /** The text with every URL replaced by spaces, so words in an address are not read as prose. */
  prose: string;
  folded: FoldedText;
  urls: Array<TextRange & { url: string }>;
}
