// Every rule a charter finding may name has a sentence in French and in English, with the same placeholders, that
// renders with a finding's params into words (no rule id, no leftover {{…}}).
import { CHARTER_LEVELS, CHARTER_RULES, charterSchema, checkCharter } from '@rostra/core';
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import fr from '../../i18n/fr.json';
import { describeFinding } from './charter-messages';

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
}

const CHARTER = charterSchema.parse({
  wordsToAvoid: [{ word: 'administré', replacement: 'habitant', level: 'blocking' }],
  forbiddenTopics: [{ topic: 'Politique', terms: ['présidentielle'], level: 'blocking' }],
  networks: [
    {
      network: 'facebook',
      imageRequired: { level: 'warning' },
      questionRequired: { level: 'advice' },
      maxHashtags: { level: 'warning', max: 1 },
      maxEmoji: { level: 'advice', max: 1 },
    },
    { network: 'linkedin', maxEmoji: { level: 'warning', max: 0 } },
  ],
  accessibility: {
    altTextRequired: { level: 'blocking' },
    camelCaseHashtags: { level: 'advice', minLength: 5 },
    noAllCaps: { level: 'warning', minWords: 3 },
    maxEmoji: { level: 'advice', max: 1 },
  },
  links: { utmRequired: { level: 'warning' } },
});

/** One post per channel that breaks every rule between them (point médian rules by two more charters). */
function everyFinding() {
  const text = 'URGENT POUR LES ADMINISTRÉS : la présidentielle 🎉🎉 #villedelyon #deux https://ville.fr';
  const media = [{ kind: 'image' as const, alt: '' }];
  const findings = [
    ...checkCharter(CHARTER, [
      { channelId: 'fb', network: 'facebook', text, media: [] },
      { channelId: 'li', network: 'linkedin', text, media },
    ]),
    ...checkCharter(charterSchema.parse({ inclusiveWriting: { policy: 'forbidden', level: 'advice' } }), [
      { channelId: 'a', network: 'bluesky', text: 'Les citoyen·nes', media: [] },
    ]),
    ...checkCharter(charterSchema.parse({ inclusiveWriting: { policy: 'required', level: 'advice' } }), [
      { channelId: 'b', network: 'bluesky', text: 'Les citoyens', media: [] },
    ]),
  ];
  return findings;
}

describe('charter findings in French and English', () => {
  it('has a sentence for every rule and level, with the same placeholders in both languages', () => {
    for (const rule of CHARTER_RULES) {
      const frText = (fr.charter.rules as Record<string, string>)[rule];
      const enText = (en.charter.rules as Record<string, string>)[rule];
      expect(frText, `fr charter.rules.${rule}`).toBeTruthy();
      expect(enText, `en charter.rules.${rule}`).toBeTruthy();
      expect(placeholders(frText ?? ''), rule).toEqual(placeholders(enText ?? ''));
    }
    for (const level of CHARTER_LEVELS) {
      expect((fr.charter.findingsTitle as Record<string, string>)[level]).toBeTruthy();
      expect((en.charter.findingsTitle as Record<string, string>)[level]).toBeTruthy();
      expect((fr.charter.levels as Record<string, string>)[level]).toBeTruthy();
      expect((en.charter.levels as Record<string, string>)[level]).toBeTruthy();
    }
  });

  it.each(['fr', 'en'] as const)('renders every rule a post can break as words (%s)', async (language) => {
    const i18n = createInstance();
    await i18n.init({
      lng: language,
      resources: { fr: { translation: fr }, en: { translation: en } },
      interpolation: { escapeValue: false },
    });
    const findings = everyFinding();
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(CHARTER_RULES));
    for (const finding of findings) {
      const sentence = describeFinding(i18n.t, finding);
      expect(sentence, finding.rule).not.toMatch(/\{\{|charter\.rules/);
      expect(sentence).not.toContain(finding.rule);
    }
    const word = findings.find((f) => f.rule === 'word_to_avoid');
    expect(describeFinding(i18n.t, word!)).toContain('ADMINISTRÉS');
    const network = findings.find((f) => f.rule === 'image_required');
    expect(describeFinding(i18n.t, network!)).toContain('Facebook');
  });
});
