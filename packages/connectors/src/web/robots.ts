// robots.txt as RFC 9309 defines it (https://www.rfc-editor.org/rfc/rfc9309), read by robots-parser: groups of
// user-agent lines and their allow / disallow rules; the groups naming Rostra's product token apply (merged, case
// insensitive), else those of "*"; the longest matching rule wins and allow wins a tie; `*` matches any characters
// and `$` ends a pattern. What is Rostra's own: the product token, /robots.txt always readable (§2.2.2), the size
// read, and what an unreachable robots.txt means (web/index.ts).
import robotsParser from 'robots-parser';

export interface RobotsRules {
  /** Whether `url` (absolute, on the robots.txt's origin) may be fetched. */
  allows(url: string): boolean;
}

/** RFC 9309 §2.5: a crawler parses at least the first 500 kibibytes. */
export const ROBOTS_MAX_BYTES = 500 * 1024;

export const ALLOW_ALL: RobotsRules = { allows: () => true };
export const DISALLOW_ALL: RobotsRules = { allows: (url) => pathOf(url) === '/robots.txt' };

/** The product token of a User-Agent header: "Rostra/0.1 (+https://…)" → "rostra". */
export function productToken(userAgent: string): string {
  return (/^[A-Za-z_-]+/.exec(userAgent.trim())?.[0] ?? userAgent).toLowerCase();
}

export function parseRobots(text: string, token: string): RobotsRules {
  // robots-parser answers for URLs on the robots.txt's origin only; rules concern paths, so any origin will do.
  const robots = robotsParser(`${RULES_ORIGIN}/robots.txt`, text);
  return {
    allows(url) {
      const path = pathOf(url);
      if (path === '/robots.txt') return true;
      // undefined: a URL robots-parser cannot place (never the case here), read as "no rule".
      return robots.isAllowed(`${RULES_ORIGIN}${path}`, token) ?? true;
    },
  };
}

const RULES_ORIGIN = 'https://robots.invalid';

/** Path and query, percent-encoded the way URL gives them, so rules and paths compare alike (§2.2.2). */
function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}
