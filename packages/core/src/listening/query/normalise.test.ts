import { describe, expect, it } from 'vitest';
import {
  extractHandles,
  extractHashtags,
  extractHost,
  foldWord,
  scanText,
  listDomainSuffixes,
  splitQueryWords,
  foldKeepingLigatures,
} from './normalise.js';

function listWords(text: string): Array<[string, string]> {
  const words: Array<[string, string]> = [];
  scanText(text, { word: (raw, folded) => words.push([raw, folded]) });
  return words;
}

describe('foldWord', () => {
  it.each([
    ['Réseaux', 'reseaux'],
    ['ÉCOLE', 'ecole'],
    ['Garçon', 'garcon'],
    ['Œuvre', 'oeuvre'],
    ['cœur', 'coeur'],
    ['Lætitia', 'laetitia'],
    ['Straße', 'strasse'],
    ['e\u0301cole', 'ecole'],
    ['ﬁnance', 'finance'],
    ['aujourd’hui', "aujourd'hui"],
    ['aujourd´hui', "aujourd'hui"],
    ['AUJOURD`HUI', "aujourd'hui"],
    ['aujourd′hui', "aujourd'hui"],
    ['МОСКВА', 'москва'],
    ['ΟΔΟΣ', 'οδοσ'],
    ['2026', '2026'],
  ])('%s → %s', (word, folded) => {
    expect(foldWord(word)).toBe(folded);
  });
});

describe('foldKeepingLigatures', () => {
  it.each([
    ['CŒUR', 'cœur'],
    ['Lætitia', 'lætitia'],
    ['Straße', 'straße'],
    ['cœur´s', "cœur's"],
  ])('%s → %s', (word, folded) => {
    expect(foldKeepingLigatures(word)).toBe(folded);
  });

  it('leaves other words alone', () => {
    expect(foldKeepingLigatures('coeur')).toBeUndefined();
  });
});

describe('scanText', () => {
  it.each([
    ['Les réseaux sociaux', ['les', 'reseaux', 'sociaux']],
    ["l'école", ['ecole']],
    ['L’ÉCOLE publique', ['ecole', 'publique']],
    ["qu'il jusqu'à lorsqu’on puisqu'elle quoiqu'ils", ['il', 'a', 'on', 'elle', 'ils']],
    ["d'Artagnan n'est c'est m'a t'as s'il j'ai", ['artagnan', 'est', 'est', 'a', 'as', 'il', 'ai']],
    ['aujourd’hui', ["aujourd'hui"]],
    ["it's", ["it's"]],
    ['Saint-Étienne', ['saint', 'etienne']],
    ['Ho-Chi-Minh-Ville', ['ho', 'chi', 'minh', 'ville']],
    ['vélo🚲électrique !!', ['velo', 'electrique']],
    ['l´école l`école l′école', ['ecole', 'ecole', 'ecole']],
    ['#Lyon @MairieDeLyon', ['lyon', 'mairiedelyon']],
    ['covid-19, 3,5 %', ['covid', '19', '3', '5']],
    ['mairie_de_lyon', ['mairie', 'de', 'lyon']],
    ["'citation' l'", ['citation', 'l']],
  ])('%s', (text, folded) => {
    expect(listWords(text).map(([, f]) => f)).toEqual(folded);
  });

  it('keeps the written form beside the folded one, elision removed', () => {
    expect(listWords('L’École')).toEqual([['École', 'ecole']]);
  });
});

describe('splitQueryWords', () => {
  it('cuts like scanText, keeps wildcards and where each word starts', () => {
    expect(splitQueryWords("l'éco* r?seau 🚲")).toEqual([
      { text: 'éco*', offset: 2, symbol: false },
      { text: 'r?seau', offset: 7, symbol: false },
      { text: '🚲', offset: 14, symbol: true },
    ]);
  });
});

describe('extractHashtags and extractHandles', () => {
  it.each([
    ['Bravo #Lyon et #Écologie!', ['lyon', 'ecologie']],
    ['#Municipales2026 #mairie_lyon', ['municipales2026', 'mairie_lyon']],
    ['C#, 3#, &#39;', []],
    ['＃全角', ['全角']],
  ])('hashtags of %s', (text, tags) => {
    expect(extractHashtags(text)).toEqual(tags);
  });

  it.each([
    ['merci @MairieDeLyon !', ['mairiedelyon']],
    ['cc @lemonde.bsky.social.', ['lemonde.bsky.social']],
    ['contact@mairie-lyon.fr', []],
    ['@a_b et @c-d', ['a_b', 'c-d']],
  ])('handles of %s', (text, handles) => {
    expect(extractHandles(text)).toEqual(handles);
  });
});

describe('extractHost and listDomainSuffixes', () => {
  it.each([
    ['https://www.LeMonde.fr/politique/article?x=1', 'www.lemonde.fr'],
    ['http://user:pw@lemonde.fr:8080/x', 'lemonde.fr'],
    ['lemonde.fr/politique', 'lemonde.fr'],
    ['//cdn.lemonde.fr', 'cdn.lemonde.fr'],
    ['https://lemonde.fr.', 'lemonde.fr'],
  ])('%s → %s', (url, host) => {
    expect(extractHost(url)).toBe(host);
  });

  it('lists the domain and every parent', () => {
    expect(listDomainSuffixes('www.lemonde.fr')).toEqual(['www.lemonde.fr', 'lemonde.fr', 'fr']);
    expect(listDomainSuffixes('localhost')).toEqual(['localhost']);
    expect(listDomainSuffixes('')).toEqual([]);
  });
});

describe('scanText agrees with the regular expressions that define it', () => {
  // The definitions the hand-written scanner implements, too slow to run on every post. L is \p{L} but for
  // ʼ (U+02BC), a modifier letter to Unicode and an apostrophe to the scanner.
  const L = '(?:(?!ʼ)\\p{L})';
  const WORD = new RegExp(
    `(?:${L}|\\p{N})(?:${L}|[\\p{N}\\p{M}])*(?:['’ʼ‘´\`′](?:${L}|\\p{N})(?:${L}|[\\p{N}\\p{M}])*)*`,
    'gu',
  );
  const HASHTAG = new RegExp(`(?<!${L}|[\\p{N}\\p{M}_&])[#＃]((?:${L}|[\\p{N}_])(?:${L}|[\\p{N}\\p{M}_])*)`, 'gu');
  const HANDLE = new RegExp(
    `(?<!${L}|[\\p{N}\\p{M}_.@])@((?:${L}|[\\p{N}_])(?:(?:${L}|[\\p{N}\\p{M}_.-])*(?:${L}|[\\p{N}\\p{M}_]))?)`,
    'gu',
  );
  const ELIDED = new Set(['c', 'd', 'j', 'l', 'm', 'n', 's', 't', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']);
  const PIECES = [
    'a',
    'B',
    'é',
    'É',
    'œ',
    'ß',
    'ı',
    'Σ',
    'ж',
    '中',
    '1',
    'l',
    'd',
    'qu',
    'L',
    'jusqu',
    '\u0301',
    '\uFE0F',
    '🚲',
    '€',
    '\u{1F3FB}',
    '𝔵',
    "'",
    '’',
    'ʼ',
    '´',
    '`',
    '′',
    '-',
    '_',
    ' ',
    ' ',
    ',',
    '.',
    '#',
    '＃',
    '@',
    '&',
    '*',
    '?',
    '\n',
    '\u00a0',
  ];

  function referenceWords(text: string): string[] {
    return Array.from(text.matchAll(WORD), ([word]) => {
      const apostrophe = word.search(/['’ʼ‘´`′]/);
      return apostrophe > 0 && ELIDED.has(word.slice(0, apostrophe).toLowerCase()) ? word.slice(apostrophe + 1) : word;
    });
  }

  it('on 5,000 random strings', () => {
    let state = 42;
    const nextIndex = (n: number) => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state >>> 8) % n;
    };
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: 1 + nextIndex(24) }, () => PIECES[nextIndex(PIECES.length)]).join('');
      const words: string[] = [];
      const tags: string[] = [];
      const handles: string[] = [];
      const symbols: string[] = [];
      scanText(text, {
        word: (raw) => words.push(raw),
        hashtag: (tag) => tags.push(tag),
        handle: (handle) => handles.push(handle),
        symbol: (symbol) => symbols.push(symbol),
      });
      expect(symbols, JSON.stringify(text)).toEqual(text.match(/[\p{So}\p{Sc}]/gu) ?? []);
      expect(words, JSON.stringify(text)).toEqual(referenceWords(text));
      expect(tags, JSON.stringify(text)).toEqual(Array.from(text.matchAll(HASHTAG), (m) => foldWord(m[1] as string)));
      expect(handles, JSON.stringify(text)).toEqual(
        Array.from(text.matchAll(HANDLE), (m) => (m[1] as string).toLowerCase()),
      );
    }
  });
});
