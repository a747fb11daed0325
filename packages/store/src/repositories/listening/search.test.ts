// The stream's search and listening topics read a term alike: the mentions a search finds for "covid-19" or
// "cœur" are those a topic with that query matched, on SQLite (FTS5) and PostgreSQL (tsvector).
import { describe, expect, it } from 'vitest';
import { compileQuery } from '@rostra/core';
import { testDialects } from '../../testing/test-env.js';
import { mention, setUpListeningStore, T0 } from './fixtures.js';
import { parseSearch, toFts5Query } from './search.js';

const TEXTS: Record<string, string> = {
  t1: 'Le COVID19 recule',
  t2: 'le covid-19 recule',
  t3: 'covid 19 encore',
  t4: 'Au cœur de Lyon',
  t5: 'au coeur de Lyon',
  t6: 'Vive l´école publique',
  t7: 'Saint-Étienne gagne',
  t8: 'Allez #SaintEtienne',
  t9: 'le covid long',
  t10: 'Un e-mail de la mairie',
  t11: 'un email de la mairie',
};

const QUERIES = [
  'covid-19',
  'covid19',
  'COVID 19',
  'cœur',
  'coeur',
  'saint-etienne',
  '"vive l\'école"',
  'e-mail',
  'covid -recule',
];

describe('parseSearch', () => {
  it('spells a term every way a listening query does', () => {
    expect(parseSearch('covid-19 -"saint-étienne" A380 h1n1')).toEqual([
      { spellings: [['covid', '19'], ['covid19'], ['covid-19']], negated: false },
      { spellings: [['saint', 'etienne'], ['saintetienne'], ['saint-etienne']], negated: true },
      { spellings: [['a', '380'], ['a380'], ['a-380']], negated: false },
      { spellings: [['h1n1']], negated: false },
    ]);
  });

  it('looks for œ and æ on SQLite, whose tokenizer keeps them', () => {
    expect(toFts5Query(parseSearch('cœur'))).toBe('("coeur"* OR "cœur"*)');
    expect(toFts5Query(parseSearch('covid-19 -spam'))).toBe('("covid 19" OR "covid19"*) NOT "spam"*');
  });
});

describe.each(testDialects)('search agrees with topic matching on %s', (dialect) => {
  const bed = setUpListeningStore(dialect);

  it.each(QUERIES)('%s', async (query) => {
    const { store, ws } = bed;
    if ((await store.listening.queryMentions(ws, {}, null, 50)).items.length === 0) {
      const batch = Object.entries(TEXTS).map(([id, text], i) => mention(ws, id, text, { sortAt: T0 + i }));
      await store.listening.insertMentions(batch, null);
    }
    const compiled = compileQuery(query);
    const matched = Object.keys(TEXTS).filter((id) => compiled.matches({ text: TEXTS[id] as string }));
    const found = (await store.listening.queryMentions(ws, { q: query }, null, 50)).items.map((m) => m.externalId);
    expect(matched.length).toBeGreaterThan(0);
    expect(found.sort()).toEqual(matched.sort());
  });
});
