import { describe, expect, it } from 'vitest';
import type { MediaAttachment, PublishRequest, RuleViolation } from '../connector.js';
import { LIMITS, readOptions, validatePost } from './rules.js';

type Draft = Omit<PublishRequest, 'idempotencyKey'>;

const image = (mimeType = 'image/png', alt = 'Une photo', bytes = 10): MediaAttachment => ({
  data: new Uint8Array(bytes),
  mimeType,
  alt,
});

const rulesOf = (violations: RuleViolation[]) =>
  violations.map((v) => `${v.rule}:${v.severity ?? 'error'}${v.excess === undefined ? '' : `:${v.excess}`}`);

describe('validatePost', () => {
  it.each<[string, Draft, string[]]>([
    ['a plain post', { text: 'Bonjour' }, []],
    ['empty text', { text: '  ' }, ['empty_post:error']],
    ['an image alone', { text: '', media: [image()] }, []],
    ['text over the limit', { text: 'a'.repeat(LIMITS.textBytes + 3) }, ['text_too_long:error:3']],
    ['a long title', { text: 'x', options: { title: 't'.repeat(75) } }, ['title_long:warning:5']],
    ['a title over the column', { text: 'x', options: { title: 'é'.repeat(40_000) } }, ['title_too_long:error:14465']],
    ['two images', { text: 'x', media: [image(), image()] }, ['too_many_images:error:1']],
    ['a video', { text: 'x', media: [image('video/mp4')] }, ['image_type_unsupported:error']],
    ['an image without alt', { text: 'x', media: [image('image/webp', ' ')] }, ['alt_text_missing:warning']],
    [
      'a large image',
      { text: 'x', media: [image('image/jpeg', 'a', LIMITS.imageAdvisedBytes + 1)] },
      ['image_large:warning:1'],
    ],
    ['a bad link', { text: 'x', link: { url: 'javascript:alert(1)' } }, ['link_invalid:error']],
    [
      'a reply to something else',
      { text: 'x', replyTo: { id: 'at://x', url: 'https://bsky.app' } },
      ['reply_target_invalid:error'],
    ],
    [
      'a reply with post settings',
      {
        text: 'x',
        replyTo: { id: '3', url: 'https://exemple.fr/?p=3', extra: { postId: '3' } },
        options: { tags: ['a'] },
      },
      ['reply_options_ignored:warning'],
    ],
  ])('%s', (_label, draft, expected) => {
    expect(rulesOf(validatePost(draft))).toEqual(expected);
  });

  it('names the network, the rule and the figures in every message', () => {
    const [violation] = validatePost({ text: 'x', media: [image(), image(), image()] });
    expect(violation).toMatchObject({ network: 'wordpress', rule: 'too_many_images', excess: 2 });
    expect(violation?.message).toMatch(/^WordPress: .*3 images \(2 too many\)/);
  });
});

describe('readOptions', () => {
  it('defaults to a live post without terms', () => {
    expect(readOptions(undefined)).toEqual({
      options: { title: undefined, excerpt: undefined, status: 'publish', categories: [], tags: [] },
      violations: [],
    });
  });

  it('trims names and drops duplicates that differ only in case', () => {
    const { options } = readOptions({ status: 'draft', categories: [' Culture ', 'culture', 'Sport'], tags: [] });
    expect(options).toMatchObject({ status: 'draft', categories: ['Culture', 'Sport'] });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown status', { status: 'scheduled' }, 'options.status must be one of publish, draft, pending'],
    ['categories as text', { categories: 'Culture' }, 'options.categories must be a list of names'],
    ['an empty tag', { tags: ['ok', ''] }, 'options.tags[1] must be a non-empty name'],
    ['a numeric title', { title: 12 }, 'options.title must be text, not number 12'],
    ['an unknown setting', { visibility: 'public' }, '"visibility" is not a WordPress setting'],
    ['an over-long tag', { tags: ['t'.repeat(201)] }, 'options.tags[0] has 201 characters'],
  ])('refuses %s, saying where', (_label, raw, message) => {
    const { options, violations } = readOptions(raw);
    expect(options).toBeUndefined();
    expect(violations.map((v) => v.message).join('\n')).toContain(message);
  });
});
