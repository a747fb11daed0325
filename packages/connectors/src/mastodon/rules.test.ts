import { describe, expect, it } from 'vitest';
import type { MediaAttachment, PublishRequest, RuleViolation } from '../connector.js';
import { countLikeMastodon } from '../testing/mastodon/fake-mastodon.js';
import { countCharacters, DEFAULT_LIMITS, isBlocking, validatePost } from './rules.js';

type Draft = Omit<PublishRequest, 'idempotencyKey'>;

const image = (overrides: Partial<MediaAttachment> = {}): MediaAttachment => ({
  data: new Uint8Array(10),
  mimeType: 'image/png',
  alt: 'Un visuel',
  ...overrides,
});
const LONG_URL = `https://www.exemple.fr/${'x'.repeat(100)}`;

// [case, text, content warning, characters as Mastodon counts them]
const counts: Array<[string, string, string, number]> = [
  ['plain letters', 'Bonjour', '', 7],
  ['decomposed accents are one character each', 'e\u0301'.repeat(10), '', 10],
  ['an emoji family is one character', '👨\u200d👩\u200d👧', '', 1],
  ['a long URL counts 23', LONG_URL, '', 23],
  ['an http URL too', 'http://exemple.fr/a', '', 23],
  ['two URLs', `${LONG_URL} ${LONG_URL}`, '', 47],
  ['a sentence full stop is not part of the URL', `Voir ${LONG_URL}.`, '', 5 + 23 + 1],
  ['a closing bracket around a URL is not part of it', `(${LONG_URL})`, '', 25],
  ['a bracket opened in the URL is', 'https://fr.wikipedia.org/wiki/Lyon_(ville)', '', 23],
  ['a URL without scheme counts in full', 'www.exemple.fr', '', 14],
  ['a host without a dot is no URL', 'http://localhost/x', '', 18],
  ['a remote mention counts as its username', '@alice@piaille.fr', '', 6],
  ['a local mention counts in full', '@alice', '', 6],
  ['a remote mention ending a sentence', 'Merci @alice@piaille.fr.', '', 6 + 6 + 1],
  ['an e-mail address is no mention', 'contact@mairie.fr', '', 17],
  ['a mention inside a URL belongs to the URL', 'https://piaille.fr/@alice@autre.fr', '', 23],
  ['the content warning counts too', 'Texte', 'Attention', 14],
  ['a blank text counts only the content warning', '   ', 'CW', 2],
];

describe('countCharacters', () => {
  it.each(counts)('%s', (_case, text, spoiler, expected) => {
    expect(countCharacters(text, spoiler, 23)).toBe(expected);
  });

  it('uses the instance’s reserved URL length', () => {
    expect(countCharacters(LONG_URL, '', 30)).toBe(30);
  });

  // The fake counts with its own, simpler reading of the docs: both agree on what the tests rely on.
  it.each(counts.filter(([name]) => !/host without a dot|bracket opened/.test(name)))(
    'agrees with the fake: %s',
    (_case, text, spoiler) => {
      expect(countLikeMastodon(text, spoiler, 23)).toBe(countCharacters(text, spoiler, 23));
    },
  );
});

// [case, draft, expected violations as rule/excess/severity]
const cases: Array<[string, Draft, Array<Pick<RuleViolation, 'rule'> & Partial<RuleViolation>>]> = [
  ['500 letters fit', { text: 'a'.repeat(500) }, []],
  ['501 letters are one too many', { text: 'a'.repeat(501) }, [{ rule: 'text_too_long', excess: 1 }]],
  ['the instance allows 1000', { text: 'a'.repeat(1000), options: { maxCharacters: 1000 } }, []],
  ['a zero limit is no limit', { text: 'a', options: { maxCharacters: 0 } }, [{ rule: 'option_invalid' }]],
  ['an empty post', { text: ' ' }, [{ rule: 'empty_post' }]],
  ['a content warning alone is no post', { text: '', options: { spoilerText: 'CW' } }, [{ rule: 'empty_post' }]],
  ['an image alone is a post', { text: '', media: [image()] }, []],
  [
    'five images',
    { text: 'x', media: Array.from({ length: 5 }, () => image()) },
    [{ rule: 'too_many_media', excess: 1 }],
  ],
  [
    'an image over 16 MiB',
    { text: 'x', media: [image({ data: new Uint8Array(DEFAULT_LIMITS.imageSizeLimit + 1) })] },
    [{ rule: 'media_too_large', excess: 1 }],
  ],
  ['a video of 20 MB', { text: 'x', media: [image({ mimeType: 'video/mp4', data: new Uint8Array(20e6) })] }, []],
  [
    'a video beside an image',
    { text: 'x', media: [image(), image({ mimeType: 'video/mp4' })] },
    [{ rule: 'media_mix_unsupported' }],
  ],
  ['a BMP image', { text: 'x', media: [image({ mimeType: 'image/bmp' })] }, [{ rule: 'media_type_unsupported' }]],
  [
    'an image without alternative text: a warning',
    { text: 'x', media: [image({ alt: ' ' })] },
    [{ rule: 'alt_text_missing', severity: 'warning' }],
  ],
  [
    'an alternative text of 1,501 characters',
    { text: 'x', media: [image({ alt: 'é'.repeat(1501) })] },
    [{ rule: 'alt_text_too_long', excess: 1 }],
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
  ['one language', { text: 'x', languages: ['fr'] }, []],
  ['a regional tag', { text: 'x', languages: ['fr-CA'] }, []],
  [
    'two languages: the first is kept',
    { text: 'x', languages: ['fr', 'br'] },
    [{ rule: 'languages_reduced', severity: 'warning' }],
  ],
  ['a language name instead of a code', { text: 'x', languages: ['français'] }, [{ rule: 'language_invalid' }]],
  [
    'a reply without id',
    { text: 'x', replyTo: { id: '', url: 'https://m.test/x' } },
    [{ rule: 'reply_target_invalid' }],
  ],
  ['a reply', { text: 'x', replyTo: { id: '1130', url: 'https://m.test/@a/1130' } }, []],
  ['every visibility', { text: 'x', options: { visibility: 'direct', spoilerText: 'CW', sensitive: true } }, []],
  ['an unknown visibility', { text: 'x', options: { visibility: 'followers' } }, [{ rule: 'visibility_invalid' }]],
  ['sensitive as text', { text: 'x', options: { sensitive: 'yes' } }, [{ rule: 'option_invalid' }]],
  ['a content warning that is no text', { text: 'x', options: { spoilerText: 3 } }, [{ rule: 'option_invalid' }]],
  ['an unknown option', { text: 'x', options: { poll: {} } }, [{ rule: 'unsupported_option' }]],
];

describe('validatePost', () => {
  it.each(cases)('%s', (_case, draft, expected) => {
    const violations = validatePost(draft);
    expect(violations).toEqual(expected.map((v) => expect.objectContaining({ network: 'mastodon', ...v })));
    for (const violation of violations) expect(violation.message).not.toBe('');
  });

  it("counts against the instance's limits when given, ignoring options.maxCharacters", () => {
    const limits = { ...DEFAULT_LIMITS, maxCharacters: 100, maxMediaAttachments: 2 };
    const draft = { text: 'a'.repeat(101), media: [image(), image(), image()], options: { maxCharacters: 5000 } };
    expect(validatePost(draft, limits)).toEqual([
      expect.objectContaining({ rule: 'text_too_long', excess: 1 }),
      expect.objectContaining({ rule: 'too_many_media', excess: 1 }),
    ]);
  });

  it('blocks on errors, not on warnings', () => {
    const [missingAlt] = validatePost({ text: 'x', media: [image({ alt: '' })] });
    const [tooLong] = validatePost({ text: 'a'.repeat(600) });
    expect(missingAlt && isBlocking(missingAlt)).toBe(false);
    expect(tooLong && isBlocking(tooLong)).toBe(true);
  });
});
