import { describe, expect, it } from 'vitest';
import { parseQuery } from './parser.js';
import { chooseIndexClause, extractRequiredTerms, type RequiredClause } from './required-terms.js';

/** `a|b*`: a, or any word b* accepts. */
function printClause(clause: RequiredClause): string {
  return clause.map((term) => term.key).join('|');
}

function requiredTerms(query: string): string[] {
  return extractRequiredTerms(parseQuery(query)).map(printClause);
}

describe('extractRequiredTerms', () => {
  it.each([
    ['velo', ['velo']],
    ['(velo OR trottinette) AND lyon', ['velo|trottinette', 'lyon']],
    ['"mairie de lyon"', ['mairie', 'de', 'lyon']],
    ['saint-etienne', ['saint|saintetienne', 'etienne|saintetienne']],
    ['"grève SNCF"~3', ['greve', 'sncf']],
    ['🚲 OR vélo', ['🚲|velo']],
    ['munici* lyon', ['munici*', 'lyon']],
    ['r?seau', ['r?seau']],
    ['?eseau', ['?eseau']],
    ['raw:R?seau', ['r*']],
    ['raw:?eseau', []],
    ['velo OR velo*', ['velo*']],
    ['velo* OR velotaf OR bus', ['velo*|bus']],
    ['(mairie lyon) OR conseil', ['mairie|conseil', 'lyon|conseil']],
    ['velo OR -bus', []],
    ['-spam', []],
    ['NOT (velo OR bus)', []],
    ['velo -electrique', ['velo']],
    ['mairie NEAR/3 (lyon OR "saint etienne")', ['mairie', 'lyon|saint', 'lyon|etienne']],
    ['#Lyon OR @MairieDeLyon', ['#lyon|@mairiedelyon']],
    ['#velo*', ['#velo*']],
    ['site:lemonde.fr lang:fr source:rss', ['site:lemonde.fr', 'lang:fr', 'source:rss']],
    ['url:lemonde.fr author:lemonde', []],
    ['raw:"Réseaux"', ['reseaux']],
    ['raw:Réseau*', ['reseau*']],
  ])('%s requires %j', (query, clauses) => {
    expect(requiredTerms(query)).toEqual(clauses);
  });

  it('keeps one clause per branch when the product of an OR would explode', () => {
    const query = Array.from({ length: 5 }, (_, i) => `(a${i}x b${i}x c${i}x)`).join(' OR ');
    const clauses = extractRequiredTerms(parseQuery(query));
    expect(clauses.length).toBeLessThanOrEqual(16 * 3);
    for (const clause of clauses) expect(clause).toHaveLength(5);
  });
});

describe('chooseIndexClause', () => {
  it.each([
    ['"mairie de lyon" lang:fr', 'mairie'],
    ['lang:fr (velo OR trottinette)', 'velo|trottinette'],
    ['velo* lyon', 'lyon'],
    ['de la', 'de'],
    ['#municipales2026 lang:fr', '#municipales2026'],
    ['lang:fr source:bluesky', 'lang:fr'],
  ])('files %s under %s', (query, clause) => {
    const chosen = chooseIndexClause(extractRequiredTerms(parseQuery(query)));
    expect(chosen && printClause(chosen)).toBe(clause);
  });

  it('files nothing for a query that requires nothing', () => {
    expect(chooseIndexClause(extractRequiredTerms(parseQuery('-spam')))).toBeUndefined();
  });
});
