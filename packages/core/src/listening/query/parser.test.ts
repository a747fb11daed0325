import { describe, expect, it } from 'vitest';
import { printQuery } from './ast.js';
import { isQueryError, type QueryErrorCode } from './errors.js';
import { parseQuery } from './parser.js';

function parseError(query: string): { code: QueryErrorCode; column: number; length: number } {
  try {
    parseQuery(query);
  } catch (error) {
    if (isQueryError(error)) return { code: error.code, column: error.column, length: error.length };
    throw error;
  }
  throw new Error(`"${query}" parsed without error`);
}

describe('parseQuery', () => {
  it.each([
    // Terms are folded like the posts they are compared with.
    ['vélo', 'velo'],
    ['ÉCOLE', 'ecole'],
    ['Œuvre', 'oeuvre'],
    // Implicit AND, with AND's precedence.
    ['vélo trottinette', '(and velo trottinette)'],
    ['vélo AND trottinette OR bus', '(or (and velo trottinette) bus)'],
    ['vélo OR trottinette bus', '(or velo (and trottinette bus))'],
    ['vélo OR trottinette AND bus', '(or velo (and trottinette bus))'],
    ['(vélo OR trottinette) bus', '(and (or velo trottinette) bus)'],
    ['NOT vélo OR bus', '(or (not velo) bus)'],
    ['vélo AND NOT bus', '(and velo (not bus))'],
    ['vélo NOT bus', '(and velo (not bus))'],
    ['-leboncoin vélo', '(and (not leboncoin) velo)'],
    ['vélo -"vélo électrique"', '(and velo (not "velo electrique"))'],
    ['--spam', '(not (not spam))'],
    ['-(spam OR pub)', '(not (or spam pub))'],
    ['(lyon OR paris) AND (mairie OR "hôtel de ville")', '(and (or lyon paris) (or mairie "hotel de ville"))'],
    ['((lyon))', 'lyon'],
    ['(mairie AND lyon) AND conseil', '(and mairie lyon conseil)'],
    ['lyon OR (paris OR marseille)', '(or lyon paris marseille)'],
    // Phrases, quotes from word processors, elisions, hyphens.
    ['"Mairie de Lyon"', '"mairie de lyon"'],
    ['“Mairie de Lyon”', '"mairie de lyon"'],
    ['« Mairie de Lyon »', '"mairie de lyon"'],
    ['Saint-Étienne', '(or "saint etienne" saintetienne)'],
    ['covid-19', '(or "covid 19" covid19)'],
    ['COVID19', '(or "covid 19" covid19)'],
    ['H1N1', 'h1n1'],
    ['"grève SNCF"~3', '(within/3 greve sncf)'],
    ['"maire Lyon budget"~4', '(within/4 maire lyon budget)'],
    ['(maire (Lyon OR Paris))~5', '(within/5 maire (or lyon paris))'],
    ['(maire OR adjoint)~5', '(or maire adjoint)'],
    ['apple^9', 'apple'],
    ['"mairie de lyon"^2', '"mairie de lyon"'],
    ['"grève SNCF"~3^2', '(within/3 greve sncf)'],
    ['(vélo OR bus)^3', '(or velo bus)'],
    ['{BT}', 'raw:BT'],
    ['{La Poste}', 'raw:"La Poste"'],
    ['url:(lemonde.fr OR liberation.fr)', '(or url:lemonde.fr url:liberation.fr)'],
    ['site:(www.lemonde.fr -abonnes.lemonde.fr)', '(and site:www.lemonde.fr (not site:abonnes.lemonde.fr))'],
    ['author:("Le Monde" OR @lemonde)', '(or author:"le monde" author:lemonde)'],
    ['language:fr', 'lang:fr'],
    ['logitech NEAR/2f clavier', '(onear/2 logitech clavier)'],
    ['vélo && bus || tram', '(or (and velo bus) tram)'],
    ['"vive le 🚲"', '"vive le 🚲"'],
    ['🇫🇷', '"🇫 🇷"'],
    ['l´école', 'ecole'],
    ["l'école", 'ecole'],
    ['L’École', 'ecole'],
    ['"l’école publique"', '"ecole publique"'],
    ["jusqu'à", 'a'],
    ['aujourd’hui', "aujourd'hui"],
    ['10:30', '"10 30"'],
    ['Lyon: mairie', '(and lyon mairie)'],
    // Operators are upper case; anything else is a word.
    ['and or not', '(and and or not)'],
    ['NEARBY', 'nearby'],
    ['ANDROID', 'android'],
    // Wildcards.
    ['munici*', 'munici*'],
    ['r?seau', 'r?seau'],
    ['Ré?eau*', 're?eau*'],
    ['"pistes cycl*"', '"pistes cycl*"'],
    // Proximity binds tighter than NOT and AND.
    ['mairie NEAR/5 lyon', '(near/5 mairie lyon)'],
    ['mairie ONEAR/2 "de lyon"', '(onear/2 mairie "de lyon")'],
    ['mairie NEAR/0 lyon', '(near/0 mairie lyon)'],
    ['(vélo OR "piste cyclable") NEAR/3 Lyon', '(near/3 (or velo "piste cyclable") lyon)'],
    ['NOT mairie NEAR/3 lyon', '(not (near/3 mairie lyon))'],
    ['mairie NEAR/3 lyon conseil', '(and (near/3 mairie lyon) conseil)'],
    ['raw:EDF NEAR/2 tarif*', '(near/2 raw:EDF tarif*)'],
    // Fields.
    ['site:lemonde.fr', 'site:lemonde.fr'],
    ['site:https://www.LeMonde.fr/politique/', 'site:www.lemonde.fr'],
    ['site:*.gouv.fr', 'site:gouv.fr'],
    ['url:LeMonde.fr/Politique', 'url:lemonde.fr/politique'],
    ['lang:FR', 'lang:fr'],
    ['langue:fr', 'lang:fr'],
    ['source:Bluesky', 'source:bluesky'],
    ['SOURCE:rss', 'source:rss'],
    ['author:@MairieDeLyon', 'author:mairiedelyon'],
    ['auteur:"Le Monde"', 'author:"le monde"'],
    ['#Lyon', '#lyon'],
    ['#Municipales2026,', '#municipales2026'],
    ['#vélo*', '#velo*'],
    ['@MairieDeLyon', '@mairiedelyon'],
    ['@lemonde.bsky.social.', '@lemonde.bsky.social'],
    ['raw:"Réseaux"', 'raw:Réseaux'],
    ['raw:"Réseaux sociaux"', 'raw:"Réseaux sociaux"'],
    ['raw:Aujourd’hui', "raw:Aujourd'hui"],
    [
      '(vélo OR velo* OR "pistes cyclables") AND lang:fr -site:leboncoin.fr',
      '(and (or velo velo* "pistes cyclables") lang:fr (not site:leboncoin.fr))',
    ],
  ])('%s → %s', (query, printed) => {
    expect(printQuery(parseQuery(query))).toBe(printed);
  });

  it('keeps the structure, not only its print', () => {
    expect(parseQuery('mairie NEAR/5 (lyon OR "saint-etienne")')).toEqual({
      kind: 'near',
      left: [{ kind: 'text', words: ['mairie'], raw: false }],
      right: [
        { kind: 'text', words: ['lyon'], raw: false },
        { kind: 'text', words: ['saint', 'etienne'], raw: false },
        { kind: 'text', words: ['saintetienne'], raw: false },
      ],
      distance: 5,
      ordered: false,
    });
  });
});

describe('parseQuery errors', () => {
  it.each([
    ['', 'empty_query', 1],
    ['   ', 'empty_query', 1],
    ['"mairie de lyon', 'unclosed_quote', 1],
    ['lyon "mairie', 'unclosed_quote', 6],
    ['« mairie de lyon', 'unclosed_quote', 1],
    ['raw:"Réseaux', 'unclosed_quote', 5],
    ['(vélo OR trottinette', 'unclosed_paren', 1],
    ['lyon (a OR (b c)', 'unclosed_paren', 6],
    ['lyon (', 'unclosed_paren', 6],
    ['vélo)', 'unexpected_token', 5],
    [')', 'unexpected_token', 1],
    ['(lyon) paris)', 'unexpected_token', 13],
    ['#lyon.paris', 'unexpected_token', 7],
    ['()', 'empty_group', 1],
    ['lyon ( )', 'empty_group', 6],
    ['vélo AND', 'dangling_operator', 6],
    ['OR vélo', 'dangling_operator', 1],
    ['vélo AND OR bus', 'dangling_operator', 6],
    ['vélo OR', 'dangling_operator', 6],
    ['(vélo OR) bus', 'dangling_operator', 7],
    ['vélo NOT', 'dangling_operator', 6],
    ['vélo - bus', 'dangling_operator', 6],
    ['vélo -', 'dangling_operator', 6],
    ['NEAR/3 lyon', 'dangling_operator', 1],
    ['mairie NEAR/3', 'dangling_operator', 8],
    ['mairie NEAR lyon', 'near_needs_number', 8],
    ['mairie NEAR/ lyon', 'near_needs_number', 8],
    ['mairie NEAR/x lyon', 'near_needs_number', 8],
    ['mairie ONEAR/5000 lyon', 'near_needs_number', 8],
    ['mairie NEAR/-1 lyon', 'near_needs_number', 8],
    ['mairie NEAR/3 -lyon', 'invalid_near_operand', 15],
    ['mairie NEAR/3 NOT lyon', 'invalid_near_operand', 15],
    ['(mairie lyon) NEAR/3 conseil', 'invalid_near_operand', 1],
    ['mairie NEAR/3 #lyon', 'invalid_near_operand', 15],
    ['site:lemonde.fr NEAR/3 lyon', 'invalid_near_operand', 1],
    ['mairie NEAR/2 de NEAR/2 lyon', 'invalid_near_operand', 18],
    ['vélo foo:bar', 'unknown_field', 6],
    ['http://lemonde.fr', 'unknown_field', 1],
    ['site:', 'empty_field_value', 1],
    ['lyon lang: fr', 'empty_field_value', 6],
    ['(site:)', 'empty_field_value', 2],
    ['vélo site:https://', 'empty_field_value', 6],
    ['lang:" "', 'empty_field_value', 1],
    ['@.lemonde', 'empty_term', 1],
    ['…', 'empty_term', 1],
    ['vélo , bus', 'empty_term', 6],
    ['""', 'empty_term', 1],
    ['#', 'empty_term', 1],
    ['ve*', 'wildcard_too_short', 1],
    ['"piste cy*"', 'wildcard_too_short', 8],
    ['#a?*', 'wildcard_too_short', 2],
    ['"c\'est quoi ?"', 'wildcard_too_short', 13],
    ['*velo', 'misplaced_wildcard', 1],
    ['ve*lo', 'misplaced_wildcard', 3],
    ['lyon saint-*tienne', 'misplaced_wildcard', 12],
    ['('.repeat(70) + 'lyon' + ')'.repeat(70), 'too_deep', 65],
    ['NOT '.repeat(70) + 'lyon', 'too_deep', 257],
  ] as const)('%j → %s at column %i', (query, code, column) => {
    expect(parseError(query)).toMatchObject({ code, column });
  });

  it('counts columns in UTF-16 code units, as an editor selects them', () => {
    expect(parseError('"🚲 vélo" AND')).toMatchObject({ code: 'dangling_operator', column: 11, length: 3 });
  });

  it('underlines the whole offending token', () => {
    expect(parseError('mairie NEAR/x lyon')).toMatchObject({ length: 6 });
    expect(parseError('lyon bogus:value')).toMatchObject({ length: 5 });
  });
});
