// The hand-written lexicon (French, English, idioms, emojis, emoticons; polarity -3 … +3), `parseText`, which reads
// a post once for the lexicon and the model (tokens, idioms, negation), and the lexicon's scoring rules. It covers
// words the model never saw in training, and it is all there is for English.
import { markNegation } from './negation.js';
import { foldText, tokenize, type Token } from './tokenize.js';

export type LexiconLanguage = 'fr' | 'en' | 'any';

export interface LexiconScore {
  /** Sum of positive evidence, ≥ 0. */
  positive: number;
  /** Sum of negative evidence, ≥ 0. */
  negative: number;
}

/** A text read once: tokens, idioms found, negation marks. The model and the lexicon both read it. */
export interface ParsedText {
  tokens: Token[];
  /** Polarity of the idiom starting at each token, NaN elsewhere. */
  idiomAt: Float64Array;
  /** Length in tokens of the idiom starting at each token. */
  idiomLength: Uint8Array;
  /** What each token is to the model: see TokenRole. */
  role: Uint8Array;
  negated: Uint8Array;
  /** An irony marker (#ironie, #sarcasme, 🙄, 🙃, 😏) is present. */
  ironic: boolean;
}

/**
 * Idioms and modifiers are read by the lexicon, not word by word by the model: "pas mal" is not "pas" + "mal",
 * and 1,800 tweets cannot teach a model what "très" does to the word after it.
 */
export const TokenRole = { plain: 0, idiomStart: 1, idiomRest: 2, modifier: 3 } as const;

// Adjectives are listed in the masculine singular and inflected (bon → bonne, bons, bonnes); other words and
// verb forms are listed as they appear. Values: 3 strong, 2 clear, 1 mild.
const FR_ADJECTIVES: Readonly<Record<string, number>> = {
  bon: 1.5,
  excellent: 3,
  génial: 3,
  magnifique: 3,
  merveilleux: 3,
  parfait: 2.5,
  formidable: 3,
  fantastique: 3,
  superbe: 3,
  sublime: 3,
  splendide: 3,
  incroyable: 1.5,
  extraordinaire: 2.5,
  exceptionnel: 2.5,
  remarquable: 2,
  impressionnant: 2,
  content: 2,
  heureux: 2.5,
  ravi: 2.5,
  satisfait: 2,
  enchanté: 2,
  fier: 1.5,
  beau: 2,
  joli: 2,
  mignon: 2,
  sympa: 2,
  sympathique: 2,
  agréable: 2,
  chouette: 2,
  efficace: 1.5,
  réussi: 2,
  intéressant: 1,
  passionnant: 2,
  captivant: 2,
  utile: 1,
  pratique: 1,
  simple: 0.5,
  rapide: 0.5,
  fiable: 1.5,
  innovant: 1.5,
  positif: 1.5,
  gentil: 2,
  drôle: 1.5,
  marrant: 1.5,
  délicieux: 2.5,
  idéal: 2,
  brillant: 2,
  talentueux: 2,
  motivé: 1,
  enthousiaste: 2,
  optimiste: 1.5,
  gagnant: 1.5,
  favorable: 1,
  durable: 0.5,
  propre: 0.5,
  exemplaire: 2,
  accueillant: 1.5,
  mauvais: -2,
  nul: -2.5,
  horrible: -3,
  affreux: -3,
  atroce: -3,
  terrible: -1.5,
  catastrophique: -3,
  honteux: -2.5,
  scandaleux: -3,
  déçu: -2.5,
  décevant: -2.5,
  triste: -2,
  malheureux: -2,
  inquiet: -1.5,
  inquiétant: -2,
  énervé: -2,
  énervant: -2,
  agaçant: -2,
  furieux: -3,
  fâché: -2,
  lent: -1,
  cher: -0.5,
  inadmissible: -3,
  inacceptable: -3,
  lamentable: -3,
  pitoyable: -3,
  pathétique: -2.5,
  ridicule: -2,
  absurde: -2,
  stupide: -2,
  débile: -2.5,
  con: -2,
  idiot: -2,
  dégoûtant: -3,
  dégueulasse: -3,
  dégueu: -3,
  chiant: -2.5,
  pénible: -2,
  injuste: -2,
  incompétent: -2.5,
  inutile: -2,
  dangereux: -2,
  menacé: -1.5,
  mort: -1.5,
  tué: -2,
  raté: -2,
  perdu: -1,
  hypocrite: -2.5,
  menteur: -2.5,
  malhonnête: -2.5,
  toxique: -2,
  pollué: -1.5,
  polluant: -1.5,
  fou: -0.5,
  grave: -1.5,
  faux: -1,
  sale: -1.5,
  moche: -2,
  lourd: -1,
  insupportable: -3,
  honteuse: -2.5,
  négatif: -1.5,
  choqué: -2,
  choquant: -2.5,
  révoltant: -3,
  écœurant: -3,
  désolé: -1,
  cassé: -1.5,
  bloqué: -1.5,
  annulé: -1.5,
  compliqué: -1,
};

const FR_WORDS: Readonly<Record<string, number>> = {
  bien: 1.5,
  mieux: 1.5,
  meilleur: 2,
  meilleure: 2,
  meilleurs: 2,
  meilleures: 2,
  super: 2.5,
  top: 2.5,
  cool: 2,
  bravo: 3,
  merci: 2,
  félicitations: 3,
  félicitation: 3,
  chapeau: 2,
  génialissime: 3,
  adore: 3,
  adorent: 3,
  adorer: 3,
  adoré: 3,
  aime: 2,
  aimes: 2,
  aiment: 2,
  aimer: 2,
  kiffe: 2.5,
  recommande: 2,
  apprécie: 2,
  plaisir: 2,
  bonheur: 2.5,
  joie: 2.5,
  succès: 2,
  réussite: 2,
  victoire: 2,
  gagné: 1.5,
  bienvenue: 1.5,
  espoir: 1.5,
  progrès: 1.5,
  solution: 0.5,
  merveille: 3,
  youpi: 2.5,
  enfin: 0.5,
  vive: 2,
  lol: 1,
  mdr: 1.5,
  ptdr: 1.5,
  haha: 1.5,
  hahaha: 1.5,
  ahah: 1.5,
  ahahah: 1.5,
  hihi: 1,
  wow: 1.5,
  waouh: 2,
  ouah: 1.5,
  respect: 1.5,
  soutien: 1,
  protéger: 0.5,
  sauver: 1,
  pire: -2.5,
  déteste: -3,
  détestent: -3,
  détester: -3,
  hais: -3,
  hait: -3,
  haine: -2.5,
  honte: -2.5,
  scandale: -3,
  arnaque: -3,
  escroquerie: -3,
  escroc: -3,
  escrocs: -3,
  voleur: -2.5,
  voleurs: -2.5,
  catastrophe: -3,
  désastre: -3,
  déception: -2.5,
  colère: -2.5,
  marre: -2.5,
  problème: -1,
  problèmes: -1,
  panne: -2,
  pannes: -2,
  bug: -1.5,
  bugs: -1.5,
  retard: -1.5,
  retards: -1.5,
  attente: -0.5,
  plainte: -1.5,
  mépris: -2,
  mensonge: -2,
  mensonges: -2,
  abus: -2,
  échec: -2,
  perte: -1.5,
  pertes: -1.5,
  peur: -1.5,
  crise: -1.5,
  danger: -1.5,
  menace: -1.5,
  menaces: -1.5,
  pollution: -1.5,
  destruction: -2,
  détruire: -2,
  détruit: -2,
  saccage: -2.5,
  victime: -1.5,
  victimes: -1.5,
  morts: -1.5,
  tuer: -2,
  malheureusement: -1.5,
  hélas: -1.5,
  dommage: -1.5,
  regrette: -1.5,
  galère: -2,
  merde: -2.5,
  putain: -1.5,
  bordel: -1.5,
  chier: -3,
  bof: -1.5,
  beurk: -2.5,
  pfff: -1.5,
  pff: -1.5,
  grr: -2,
  ouin: -1,
  horreur: -3,
  nulle: -2.5,
  nulles: -2.5,
  nullité: -2.5,
  rembourser: -0.5,
  remboursement: -0.5,
  fuite: -1,
  fake: -2,
  bobo: -1,
  // Irony and sarcasm markers carry no polarity of their own; see IRONY_MARKERS.
};

const EN_WORDS: Readonly<Record<string, number>> = {
  good: 2,
  great: 2.5,
  excellent: 3,
  awesome: 3,
  amazing: 3,
  fantastic: 3,
  wonderful: 3,
  perfect: 2.5,
  brilliant: 2.5,
  beautiful: 2.5,
  lovely: 2.5,
  nice: 2,
  cool: 2,
  best: 2.5,
  better: 1.5,
  love: 3,
  loved: 3,
  loves: 3,
  lovin: 3,
  loving: 3,
  like: 1,
  liked: 1.5,
  enjoy: 2,
  enjoyed: 2,
  happy: 2.5,
  glad: 2,
  pleased: 2,
  excited: 2,
  thanks: 2,
  thank: 2,
  thx: 2,
  congrats: 3,
  congratulations: 3,
  recommend: 2,
  recommended: 2,
  impressive: 2,
  impressed: 2,
  fun: 1.5,
  funny: 1.5,
  easy: 1,
  fast: 1,
  helpful: 2,
  useful: 1.5,
  reliable: 1.5,
  success: 2,
  win: 1.5,
  won: 1.5,
  yay: 2.5,
  wow: 1.5,
  lol: 1,
  haha: 1.5,
  welcome: 1.5,
  super: 2.5,
  top: 2,
  bad: -2.5,
  terrible: -3,
  awful: -3,
  horrible: -3,
  worst: -3,
  worse: -2,
  hate: -3,
  hated: -3,
  hates: -3,
  sucks: -3,
  suck: -3,
  poor: -2,
  disappointing: -2.5,
  disappointed: -2.5,
  disappointment: -2.5,
  broken: -2,
  angry: -2.5,
  mad: -2,
  furious: -3,
  annoyed: -2,
  annoying: -2,
  sad: -2,
  upset: -2,
  useless: -2.5,
  fail: -2,
  failed: -2,
  failure: -2,
  scam: -3,
  fraud: -3,
  crap: -2.5,
  shit: -2.5,
  wtf: -2,
  ugly: -2,
  boring: -2,
  slow: -1,
  problem: -1,
  problems: -1,
  issue: -0.5,
  issues: -0.5,
  bug: -1.5,
  buggy: -2,
  refund: -1,
  unacceptable: -3,
  ridiculous: -2,
  stupid: -2,
  disgusting: -3,
  pathetic: -2.5,
  shame: -2,
  shameful: -2.5,
  sorry: -1,
  unfortunately: -1.5,
  cancelled: -1.5,
  canceled: -1.5,
  delay: -1.5,
  delayed: -1.5,
  waste: -2,
  wrong: -1.5,
  never: 0,
  meh: -1.5,
  ugh: -2,
};

// Emojis and emoticons: shared by every language, so they are the one signal English text shares with French.
const EMOJIS: Readonly<Record<string, number>> = {
  '😍': 3,
  '🥰': 3,
  '😘': 2,
  '🤩': 2.5,
  '😀': 2,
  '😃': 2,
  '😄': 2,
  '😁': 2,
  '😆': 1.5,
  '😊': 2,
  '🙂': 1.5,
  '😉': 1,
  '😎': 1.5,
  '😂': 1,
  '🤣': 1,
  '😅': 0.5,
  '😇': 1.5,
  '❤': 2.5,
  '💕': 2.5,
  '💖': 2.5,
  '💙': 2,
  '💚': 2,
  '💜': 2,
  '🧡': 2,
  '💛': 2,
  '👍': 2,
  '👌': 2,
  '👏': 2,
  '🙌': 2,
  '💪': 1.5,
  '🙏': 1,
  '🎉': 2,
  '🥳': 2.5,
  '✨': 1,
  '🔥': 1,
  '⭐': 1.5,
  '🌟': 1.5,
  '✅': 1,
  '🏆': 2,
  '😡': -3,
  '🤬': -3,
  '😠': -2.5,
  '😤': -2,
  '😢': -2,
  '😭': -2,
  '😞': -2,
  '😔': -2,
  '😟': -1.5,
  '😕': -1.5,
  '🙁': -1.5,
  '☹': -1.5,
  '😩': -2,
  '😫': -2,
  '😖': -2,
  '😣': -2,
  '😱': -1.5,
  '😨': -1.5,
  '😰': -1.5,
  '😒': -2,
  '🙄': -1.5,
  '😑': -1,
  '😐': -0.5,
  '🤮': -3,
  '🤢': -2.5,
  '💩': -2,
  '👎': -2,
  '💔': -2.5,
  '❌': -1,
  '⚠': -1,
  '🤦': -2,
  ':)': 2,
  ':d': 2.5,
  ';)': 1.5,
  ':p': 1,
  '^^': 1.5,
  '<3': 2.5,
  xd: 1.5,
  ':(': -2,
  ":'(": -2.5,
  ':/': -1.5,
  ':|': -0.5,
  ':s': -1,
  ':o': -0.5,
  '</3': -2.5,
};

// Fixed phrases whose polarity is not the sum of their words; matched before negation so "pas mal" is praise
// and not a negated "mal". Longest first wins. A 0 value neutralises the words (and their negation).
const IDIOMS: Readonly<Record<string, number>> = {
  'pas mal du tout': 2.5,
  'pas mal': 1.5,
  'pas mal de': 0,
  'pas terrible': -2,
  'pas top': -2,
  'pas fou': -1,
  'pas ouf': -1,
  'pas de souci': 0.5,
  'pas de soucis': 0.5,
  'pas de probleme': 0.5,
  'sans souci': 0.5,
  'sans soucis': 0.5,
  'sans probleme': 0.5,
  "n'importe quoi": -2.5,
  'ras le bol': -2.5,
  'a chier': -3,
  'au top': 2.5,
  'de reve': 2,
  'coup de coeur': 2.5,
  'tant mieux': 1.5,
  'tant pis': -1,
  'bon courage': 0.5,
  'bonne chance': 1,
  'quelle honte': -3,
  "comme d'hab": -0.5,
  'pas que': 0,
  'ne pas manquer': 1.5,
  'a ne pas manquer': 1.5,
  'not bad': 1.5,
  'no problem': 0.5,
  'no worries': 0.5,
  'not only': 0,
  'thank you': 2,
  'well done': 2.5,
  'fed up': -2.5,
  'waste of': -2,
};

const INTENSIFIERS = new Map<string, number>([
  ['tres', 1.5],
  ['trop', 1.5],
  ['vraiment', 1.5],
  ['super', 1.5],
  ['tellement', 1.5],
  ['hyper', 1.5],
  ['ultra', 1.5],
  ['vachement', 1.5],
  ['carrement', 1.5],
  ['extremement', 1.8],
  ['totalement', 1.5],
  ['completement', 1.5],
  ['absolument', 1.5],
  ['particulierement', 1.3],
  ['si', 1.2],
  ['really', 1.5],
  ['very', 1.5],
  ['so', 1.3],
  ['too', 1.3],
  ['extremely', 1.8],
  ['totally', 1.5],
  ['absolutely', 1.5],
  ['incredibly', 1.8],
  ['peu', 0.5],
  ['assez', 0.8],
  ['plutot', 0.8],
  ['moyennement', 0.5],
  ['legerement', 0.6],
  ['slightly', 0.6],
  ['somewhat', 0.7],
  ['kinda', 0.7],
]);

// The negation of a positive word is nearly as negative ("pas content"); the negation of a negative word is
// only mildly positive ("pas mauvais" is faint praise).
const NEGATED_POSITIVE = -0.8;
const NEGATED_NEGATIVE = -0.4;

// Sentiment after a contrast word is the writer's conclusion: "cher mais excellent".
const CONTRASTS = new Set(['mais', 'but', 'cependant', 'pourtant', 'however', 'neanmoins', 'toutefois']);
const BEFORE_CONTRAST = 0.5;

const IRONY_MARKERS = new Set(['ironie', 'sarcasme', 'irony', 'sarcasm', '🙄', '🙃', '😏']);

const LEXICONS = buildLexicons();

/** Tokenises `text` and finds its idioms and negation scopes. */
export function parseText(text: string): ParsedText {
  const tokens = tokenize(text);
  const idiomAt = new Float64Array(tokens.length).fill(Number.NaN);
  const idiomLength = new Uint8Array(tokens.length);
  const role = new Uint8Array(tokens.length);
  let ironic = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (IRONY_MARKERS.has(token.text)) ironic = true;
    const candidates = LEXICONS.idiomsByFirstWord.get(token.text);
    if (candidates === undefined) continue;
    for (const idiom of candidates) {
      if (!matchesAt(tokens, i, idiom.words)) continue;
      idiomAt[i] = idiom.value;
      idiomLength[i] = idiom.words.length;
      role[i] = TokenRole.idiomStart;
      role.fill(TokenRole.idiomRest, i + 1, i + idiom.words.length);
      i += idiom.words.length - 1;
      break;
    }
  }
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (role[i] !== TokenRole.plain || !INTENSIFIERS.has((tokens[i] as Token).text)) continue;
    if (role[i + 1] === TokenRole.idiomStart || lookUpWord(LEXICONS.any, tokens[i + 1] as Token) !== 0) {
      role[i] = TokenRole.modifier;
    }
  }
  const inIdiom = role.map((r) => (r === TokenRole.idiomStart || r === TokenRole.idiomRest ? 1 : 0));
  return { tokens, idiomAt, idiomLength, role, negated: markNegation(tokens, inIdiom), ironic };
}

/** Scores a parsed text against the lexicon of `language` ('any' merges French and English). */
export function scoreLexicon(parsed: ParsedText, language: LexiconLanguage): LexiconScore {
  const words = LEXICONS[language];
  const { tokens, negated } = parsed;
  let positive = 0;
  let negative = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (CONTRASTS.has(token.text)) {
      positive *= BEFORE_CONTRAST;
      negative *= BEFORE_CONTRAST;
      continue;
    }
    let value: number;
    const idiom = parsed.idiomAt[i] as number;
    if (!Number.isNaN(idiom)) {
      value = idiom;
      const length = parsed.idiomLength[i] as number;
      i += length - 1;
    } else {
      // "super bien": "super" lends its strength to the next word instead of counting as a word itself.
      if (parsed.role[i] === TokenRole.modifier) continue;
      value = lookUpWord(words, token);
    }
    if (value === 0) continue;
    if (negated[i] === 1) {
      // No intensity under negation: "pas très bon" is milder than "pas bon", not stronger.
      value *= value > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE;
      if (followsPasDuTout(tokens, i)) value *= 1.5;
    } else {
      value *= readIntensity(tokens, i);
      if (token.elongated) value *= 1.3;
    }
    if (value > 0) positive += value;
    else negative -= value;
  }
  if (parsed.ironic && positive > negative) {
    // Irony praises to blame: "Génial, encore en panne #ironie".
    negative += positive;
    positive = 0;
  }
  return { positive, negative };
}

function lookUpWord(words: ReadonlyMap<string, number>, token: Token): number {
  const value = words.get(token.text);
  if (value !== undefined) return value;
  // "cooool" was shortened to "col": compare with the lexicon's words with doubled letters collapsed.
  if (token.elongated) return LEXICONS.singleLetter.get(token.text) ?? 0;
  return 0;
}

function readIntensity(tokens: readonly Token[], i: number): number {
  let factor = 1;
  for (let j = i - 1; j >= 0 && j >= i - 2; j--) {
    const multiplier = INTENSIFIERS.get((tokens[j] as Token).text);
    if (multiplier === undefined) break;
    factor *= multiplier;
  }
  return factor;
}

function followsPasDuTout(tokens: readonly Token[], i: number): boolean {
  return i >= 2 && tokens[i - 1]?.text === 'tout' && tokens[i - 2]?.text === 'du';
}

function matchesAt(tokens: readonly Token[], i: number, words: readonly string[]): boolean {
  if (i + words.length > tokens.length) return false;
  for (let k = 0; k < words.length; k++) if ((tokens[i + k] as Token).text !== words[k]) return false;
  return true;
}

/** Masculine singular → every regular form: "bon" → bonne, bons, bonnes; "heureux" → heureuse(s). */
export function inflectAdjective(base: string): string[] {
  const forms = [base];
  const add = (stem: string, ...endings: string[]) => forms.push(...endings.map((e) => stem + e));
  if (base.endsWith('eux')) add(base.slice(0, -1), 'se', 'ses');
  else if (base.endsWith('if')) add(base.slice(0, -1), 've', 'ves', 'fs');
  else if (base.endsWith('al')) add(base.slice(0, -1), 'ux', 'le', 'les', 'ls');
  else if (base.endsWith('e')) add(base, 's');
  else if (/(el|en|on|ul)$/.test(base)) {
    // The final consonant doubles: bon → bonne, nul → nulle, cruel → cruelle.
    const last = base.at(-1) as string;
    add(base, `${last}e`, 's', `${last}es`);
  } else if (base.endsWith('er')) add(base.slice(0, -2), 'ere', 'eres', 'ers');
  else if (base.endsWith('x')) add(base.slice(0, -1), 'sse', 'sses');
  else add(base, 's', 'e', 'es');
  if (base === 'beau') forms.push('beaux', 'belle', 'belles', 'bel');
  if (base === 'fou') forms.push('fous', 'folle', 'folles');
  if (base === 'faux') forms.push('fausse', 'fausses');
  if (base === 'mou') forms.push('molle');
  return forms;
}

interface Idiom {
  words: string[];
  value: number;
}

function buildLexicons() {
  const fr = new Map<string, number>();
  for (const [word, value] of Object.entries(FR_ADJECTIVES)) {
    for (const form of inflectAdjective(foldText(word))) if (!fr.has(form)) fr.set(form, value);
  }
  for (const [word, value] of Object.entries(FR_WORDS)) fr.set(foldText(word), value);
  const en = new Map<string, number>();
  for (const [word, value] of Object.entries(EN_WORDS)) en.set(foldText(word), value);
  const emojis = new Map<string, number>();
  for (const [emoji, value] of Object.entries(EMOJIS)) emojis.set(emoji, value);
  const any = new Map([...en, ...fr]);
  for (const map of [fr, en, any]) for (const [emoji, value] of emojis) map.set(emoji, value);
  const singleLetter = new Map<string, number>();
  for (const [word, value] of any) singleLetter.set(word.replace(/(.)\1+/g, '$1'), value);
  const idiomsByFirstWord = new Map<string, Idiom[]>();
  for (const [phrase, value] of Object.entries(IDIOMS)) {
    const words = tokenize(phrase).map((t) => t.text);
    const list = idiomsByFirstWord.get(words[0] as string) ?? [];
    list.push({ words, value });
    idiomsByFirstWord.set(words[0] as string, list);
  }
  for (const list of idiomsByFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { fr, en, any, singleLetter, idiomsByFirstWord } as const;
}
