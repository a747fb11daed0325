import { describe, expect, it } from 'vitest';
import { tokenizePostText, type TextToken } from './text-tokens';

const text = (value: string): TextToken => ({ kind: 'text', value });
const link = (value: string): TextToken => ({ kind: 'link', value });
const hashtag = (value: string): TextToken => ({ kind: 'hashtag', value });
const mention = (value: string): TextToken => ({ kind: 'mention', value });

describe('tokenizePostText', () => {
  it.each<[string, TextToken[]]>([
    ['', []],
    ['Bonjour à tous', [text('Bonjour à tous')]],
    [
      'Programme : https://villeneuve.fr/agenda?mois=12#sorties.',
      [text('Programme : '), link('https://villeneuve.fr/agenda?mois=12#sorties'), text('.')],
    ],
    ['(voir https://example.org)', [text('(voir '), link('https://example.org'), text(')')]],
    ['#Fête de la #musique2026 !', [hashtag('#Fête'), text(' de la '), hashtag('#musique2026'), text(' !')]],
    ['Rendez-vous #1 et C#', [text('Rendez-vous #1 et C#')]],
    ['Merci @mairie.bsky.social.', [text('Merci '), mention('@mairie.bsky.social'), text('.')]],
    ['écrire à contact@mairie.fr', [text('écrire à contact@mairie.fr')]],
    [
      'Avec @office@mastodon.social et @mairie.bsky.social !',
      [text('Avec '), mention('@office@mastodon.social'), text(' et '), mention('@mairie.bsky.social'), text(' !')],
    ],
    ['Merci @mairie@piaille.fr.', [text('Merci '), mention('@mairie@piaille.fr'), text('.')]],
    ['@mairie@ seul', [mention('@mairie'), text('@ seul')]],
    ['https:// seul', [text('https:// seul')]],
    ['<b>gras</b> &amp; #tag', [text('<b>gras</b> &amp; '), hashtag('#tag')]],
  ])('%j', (input, expected) => {
    expect(tokenizePostText(input)).toEqual(expected);
  });

  it('keeps every character, in order', () => {
    const input = 'Le #marché de Noël ouvre samedi 🎄 https://villeneuve.fr/noel avec @office.tourisme !';
    expect(
      tokenizePostText(input)
        .map((token) => token.value)
        .join(''),
    ).toBe(input);
  });
});
