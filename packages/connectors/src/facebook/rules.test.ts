// Facebook's rules, table-driven: a draft → the rules it breaks (with the excess, for limits).
import { describe, expect, it } from 'vitest';
import type { PublishRequest } from '../connector.js';
import { validatePost } from './rules.js';

type Draft = Omit<PublishRequest, 'idempotencyKey'>;
const photo = (mimeType = 'image/jpeg', alt = 'Une affiche', bytes = 10) => ({
  data: new Uint8Array(bytes),
  mimeType,
  alt,
});
const postRef = { id: '9001_123', url: 'https://www.facebook.com/9001/posts/123' };

const cases: [string, Draft, { rule: string; excess?: number; severity?: string }[]][] = [
  ['a short post', { text: 'Bonjour Lyon' }, []],
  ['63,206 characters', { text: 'a'.repeat(63_206) }, []],
  ['63,207 characters', { text: 'a'.repeat(63_207) }, [{ rule: 'text_too_long', excess: 1 }]],
  ['nothing at all', { text: ' ' }, [{ rule: 'empty_post' }]],
  ['a link alone', { text: '', link: { url: 'https://lyon.fr' } }, []],
  ['photos alone', { text: '', media: [photo()] }, []],
  ['a comment of 8,001', { text: 'a'.repeat(8001), replyTo: postRef }, [{ rule: 'text_too_long', excess: 1 }]],
  [
    'a comment with a photo',
    { text: 'x', replyTo: postRef, media: [photo()] },
    [{ rule: 'media_in_reply_unsupported' }],
  ],
  ['an answer to a foreign id', { text: 'x', replyTo: { id: 'at://x', url: 'x' } }, [{ rule: 'reply_target_invalid' }]],
  [
    'photos and a link',
    { text: 'x', media: [photo()], link: { url: 'https://lyon.fr' } },
    [{ rule: 'media_and_link' }],
  ],
  ['a video', { text: 'x', media: [photo('video/mp4')] }, [{ rule: 'media_type_unsupported' }]],
  [
    'a photo over 4 MB',
    { text: 'x', media: [photo('image/jpeg', 'a', 4 * 1024 * 1024 + 5)] },
    [{ rule: 'media_too_large', excess: 5 }],
  ],
  [
    'a photo without alt',
    { text: 'x', media: [photo('image/png', '')] },
    [{ rule: 'alt_text_missing', severity: 'warning' }],
  ],
  ['a link that is not http', { text: 'x', link: { url: 'ftp://lyon.fr' } }, [{ rule: 'link_invalid' }]],
  ['a first comment', { text: 'x', options: { firstComment: 'Le lien' } }, []],
  [
    'a long first comment',
    { text: 'x', options: { firstComment: 'a'.repeat(8003) } },
    [{ rule: 'first_comment_too_long', excess: 3 }],
  ],
  ['an empty first comment', { text: 'x', options: { firstComment: '' } }, [{ rule: 'first_comment_empty' }]],
  [
    'a first comment on a comment',
    { text: 'x', replyTo: postRef, options: { firstComment: 'y' } },
    [{ rule: 'first_comment_on_reply' }],
  ],
  ['an unknown option', { text: 'x', options: { privacy: 'EVERYONE' } }, [{ rule: 'unsupported_option' }]],
];

describe('facebook rules', () => {
  it.each(cases)('%s', (_, draft, expected) => {
    const found = validatePost(draft).map((v) => ({
      rule: v.rule,
      ...(v.excess !== undefined ? { excess: v.excess } : {}),
      ...(v.severity ? { severity: v.severity } : {}),
    }));
    expect(found).toEqual(expected);
  });
});
