import { describe, expect, it } from 'vitest';
import { hasRole, ROLES } from '../accounts/roles.js';
import { checkRelayTexts, RELAY_TEXT_LIMITS } from './relay-texts.js';
import { buildShareLinks, parseMastodonInstance, relayTextWithLink } from './share-links.js';
import { relayInputSchema, RELAY_NETWORKS } from './types.js';

const LINK = 'https://www.ville.example/actualites/fete?utm_source=ambassadeurs&x=1#haut';

describe('the ambassador role', () => {
  it('reaches nothing that needs viewer, and everyone reaches what needs ambassador', () => {
    expect(hasRole('ambassador', 'viewer')).toBe(false);
    expect(hasRole('ambassador', 'ambassador')).toBe(true);
    for (const role of ROLES) expect(hasRole(role, 'ambassador')).toBe(true);
  });
});

describe('buildShareLinks', () => {
  const texts = {
    x: 'Fête & feux ce soir ! #Lyon',
    bluesky: 'Ce soir : « fête » 100% gratuite',
    mastodon: 'À ce soir',
  };
  const links = Object.fromEntries(
    buildShareLinks({ link: LINK, texts }, 'piaille.fr').map((l) => [l.network, l] as const),
  );

  it('gives one link per network, in the page order', () => {
    expect(buildShareLinks({ link: LINK, texts }, null).map((l) => l.network)).toEqual([...RELAY_NETWORKS]);
  });

  it('builds each network’s documented share intent, every value encoded', () => {
    const encodedLink = encodeURIComponent(LINK);
    expect(links.linkedin?.url).toBe(`https://www.linkedin.com/sharing/share-offsite/?url=${encodedLink}`);
    expect(links.facebook?.url).toBe(`https://www.facebook.com/sharer/sharer.php?u=${encodedLink}`);
    expect(links.x?.url).toBe(
      `https://x.com/intent/tweet?text=F%C3%AAte%20%26%20feux%20ce%20soir%20!%20%23Lyon&url=${encodedLink}`,
    );
    expect(links.bluesky?.url).toBe(
      `https://bsky.app/intent/compose?text=${encodeURIComponent(`Ce soir : « fête » 100% gratuite ${LINK}`)}`,
    );
    expect(links.mastodon?.url).toBe(`https://piaille.fr/share?text=${encodeURIComponent(`À ce soir ${LINK}`)}`);
  });

  it('reads back, parameter by parameter, exactly the text and link given', () => {
    const x = new URL(links.x?.url as string);
    expect(x.searchParams.get('text')).toBe(texts.x);
    expect(x.searchParams.get('url')).toBe(LINK);
    expect([...x.searchParams.keys()]).toEqual(['text', 'url']);
    expect(new URL(links.bluesky?.url as string).searchParams.get('text')).toBe(`${texts.bluesky} ${LINK}`);
    expect(new URL(links.linkedin?.url as string).searchParams.get('url')).toBe(LINK);
  });

  it('has no Mastodon link until the ambassador names their instance', () => {
    const mastodon = buildShareLinks({ link: LINK, texts }, null).find((l) => l.network === 'mastodon');
    expect(mastodon?.url).toBeNull();
    expect(mastodon?.text).toBe(`À ce soir ${LINK}`);
  });

  it('shares the link alone where no text is suggested; LinkedIn and Facebook copy the text without it', () => {
    const bare = buildShareLinks({ link: LINK, texts: { linkedin: '  Fière de ma ville  ' } }, 'mamot.fr');
    expect(bare.find((l) => l.network === 'bluesky')?.text).toBe(LINK);
    expect(bare.find((l) => l.network === 'linkedin')?.text).toBe('Fière de ma ville');
    expect(relayTextWithLink('facebook', 'Venez', LINK)).toBe('Venez');
    expect(relayTextWithLink('x', 'Venez', LINK)).toBe(`Venez ${LINK}`);
  });
});

describe('parseMastodonInstance', () => {
  it.each([
    ['mastodon.social', 'mastodon.social'],
    ['  Piaille.FR ', 'piaille.fr'],
    ['https://mamot.fr/', 'mamot.fr'],
    ['@camille@social.numerique.gouv.fr', 'social.numerique.gouv.fr'],
    ['camille@piaille.fr', 'piaille.fr'],
    ['http://mamot.fr', undefined],
    ['javascript:alert(1)', undefined],
    ['mamot.fr/share?text=x', undefined],
    ['mamot.fr:8443', undefined],
    ['localhost', undefined],
    ['evil.example"><script>', undefined],
    ['', undefined],
  ])('%j → %j', (input, expected) => {
    expect(parseMastodonInstance(input)).toBe(expected);
  });
});

describe('checkRelayTexts', () => {
  // Code points: enough to test the rule; the server passes the connectors' own counting.
  const count = (_network: string, text: string) => [...text].length;

  it('refuses a text over its network’s limit once the link is added where it goes out', () => {
    const short = 'https://v.fr/a';
    const x = 'a'.repeat(RELAY_TEXT_LIMITS.x - short.length);
    expect(checkRelayTexts({ x }, short, count)).toEqual([
      { network: 'x', count: RELAY_TEXT_LIMITS.x + 1, max: RELAY_TEXT_LIMITS.x },
    ]);
    expect(checkRelayTexts({ x: x.slice(1) }, short, count)).toEqual([]);
  });

  it('does not count the link on LinkedIn and Facebook, and skips blank texts', () => {
    const linkedin = 'a'.repeat(RELAY_TEXT_LIMITS.linkedin);
    expect(checkRelayTexts({ linkedin, bluesky: '   ' }, LINK, count)).toEqual([]);
    expect(checkRelayTexts({ bluesky: 'b'.repeat(300) }, LINK, count).map((p) => p.network)).toEqual(['bluesky']);
  });

  it('uses the counter it is given, per network', () => {
    const weighted = (network: string, text: string) => (network === 'x' ? text.length * 2 : text.length);
    expect(checkRelayTexts({ x: 'a'.repeat(130), mastodon: 'a'.repeat(130) }, 'https://v.fr', weighted)).toEqual([
      { network: 'x', count: 286, max: 280 },
    ]);
  });
});

describe('relayInputSchema', () => {
  it('accepts an http(s) link and known networks only', () => {
    expect(relayInputSchema.parse({ link: ` ${LINK} ` })).toEqual({ link: LINK, texts: {} });
    expect(relayInputSchema.safeParse({ link: 'javascript:alert(1)' }).success).toBe(false);
    expect(relayInputSchema.safeParse({ link: 'ftp://v.fr/a' }).success).toBe(false);
    expect(relayInputSchema.safeParse({ link: LINK, texts: { tiktok: 'x' } }).success).toBe(false);
  });
});
