import { describe, expect, it } from 'vitest';
import { readApiLink, toEndpoint, toHttpError } from './api.js';
import { decodeEntities, splitTitle, toCommentWords, toHtml, toSlug } from './mapping.js';
import { normalizeSiteUrl } from './session.js';

describe('toHtml', () => {
  it.each([
    ['Bonjour', '<p>Bonjour</p>'],
    ['a\nb', '<p>a<br />\nb</p>'],
    ['a\n\n\nb', '<p>a</p>\n\n<p>b</p>'],
    ['a\r\n\r\nb', '<p>a</p>\n\n<p>b</p>'],
    ['<b>gras</b> & "cité"', '<p>&lt;b&gt;gras&lt;/b&gt; &amp; &quot;cité&quot;</p>'],
    ['Voir https://exemple.fr.', '<p>Voir <a href="https://exemple.fr">https://exemple.fr</a>.</p>'],
    [
      '(https://exemple.fr/?a=1&b="2")',
      '<p>(<a href="https://exemple.fr/?a=1&amp;b=">https://exemple.fr/?a=1&amp;b=</a>&quot;2&quot;)</p>',
    ],
    ['javascript:alert(1)', '<p>javascript:alert(1)</p>'],
    ['  \n\n  ', ''],
  ])('%j → %j', (text, html) => {
    expect(toHtml(text)).toBe(html);
  });
});

describe('splitTitle', () => {
  it.each([
    ['Une phrase. Une autre.', undefined, { title: 'Une phrase.', body: 'Une phrase. Une autre.' }],
    ['Titre\n\nCorps du texte', undefined, { title: 'Titre', body: 'Corps du texte' }],
    ['Ligne\nsuite', undefined, { title: 'Ligne', body: 'Ligne\nsuite' }],
    ['Titre\n\nCorps', 'Choisi', { title: 'Choisi', body: 'Titre\n\nCorps' }],
    ['Seul', undefined, { title: 'Seul', body: 'Seul' }],
  ])('%j (title %j)', (text, title, expected) => {
    expect(splitTitle(text, title)).toEqual(expected);
  });

  it('cuts a long first sentence at a word, with an ellipsis', () => {
    const { title } = splitTitle(`${'mot '.repeat(40)}fin`, undefined);
    expect([...title].length).toBeLessThanOrEqual(101);
    expect(title).toMatch(/^mot( mot)*…$/);
  });
});

describe('toSlug', () => {
  it('is stable, lowercase ASCII, and differs per key', () => {
    expect(toSlug('clé-1')).toBe(toSlug('clé-1'));
    expect(toSlug('clé-1')).toMatch(/^rostra-[0-9a-f]{16}$/);
    expect(toSlug('clé-1')).not.toBe(toSlug('clé-2'));
  });
});

describe('decodeEntities', () => {
  it.each([
    ['Culture &amp; loisirs', 'Culture & loisirs'],
    ['&#8217;&#x2019;&quot;', '’’"'],
    ['&unknown;', '&unknown;'],
  ])('%j → %j', (html, text) => {
    expect(decodeEntities(html)).toBe(text);
  });
});

describe('normalizeSiteUrl', () => {
  it.each([
    ['exemple.fr', 'https://exemple.fr'],
    ['https://exemple.fr/blog/', 'https://exemple.fr/blog'],
    ['https://exemple.fr/blog/wp-admin/post-new.php?x=1', 'https://exemple.fr/blog'],
    ['https://exemple.fr/wp-json/wp/v2/', 'https://exemple.fr'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
  ])('%j → %j', (input, site) => {
    expect(normalizeSiteUrl(input)).toBe(site);
  });

  it.each(['', 'http://exemple.fr', 'ftp://exemple.fr', 'https://'])('refuses %j', (input) => {
    expect(() => normalizeSiteUrl(input)).toThrow(expect.objectContaining({ code: 'rejected' }));
  });
});

describe('REST API discovery', () => {
  it.each([
    ['<https://exemple.fr/wp-json/>; rel="https://api.w.org/"', 'https://exemple.fr/wp-json/'],
    [
      '<https://exemple.fr/?p=1>; rel=shortlink, <https://exemple.fr/index.php?rest_route=/>; rel="https://api.w.org/"',
      'https://exemple.fr/index.php?rest_route=/',
    ],
    ['<https://exemple.fr/feed/>; rel="alternate"', undefined],
    ['', undefined],
  ])('Link %j → %j', (header, root) => {
    expect(readApiLink(header, 'https://exemple.fr/')).toBe(root);
  });

  it('builds routes under /wp-json/ or in ?rest_route=, with the query kept apart', () => {
    expect(toEndpoint('https://exemple.fr/blog/wp-json/', '/wp/v2/posts', { slug: 'a' }).toString()).toBe(
      'https://exemple.fr/blog/wp-json/wp/v2/posts?slug=a',
    );
    expect(toEndpoint('https://exemple.fr/index.php?rest_route=/', '/wp/v2/posts', { slug: 'a' }).toString()).toBe(
      'https://exemple.fr/index.php?rest_route=%2Fwp%2Fv2%2Fposts&slug=a',
    );
  });
});

describe('errors', () => {
  const none = () => undefined;
  const json = (body: unknown) => JSON.stringify(body);

  it.each([
    [
      401,
      'repeatable',
      json({ code: 'incorrect_password', message: 'The provided password is invalid.' }),
      'auth_expired',
    ],
    [403, 'effect', json({ code: 'rest_cannot_publish', message: 'Sorry, you are not allowed.' }), 'rejected'],
    [
      400,
      'repeatable',
      json({
        code: 'rest_invalid_param',
        message: 'Invalid parameter(s): status',
        data: { status: 400, details: { status: { code: 'rest_forbidden_status', data: { status: 401 } } } },
      }),
      'auth_expired',
    ],
    [400, 'effect', json({ code: 'rest_invalid_param', message: 'Invalid parameter(s): slug' }), 'rejected'],
    [409, 'effect', json({ code: 'comment_duplicate', message: 'Duplicate comment detected' }), 'rejected'],
    [500, 'effect', '<h1>There has been a critical error on this website.</h1>', 'unavailable'],
    [502, 'effect', '<h1>Bad gateway</h1>', 'unknown_outcome'],
    [502, 'repeatable', '<h1>Bad gateway</h1>', 'unavailable'],
  ] as const)('%i (%s) → %s', (status, kind, text, code) => {
    expect(toHttpError(status, none, text, kind)).toMatchObject({ code, network: 'wordpress' });
  });
});

describe('toCommentWords', () => {
  // What Rostra sent (through toHtml) against what WordPress shows back, context=view or a filtered raw.
  it.each([
    ["L'hôtel de ville -- ouvert...", '<p>L&#8217;hôtel de ville &#8212; ouvert&#8230;</p>\n'],
    ['Voir https://lyon.fr !', '<p>Voir <a href="https://lyon.fr" rel="nofollow ugc">https://lyon.fr</a> !</p>'],
    ['<b>gras</b> & "cité"', '&lt;b&gt;gras&lt;/b&gt; &amp; &#8220;cité&#8221;'],
    ['Ligne\nsuite', 'Ligne<br />\nsuite'],
  ])('%j reads as %j', (text, shown) => {
    expect(toCommentWords(toHtml(text))).toBe(toCommentWords(shown));
  });

  it('tells different words apart', () => {
    expect(toCommentWords(toHtml('Rendez-vous à 18 h'))).not.toBe(toCommentWords('<p>Rendez-vous à 19 h</p>'));
  });
});
