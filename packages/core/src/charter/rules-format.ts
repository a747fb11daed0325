// The charter's rules on a post's form: per-network musts (an image, a question, hashtags and emoji counted) and
// accessibility (alt text on every image, CamelCase hashtags that screen readers can split, no sentence in capitals,
// few emoji — the habits the RGAA asks of French public bodies).
import type { Charter, NetworkMusts } from './charter.js';
import type { CharterMediaInput, Found, PreparedText } from './findings.js';
import type { TextRange } from './text-match.js';

interface Hashtag extends TextRange {
  tag: string;
}

/** Hashtags with at least one letter; a '#' inside an address or a word (page#section) is none. */
export function findHashtags(prose: string): Hashtag[] {
  return [...prose.matchAll(/(?<![\p{L}\p{N}_/&#])#([\p{L}\p{N}_]+)/gu)]
    .filter((match) => /\p{L}/u.test(match[1] ?? ''))
    .map((match) => ({ start: match.index, end: match.index + match[0].length, tag: match[0] }));
}

const segmenter = new Intl.Segmenter('fr', { granularity: 'grapheme' });

/** Emoji as people see them: one per grapheme (a family or a flag is one), ©, ® and ™ aside. */
export function findEmoji(text: string): TextRange[] {
  const found: TextRange[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    if (/\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(segment) && !/^[©®™]$/u.test(segment)) {
      found.push({ start: index, end: index + segment.length });
    }
  }
  return found;
}

function checkEmojiCount(
  rule: { level: Found['level']; explanation: string; max: number },
  emoji: TextRange[],
  ids: { none: Found['rule'] | undefined; tooMany: Found['rule'] },
): Found[] {
  if (emoji.length <= rule.max) return [];
  const first = emoji[rule.max] ?? emoji[0];
  const id = rule.max === 0 && ids.none ? ids.none : ids.tooMany;
  return [
    {
      rule: id,
      level: rule.level,
      range: first,
      params: { count: emoji.length, max: rule.max },
      explanation: rule.explanation,
    },
  ];
}

export function checkNetworkMusts(
  musts: NetworkMusts,
  prepared: PreparedText,
  media: readonly CharterMediaInput[],
): Found[] {
  const found: Found[] = [];
  const { imageRequired, questionRequired, maxHashtags, maxEmoji } = musts;
  const params = { network: musts.network };
  if (imageRequired && !media.some((m) => m.kind === 'image')) {
    found.push({ rule: 'image_required', level: imageRequired.level, params, explanation: imageRequired.explanation });
  }
  if (questionRequired && !/[?？¿]/u.test(prepared.prose)) {
    found.push({
      rule: 'question_required',
      level: questionRequired.level,
      params,
      explanation: questionRequired.explanation,
    });
  }
  const hashtags = findHashtags(prepared.prose);
  if (maxHashtags && hashtags.length > maxHashtags.max) {
    found.push({
      rule: 'too_many_hashtags',
      level: maxHashtags.level,
      range: hashtags[maxHashtags.max],
      params: { ...params, count: hashtags.length, max: maxHashtags.max },
      explanation: maxHashtags.explanation,
    });
  }
  if (maxEmoji) {
    const emoji = findEmoji(prepared.prose);
    const ids = { none: 'network_emoji_forbidden', tooMany: 'network_too_many_emoji' } as const;
    found.push(...checkEmojiCount(maxEmoji, emoji, ids).map((f) => ({ ...f, params: { ...f.params, ...params } })));
  }
  return found;
}

type CamelCaseRule = NonNullable<Charter['accessibility']['camelCaseHashtags']>;

/** The CamelCase form to suggest for a hashtag written all in lower case, null when it needs none. */
function camelCaseOf(rule: CamelCaseRule, known: Map<string, string>, tag: string): { fix: string | undefined } | null {
  const body = tag.slice(1);
  if (body !== body.toLowerCase()) return null;
  const proper = known.get(body);
  if (proper !== undefined) return proper === tag ? null : { fix: proper };
  return body.replace(/[^\p{L}]/gu, '').length > rule.minLength ? { fix: undefined } : null;
}

function checkCamelCase(rule: CamelCaseRule, prose: string): Found[] {
  const known = new Map(rule.known.map((tag) => [tag.replace(/^#/, '').toLowerCase(), `#${tag.replace(/^#/, '')}`]));
  return findHashtags(prose).flatMap((hashtag) => {
    const suggestion = camelCaseOf(rule, known, hashtag.tag);
    if (!suggestion) return [];
    return [
      {
        rule: 'hashtag_camel_case' as const,
        level: rule.level,
        range: { start: hashtag.start, end: hashtag.end },
        params: { hashtag: hashtag.tag },
        fix: suggestion.fix,
        explanation: rule.explanation,
      },
    ];
  });
}

/** Runs of at least `minWords` words in capitals; one-letter words (À, A) neither count nor break a run. */
function checkAllCaps(rule: NonNullable<Charter['accessibility']['noAllCaps']>, prose: string): Found[] {
  const masked = prose.replace(/[#@][\p{L}\p{N}_.@-]+/gu, (tag) => ' '.repeat(tag.length));
  const found: Found[] = [];
  let run: TextRange[] = [];
  const close = () => {
    const first = run[0];
    const last = run[run.length - 1];
    if (first && last && run.length >= rule.minWords) {
      const written = prose.slice(first.start, last.end);
      found.push({
        rule: 'all_caps',
        level: rule.level,
        range: { start: first.start, end: last.end },
        params: { excerpt: written },
        fix: written.charAt(0) + written.slice(1).toLowerCase(),
        explanation: rule.explanation,
      });
    }
    run = [];
  };
  for (const match of masked.matchAll(/[\p{L}][\p{L}'’-]*|[.!?…\n]/gu)) {
    const word = match[0];
    const letters = word.replace(/[^\p{L}]/gu, '');
    if (letters.length === 0) close();
    else if (letters !== letters.toUpperCase() || letters === letters.toLowerCase()) close();
    else if (letters.length >= 2) run.push({ start: match.index, end: match.index + word.length });
  }
  close();
  return found;
}

function checkAltText(
  rule: NonNullable<Charter['accessibility']['altTextRequired']>,
  media: readonly CharterMediaInput[],
) {
  return media.flatMap((file, index) =>
    file.kind === 'image' && file.alt.trim() === ''
      ? [
          {
            rule: 'alt_text_missing' as const,
            level: rule.level,
            params: { position: index + 1 },
            explanation: rule.explanation,
          },
        ]
      : [],
  );
}

export function checkAccessibility(
  charter: Charter,
  prepared: PreparedText,
  media: readonly CharterMediaInput[],
): Found[] {
  const { altTextRequired, camelCaseHashtags, noAllCaps, maxEmoji } = charter.accessibility;
  return [
    ...(altTextRequired ? checkAltText(altTextRequired, media) : []),
    ...(camelCaseHashtags ? checkCamelCase(camelCaseHashtags, prepared.prose) : []),
    ...(noAllCaps ? checkAllCaps(noAllCaps, prepared.prose) : []),
    ...(maxEmoji
      ? checkEmojiCount(maxEmoji, findEmoji(prepared.prose), { none: undefined, tooMany: 'too_many_emoji' })
      : []),
  ];
}
