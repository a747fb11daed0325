import { describe, expect, it } from 'vitest';
import {
  foldVariableName,
  parseTemplate,
  renderSavedReply,
  splitName,
  validateSavedReply,
  type ReplyLengthRule,
  type ReplyValues,
} from './saved-replies.js';

const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });
/** Bluesky's rule: 300 graphemes. */
const BLUESKY: ReplyLengthRule = { maxLength: () => 300, count: (text) => [...graphemes.segment(text)].length };
/**
 * Mastodon's shape as a connector's thread support has it (options the connector may read): 500 characters, a link
 * counts 23. Assigning it checks that a connector's `ThreadSupport` fits `ReplyLengthRule` as it is.
 */
const MASTODON: ReplyLengthRule = {
  maxLength: (_options?: Record<string, unknown>) => 500,
  count: (text: string, _options?: Record<string, unknown>) =>
    [...text.replace(/https?:\/\/\S+/gu, 'x'.repeat(23))].length,
};

const CAMILLE: ReplyValues = {
  author: { name: 'Camille Martin', handle: 'camille.bsky.social' },
  network: 'Bluesky',
  signature: 'Claire, pour la mairie',
  organisation: 'Mairie de Lyon',
};

describe('parseTemplate', () => {
  it('reads French names, English aliases, accents and case alike', () => {
    const { parts, issues } = parseTemplate(
      '{prénom} {Prenom} {first_name} {FIRST NAME} {nom} {last-name} {lien} {URL} {réseau} {reseau} {network}',
    );
    expect(issues).toEqual([]);
    expect(parts.filter((p) => p.type === 'variable').map((p) => p.type === 'variable' && p.variable)).toEqual([
      'first_name',
      'first_name',
      'first_name',
      'first_name',
      'last_name',
      'last_name',
      'link',
      'link',
      'network',
      'network',
      'network',
    ]);
  });

  it('writes braces doubled as braces', () => {
    expect(parseTemplate('{{prénom}} et }} {{').parts).toEqual([{ type: 'text', text: '{prénom} et } {' }]);
  });

  it.each([
    [
      'an unknown variable, with its line and column',
      'Bonjour {prénom},\nmerci {pour} votre message.',
      [['saved_reply_unknown_variable', { variable: 'pour', line: 2, column: 7, index: 24, length: 6 }]],
    ],
    [
      'an empty variable',
      'Bonjour {} !',
      [['saved_reply_unknown_variable', { variable: '', line: 1, column: 9, index: 8, length: 2 }]],
    ],
    [
      'a brace never closed on its line',
      'Bonjour {prénom\n} et {lien}',
      [['saved_reply_unclosed_variable', { variable: '', line: 1, column: 9, index: 8, length: 1 }]],
    ],
    [
      'several mistakes, in order',
      '{prenon} {lien} {nom',
      [
        ['saved_reply_unknown_variable', { variable: 'prenon', line: 1, column: 1, index: 0, length: 8 }],
        ['saved_reply_unclosed_variable', { variable: '', line: 1, column: 17, index: 16, length: 1 }],
      ],
    ],
  ])('names %s', (_name, text, expected) => {
    expect(parseTemplate(text).issues.map((i) => [i.code, i.params])).toEqual(expected);
  });

  it('folds variable names', () => {
    expect(foldVariableName(' Réseau ')).toBe('reseau');
    expect(foldVariableName('Nom-Complet')).toBe('nom_complet');
  });
});

describe('validateSavedReply', () => {
  it('accepts a good reply', () => {
    expect(
      validateSavedReply({
        name: 'Horaires',
        text: 'Bonjour {prénom}, nos horaires : {lien}',
        link: 'https://mairie.fr/horaires',
      }),
    ).toEqual([]);
  });

  it('refuses a missing name, an empty text, a link that is not one and unknown variables', () => {
    expect(validateSavedReply({ name: ' ', text: '  ', link: 'mairie.fr' }).map((i) => [i.path, i.code])).toEqual([
      ['name', 'required'],
      ['text', 'required'],
      ['link', 'invalid_format'],
    ]);
    expect(
      validateSavedReply({ name: 'x'.repeat(101), text: `{prenon} ${'a'.repeat(5000)}`, link: null }).map((i) => [
        i.path,
        i.code,
      ]),
    ).toEqual([
      ['name', 'too_long'],
      ['text', 'too_long'],
      ['text', 'saved_reply_unknown_variable'],
    ]);
  });
});

describe('renderSavedReply', () => {
  const reply = {
    text: 'Bonjour {prénom} {nom},\nmerci pour votre message sur {réseau}. Tout est expliqué ici : {lien}\n{signature}',
    link: 'https://mairie.fr/piscine',
  };

  it('fills the variables with the author, the link and the network', () => {
    expect(renderSavedReply(reply, CAMILLE, BLUESKY)).toEqual({
      ok: true,
      text: 'Bonjour Camille Martin,\nmerci pour votre message sur Bluesky. Tout est expliqué ici : https://mairie.fr/piscine\nClaire, pour la mairie',
      length: 134,
      limit: 300,
    });
  });

  it.each([
    ['{pseudo}', CAMILLE, '@camille.bsky.social'],
    ['{handle}', { ...CAMILLE, author: { name: null, handle: '@lea' } }, '@lea'],
    ['{name} ({organization})', CAMILLE, 'Camille Martin (Mairie de Lyon)'],
    ['{lien}', { ...CAMILLE, link: 'https://mairie.fr/autre' }, 'https://mairie.fr/autre'],
    [
      '{prénom} / {nom}',
      { ...CAMILLE, author: { name: 'Jean-Pierre  de La Fontaine', handle: null } },
      'Jean-Pierre / de La Fontaine',
    ],
    ['{{prénom}} = {prénom}', CAMILLE, '{prénom} = Camille'],
  ])('%s → %s', (text, values, expected) => {
    expect(renderSavedReply({ text, link: 'https://mairie.fr/piscine' }, values, BLUESKY)).toMatchObject({
      ok: true,
      text: expected,
    });
  });

  it('refuses to send a variable without a value rather than « Bonjour , »', () => {
    const anonymous = { ...CAMILLE, author: { name: 'Camille', handle: null } };
    expect(renderSavedReply({ text: 'Bonjour {prénom} {nom} ({pseudo})', link: null }, anonymous, BLUESKY)).toEqual({
      ok: false,
      issues: [
        expect.objectContaining({
          code: 'saved_reply_missing_value',
          params: { variable: 'nom', line: 1, column: 18 },
        }),
        expect.objectContaining({
          code: 'saved_reply_missing_value',
          params: { variable: 'pseudo', line: 1, column: 25 },
        }),
      ],
    });
    expect(renderSavedReply({ text: '{lien}', link: null }, CAMILLE, BLUESKY)).toMatchObject({
      ok: false,
      issues: [{ code: 'saved_reply_missing_value', params: { variable: 'lien' } }],
    });
  });

  it('refuses a template with mistakes', () => {
    expect(renderSavedReply({ text: 'Bonjour {prenon}', link: null }, CAMILLE, BLUESKY)).toMatchObject({
      ok: false,
      issues: [{ code: 'saved_reply_unknown_variable' }],
    });
  });

  it('refuses an answer longer than the network takes, counted its way, before it is sent', () => {
    const filler = 'é'.repeat(290);
    expect(renderSavedReply({ text: `{prénom}, ${filler}`, link: null }, CAMILLE, BLUESKY)).toMatchObject({
      ok: true,
      length: 299,
    });
    expect(renderSavedReply({ text: `{nom_complet}, ${filler}`, link: null }, CAMILLE, BLUESKY)).toEqual({
      ok: false,
      issues: [
        expect.objectContaining({
          path: 'text',
          code: 'saved_reply_too_long',
          params: { count: 306, limit: 300, networkName: 'Bluesky' },
        }),
      ],
    });
  });

  it('counts as each network does: a long link is 23 characters on Mastodon', () => {
    const reply = { text: `{lien} ${'a'.repeat(470)}`, link: `https://mairie.fr/${'p'.repeat(182)}` };
    expect(renderSavedReply(reply, { ...CAMILLE, network: 'Mastodon' }, MASTODON)).toMatchObject({
      ok: true,
      length: 494,
      limit: 500,
    });
    expect(renderSavedReply(reply, CAMILLE, BLUESKY)).toMatchObject({
      ok: false,
      issues: [{ code: 'saved_reply_too_long', params: { count: 671 } }],
    });
  });
});

describe('splitName', () => {
  it.each([
    ['Camille Martin', { first: 'Camille', last: 'Martin' }],
    ['  Lou  ', { first: 'Lou', last: null }],
    ['', { first: null, last: null }],
  ])('%j', (name, expected) => {
    expect(splitName(name)).toEqual(expected);
  });
  it('has nothing to split without a name', () => {
    expect(splitName(null)).toEqual({ first: null, last: null });
  });
});
