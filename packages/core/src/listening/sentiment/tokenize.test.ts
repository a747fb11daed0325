import { describe, expect, it } from 'vitest';
import { shortenElongation, tokenize } from './tokenize.js';

const show = (text: string) => tokenize(text).map((t) => (t.kind === 'word' ? t.text : `${t.text}/${t.kind}`));

describe('tokenize', () => {
  it.each([
    ["Ce n'est pas terrible", ['ce', "n'", 'est', 'pas', 'terrible']],
    ['Élégant, ÇA MARCHE', ['elegant', ',/punct', 'ca', 'marche']],
    ['C’est trooop bien', ["c'", 'est', 'trop', 'bien']],
    ['Voir http://x.co/a?b=1 et www.rostra.fr', ['voir', 'http/url', 'et', 'http/url']],
    ['@Marie_L merci', ['@user/user', 'merci']],
    ['#Ecologie au top', ['ecologie', 'au', 'top']],
    ['Vraiment ?!!! …', ['vraiment', '?/punct', '!/punct', './punct']],
    ['😍😍 👍🏽 ❤️', ['😍/emoji', '😍/emoji', '👍/emoji', '❤/emoji']],
    [
      ':) :-( ;) ^^ xD :D &lt;3',
      [':)/emoticon', ':(/emoticon', ';)/emoticon', '^^/emoticon', 'xd/emoticon', ':d/emoticon', '<3/emoticon'],
    ],
    ['Rdv à 12:30 :pas un smiley', ['rdv', 'a', '0', ':/punct', '0', ':/punct', 'pas', 'un', 'smiley']],
    ["I don't like it", ['i', 'do', "n't", 'like', 'it']],
    ["aujourd'hui jusqu'à 2024", ["aujourd'hui", "jusqu'", 'a', '0']],
    ['Ho-Chi-Minh &amp; cœur', ['ho', 'chi', 'minh', 'coeur']],
    ['', []],
  ])('%s', (text, expected) => {
    expect(show(text)).toEqual(expected);
  });

  it('flags elongated words', () => {
    expect(tokenize('nooooon trop').map((t) => t.elongated)).toEqual([true, false]);
  });

  it.each([
    ['trooop', 'trop'],
    ['nooooon', 'non'],
    ['belle', 'belle'],
    ['cool', 'cool'],
    ['mdrrrr', 'mdr'],
  ])('shortens %s to %s', (word, expected) => {
    expect(shortenElongation(word)).toBe(expected);
  });
});
