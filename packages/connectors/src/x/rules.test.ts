import { describe, expect, it } from 'vitest';
import type { MediaAttachment, PublishRequest, RuleViolation } from '../connector.js';
import {
  countWeighted,
  GIF_SIZE_LIMIT,
  IMAGE_SIZE_LIMIT,
  isBlocking,
  validatePost,
  VIDEO_SIZE_LIMIT,
} from './rules.js';

type Draft = Omit<PublishRequest, 'idempotencyKey'>;

const image = (overrides: Partial<MediaAttachment> = {}): MediaAttachment => ({
  data: new Uint8Array(10),
  mimeType: 'image/png',
  alt: 'Un visuel',
  ...overrides,
});
const gif = (overrides: Partial<MediaAttachment> = {}) => image({ mimeType: 'image/gif', ...overrides });
const video = (overrides: Partial<MediaAttachment> = {}) => image({ mimeType: 'video/mp4', alt: '', ...overrides });
// Only the size is read: no need to allocate half a gigabyte.
const sized = (byteLength: number) => ({ byteLength }) as Uint8Array;
const LONG_URL = `https://www.exemple.fr/${'x'.repeat(100)}`;

// [case, text, weighted length as X counts it] — https://docs.x.com/fundamentals/counting-characters
const counts: Array<[string, string, number]> = [
  ['plain letters', 'Bonjour', 7],
  ['accented Latin letters weigh 1', 'éàèùçœ', 6],
  ['decomposed accents are normalised (NFC) first', 'e\u0301'.repeat(10), 10],
  ['guillemets and no-break spaces weigh 1', '«\u00a0oui\u00a0»', 7],
  ['a typographic apostrophe weighs 1', 'l’hôtel', 7],
  ['a narrow no-break space weighs 2', 'Bonjour\u202f!', 10],
  ['an ellipsis weighs 2', 'Et après…', 10],
  ['the euro sign weighs 2', '12 €', 5],
  ['an emoji weighs 2', '😀', 2],
  ['an emoji family (ZWJ sequence) weighs 2', '👨\u200d👩\u200d👧', 2],
  ['an emoji with a skin tone weighs 2', '👍🏽', 2],
  ['a flag weighs 2', '🇫🇷', 2],
  ['Chinese and Japanese weigh 2 each', '日本語', 6],
  ['Korean weighs 2 each', '한국어', 6],
  ['Greek and Cyrillic weigh 1', 'ΕλληνικάПривет', 14],
  ['a long URL counts 23', LONG_URL, 23],
  ['a short http URL counts 23 too', 'http://a.fr', 23],
  ['a bare domain is a link too', 'mairie.fr', 23],
  ['a sentence full stop is not part of the URL', `Voir ${LONG_URL}.`, 5 + 23 + 1],
  ['a bracket opened in the URL is part of it', 'https://fr.wikipedia.org/wiki/Lyon_(ville)', 23],
  ['a host without a dot is no link', 'http://localhost/x', 18],
  ['an e-mail address is no link', 'contact@mairie.fr', 17],
  ['mentions and hashtags count in full', '@mairie #municipales', 20],
  ['280 letters', 'a'.repeat(280), 280],
  ['140 ideograms fill a post', '日'.repeat(140), 280],
];

describe('countWeighted', () => {
  it.each(counts)('%s', (_case, text, expected) => {
    expect(countWeighted(text).weightedLength).toBe(expected);
  });

  it('calls a text with U+FEFF invalid', () => {
    expect(countWeighted('a\ufeffb').valid).toBe(false);
  });
});

// [case, draft, expected violations as rule/excess/severity]
const cases: Array<[string, Draft, Array<Pick<RuleViolation, 'rule'> & Partial<RuleViolation>>]> = [
  ['280 letters fit', { text: 'a'.repeat(280) }, []],
  ['281 letters are one too many', { text: 'a'.repeat(281) }, [{ rule: 'text_too_long', excess: 1 }]],
  ['141 ideograms are 2 too many', { text: '日'.repeat(141) }, [{ rule: 'text_too_long', excess: 2 }]],
  ['140 emoji are 280', { text: '🎉'.repeat(140) }, []],
  ['257 letters and a long URL fit', { text: `${'a'.repeat(256)} ${LONG_URL}` }, []],
  [
    '258 letters and a long URL do not',
    { text: `${'a'.repeat(257)} ${LONG_URL}` },
    [{ rule: 'text_too_long', excess: 1 }],
  ],
  ['an empty post', { text: ' ' }, [{ rule: 'empty_post' }]],
  ['an image alone is a post', { text: '', media: [image()] }, []],
  ['a forbidden character', { text: 'a\ufffeb' }, [{ rule: 'invalid_characters' }]],
  ['four images', { text: 'x', media: [image(), image(), image(), image()] }, []],
  [
    'five images',
    { text: 'x', media: Array.from({ length: 5 }, () => image()) },
    [{ rule: 'too_many_media', excess: 1 }],
  ],
  ['a GIF alone', { text: 'x', media: [gif()] }, []],
  ['a GIF beside an image', { text: 'x', media: [gif(), image()] }, [{ rule: 'media_mix_unsupported', excess: 1 }]],
  ['two videos', { text: 'x', media: [video(), video()] }, [{ rule: 'media_mix_unsupported', excess: 1 }]],
  ['a JPEG, a WEBP', { text: 'x', media: [image({ mimeType: 'image/jpeg' }), image({ mimeType: 'image/webp' })] }, []],
  ['a MOV video', { text: 'x', media: [video({ mimeType: 'video/quicktime' })] }, []],
  ['a BMP image', { text: 'x', media: [image({ mimeType: 'image/bmp' })] }, [{ rule: 'media_type_unsupported' }]],
  ['an audio file', { text: 'x', media: [image({ mimeType: 'audio/mpeg' })] }, [{ rule: 'media_type_unsupported' }]],
  ['an image of 5 MB', { text: 'x', media: [image({ data: new Uint8Array(IMAGE_SIZE_LIMIT) })] }, []],
  [
    'an image one byte over 5 MB',
    { text: 'x', media: [image({ data: new Uint8Array(IMAGE_SIZE_LIMIT + 1) })] },
    [{ rule: 'media_too_large', excess: 1 }],
  ],
  ['a GIF of 15 MB', { text: 'x', media: [gif({ data: new Uint8Array(GIF_SIZE_LIMIT) })] }, []],
  [
    'a GIF over 15 MB',
    { text: 'x', media: [gif({ data: new Uint8Array(GIF_SIZE_LIMIT + 10) })] },
    [{ rule: 'media_too_large', excess: 10 }],
  ],
  ['an empty file', { text: 'x', media: [image({ data: new Uint8Array(0) })] }, [{ rule: 'media_empty' }]],
  [
    'an image without alternative text: a warning',
    { text: 'x', media: [image({ alt: ' ' })] },
    [{ rule: 'alt_text_missing', severity: 'warning' }],
  ],
  [
    'an alternative text of 1,001 characters',
    { text: 'x', media: [image({ alt: 'é'.repeat(1001) })] },
    [{ rule: 'alt_text_too_long', excess: 1 }],
  ],
  [
    'a video with a description: a warning that it is not sent',
    { text: 'x', media: [video({ alt: 'Le maire parle' })] },
    [{ rule: 'alt_text_unsupported', severity: 'warning' }],
  ],
  [
    'a link card whose link is in the text',
    { text: 'Lire https://exemple.fr/a', link: { url: 'https://exemple.fr/a' } },
    [],
  ],
  [
    'a link card whose link is not in the text: a warning',
    { text: 'Lire', link: { url: 'https://exemple.fr/a' } },
    [{ rule: 'link_not_in_text', severity: 'warning' }],
  ],
  ['a reply', { text: 'x', replyTo: { id: '1880028106020515840', url: 'https://x.com/a/status/1' } }, []],
  [
    'a reply to something that is no X post',
    { text: 'x', replyTo: { id: 'at://did:plc:x/post/1', url: 'https://bsky.app' } },
    [{ rule: 'reply_target_invalid' }],
  ],
  ['who may reply', { text: 'x', options: { replySettings: 'mentionedUsers' } }, []],
  [
    'an unknown reply setting',
    { text: 'x', options: { replySettings: 'friends' } },
    [{ rule: 'reply_settings_invalid' }],
  ],
  ['an unknown option', { text: 'x', options: { visibility: 'private' } }, [{ rule: 'unsupported_option' }]],
];

describe('validatePost', () => {
  it.each(cases)('%s', (_case, draft, expected) => {
    const violations = validatePost(draft);
    expect(violations).toEqual(expected.map((v) => expect.objectContaining({ network: 'x', ...v })));
    for (const violation of violations) expect(violation.message).not.toBe('');
  });

  it('says which rule, and by how much, in the message', () => {
    const [tooLong] = validatePost({ text: `${'a'.repeat(280)} 😀` });
    expect(tooLong).toMatchObject({ rule: 'text_too_long', excess: 3 });
    expect(tooLong?.message).toMatch(/X allows 280.*counts 283, 3 too many/);
    const [tooLarge] = validatePost({ text: 'x', media: [video({ data: sized(VIDEO_SIZE_LIMIT + 1) })] });
    expect(tooLarge?.message).toMatch(/Media 1: X allows 512 MB for a video/);
  });

  it('blocks on errors, not on warnings', () => {
    const [missingAlt] = validatePost({ text: 'x', media: [image({ alt: '' })] });
    const [tooLong] = validatePost({ text: 'a'.repeat(300) });
    expect(missingAlt && isBlocking(missingAlt)).toBe(false);
    expect(tooLong && isBlocking(tooLong)).toBe(true);
  });
});
