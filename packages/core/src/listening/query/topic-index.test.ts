import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { compileQuery } from './compile-query.js';
import { QueryError } from './errors.js';
import { prepareMention, type Mention } from './mention.js';
import { createTopicIndex } from './topic-index.js';

const TOPICS = [
  { id: 'mairie', query: '"Mairie de Lyon" OR @mairiedelyon OR #lyon' },
  { id: 'velo', query: '(vélo OR velo* OR "pistes cyclables") AND lang:fr -site:leboncoin.fr' },
  { id: 'energie', query: '(raw:EDF OR Engie) NEAR/4 (tarif* OR prix)' },
  { id: 'reseau', query: 'r?seau* sociaux' },
  { id: 'pas-de-spam', query: '-spam -pub' },
  { id: 'le-monde', query: 'url:lemonde.fr/politique' },
];

describe('createTopicIndex', () => {
  const index = createTopicIndex(TOPICS);

  it.each([
    [{ text: 'Conseil à la mairie de Lyon', lang: 'fr' }, ['mairie', 'pas-de-spam']],
    [{ text: 'Vélotaf à #Lyon', lang: 'fr' }, ['mairie', 'velo', 'pas-de-spam']],
    [{ text: 'EDF : hausse des tarifs', lang: 'fr' }, ['energie', 'pas-de-spam']],
    [{ text: 'Les réseaux sociaux, pub', lang: 'fr' }, ['reseau']],
    [{ text: 'Spam', url: 'https://www.lemonde.fr/politique/x' }, ['le-monde']],
    [{ text: 'Rien à voir' }, ['pas-de-spam']],
  ])('matches %j with %j', (mention, ids) => {
    expect(index.match(mention)).toEqual(ids);
  });

  it('only evaluates topics whose required terms the mention contains', () => {
    expect(index.listCandidates({ text: 'Rien à voir' })).toEqual(['pas-de-spam', 'le-monde']);
    expect(index.listCandidates({ text: 'le prix du vélo' })).toEqual(['velo', 'pas-de-spam', 'le-monde']);
    expect(index.stats).toMatchObject({ topics: 6, alwaysCandidates: 2 });
  });

  it('accepts compiled queries', () => {
    const compiled = createTopicIndex([{ id: 't', query: compileQuery('lyon') }]);
    expect(compiled.match({ text: 'Lyon' })).toEqual(['t']);
  });

  it('names the topic whose query is invalid', () => {
    const attempt = () =>
      createTopicIndex([
        { id: 'ok', query: 'lyon' },
        { id: 'broken', query: 'lyon AND' },
      ]);
    expect(attempt).toThrow(QueryError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'dangling_operator', column: 6, topicId: 'broken' }));
  });

  it('refuses two topics with one id', () => {
    const attempt = () =>
      createTopicIndex([
        { id: 'a', query: 'lyon' },
        { id: 'a', query: 'paris' },
      ]);
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'conflict' }));
  });
});

/** mulberry32: a small seedable generator, so a failure replays identically. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const chance = (p: number) => next() < p;
  const between = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { pick, chance, between };
}

type Random = ReturnType<typeof createRandom>;

// Surface forms that collide once folded, so queries and posts meet often and in every tricky way.
const POST_WORDS = [
  'école',
  'Ecole',
  'ÉCOLE',
  "l'école",
  'l’École',
  'écoles',
  'publique',
  'public',
  'réseau',
  'reseaux',
  'Réseaux',
  'roseau',
  'sociaux',
  'mairie',
  'Mairie',
  'de',
  'la',
  'Lyon',
  'lyon',
  'Saint-Étienne',
  'saint',
  'étienne',
  'vélo',
  'velo',
  'vélotaf',
  'Vélos',
  'piste',
  'pistes',
  'cyclable',
  'cyclables',
  'municipales',
  'Municipalité',
  'commune',
  'cœur',
  'coeur',
  'aujourd’hui',
  "qu'il",
  'il',
  'élection',
  '2026',
  'EDF',
  'edf',
  'tarifs',
  'prix',
  'bus',
  'tram',
  'métro',
  'spam',
  'conseil',
  'municipal',
  'COVID19',
  'covid-19',
  'sœur',
  'l´école',
  'aujourd`hui',
  '🚲',
  '€',
];
const SEPARATORS = [' ', ' ', ' ', ', ', ' - ', '-', ' 🚲 ', '. ', ' : ', '\n'];
const TAGS = ['#Lyon', '#lyon', '#Municipales2026', '#velotaf', '#Écologie'];
const HANDLES = ['@MairieDeLyon', '@lemonde.bsky.social', '@edf'];
const URLS = ['https://www.lemonde.fr/politique/a', 'https://lemonde.fr/x', 'https://www.leboncoin.fr/velo/1'];
const AUTHORS = ['@MairieDeLyon', 'Le Monde', 'lemonde.bsky.social', 'Jean Dupont'];

const QUERY_WORDS = [
  'ecole',
  'École',
  'publique',
  'reseaux',
  'Réseau',
  'sociaux',
  'mairie',
  'lyon',
  'LYON',
  'saint-etienne',
  'etienne',
  'velo',
  'vélos',
  'pistes',
  'cyclable',
  'municipales',
  'coeur',
  'Cœur',
  "aujourd'hui",
  'il',
  '2026',
  'edf',
  'tarifs',
  'prix',
  'bus',
  'tram',
  'metro',
  'spam',
  'conseil',
  'de',
  'covid-19',
  'covid19',
  '🚲',
  '€',
  'l´ecole',
  'apple^2',
];
const QUERY_WILDCARDS = [
  's?ur',
  'munici*',
  'velo*',
  'r?seau',
  'r?seau*',
  'cycl*',
  'ecole*',
  'pist?s',
  '?cole',
  'tari*',
];
const QUERY_PHRASES = [
  '"mairie de lyon"',
  '"pistes cyclables"',
  '"ecole publique"',
  '"l\'ecole publique"',
  '"reseaux sociaux"',
  '"conseil municipal"',
  '"saint etienne"',
  '"de la"',
  '"pistes cycl*"',
];
const QUERY_FIELDS = [
  'site:lemonde.fr',
  'site:leboncoin.fr',
  'lang:fr',
  'lang:en',
  'source:rss',
  'source:bluesky',
  'url:politique',
  'author:lemonde',
  'author:"le monde"',
  '#lyon',
  '#velo*',
  '#ecologie',
  '@mairiedelyon',
  '@lemonde',
  'raw:"Réseaux"',
  'raw:EDF',
  'raw:"École"',
  'raw:Mairie',
  '{EDF}',
  '{Lyon}',
  'url:(lemonde OR leboncoin)',
  'lang:(fr OR en)',
  'site:(lemonde.fr OR leboncoin.fr)',
];

function generateMention(random: Random): Mention {
  const parts: string[] = [];
  for (let i = random.between(1, 14); i > 0; i--) {
    parts.push(random.pick(POST_WORDS), random.pick(SEPARATORS));
    if (random.chance(0.05)) parts.push(random.pick(TAGS), ' ');
    if (random.chance(0.03)) parts.push(random.pick(HANDLES), ' ');
  }
  const mention: Mention = { text: parts.join('') };
  if (random.chance(0.2)) mention.title = `${random.pick(POST_WORDS)} ${random.pick(POST_WORDS)}`;
  if (random.chance(0.6)) mention.lang = random.pick(['fr', 'fr-CA', 'en']);
  if (random.chance(0.6)) mention.source = random.pick(['bluesky', 'rss:le-monde', 'mastodon']);
  if (random.chance(0.3)) mention.url = random.pick(URLS);
  if (random.chance(0.3)) mention.author = random.pick(AUTHORS);
  if (random.chance(0.1)) mention.hashtags = [random.pick(TAGS)];
  if (random.chance(0.1)) mention.mentions = [random.pick(HANDLES)];
  return mention;
}

function generateOperand(random: Random): string {
  const kind = random.between(0, 9);
  if (kind <= 4) return random.pick(QUERY_WORDS);
  if (kind === 5) return random.pick(QUERY_WILDCARDS);
  if (kind === 6) return random.pick(QUERY_PHRASES);
  return random.pick(QUERY_FIELDS);
}

function generateTextOperand(random: Random): string {
  if (random.chance(0.2)) return `(${random.pick(QUERY_WORDS)} OR ${random.pick(QUERY_PHRASES)})`;
  return random.chance(0.7) ? random.pick(QUERY_WORDS) : random.pick(QUERY_WILDCARDS);
}

function generateQuery(random: Random, depth = 0): string {
  const kind = depth >= 3 ? 0 : random.between(0, 8);
  switch (kind) {
    case 0:
    case 1:
      return generateOperand(random);
    case 2:
      return `${generateQuery(random, depth + 1)} ${generateQuery(random, depth + 1)}`;
    case 3:
      return `${generateQuery(random, depth + 1)} AND ${generateQuery(random, depth + 1)}`;
    case 4:
      return `(${generateQuery(random, depth + 1)} OR ${generateQuery(random, depth + 1)})`;
    case 5:
      return random.chance(0.5) ? `-${generateOperand(random)}` : `NOT (${generateQuery(random, depth + 1)})`;
    case 6: {
      const operands = Array.from({ length: random.between(2, 4) }, () => random.pick(QUERY_WORDS));
      if (random.chance(0.5)) return `"${operands.join(' ')}"~${random.between(0, 5)}`;
      return `(${generateTextOperand(random)} ${operands.slice(1).join(' ')})~${random.between(0, 5)}`;
    }
    default: {
      const operator = random.chance(0.5) ? 'NEAR' : 'ONEAR';
      return `${generateTextOperand(random)} ${operator}/${random.between(0, 4)} ${generateTextOperand(random)}`;
    }
  }
}

describe('createTopicIndex agrees with evaluating every topic', () => {
  it('on 3,000 generated mentions and 300 generated topics', () => {
    const random = createRandom(20260501);
    const topics = Array.from({ length: 300 }, (_, i) => ({ id: `t${i}`, query: compileQuery(generateQuery(random)) }));
    const index = createTopicIndex(topics);
    let matches = 0;
    let candidates = 0;
    for (let i = 0; i < 3000; i++) {
      const mention = prepareMention(generateMention(random));
      const expected = topics.filter((topic) => topic.query.test(mention)).map((topic) => topic.id);
      expect(index.match(mention), `mention ${i}`).toEqual(expected);
      matches += expected.length;
      candidates += index.listCandidates(mention).length;
    }
    // Not vacuous: topics do match, and the pre-filter does spare evaluations.
    expect(matches).toBeGreaterThan(3000 * 10);
    expect(candidates).toBeLessThan(3000 * 300 * 0.7);
    expect(index.stats.alwaysCandidates).toBeGreaterThan(0);
    expect(index.stats.patterns).toBeGreaterThan(0);
  });
});
