// Instagram's caption rules counted as Instagram counts them (shared with the composer through counting.ts).
import { describe, expect, it } from 'vitest';
import { countForNetwork, countTagsForNetwork } from '../counting.js';
import { countHashtags, countMentions, validatePost } from './rules.js';

const jpeg = { data: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), mimeType: 'image/jpeg', alt: 'Affiche' };

describe('instagram: counting a caption', () => {
  it.each([
    ['#Lyon #fêtedeslumières', 2],
    ['Rendez-vous #2026 #lyon2026', 1],
    ['x#y et &#39; ne sont pas des hashtags', 0],
    ['#日本 #été_2026', 2],
    ['', 0],
  ])('hashtags in %j: %i', (text, expected) => {
    expect(countHashtags(text)).toBe(expected);
  });

  it.each([
    ['@villedelyon et @musee.des.confluences', 2],
    ['contact@lyon.fr is an address', 0],
    ['@a @b @c', 3],
  ])('mentions in %j: %i', (text, expected) => {
    expect(countMentions(text)).toBe(expected);
  });

  it('counts code points against 2,200, and the composer counts the same', () => {
    expect(countForNetwork('instagram', 'Bravo 👩‍👩‍👧')).toBe(6 + 5);
    expect(countTagsForNetwork('instagram', '#a #b @c')).toEqual({
      hashtags: { count: 2, max: 30 },
      mentions: { count: 1, max: 20 },
    });
    expect(countTagsForNetwork('mastodon', '#a')).toBeUndefined();
    const long = validatePost({ text: 'é'.repeat(2205), media: [jpeg] });
    expect(long).toContainEqual(expect.objectContaining({ rule: 'text_too_long', excess: 5 }));
  });

  it('refuses a 31st hashtag and a 21st mention, with the excess', () => {
    const tags = Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' ');
    const people = Array.from({ length: 21 }, (_, i) => `@p${i}`).join(' ');
    expect(validatePost({ text: tags, media: [jpeg] })).toContainEqual(
      expect.objectContaining({ rule: 'too_many_hashtags', excess: 1 }),
    );
    expect(validatePost({ text: people, media: [jpeg] })).toContainEqual(
      expect.objectContaining({ rule: 'too_many_mentions', excess: 1 }),
    );
  });

  it('warns (without blocking) on a missing alt text and on a link card Instagram does not show', () => {
    const found = validatePost({ text: 'x', media: [{ ...jpeg, alt: '' }], link: { url: 'https://lyon.fr' } });
    expect(found.map((v) => [v.rule, v.severity])).toEqual([
      ['link_unsupported', 'warning'],
      ['alt_text_missing', 'warning'],
    ]);
  });
});
