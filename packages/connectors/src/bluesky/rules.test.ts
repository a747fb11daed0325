import { describe, expect, it } from 'vitest';
import type { MediaAttachment, PublishRequest, RuleViolation } from '../connector.js';
import { isBlocking, validatePost } from './rules.js';

type Draft = Omit<PublishRequest, 'idempotencyKey'>;

const image = (overrides: Partial<MediaAttachment> = {}): MediaAttachment => ({
  data: new Uint8Array(10),
  mimeType: 'image/png',
  alt: 'Un visuel',
  ...overrides,
});
const FAMILY = '👨\u200d👩\u200d👧'; // 1 grapheme, 18 bytes
const replyTo = { id: 'at://did:plc:x/app.bsky.feed.post/3l25zusnsfck2', url: 'https://bsky.app/x' };

// [case, draft, expected violations as rule/excess/severity]
const cases: Array<[string, Draft, Array<Pick<RuleViolation, 'rule'> & Partial<RuleViolation>>]> = [
  ['300 letters fit', { text: 'a'.repeat(300) }, []],
  ['301 letters are one too many', { text: 'a'.repeat(301) }, [{ rule: 'text_too_long', excess: 1 }]],
  ['300 decomposed accents count as 300 (600 UTF-16 units)', { text: 'e\u0301'.repeat(300) }, []],
  ['300 emojis fit (1,200 bytes)', { text: '🎉'.repeat(300) }, []],
  [
    '200 family emojis: few graphemes, too many bytes',
    { text: FAMILY.repeat(200) },
    [{ rule: 'text_too_many_bytes', excess: 600 }],
  ],
  ['an empty post', { text: '  ' }, [{ rule: 'empty_post' }]],
  ['an image alone is a post', { text: '', media: [image()] }, []],
  [
    'five images',
    { text: 'x', media: Array.from({ length: 5 }, () => image()) },
    [{ rule: 'too_many_images', excess: 1 }],
  ],
  [
    'an image of 1,000,001 bytes',
    { text: 'x', media: [image({ data: new Uint8Array(1_000_001) })] },
    [{ rule: 'image_too_large', excess: 1 }],
  ],
  ['a BMP image', { text: 'x', media: [image({ mimeType: 'image/bmp' })] }, [{ rule: 'image_type_unsupported' }]],
  [
    'an image without alternative text: a warning',
    { text: 'x', media: [image({ alt: ' ' })] },
    [{ rule: 'alt_text_missing', severity: 'warning' }],
  ],
  ['a link card to ftp', { text: 'x', link: { url: 'ftp://exemple.fr' } }, [{ rule: 'link_invalid' }]],
  ['a link card', { text: 'x', link: { url: 'https://exemple.fr/a', title: 'A' } }, []],
  ['four languages', { text: 'x', languages: ['fr', 'en', 'de', 'es'] }, [{ rule: 'too_many_languages', excess: 1 }]],
  ['a language name instead of a tag', { text: 'x', languages: ['français'] }, [{ rule: 'language_invalid' }]],
  ['regional tags', { text: 'x', languages: ['fr-CA', 'br'] }, []],
  ['a reply without CID', { text: 'x', replyTo }, [{ rule: 'reply_target_incomplete' }]],
  [
    'a complete reply',
    {
      text: 'x',
      replyTo: { ...replyTo, extra: { cid: 'bafy', rootUri: replyTo.id, rootCid: 'bafy' } },
    },
    [],
  ],
  ['an unknown option', { text: 'x', options: { visibility: 'private' } }, [{ rule: 'unsupported_option' }]],
];

describe('validatePost', () => {
  it.each(cases)('%s', (_case, draft, expected) => {
    const violations = validatePost(draft);
    expect(violations).toEqual(expected.map((v) => expect.objectContaining({ network: 'bluesky', ...v })));
    for (const violation of violations) expect(violation.message).not.toBe('');
  });

  it('blocks on errors, not on warnings', () => {
    const [missingAlt] = validatePost({ text: 'x', media: [image({ alt: '' })] });
    const [tooLong] = validatePost({ text: 'a'.repeat(400) });
    expect(missingAlt && isBlocking(missingAlt)).toBe(false);
    expect(tooLong && isBlocking(tooLong)).toBe(true);
  });
});
