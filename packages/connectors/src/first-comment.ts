// The first comment, posted on a new post right after it, on networks whose posts have no field for it
// (LinkedIn, Facebook): the one option those posts take, read and checked alike, with the network's names.
import type { NetworkId, RuleViolation } from './connector.js';

export interface FirstCommentOptions {
  firstComment?: string;
}

/** How a network names itself in messages and how long its comments may be, in code points. */
export interface FirstCommentNetwork {
  network: NetworkId;
  label: string;
  maxCommentCharacters: number;
}

/** `options` as a post gives them: `firstComment` as text, and nothing else. */
export function readFirstCommentOptions(
  target: FirstCommentNetwork,
  raw: Record<string, unknown> | undefined,
): { options: FirstCommentOptions; violations: RuleViolation[] } {
  const options: FirstCommentOptions = {};
  const violations: RuleViolation[] = [];
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (value === undefined) continue;
    if (key !== 'firstComment') {
      violations.push(violation(target, 'unsupported_option', `${target.label} has no "${key}" setting in Rostra`));
    } else if (typeof value === 'string') {
      options.firstComment = value;
    } else {
      violations.push(violation(target, 'option_invalid', 'The first comment (firstComment) must be text'));
    }
  }
  return { options, violations };
}

/** A first comment must say something and fit in one of the network's comments. */
export function checkFirstComment(target: FirstCommentNetwork, firstComment: string | undefined): RuleViolation[] {
  if (firstComment === undefined) return [];
  if (firstComment.trim() === '') return [violation(target, 'first_comment_empty', 'The first comment is empty')];
  const length = [...firstComment].length;
  if (length <= target.maxCommentCharacters) return [];
  return [
    violation(
      target,
      'first_comment_too_long',
      `A ${target.label} comment allows ${target.maxCommentCharacters} characters`,
      length - target.maxCommentCharacters,
    ),
  ];
}

function violation(target: FirstCommentNetwork, rule: string, message: string, excess?: number): RuleViolation {
  return { network: target.network, rule, message, ...(excess === undefined ? {} : { excess }) };
}
