// LinkedIn's rules, table-driven: a draft → the rules it breaks (with the excess, for limits).
import { describe, expect, it } from 'vitest';
import type { PublishRequest } from '../connector.js';
import { countCharacters, validatePost } from './rules.js';

type Draft = Omit<PublishRequest, 'idempotencyKey'>;
const image = (mimeType = 'image/png', alt = 'Une affiche') => ({ data: new Uint8Array(10), mimeType, alt });
const postRef = { id: 'urn:li:share:1', url: 'https://www.linkedin.com/feed/update/urn:li:share:1/' };

const cases: [string, Draft, { rule: string; excess?: number; severity?: string }[]][] = [
  ['a short post', { text: 'Bonjour Lyon' }, []],
  ['exactly 3,000 characters', { text: 'a'.repeat(3000) }, []],
  ['3,001 characters', { text: 'a'.repeat(3001) }, [{ rule: 'text_too_long', excess: 1 }]],
  ['emoji count once each', { text: '🎉'.repeat(3000) }, []],
  ['an empty post', { text: '  ' }, [{ rule: 'empty_post' }]],
  ['images alone', { text: '', media: [image()] }, []],
  [
    'a comment of 1,251 characters',
    { text: 'a'.repeat(1251), replyTo: postRef },
    [{ rule: 'text_too_long', excess: 1 }],
  ],
  [
    'a comment with media',
    { text: 'ok', replyTo: postRef, media: [image()] },
    [{ rule: 'media_in_reply_unsupported' }],
  ],
  [
    'an answer to a non-LinkedIn id',
    { text: 'ok', replyTo: { id: '123', url: 'x' } },
    [{ rule: 'reply_target_invalid' }],
  ],
  [
    '21 images',
    { text: 'x', media: Array.from({ length: 21 }, () => image()) },
    [{ rule: 'too_many_media', excess: 1 }],
  ],
  ['a video', { text: 'x', media: [image('video/mp4')] }, [{ rule: 'media_type_unsupported' }]],
  [
    'an image without alt',
    { text: 'x', media: [image('image/png', '')] },
    [{ rule: 'alt_text_missing', severity: 'warning' }],
  ],
  [
    'alt text of 4,087',
    { text: 'x', media: [image('image/png', 'a'.repeat(4087))] },
    [{ rule: 'alt_text_too_long', excess: 1 }],
  ],
  [
    'images and a link',
    { text: 'x', media: [image()], link: { url: 'https://lyon.fr' } },
    [{ rule: 'media_and_link' }],
  ],
  ['a link that is not http', { text: 'x', link: { url: 'javascript:alert(1)' } }, [{ rule: 'link_invalid' }]],
  ['a first comment', { text: 'x', options: { firstComment: 'Le lien' } }, []],
  ['an empty first comment', { text: 'x', options: { firstComment: ' ' } }, [{ rule: 'first_comment_empty' }]],
  [
    'a long first comment',
    { text: 'x', options: { firstComment: 'a'.repeat(1252) } },
    [{ rule: 'first_comment_too_long', excess: 2 }],
  ],
  [
    'a first comment on a comment',
    { text: 'x', replyTo: postRef, options: { firstComment: 'y' } },
    [{ rule: 'first_comment_on_reply' }],
  ],
  ['a first comment that is not text', { text: 'x', options: { firstComment: 3 } }, [{ rule: 'option_invalid' }]],
  ['an unknown option', { text: 'x', options: { visibility: 'CONNECTIONS' } }, [{ rule: 'unsupported_option' }]],
];

describe('linkedin rules', () => {
  it.each(cases)('%s', (_, draft, expected) => {
    const found = validatePost(draft).map((v) => ({
      rule: v.rule,
      ...(v.excess !== undefined ? { excess: v.excess } : {}),
      ...(v.severity ? { severity: v.severity } : {}),
    }));
    expect(found).toEqual(expected);
    for (const violation of validatePost(draft)) expect(violation.network).toBe('linkedin');
  });

  it.each([
    ['abc', 3],
    ['é', 1],
    ['👩‍👩‍👧', 5],
    ['🎉', 1],
  ])('counts %j as %i characters (code points)', (text, count) => {
    expect(countCharacters(text)).toBe(count);
  });
});
