import { describe, expect, it } from 'vitest';
import { normaliseMentionText, normaliseMentionTitle } from './normalise.js';
import {
  computeFingerprint,
  isNearDuplicate,
  measureHammingDistance,
  NEAR_DUPLICATE_MAX_DISTANCE,
} from './fingerprint.js';
import { chooseLanguage, readDeclaredLanguage } from './language.js';
import { computeShareOfVoice, extractTerms, findTrending } from './trending.js';

describe('normaliseMentionText', () => {
  it.each([
    ['  Bonjour\t\u00a0 à   tous  ', 'Bonjour à tous'],
    ['a\r\nb\rc', 'a\nb\nc'],
    ['un\n\n\n\ndeux', 'un\n\ndeux'],
    ['e\u0301te\u0301', 'été'],
    ['bell\u0007e\u202eévil\ufeff', 'belleévil'],
  ])('%j → %j', (input, output) => {
    expect(normaliseMentionText(input)).toBe(output);
  });

  it('caps long texts without splitting an emoji', () => {
    const text = `${'a'.repeat(8)}😀😀`;
    const capped = normaliseMentionText(text, 10);
    expect(capped.length).toBeLessThanOrEqual(10);
    expect(capped.endsWith('…')).toBe(true);
    expect(capped).not.toMatch(/[\ud800-\udbff]…$/);
  });

  it('turns an empty title into null and keeps titles on one line', () => {
    expect(normaliseMentionTitle('  \n ')).toBeNull();
    expect(normaliseMentionTitle('Une\n\nDeux')).toBe('Une Deux');
  });
});

/** An agency dispatch as news sites syndicate it (about 90 words). */
const DISPATCH =
  'La métropole de Lyon a présenté jeudi son plan vélo pour les cinq prochaines années. Trois nouvelles pistes ' +
  'cyclables seront ouvertes sur les quais du Rhône à partir du mois de mars, et le réseau de stations de location ' +
  "sera doublé d'ici la fin de l'année prochaine. Le budget total atteint quatre millions d'euros, financé à parts " +
  'égales par la métropole et la région. Les associations de cyclistes saluent une avancée mais réclament davantage ' +
  'de sécurité aux carrefours, où se produisent la plupart des accidents.';

describe('near-duplicate fingerprint', () => {
  it('finds syndicated copies (case, a credit line, a lead-in) within the threshold', () => {
    const original = computeFingerprint(DISPATCH)!;
    for (const copy of [`${DISPATCH.toUpperCase()} (AFP)`, `Info : ${DISPATCH}`, `Lyon : ${DISPATCH} (avec AFP)`]) {
      expect(measureHammingDistance(original.simhash, computeFingerprint(copy)!.simhash)).toBeLessThanOrEqual(
        NEAR_DUPLICATE_MAX_DISTANCE,
      );
    }
  });

  it('keeps a story with other facts apart', () => {
    const other = DISPATCH.replace('Lyon', 'Paris').replace('mars', 'mai').replace('quatre', 'dix');
    expect(isNearDuplicate(computeFingerprint(DISPATCH)!.simhash, computeFingerprint(other)!.simhash)).toBe(false);
  });

  it('keeps different texts apart, and near ones share a band', () => {
    const a = computeFingerprint(DISPATCH)!;
    const b = computeFingerprint(
      'Le conseil municipal a voté hier soir la rénovation complète de la piscine olympique, fermée depuis deux ans pour travaux.',
    )!;
    expect(measureHammingDistance(a.simhash, b.simhash)).toBeGreaterThan(NEAR_DUPLICATE_MAX_DISTANCE);
    const c = computeFingerprint(`${DISPATCH} Source : Le Progrès`)!;
    if (isNearDuplicate(a.simhash, c.simhash)) expect(a.bands.some((band, i) => band === c.bands[i])).toBe(true);
  });

  it('gives short texts no fingerprint', () => {
    expect(computeFingerprint('Merci à tous !')).toBeNull();
  });
});

describe('chooseLanguage', () => {
  it.each([
    ['fr-FR', 'Hello there, this is clearly English text', { language: 'fr', how: 'declared' }],
    ['ENG', 'x', { language: 'en', how: 'declared' }],
    [
      null,
      'Les habitants du quartier se plaignent du bruit des travaux depuis des semaines.',
      { language: 'fr', how: 'detected' },
    ],
    [
      'und',
      'The residents have been complaining about the noise of the roadworks for weeks.',
      { language: 'en', how: 'detected' },
    ],
    [null, 'Top ! 👍 @mairie https://t.co/abcdefghijkl', { language: 'und', how: 'unknown' }],
    // Without French or English function words, the trigram profiles decide.
    [
      null,
      'Los vecinos del barrio se quejan del ruido de las obras desde hace semanas.',
      { language: 'es', how: 'detected' },
    ],
    [
      null,
      'Die Anwohner beschweren sich seit Wochen über den Lärm der Bauarbeiten.',
      { language: 'de', how: 'detected' },
    ],
    // Two words only French uses, or an elision only French writes, are enough.
    [null, "J'ai vu cette exposition au musée hier soir", { language: 'fr', how: 'detected' }],
    // French function words that are words elsewhere too ("du", "des" in German; "mais", "tu" in Portuguese)
    // do not make a text French.
    [null, 'Hast du das Buch des Lehrers gelesen? Wir fahren morgen nach Berlin.', { language: 'de', how: 'detected' }],
    [null, 'Tu sabes que mais de mil pessoas vieram ao concerto na praia ontem.', { language: 'pt', how: 'detected' }],
    // French words in an English sentence (or the reverse) are not enough to skip the comparison.
    [
      null,
      "The mayor's 'pour les enfants' plan for the schools was voted tonight.",
      { language: 'en', how: 'detected' },
    ],
  ])('%s + %j', (declared, text, expected) => {
    expect(chooseLanguage(declared, text)).toEqual(expected);
  });

  it('reads only language tags', () => {
    expect(readDeclaredLanguage('pt-BR')).toBe('pt');
    expect(readDeclaredLanguage('x-private')).toBeUndefined();
    expect(readDeclaredLanguage('')).toBeUndefined();
  });
});

describe('trending terms and share of voice', () => {
  it('drops stop words, numbers and elisions', () => {
    expect(extractTerms("L'école de la République est fermée, 2024 c'est fini")).toEqual([
      'ecole',
      'republique',
      'fermee',
      'fini',
    ]);
  });

  it('ranks what rises over what was always there', () => {
    const previous = Array.from({ length: 10 }, () => ({ text: 'travaux tramway centre' }));
    const current = [
      ...Array.from({ length: 10 }, () => ({ text: 'travaux tramway centre' })),
      ...Array.from({ length: 5 }, () => ({ text: 'inondation quartier gare #crue', hashtags: ['Crue'] })),
    ];
    const { terms, hashtags } = findTrending({ current, previous, limit: 3 });
    expect(terms[0]?.term).toMatch(/inondation|quartier|gare/);
    expect(terms.find((t) => t.term === 'travaux')?.score ?? 0).toBeLessThan(terms[0]!.score);
    expect(hashtags).toEqual([{ term: 'crue', count: 5, previousCount: 0, score: 5 }]);
  });

  it('shares voice between brand and competitors only, by mentions and by reach', () => {
    const shares = computeShareOfVoice([
      { topicId: 'ville', group: 'brand', mentions: 30, reach: 1000 },
      { topicId: 'voisine', group: 'competitor', mentions: 10, reach: 3000 },
      { topicId: 'secteur', group: 'sector', mentions: 500, reach: 9000 },
    ]);
    expect(shares.map((s) => [s.topicId, s.shareOfMentions, s.shareOfReach])).toEqual([
      ['ville', 0.75, 0.25],
      ['voisine', 0.25, 0.75],
    ]);
    expect(computeShareOfVoice([{ topicId: 'v', group: 'brand', mentions: 0, reach: 0 }])[0]?.shareOfReach).toBe(0);
  });
});
