// The language of a mention: what the network declares first (the author chose it, or the network's own
// detector did with more context than we have); otherwise franc-min's guess on the text, in ISO 639-1.
import { franc } from 'franc-min';

export type LanguageSource = 'declared' | 'detected' | 'unknown';

export interface LanguageChoice {
  /** ISO 639-1 when the language has a two-letter code ("fr"), else ISO 639-3; "und" when unknown. */
  language: string;
  how: LanguageSource;
}

/**
 * franc needs some text: below this many letters its trigram profile is noise (its own default is 10
 * characters; on real tweets 20 letters is where French/Italian/Portuguese confusions become rare).
 */
export const MIN_DETECTION_LETTERS = 20;

/** franc-min's languages (ISO 639-3) that have an ISO 639-1 code, from the ISO 639-2 registration authority. */
const TWO_LETTER: Record<string, string> = {
  afr: 'af',
  amh: 'am',
  arb: 'ar',
  azj: 'az',
  bel: 'be',
  ben: 'bn',
  bos: 'bs',
  bul: 'bg',
  ces: 'cs',
  ckb: 'ku',
  cmn: 'zh',
  deu: 'de',
  ell: 'el',
  eng: 'en',
  fra: 'fr',
  fuv: 'ff',
  guj: 'gu',
  hau: 'ha',
  heb: 'he',
  hin: 'hi',
  hrv: 'hr',
  hun: 'hu',
  ibo: 'ig',
  ind: 'id',
  ita: 'it',
  jav: 'jv',
  jpn: 'ja',
  kan: 'kn',
  kaz: 'kk',
  kin: 'rw',
  kor: 'ko',
  lin: 'ln',
  mai: 'mai',
  mal: 'ml',
  mar: 'mr',
  mya: 'my',
  nld: 'nl',
  npi: 'ne',
  nya: 'ny',
  ory: 'or',
  pan: 'pa',
  pbu: 'ps',
  pes: 'fa',
  plt: 'mg',
  pol: 'pl',
  por: 'pt',
  ron: 'ro',
  run: 'rn',
  rus: 'ru',
  sin: 'si',
  slk: 'sk',
  som: 'so',
  spa: 'es',
  srp: 'sr',
  sun: 'su',
  swe: 'sv',
  swh: 'sw',
  tam: 'ta',
  tel: 'te',
  tgl: 'tl',
  tha: 'th',
  tur: 'tr',
  ukr: 'uk',
  urd: 'ur',
  uzn: 'uz',
  vie: 'vi',
  yor: 'yo',
  zlm: 'ms',
  zul: 'zu',
  uig: 'ug',
  tir: 'ti',
  khm: 'km',
  sna: 'sn',
  aka: 'ak',
  kat: 'ka',
  hye: 'hy',
  ful: 'ff',
  orm: 'om',
  tuk: 'tk',
  mkd: 'mk',
};

/**
 * The languages detection chooses from (ISO 639-3): those Rostra's users meet in their mentions (French first,
 * Europe and its neighbours, the largest languages of the web). Comparing a short post with fewer trigram
 * profiles is four times faster, and it stops noisy French tweets being taken for a language of the same
 * family no one in the workspace posts in (franc's own advice for short texts: https://github.com/wooorm/franc#api).
 * A post in another language gets the closest of these, or "und".
 */
export const DETECTABLE_LANGUAGES = [
  'fra',
  'eng',
  'spa',
  'por',
  'ita',
  'deu',
  'nld',
  'pol',
  'ron',
  'tur',
  'swe',
  'ces',
  'hun',
  'ell',
  'bul',
  'rus',
  'ukr',
  'arb',
  'heb',
  'pes',
  'hin',
  'cmn',
  'jpn',
  'kor',
  'ind',
  'vie',
  'tha',
  'swh',
  'hrv',
  'srp',
  'slk',
];

const LETTER = /\p{L}/gu;
const BCP47_PRIMARY = /^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$/i;
const LINKS_AND_HANDLES = /https?:\/\/\S+|[@#][\p{L}\p{N}_.-]+/gu;

/** "fr-FR" → "fr", "FRA" → "fr"; undefined for what is not a language tag ("und", "zxx", "x-foo"). */
export function readDeclaredLanguage(tag: string | null | undefined): string | undefined {
  const match = tag ? BCP47_PRIMARY.exec(tag.trim()) : null;
  if (!match) return undefined;
  const primary = (match[1] as string).toLowerCase();
  if (primary === 'und' || primary === 'zxx' || primary === 'mul') return undefined;
  return primary.length === 3 ? (TWO_LETTER[primary] ?? primary) : primary;
}

/**
 * French and English function words, to recognise most mentions without comparing trigram profiles (franc is the
 * pipeline's most expensive step). `only` words are used by no other detectable language; `shared` ones are French
 * words that are also words elsewhere ("du" and "des" in German, "je" in Czech, "tu" in Italian, "mais" in
 * Portuguese), so they only add to `only` words.
 */
const FUNCTION_WORDS = {
  fr: {
    only: new Set(
      (
        "est une pas pour nous vous avec cette cet ces très sont ont aux ils elle elles être fait ça c’est c'est qu’il " +
        "qu'il tout tous quand sans ses faire même comme après moins leur leurs notre votre suis peut encore été " +
        'était chez déjà aussi avoir jamais rien toujours alors donc parce pourquoi voilà ici beaucoup'
      ).split(' '),
    ),
    shared: new Set('les des mais dans du au et je tu sur mes ou bien merci'.split(' ')),
  },
  en: {
    only: new Set('the and that this with you are not have they their from what would were will been'.split(' ')),
    shared: new Set('of for'.split(' ')),
  },
} as const;
/**
 * Elisions only French writes: j'ai, n'est, qu'on, c'était, s'il, m'a, t'es ("l'" and "d'" are Italian too). Each
 * counts as one French-only word.
 */
const FRENCH_ELISION = /^(?:j|n|qu|c|s|m|t)['’]\p{L}/u;
const WORD = /[\p{L}’']+/gu;
const APOSTROPHE = /['’]/;

/**
 * French or English when the text has at least two distinct words only that language uses, or three with shared
 * ones, and not one function word of the other language; undefined when the trigram profiles must decide.
 */
function recogniseFrenchOrEnglish(prose: string): 'fr' | 'en' | undefined {
  const fr = { only: new Set<string>(), shared: new Set<string>() };
  const en = { only: new Set<string>(), shared: new Set<string>() };
  for (const match of prose.toLowerCase().matchAll(WORD)) {
    const word = match[0];
    if (FUNCTION_WORDS.fr.only.has(word)) fr.only.add(word);
    else if (FUNCTION_WORDS.fr.shared.has(word)) fr.shared.add(word);
    else if (FUNCTION_WORDS.en.only.has(word)) en.only.add(word);
    else if (FUNCTION_WORDS.en.shared.has(word)) en.shared.add(word);
    else if (FRENCH_ELISION.test(word)) fr.only.add(word.slice(0, word.search(APOSTROPHE) + 1));
  }
  const evident = (mine: typeof fr, theirs: typeof fr) =>
    theirs.only.size + theirs.shared.size === 0 && (mine.only.size >= 2 || mine.only.size + mine.shared.size >= 3);
  if (evident(fr, en)) return 'fr';
  if (evident(en, fr)) return 'en';
  return undefined;
}

export function chooseLanguage(declared: string | null | undefined, text: string): LanguageChoice {
  const fromNetwork = readDeclaredLanguage(declared);
  if (fromNetwork) return { language: fromNetwork, how: 'declared' };
  // Links, handles and hashtags are not language: "@CNews #JO2024 https://…" would skew the trigrams.
  const prose = text.replace(LINKS_AND_HANDLES, ' ');
  if ((prose.match(LETTER)?.length ?? 0) < MIN_DETECTION_LETTERS) return { language: 'und', how: 'unknown' };
  const obvious = recogniseFrenchOrEnglish(prose);
  if (obvious) return { language: obvious, how: 'detected' };
  const guess = franc(prose, { minLength: MIN_DETECTION_LETTERS, only: DETECTABLE_LANGUAGES });
  if (guess === 'und') return { language: 'und', how: 'unknown' };
  return { language: TWO_LETTER[guess] ?? guess, how: 'detected' };
}
