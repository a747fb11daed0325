// checkCharter: a post, channel by channel, against the workspace's editorial charter. Pure, so the composer runs
// it live in the browser and the server runs the same function before approval.
import { CHARTER_RULES, type Charter } from './charter.js';
import type { CharterChannelContent, CharterFinding, CharterTextPart, Found, PreparedText } from './findings.js';
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

/**
 * The first comment is read like the post's words (vocabulary, topics, accessibility of its text, inclusive writing,
 * links); the network's musts (an image, a question, counts) and alt text are about the post itself.
 */
function checkFirstComment(charter: Charter, content: CharterChannelContent, comment: string): Found[] {
  const prepared = prepareText(comment);
  return [
    ...checkWordsToAvoid(charter, prepared),
    ...checkForbiddenTopics(charter, prepared),
    ...checkAccessibility(charter, prepared, []),
    ...checkInclusiveWriting(charter, prepared),
    ...checkLinks(charter, prepared, content.network),
  ];
}

function byPlace(a: Found, b: Found): number {
  const start = (f: Found) => f.range?.start ?? Number.MAX_SAFE_INTEGER;
  return start(a) - start(b) || CHARTER_RULES.indexOf(a.rule) - CHARTER_RULES.indexOf(b.rule);
}

/**
 * What the charter says of each channel's version of the post, channel by channel: its text's findings in text
 * order, then its first comment's.
 */
export function checkCharter(charter: Charter, channels: readonly CharterChannelContent[]): CharterFinding[] {
  return channels.flatMap((content) => {
    const tie = (part: CharterTextPart) => (found: Found) => ({
      ...found,
      channelId: content.channelId,
      network: content.network,
      part,
    });
    const comment = content.firstComment?.trim() ? content.firstComment : null;
    return [
      ...checkChannel(charter, content).sort(byPlace).map(tie('text')),
      ...(comment ? checkFirstComment(charter, content, comment).sort(byPlace).map(tie('first_comment')) : []),
    ];
  });
}

/** Findings that refuse approval. */
export function blockingFindings(findings: readonly CharterFinding[]): CharterFinding[] {
  return findings.filter((finding) => finding.level === 'blocking');
}
