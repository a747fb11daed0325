// checkCharter: a post, channel by channel, against the workspace's editorial charter. Pure, so the composer runs
// it live in the browser and the server runs the same function before approval.
import { CHARTER_RULES, type Charter } from './charter.js';
import type { CharterChannelContent, CharterFinding, Found, PreparedText } from './findings.js';
import { checkAccessibility, checkNetworkMusts } from './rules-format.js';
import { checkLinks, findUrls } from './rules-links.js';
import { checkForbiddenTopics, checkInclusiveWriting, checkWordsToAvoid } from './rules-words.js';
import { foldText } from './text-match.js';

export function prepareText(text: string): PreparedText {
  const urls = findUrls(text);
  let prose = text;
  for (const url of urls) {
    prose = prose.slice(0, url.start) + ' '.repeat(url.end - url.start) + prose.slice(url.end);
  }
  return { text, prose, folded: foldText(prose), urls };
}

function checkChannel(charter: Charter, content: CharterChannelContent): Found[] {
  const prepared = prepareText(content.text);
  const musts = charter.networks.filter((n) => n.network === content.network);
  return [
    ...checkWordsToAvoid(charter, prepared),
    ...checkForbiddenTopics(charter, prepared),
    ...musts.flatMap((m) => checkNetworkMusts(m, prepared, content.media)),
    ...checkAccessibility(charter, prepared, content.media),
    ...checkInclusiveWriting(charter, prepared),
    ...checkLinks(charter, prepared, content.network),
  ];
}

function byPlace(a: Found, b: Found): number {
  const start = (f: Found) => f.range?.start ?? Number.MAX_SAFE_INTEGER;
  return start(a) - start(b) || CHARTER_RULES.indexOf(a.rule) - CHARTER_RULES.indexOf(b.rule);
}

/** What the charter says of each channel's version of the post, channel by channel, in text order. */
export function checkCharter(charter: Charter, channels: readonly CharterChannelContent[]): CharterFinding[] {
  return channels.flatMap((content) =>
    checkChannel(charter, content)
      .sort(byPlace)
      .map((found) => ({ ...found, channelId: content.channelId, network: content.network })),
  );
}

/** Findings that refuse approval. */
export function blockingFindings(findings: readonly CharterFinding[]): CharterFinding[] {
  return findings.filter((finding) => finding.level === 'blocking');
}
