// The lengths the composer shows are the networks' own: one function per network, shared with the rules.
import { describe, expect, it } from 'vitest';
import { countForNetwork } from './counting.js';

const LINK = `https://www.example.org/${'chemin/'.repeat(20)}page.html`;

describe('countForNetwork', () => {
  it.each([
    // Mastodon: a link counts 23 whatever its length, a remote mention counts as its local part.
    ['mastodon', `Voir ${LINK}`, 5 + 23],
    ['mastodon', 'Merci @mairie@piaille.fr !', 'Merci @mairie !'.length],
    // X: links 23, emoji 2.
    ['x', `Voir ${LINK}`, 5 + 23],
    ['x', 'Bravo 🎉', 6 + 2],
    // LinkedIn and Facebook count code points: a family emoji is five.
    ['linkedin', 'Bravo 👩‍👩‍👧', 6 + 5],
    ['facebook', 'Bravo 👩‍👩‍👧', 6 + 5],
    // Bluesky (and networks without a rule of their own) count grapheme clusters.
    ['bluesky', 'Bravo 👩‍👩‍👧', 6 + 1],
    ['bluesky', `Voir ${LINK}`, 5 + LINK.length],
    ['threads', 'é', 1],
  ])('%s counts %j as %i', (network, text, expected) => {
    expect(countForNetwork(network, text)).toBe(expected);
  });
});
