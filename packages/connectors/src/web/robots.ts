// robots.txt as RFC 9309 defines it (https://www.rfc-editor.org/rfc/rfc9309): groups of user-agent lines and their
// allow / disallow rules; the groups naming Rostra's product token apply, else those of "*"; the longest matching
// rule wins and allow wins a tie; `*` matches any characters and `$` ends a pattern.

interface Rule {
  allow: boolean;
  pattern: string;
  regex: RegExp;
}

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
  const groups: { agents: string[]; rules: Rule[] }[] = [];
  let current: { agents: string[]; rules: Rule[] } | undefined;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const match = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!match) continue;
    const key = match[1]!.toLowerCase();
    const value = match[2]!.trim();
    if (key === 'user-agent') {
      // Consecutive user-agent lines share one group (§2.1).
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
    } else if ((key === 'allow' || key === 'disallow') && current) {
      lastWasAgent = false;
      // "Disallow:" with no path disallows nothing.
      if (value === '') continue;
      const pattern = normalisePattern(value);
      current.rules.push({ allow: key === 'allow', pattern, regex: toRegex(pattern) });
    } else {
      // Sitemap and other records end a run of user-agent lines but belong to no group.
      lastWasAgent = false;
    }
  }
  // The token matches case-insensitively; several groups for the same agent are merged (§2.2.1).
  const named = groups.filter((group) => group.agents.includes(token));
  const chosen = named.length > 0 ? named : groups.filter((group) => group.agents.includes('*'));
  const rules = chosen.flatMap((group) => group.rules);
  if (rules.length === 0) return ALLOW_ALL;
  return {
    allows(url) {
      const path = pathOf(url);
      if (path === '/robots.txt') return true;
      let best: Rule | undefined;
      for (const rule of rules) {
        if (!rule.regex.test(path)) continue;
        if (
          !best ||
          rule.pattern.length > best.pattern.length ||
          (rule.pattern.length === best.pattern.length && rule.allow)
        ) {
          best = rule;
        }
      }
      return best?.allow ?? true;
    },
  };
}

/** Path and query, percent-encoded the way URL gives them, so rules and paths compare alike (§2.2.2). */
function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

/** Non-ASCII characters in a rule are compared percent-encoded, as URLs carry them. */
function normalisePattern(pattern: string): string {
  return pattern.replace(/[^\x21-\x7e]/gu, (char) => encodeURIComponent(char));
}

function toRegex(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}
