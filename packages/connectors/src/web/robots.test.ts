import { describe, expect, it } from 'vitest';
import { parseRobots, productToken } from './robots.js';

const ROBOTS = `# Example from a French news site
User-agent: *
Disallow: /recherche
Disallow: /*.pdf$
Allow: /recherche/aide
Sitemap: https://www.example.fr/sitemap.xml

User-agent: GPTBot
User-agent: rostra
Disallow: /abonnes/
Allow: /abonnes/gratuit

user-agent: ROSTRA
disallow: /brouillons
Disallow:

User-agent: autre
Disallow: /
`;

describe('robots.txt', () => {
  it('takes the product token of a user agent', () => {
    expect(productToken('Rostra/0.1 (+https://rostra.example)')).toBe('rostra');
    expect(productToken('rostra-bot')).toBe('rostra-bot');
  });

  it.each([
    // Rostra's own groups (merged, case-insensitive) apply, not "*".
    ['rostra', '/recherche?q=x', true],
    ['rostra', '/abonnes/article', false],
    ['rostra', '/abonnes/gratuit/article', true],
    ['rostra', '/brouillons/1', false],
    ['rostra', '/robots.txt', true],
    // Anyone else falls back to "*": longest match wins, allow wins ties, * and $ work.
    ['other', '/recherche?q=x', false],
    ['other', '/recherche/aide', true],
    ['other', '/doc.pdf', false],
    ['other', '/doc.pdf?download=1', true],
    ['other', '/abonnes/article', true],
    ['autre', '/anything', false],
    ['autre', '/robots.txt', true],
  ])('%s fetching %s → %s', (token, path, allowed) => {
    expect(parseRobots(ROBOTS, token).allows(`https://www.example.fr${path}`)).toBe(allowed);
  });

  it.each([
    ['', '/x', true],
    ['User-agent: *\nDisallow: /', '/x', false],
    ['User-agent: *\nDisallow: /\nAllow: /$', '/', true],
    ['User-agent: *\nDisallow: /', '/', false],
    // Google's example: the longer pattern wins even with a wildcard (https://developers.google.com/search/docs/crawling-indexing/robots/robots_txt#order-of-precedence-for-rules).
    ['User-agent: *\nAllow: /page\nDisallow: /*.html', '/page.html', false],
    ['User-agent: *\nAllow: /p\nDisallow: /', '/page', true],
    ['User-agent: *\nDisallow: /actualités', '/actualit%C3%A9s/1', false],
    ['Disallow: /orphan\nUser-agent: *\nDisallow: /x', '/orphan', true],
    ['User-agent: *\r\nDisallow: /fenetres # comment\r\n', '/fenetres', false],
  ])('%j: %s → %s', (text, path, allowed) => {
    expect(parseRobots(text, 'rostra').allows(`https://site.example${path}`)).toBe(allowed);
  });
});
