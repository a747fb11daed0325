// The charter's link policy: every link carries utm_source, utm_medium and utm_campaign so the traffic a post
// brings shows up in the site's analytics; the suggested link adds what is missing (source = the network).
import { UTM_PARAMETERS, type Charter } from './charter.js';
import type { Found, PreparedText } from './findings.js';
import type { TextRange } from './text-match.js';

/** http(s) links in the text, without the punctuation that closes the sentence around them. */
export function findUrls(text: string): Array<TextRange & { url: string }> {
  return [...text.matchAll(/https?:\/\/[^\s<>"«»]+/giu)].map((match) => {
    const url = match[0].replace(/[.,;:!?)\]'’»]+$/u, '');
    return { start: match.index, end: match.index + url.length, url };
  });
}

function isExempt(host: string, exemptHosts: readonly string[]): boolean {
  return exemptHosts.some((exempt) => {
    const h = exempt.toLowerCase().replace(/^www\./, '');
    return host === h || host.endsWith(`.${h}`);
  });
}

/** The link's host and the names of its query parameters that have a value (core has no URL class: no DOM, no Node). */
function readLink(url: string): { host: string; params: Set<string> } {
  const host = (/^https?:\/\/(?:[^@/?#]*@)?([^:/?#]+)/iu.exec(url)?.[1] ?? '').toLowerCase().replace(/^www\./, '');
  const query = url.split('#')[0]?.split('?')[1] ?? '';
  const params = new Set<string>();
  for (const pair of query.split('&')) {
    const [name = '', value = ''] = pair.split('=');
    if (value !== '') params.add(name.toLowerCase());
  }
  return { host, params };
}

/** The link with the missing parameters added before its fragment. */
function withParams(url: string, added: Array<[string, string]>): string {
  const [base = '', ...fragment] = url.split('#');
  const query = added.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
  const joined = base.includes('?')
    ? `${base}${base.endsWith('?') || base.endsWith('&') ? '' : '&'}${query}`
    : `${base}?${query}`;
  return [joined, ...fragment].join('#');
}

export function checkLinks(charter: Charter, prepared: PreparedText, network: string): Found[] {
  const rule = charter.links.utmRequired;
  if (!rule) return [];
  const proposed: Record<(typeof UTM_PARAMETERS)[number], string> = {
    utm_source: network,
    utm_medium: rule.medium,
    utm_campaign: rule.campaign,
  };
  return prepared.urls.flatMap((link) => {
    const { host, params } = readLink(link.url);
    if (host === '' || isExempt(host, rule.exemptHosts)) return [];
    const missing = UTM_PARAMETERS.filter((name) => !params.has(name));
    if (missing.length === 0) return [];
    const fixable = missing.every((name) => proposed[name] !== '');
    return [
      {
        rule: 'utm_missing' as const,
        level: rule.level,
        range: { start: link.start, end: link.end },
        params: { url: link.url, missing: missing.join(', ') },
        fix: fixable
          ? withParams(
              link.url,
              missing.map((name) => [name, proposed[name]]),
            )
          : undefined,
        explanation: rule.explanation,
      },
    ];
  });
}
