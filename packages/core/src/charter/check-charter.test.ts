// The charter's rules as a table: a post (text, network, media) and the findings expected, each with the text it
// points at and the suggested fix. French texts first, since the rules are written for French teams.
import { describe, expect, it } from 'vitest';
import { charterSchema, EMPTY_CHARTER, type CharterInput } from './charter.js';
import { checkCharter } from './check-charter.js';
import type { CharterMediaInput } from './findings.js';

const CHARTER = charterSchema.parse({
  tone: 'Chaleureux, précis, jamais familier.',
  wordsToAvoid: [
    { word: 'administré', replacement: 'habitant', level: 'blocking', explanation: 'On parle à des habitants.' },
    { word: "l'usager", replacement: "l'habitant", level: 'warning' },
    { word: 'mise en exergue', replacement: 'mise en avant', level: 'advice' },
    { word: 'impactant', replacement: '', level: 'warning' },
  ],
  forbiddenTopics: [{ topic: 'Politique nationale', terms: ['présidentielle', 'parti politique'], level: 'blocking' }],
  networks: [
    {
      network: 'facebook',
      imageRequired: { level: 'warning' },
      questionRequired: { level: 'advice' },
      maxHashtags: { level: 'warning', max: 2 },
    },
    { network: 'linkedin', maxEmoji: { level: 'warning', max: 0 } },
    { network: 'mastodon', maxEmoji: { level: 'advice', max: 2 } },
  ],
  accessibility: {
    altTextRequired: { level: 'blocking' },
    camelCaseHashtags: { level: 'advice', minLength: 8, known: ['#MaVille', 'ConseilMunicipal'] },
    noAllCaps: { level: 'warning', minWords: 3 },
    maxEmoji: { level: 'advice', max: 3 },
  },
  links: { utmRequired: { level: 'warning', exemptHosts: ['service-public.fr'], medium: 'social', campaign: 'ete' } },
});

const IMAGE: CharterMediaInput = { kind: 'image', alt: 'Le marché couvert' };
const NO_ALT: CharterMediaInput = { kind: 'image', alt: ' ' };
const VIDEO: CharterMediaInput = { kind: 'video', alt: '' };

interface Row {
  name: string;
  text: string;
  network?: string;
  media?: CharterMediaInput[];
  /** Replaces parts of CHARTER for this row. */
  charter?: CharterInput;
  /** rule, level, the text the finding points at (or null), the fix (or null). */
  expected: Array<[string, string, string | null, string | null]>;
}

const ROWS: Row[] = [
  { name: 'a clean post', text: 'Le marché de Noël ouvre samedi place Bellecour.', expected: [] },
  {
    name: 'a word to avoid, with its replacement',
    text: 'Chers administré, venez nombreux.',
    expected: [['word_to_avoid', 'blocking', 'administré', 'habitant']],
  },
  {
    name: 'its plural keeps the plural',
    text: 'Les administrés sont invités au conseil.',
    expected: [['word_to_avoid', 'blocking', 'administrés', 'habitants']],
  },
  {
    name: 'accents and case aside, capitalised fix',
    text: 'ADMINISTRE du quartier : merci !',
    expected: [['word_to_avoid', 'blocking', 'ADMINISTRE', 'HABITANT']],
  },
  {
    name: 'the feminine is another word',
    text: 'Administrée depuis 1990, la ville change.',
    expected: [],
  },
  {
    name: 'the word used as an adjective is still the word',
    text: 'Les services administrés par la métropole.',
    expected: [['word_to_avoid', 'blocking', 'administrés', 'habitants']],
  },
  {
    name: 'no match inside a longer word',
    text: "L'administration répond aux questions.",
    expected: [],
  },
  {
    name: "after an elision (d')",
    text: "Le rôle d'administré n'existe pas.",
    expected: [['word_to_avoid', 'blocking', 'administré', 'habitant']],
  },
  {
    name: 'apostrophe variants: typographic ’ matches a typed straight one',
    text: 'Le guichet de l’usager ouvre lundi.',
    expected: [['word_to_avoid', 'warning', 'l’usager', "l'habitant"]],
  },
  {
    name: 'apostrophe variant ´',
    text: 'Pensez à l´usager avant tout.',
    expected: [['word_to_avoid', 'warning', 'l´usager', "l'habitant"]],
  },
  {
    name: 'an expression across a line break',
    text: 'La mise en\nexergue du patrimoine.',
    expected: [['word_to_avoid', 'advice', 'mise en\nexergue', 'mise en avant']],
  },
  {
    name: 'a word to avoid without replacement has no fix',
    text: 'Un projet très impactant pour le centre.',
    expected: [['word_to_avoid', 'warning', 'impactant', null]],
  },
  {
    name: 'a forbidden topic, accent aside',
    text: 'Nos pronostics pour la presidentielle !',
    expected: [['forbidden_topic', 'blocking', 'presidentielle', null]],
  },
  {
    name: 'a forbidden expression',
    text: 'Réunion du Parti politique local ce soir.',
    expected: [['forbidden_topic', 'blocking', 'Parti politique', null]],
  },
  {
    name: 'a word in a link is not prose',
    text: 'Voir https://ville.fr/administre?utm_source=x&utm_medium=y&utm_campaign=z',
    expected: [],
  },
  {
    name: 'Facebook without an image nor a question',
    text: 'Le marché ouvre samedi.',
    network: 'facebook',
    expected: [
      ['image_required', 'warning', null, null],
      ['question_required', 'advice', null, null],
    ],
  },
  {
    name: 'Facebook with an image and a question',
    text: 'Vous venez au marché samedi ?',
    network: 'facebook',
    media: [IMAGE],
    expected: [],
  },
  {
    name: 'a video is not an image; a "?" in a link is no question',
    text: 'Le programme : https://service-public.fr/page?id=3',
    network: 'facebook',
    media: [VIDEO],
    expected: [
      ['image_required', 'warning', null, null],
      ['question_required', 'advice', null, null],
    ],
  },
  {
    name: 'too many hashtags on Facebook, pointing at the first one too many',
    text: 'Vous venez ? #Lyon #MaVille #Marché',
    network: 'facebook',
    media: [IMAGE],
    expected: [['too_many_hashtags', 'warning', '#Marché', null]],
  },
  {
    name: 'the network musts stay on their network',
    text: 'Le marché ouvre samedi. #Lyon #MaVille #Marché',
    network: 'bluesky',
    expected: [],
  },
  {
    name: 'no emoji on LinkedIn',
    text: 'Nous recrutons 🎉',
    network: 'linkedin',
    expected: [['network_emoji_forbidden', 'warning', '🎉', null]],
  },
  {
    name: 'three emoji on Mastodon (max 2), a family counts once',
    text: 'Fête des familles 👨‍👩‍👧 ☀️ 🎈',
    network: 'mastodon',
    expected: [['network_too_many_emoji', 'advice', '🎈', null]],
  },
  {
    name: 'more emoji than the accessibility rule allows',
    text: 'Bravo 🎉🎉🎉🎉 à toutes et tous',
    expected: [['too_many_emoji', 'advice', '🎉', null]],
  },
  {
    name: '© and ® are not emoji',
    text: 'Photo © Ville de Lyon, marque ®',
    expected: [],
  },
  {
    name: 'an image without alt text blocks; a video does not need one here',
    text: 'Le marché.',
    media: [IMAGE, NO_ALT, VIDEO],
    expected: [['alt_text_missing', 'blocking', null, null]],
  },
  {
    name: 'a lower-case known hashtag gets its CamelCase form',
    text: 'Rendez-vous #maville',
    expected: [['hashtag_camel_case', 'advice', '#maville', '#MaVille']],
  },
  {
    name: 'a long lower-case hashtag is flagged without fix; a short one is fine',
    text: 'Ce soir #conseilquartier et #lyon',
    expected: [['hashtag_camel_case', 'advice', '#conseilquartier', null]],
  },
  {
    name: 'known hashtag without "#" in the charter, and a page anchor is no hashtag',
    text: 'Suivez #conseilmunicipal sur ville.fr/page#conseilmunicipal',
    expected: [['hashtag_camel_case', 'advice', '#conseilmunicipal', '#ConseilMunicipal']],
  },
  {
    name: 'a sentence in capitals',
    text: 'ATTENTION TRAVAUX RUE VICTOR HUGO. Merci de votre patience.',
    expected: [['all_caps', 'warning', 'ATTENTION TRAVAUX RUE VICTOR HUGO', 'Attention travaux rue victor hugo']],
  },
  {
    name: 'acronyms and two words in capitals are fine',
    text: 'La SNCF et la RATP annoncent des travaux. GRAND MERCI.',
    expected: [],
  },
  {
    name: 'capitals with an elision and a one-letter word',
    text: "C'EST L'ÉTÉ À LYON !",
    expected: [['all_caps', 'warning', "C'EST L'ÉTÉ À LYON", "C'est l'été à lyon"]],
  },
  {
    name: 'a link without UTM parameters gets a tagged link',
    text: 'Inscriptions : https://ville.fr/inscription.',
    network: 'bluesky',
    expected: [
      [
        'utm_missing',
        'warning',
        'https://ville.fr/inscription',
        'https://ville.fr/inscription?utm_source=bluesky&utm_medium=social&utm_campaign=ete',
      ],
    ],
  },
  {
    name: 'a link missing one parameter keeps its own',
    text: '(https://ville.fr/a?utm_source=fb&utm_medium=post)',
    network: 'facebook',
    media: [IMAGE],
    charter: { networks: [] },
    expected: [
      [
        'utm_missing',
        'warning',
        'https://ville.fr/a?utm_source=fb&utm_medium=post',
        'https://ville.fr/a?utm_source=fb&utm_medium=post&utm_campaign=ete',
      ],
    ],
  },
  {
    name: 'an exempt host (and its subdomains) needs no UTM',
    text: 'Démarches : https://www.service-public.fr/particuliers et https://annuaire.service-public.fr',
    expected: [],
  },
  {
    name: 'no campaign to propose: no fix',
    text: 'https://ville.fr',
    charter: { links: { utmRequired: { level: 'blocking' } } },
    expected: [['utm_missing', 'blocking', 'https://ville.fr', null]],
  },
  {
    name: 'point médian forbidden: the doublet is proposed',
    text: 'Bienvenue aux citoyen·nes et aux habitant•es',
    charter: { inclusiveWriting: { policy: 'forbidden', level: 'warning' } },
    expected: [
      ['point_median_forbidden', 'warning', 'citoyen·nes', 'citoyennes et citoyens'],
      ['point_median_forbidden', 'warning', 'habitant•es', 'habitantes et habitants'],
    ],
  },
  {
    name: 'point médian required: a generic masculine plural gets its inclusive form',
    text: 'Les Citoyens et les élus se retrouvent.',
    charter: { inclusiveWriting: { policy: 'required', level: 'advice' } },
    expected: [
      ['point_median_required', 'advice', 'Citoyens', 'Citoyen·nes'],
      ['point_median_required', 'advice', 'élus', 'élu·es'],
    ],
  },
  {
    name: 'point médian required: the doublet or the inclusive form is enough',
    text: 'Citoyennes et citoyens, habitant·es : à vous !',
    charter: { inclusiveWriting: { policy: 'required', level: 'advice' } },
    expected: [],
  },
  {
    name: 'point médian allowed: nothing to say',
    text: 'Merci aux bénévoles et aux citoyen·nes.',
    expected: [],
  },
  {
    name: 'several rules in one post, in text order',
    text: 'URGENT TOUS LES ADMINISTRÉS : https://ville.fr #conseilquartier',
    network: 'mastodon',
    expected: [
      ['all_caps', 'warning', 'URGENT TOUS LES ADMINISTRÉS', 'Urgent tous les administrés'],
      ['word_to_avoid', 'blocking', 'ADMINISTRÉS', 'HABITANTS'],
      [
        'utm_missing',
        'warning',
        'https://ville.fr',
        'https://ville.fr?utm_source=mastodon&utm_medium=social&utm_campaign=ete',
      ],
      ['hashtag_camel_case', 'advice', '#conseilquartier', null],
    ],
  },
];

describe('checkCharter: posts × rules', () => {
  it('has a real table', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(ROWS)('$name', (row) => {
    const charter = row.charter ? charterSchema.parse({ ...CHARTER, ...row.charter }) : CHARTER;
    const findings = checkCharter(charter, [
      { channelId: 'c1', network: row.network ?? 'bluesky', text: row.text, media: row.media ?? [] },
    ]);
    const seen = findings.map((f) => [
      f.rule,
      f.level,
      f.range ? row.text.slice(f.range.start, f.range.end) : null,
      f.fix ?? null,
    ]);
    expect(seen).toEqual(row.expected);
    for (const finding of findings)
      expect(finding).toMatchObject({ channelId: 'c1', network: row.network ?? 'bluesky' });
  });
});

describe('checkCharter', () => {
  it('checks each channel with its own text and network', () => {
    const findings = checkCharter(CHARTER, [
      { channelId: 'fb', network: 'facebook', text: 'Des administrés ?', media: [IMAGE] },
      { channelId: 'bs', network: 'bluesky', text: 'Rien à signaler.', media: [] },
      { channelId: 'li', network: 'linkedin', text: 'Bravo 👏', media: [] },
    ]);
    expect(findings.map((f) => [f.channelId, f.rule])).toEqual([
      ['fb', 'word_to_avoid'],
      ['li', 'network_emoji_forbidden'],
    ]);
  });

  it('carries the explanation the charter gives', () => {
    const [finding] = checkCharter(CHARTER, [{ channelId: 'c', network: 'x', text: 'administré', media: [] }]);
    expect(finding?.explanation).toBe('On parle à des habitants.');
  });

  it('an empty charter finds nothing', () => {
    const text = 'URGENT TOUS LES ADMINISTRÉS 🎉🎉🎉🎉 https://ville.fr #conseilquartier';
    expect(checkCharter(EMPTY_CHARTER, [{ channelId: 'c', network: 'facebook', text, media: [NO_ALT] }])).toEqual([]);
  });

  it('refuses a charter with an unknown level or an empty word', () => {
    expect(charterSchema.safeParse({ wordsToAvoid: [{ word: 'x', level: 'fatal' }] }).success).toBe(false);
    expect(charterSchema.safeParse({ wordsToAvoid: [{ word: ' ', level: 'advice' }] }).success).toBe(false);
    expect(charterSchema.safeParse({ responsePolicy: { neverDelete: false } }).success).toBe(false);
  });
});

interface CommentRow {
  name: string;
  text: string;
  firstComment: string | null;
  network?: string;
  media?: CharterMediaInput[];
  charter?: CharterInput;
  /** part, rule, level, the text the finding points at in that part (or null), the fix (or null). */
  expected: Array<[string, string, string, string | null, string | null]>;
}

const COMMENT_ROWS: CommentRow[] = [
  {
    name: 'a clean post and a clean comment',
    text: 'Le marché ouvre samedi.',
    firstComment: 'Le programme complet est à la mairie.',
    expected: [],
  },
  {
    name: 'a word to avoid in the comment only, pointed at in the comment',
    text: 'Le marché ouvre samedi.',
    firstComment: 'Merci à tous les administrés présents !',
    expected: [['first_comment', 'word_to_avoid', 'blocking', 'administrés', 'habitants']],
  },
  {
    name: 'the post first, then the comment, each in its own offsets',
    text: "L'usager est prié de patienter.",
    firstComment: 'Les administrés aussi.',
    expected: [
      ['text', 'word_to_avoid', 'warning', "L'usager", "L'habitant"],
      ['first_comment', 'word_to_avoid', 'blocking', 'administrés', 'habitants'],
    ],
  },
  {
    name: 'a forbidden topic and capitals in the comment',
    text: 'Réunion publique jeudi.',
    firstComment: 'VENEZ TRÈS NOMBREUX avant la présidentielle',
    expected: [
      ['first_comment', 'all_caps', 'warning', 'VENEZ TRÈS NOMBREUX', 'Venez très nombreux'],
      ['first_comment', 'forbidden_topic', 'blocking', 'présidentielle', null],
    ],
  },
  {
    name: 'an untagged link in the comment',
    text: 'Le programme de l’été est en ligne.',
    firstComment: 'Le détail : https://ville.fr/ete',
    expected: [
      [
        'first_comment',
        'utm_missing',
        'warning',
        'https://ville.fr/ete',
        'https://ville.fr/ete?utm_source=bluesky&utm_medium=social&utm_campaign=ete',
      ],
    ],
  },
  {
    name: "the network's musts and alt text are about the post, not its comment",
    text: 'Le marché ouvre samedi ?',
    firstComment: '#Marché #Samedi #Producteurs #Local',
    network: 'facebook',
    media: [IMAGE],
    expected: [],
  },
  {
    name: 'an empty comment is not checked',
    text: 'Le marché ouvre samedi.',
    firstComment: '   ',
    expected: [],
  },
  {
    name: 'in English: a word to avoid in the comment',
    text: 'The market opens on Saturday.',
    firstComment: 'All residents of the city are welcome.',
    charter: { wordsToAvoid: [{ word: 'residents', replacement: 'neighbours', level: 'warning' }] },
    expected: [['first_comment', 'word_to_avoid', 'warning', 'residents', 'neighbours']],
  },
  {
    name: 'in English: capitals in the post, a word to avoid in the comment',
    text: 'PLEASE COME EARLY tomorrow.',
    firstComment: 'Stakeholders are invited too.',
    charter: { wordsToAvoid: [{ word: 'stakeholders', replacement: 'partners', level: 'advice' }] },
    expected: [
      ['text', 'all_caps', 'warning', 'PLEASE COME EARLY', 'Please come early'],
      ['first_comment', 'word_to_avoid', 'advice', 'Stakeholders', 'Partners'],
    ],
  },
];

describe('checkCharter: first comments × rules', () => {
  it.each(COMMENT_ROWS)('$name', (row) => {
    const charter = row.charter ? charterSchema.parse({ ...CHARTER, ...row.charter }) : CHARTER;
    const findings = checkCharter(charter, [
      {
        channelId: 'c1',
        network: row.network ?? 'bluesky',
        text: row.text,
        media: row.media ?? [],
        firstComment: row.firstComment,
      },
    ]);
    const seen = findings.map((f) => {
      const source = f.part === 'first_comment' ? (row.firstComment ?? '') : row.text;
      return [f.part, f.rule, f.level, f.range ? source.slice(f.range.start, f.range.end) : null, f.fix ?? null];
    });
    expect(seen).toEqual(row.expected);
  });
});
