import { describe, expect, it } from 'vitest';
import { countGraphemes, detectFacets, resolveFacets, type FacetCandidate } from './facets.js';

/** What a facet covers, read back from the UTF-8 bytes as Bluesky's app will. */
function sliceOf(text: string, facet: FacetCandidate): string {
  return Buffer.from(text, 'utf8').subarray(facet.byteStart, facet.byteEnd).toString('utf8');
}

function valueOf(facet: FacetCandidate): string {
  return facet.kind === 'link' ? facet.uri : facet.kind === 'mention' ? facet.handle : facet.tag;
}

const NBSP = '\u00a0';
const FAMILY = '👨\u200d👩\u200d👧'; // 18 bytes, 1 grapheme

// [text, expected facets: kind, value, the text covered, its first byte]
const cases: Array<[string, Array<[FacetCandidate['kind'], string, string, number]>]> = [
  ['Bonjour @alice.test !', [['mention', 'alice.test', '@alice.test', 8]]],
  ['Élysée : https://www.elysee.fr/.', [['link', 'https://www.elysee.fr/', 'https://www.elysee.fr/', 11]]],
  ['🎉 #FêteDeLaMusique 2025', [['tag', 'FêteDeLaMusique', '#FêteDeLaMusique', 5]]],
  ["#2025 n'est pas un tag, #JO2024 oui", [['tag', 'JO2024', '#JO2024', 24]]],
  [`${FAMILY} @bob.test`, [['mention', 'bob.test', '@bob.test', 19]]],
  [`«${NBSP}https://exemple.fr${NBSP}»`, [['link', 'https://exemple.fr', 'https://exemple.fr', 4]]],
  [
    'Voir (https://fr.wikipedia.org/wiki/Paris_(France)) ou https://exemple.fr/a).',
    [
      ['link', 'https://fr.wikipedia.org/wiki/Paris_(France)', 'https://fr.wikipedia.org/wiki/Paris_(France)', 6],
      ['link', 'https://exemple.fr/a', 'https://exemple.fr/a', 55],
    ],
  ],
  [
    'Déjà vu ? https://fr.wikipedia.org/wiki/Été, #Été!',
    [
      ['link', 'https://fr.wikipedia.org/wiki/Été', 'https://fr.wikipedia.org/wiki/Été', 12],
      ['tag', 'Été', '#Été', 49],
    ],
  ],
  ['@Alice.Test. Merci', [['mention', 'alice.test', '@Alice.Test', 0]]],
  ['Écrire à contact@mairie.fr', []], // an e-mail address is no mention
  ['https://exemple.fr/#ancre', [['link', 'https://exemple.fr/#ancre', 'https://exemple.fr/#ancre', 0]]],
  ['#️⃣ et #123', []], // the keycap emoji and numbers are no tags
  ['ftp://exemple.fr et www.exemple.fr', []], // only explicit http(s) links
  ['http://localhost:3000/x, ensuite', [['link', 'http://localhost:3000/x', 'http://localhost:3000/x', 0]]],
  [
    '😀😀 @carol.example.org #Ça_va ?',
    [
      ['mention', 'carol.example.org', '@carol.example.org', 9],
      ['tag', 'Ça_va', '#Ça_va', 28],
    ],
  ],
  ['＃ＪＯ2024', [['tag', 'ＪＯ2024', '＃ＪＯ2024', 0]]],
];

describe('detectFacets', () => {
  it.each(cases)('%s', (text, expected) => {
    const facets = detectFacets(text);
    expect(facets.map((f) => [f.kind, valueOf(f), sliceOf(text, f), f.byteStart])).toEqual(expected);
    for (const facet of facets) expect(facet.byteEnd - facet.byteStart).toBe(Buffer.byteLength(sliceOf(text, facet)));
  });

  it('takes tags up to 64 graphemes, and none longer', () => {
    const tag64 = 'é'.repeat(64);
    expect(detectFacets(`#${tag64}`).map(valueOf)).toEqual([tag64]);
    expect(detectFacets(`#${tag64}é`)).toEqual([]);
  });
});

describe('resolveFacets', () => {
  it('keeps resolved mentions with their DID and leaves unknown handles as plain text', async () => {
    const text = '@alice.test et @personne.test, voir https://exemple.fr #Municipales';
    const known: Record<string, string> = { 'alice.test': 'did:plc:alice' };
    const facets = await resolveFacets(detectFacets(text), async (handle) => known[handle]);
    expect(facets).toEqual([
      {
        index: { byteStart: 0, byteEnd: 11 },
        features: [{ $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:alice' }],
      },
      {
        index: { byteStart: 36, byteEnd: 54 },
        features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://exemple.fr' }],
      },
      {
        index: { byteStart: 55, byteEnd: 67 },
        features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'Municipales' }],
      },
    ]);
  });

  it('asks once per handle', async () => {
    const asked: string[] = [];
    await resolveFacets(detectFacets('@alice.test @Alice.test'), async (handle) => {
      asked.push(handle);
      return undefined;
    });
    expect(asked).toEqual(['alice.test']);
  });
});

describe('countGraphemes', () => {
  it.each([
    ['abc', 3],
    ['e\u0301te\u0301', 3], // decomposed accents: one grapheme with their letter
    [FAMILY, 1],
    ['🇫🇷', 1],
  ])('%s has %i', (text, count) => {
    expect(countGraphemes(text)).toBe(count);
  });
});
