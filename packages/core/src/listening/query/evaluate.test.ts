import { describe, expect, it } from 'vitest';
import { compileQuery } from './compile-query.js';
import { compileWordPattern } from './word-pattern.js';
import { prepareMention, type Mention } from './mention.js';

type Case = [query: string, mention: string | Mention, matches: boolean];

function runCases(cases: Case[]) {
  it.each(cases)('%s on %j → %s', (query, mention, matches) => {
    const post = typeof mention === 'string' ? { text: mention } : mention;
    expect(compileQuery(query).matches(post)).toBe(matches);
  });
}

describe('case and accents', () => {
  runCases([
    ['reseaux', 'Les réseaux sociaux', true],
    ['ECOLE', 'une école', true],
    ['école', 'UNE ECOLE', true],
    ['coeur', 'Cœur de ville', true],
    ['Œuvre', 'oeuvre collective', true],
    ['garcon', 'Garçon', true],
    ['ecole', 'e\u0301cole (NFD)', true],
    ['москва', 'Москва', true],
    ['velo', 'des vélos', false],
    ['lyon', 'Lyonnais', false],
  ]);
});

describe('French elisions', () => {
  runCases([
    ['ecole', "l'école", true],
    ['ecole', 'l’école', true],
    ['ecole', 'L’ÉCOLE', true],
    ['ecole', "d'école", true],
    ['"ecole publique"', 'l’école publique', true],
    ['"de l\'ecole"', 'près de l’école', true],
    ['"jusqu\'a lyon"', 'jusqu’à Lyon', true],
    ['"il faut"', "qu'il faut", true],
    ["aujourd'hui", 'aujourd’hui', true],
    ['hui', "aujourd'hui", false],
    ['l', "l'école", false],
  ]);
});

describe('hyphens', () => {
  runCases([
    ['saint-etienne', 'Saint-Étienne', true],
    ['saint-etienne', 'Saint Étienne', true],
    ['"saint etienne"', 'saint-étienne', true],
    ['etienne', 'Saint-Étienne', true],
    ['saint-etienne', 'Étienne, saint patron', false],
  ]);
});

describe('phrases', () => {
  runCases([
    ['"mairie de lyon"', 'La Mairie de Lyon.', true],
    ['"mairie de lyon"', 'la mairie, de Lyon !', true],
    ['"mairie de lyon"', 'mairie 🏛️ de lyon', true],
    ['"velo electrique"', 'vélo🚲électrique', true],
    ['"mairie de lyon"', 'mairie de la ville de Lyon', false],
    ['"mairie de lyon"', 'Lyon de mairie', false],
    ['"pistes cycl*"', 'des pistes cyclables', true],
    ['"conseil municipal"', { title: 'Conseil', text: 'municipal' }, false],
    ['"conseil municipal"', { title: 'Conseil municipal de Lyon', text: '…' }, true],
  ]);
});

describe('NEAR and ONEAR', () => {
  runCases([
    ['mairie NEAR/3 lyon', 'la mairie de la ville de Lyon', false],
    ['mairie NEAR/4 lyon', 'la mairie de la ville de Lyon', true],
    ['mairie NEAR/3 lyon', 'Lyon : la mairie répond', true],
    ['mairie NEAR/0 lyon', 'mairie lyon', true],
    ['mairie NEAR/0 lyon', 'lyon mairie', true],
    ['mairie NEAR/0 lyon', 'mairie de lyon', false],
    ['mairie ONEAR/3 lyon', 'mairie de Lyon', true],
    ['mairie ONEAR/3 lyon', 'Lyon, sa mairie', false],
    ['"mairie de lyon" NEAR/2 maire', 'le maire et la mairie de Lyon', true],
    ['"mairie de lyon" NEAR/1 maire', 'le maire et la mairie de Lyon', false],
    ['(velo OR "piste cyclable") NEAR/2 lyon', 'une piste cyclable à Lyon', true],
    ['(velo OR "piste cyclable") NEAR/2 lyon', 'une piste à Lyon', false],
    ['lyon NEAR/3 lyon', 'Lyon', false],
    ['lyon NEAR/3 lyon', 'Lyon et Lyon', true],
    ['"de lyon" NEAR/3 lyon', 'mairie de Lyon', false],
    ['conseil NEAR/5 municipal', { title: 'Conseil', text: 'municipal' }, false],
    ['munici* NEAR/2 lyon', 'Lyon : les municipales', true],
    ['ecole NEAR/1 lyon', "l'école de Lyon", true],
  ]);
});

describe('wildcards', () => {
  runCases([
    ['munici*', 'les municipales', true],
    ['munici*', 'Municipalité', true],
    ['munici*', 'munici', true],
    ['munici*', 'commune', false],
    ['r?seau', 'réseau', true],
    ['r?seau', 'roseau', true],
    ['r?seau', 'rezeau', false],
    ['r?seau', 'reseaux', false],
    ['r?seau', 'rseau', false],
    ['r?seau*', 'Réseaux', true],
    ['velo*', 'vélotaf', true],
    ['pist?s', 'pistes', true],
  ]);

  it('counts ? as one code point, not one UTF-16 unit', () => {
    expect(compileWordPattern('ab?cd')('ab𝔵cd')).toBe(true);
    expect(compileWordPattern('ab?cd')('abxycd')).toBe(false);
  });
});

describe('fields', () => {
  runCases([
    ['site:lemonde.fr', { text: '', url: 'https://www.lemonde.fr/politique/x' }, true],
    ['site:lemonde.fr', { text: '', url: 'https://lemonde.fr' }, true],
    ['site:lemonde.fr', { text: '', url: 'https://notlemonde.fr/x' }, false],
    ['site:lemonde.fr', { text: '', url: 'https://lemonde.fr.example.com/x' }, false],
    ['site:www.lemonde.fr', { text: '', url: 'https://lemonde.fr/x' }, false],
    ['site:lemonde.fr', 'lu sur lemonde.fr', false],
    ['url:lemonde.fr/politique', { text: '', url: 'https://www.LeMonde.fr/Politique/article' }, true],
    ['url:lemonde.fr/politique', { text: '', url: 'https://www.lemonde.fr/sport' }, false],
    ['lang:fr', { text: '', lang: 'fr' }, true],
    ['lang:fr', { text: '', lang: 'fr-CA' }, true],
    ['lang:fr-ca', { text: '', lang: 'fr' }, false],
    ['lang:fr', { text: '', lang: 'en' }, false],
    ['lang:fr', 'sans langue', false],
    ['source:bluesky', { text: '', source: 'Bluesky' }, true],
    ['source:rss', { text: '', source: 'rss:le-monde-une' }, true],
    ['source:rss', { text: '', source: 'rssbridge' }, false],
    ['author:mairiedelyon', { text: '', author: '@MairieDeLyon' }, true],
    ['author:lemonde', { text: '', author: 'lemonde.bsky.social' }, true],
    ['author:"le monde"', { text: '', author: 'Le Monde' }, true],
    ['author:monde', { text: '', author: 'Le Monde' }, true],
    ['author:lemon*', { text: '', author: 'lemonde.fr' }, true],
    ['author:lemonde', { text: '', author: 'Le Monde' }, false],
    ['author:lemonde', 'lemonde', false],
  ]);
});

describe('hashtags and mentions', () => {
  runCases([
    ['#lyon', "J'adore #Lyon", true],
    ['#lyon', { text: 'sans tag', hashtags: ['Lyon'] }, true],
    ['#lyon', { text: 'sans tag', hashtags: ['#lyon'] }, true],
    ['#lyon', 'Lyon', false],
    ['lyon', 'vive #Lyon', true],
    ['#municipales*', '#Municipales2026', true],
    ['#ecologie', '#Écologie', true],
    ['#lyon', { title: 'Fête des lumières #Lyon', text: '' }, true],
    ['@mairiedelyon', 'merci @MairieDeLyon', true],
    ['@mairiedelyon', { text: '', mentions: ['@MairieDeLyon'] }, true],
    ['@lemonde', { text: '', mentions: ['lemonde.bsky.social'] }, true],
    ['@lemonde.bsky.social', 'cc @lemonde.bsky.social', true],
    ['@mairiedelyon', 'contact@mairiedelyon.fr', false],
  ]);
});

describe('NOT', () => {
  runCases([
    ['velo -electrique', 'vélo électrique', false],
    ['velo -electrique', 'vélo mécanique', true],
    ['-spam', 'un post', true],
    ['-spam', 'du SPAM', false],
    ['velo NOT (electrique OR trottinette)', 'vélo et trottinette', false],
    ['NOT NOT velo', 'vélo', true],
    ['velo -site:leboncoin.fr', { text: 'vélo à vendre', url: 'https://www.leboncoin.fr/x' }, false],
  ]);
});

describe('raw', () => {
  runCases([
    ['raw:"Réseaux"', 'Réseaux sociaux', true],
    ['raw:"Réseaux"', 'réseaux sociaux', false],
    ['raw:"Réseaux"', 'RÉSEAUX', false],
    ['raw:"Réseaux"', 'Reseaux', false],
    ['raw:"Réseaux"', 'Re\u0301seaux (NFD)', true],
    ['raw:EDF', 'EDF augmente ses tarifs', true],
    ['raw:EDF', 'edf', false],
    ['raw:"École publique"', 'L’École publique', true],
    ['raw:"aujourd\'hui"', 'aujourd’hui', true],
    ['raw:Réseau*', 'Réseaux', true],
    ['raw:Réseau*', 'réseaux', false],
    ['raw:EDF NEAR/2 tarif*', 'EDF augmente ses tarifs', true],
  ]);
});

describe('numbers and other scripts', () => {
  runCases([
    ['2026', 'municipales 2026', true],
    ['"ca va"', 'Ça va ?', true],
    ['covid-19', 'le COVID 19', true],
  ]);
});

describe('whole topics a community manager would write', () => {
  const cycling = '(vélo OR velo* OR "pistes cyclables") AND lang:fr -site:leboncoin.fr';
  const brand = '"Mairie de Lyon" OR @mairiedelyon OR #lyon';
  const competitors = '(raw:EDF OR Engie OR TotalEnergies) NEAR/4 (tarif* OR prix) -"offre d\'emploi"';
  runCases([
    [cycling, { text: 'Les pistes cyclables de Lyon', lang: 'fr' }, true],
    [cycling, { text: 'Vélotaf ce matin', lang: 'fr-FR', url: 'https://bsky.app/x' }, true],
    [cycling, { text: 'Vélo à vendre', lang: 'fr', url: 'https://www.leboncoin.fr/velo/1' }, false],
    [cycling, { text: 'Bike lanes in Lyon', lang: 'en' }, false],
    [brand, 'Conseil ce soir à la mairie de Lyon', true],
    [brand, 'Bravo @MairieDeLyon', true],
    [brand, 'Fête des lumières #Lyon', true],
    [brand, 'La mairie de Villeurbanne', false],
    [competitors, 'Engie augmente encore ses tarifs', true],
    [competitors, 'edf : les prix montent', false],
    [competitors, "EDF : offre d'emploi, prix imbattable", false],
  ]);

  it('prepares a mention once for many queries', () => {
    const post = prepareMention({ text: "Les municipales à Saint-Étienne : l'école au cœur du débat", lang: 'fr' });
    const matches = ['munici*', 'saint-etienne', '"ecole au coeur"', 'lang:fr', 'lyon'].map((q) =>
      compileQuery(q).matches(post),
    );
    expect(matches).toEqual([true, true, true, true, false]);
  });
});
