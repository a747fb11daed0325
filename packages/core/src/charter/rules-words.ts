// The charter's word rules: words to avoid (with their replacement), forbidden topics, and the inclusive-writing
// policy (point médian allowed, required where a masculine plural stands for everyone, or forbidden).
import type { Charter } from './charter.js';
import type { Found, PreparedText } from './findings.js';
import { findTerm, matchCase, MEDIAN_DOTS } from './text-match.js';

export function checkWordsToAvoid(charter: Charter, prepared: PreparedText): Found[] {
  return charter.wordsToAvoid.flatMap((rule) =>
    findTerm(prepared.prose, rule.word, prepared.folded).map((match) => ({
      rule: 'word_to_avoid' as const,
      level: rule.level,
      range: { start: match.start, end: match.end },
      params: { word: match.written, replacement: rule.replacement },
      fix: rule.replacement ? matchCase(match.written, rule.replacement, match.plural) : undefined,
      explanation: rule.explanation,
    })),
  );
}

export function checkForbiddenTopics(charter: Charter, prepared: PreparedText): Found[] {
  return charter.forbiddenTopics.flatMap((topic) =>
    topic.terms.flatMap((term) =>
      findTerm(prepared.prose, term, prepared.folded).map((match) => ({
        rule: 'forbidden_topic' as const,
        level: topic.level,
        range: { start: match.start, end: match.end },
        params: { topic: topic.topic, term: match.written },
        explanation: topic.explanation,
      })),
    ),
  );
}

/**
 * Masculine plurals that usually stand for everyone in institutional posts, with their point-médian form and
 * their feminine plural (a text that already names both, « citoyennes et citoyens », needs nothing more).
 */
const GENERIC_PLURALS: ReadonlyArray<readonly [masculine: string, inclusive: string, feminine: string]> = [
  ['citoyens', 'citoyen·nes', 'citoyennes'],
  ['habitants', 'habitant·es', 'habitantes'],
  ['élus', 'élu·es', 'élues'],
  ['usagers', 'usager·ères', 'usagères'],
  ['agents', 'agent·es', 'agentes'],
  ['salariés', 'salarié·es', 'salariées'],
  ['collaborateurs', 'collaborateur·rices', 'collaboratrices'],
  ['électeurs', 'électeur·rices', 'électrices'],
  ['étudiants', 'étudiant·es', 'étudiantes'],
  ['lycéens', 'lycéen·nes', 'lycéennes'],
  ['lecteurs', 'lecteur·rices', 'lectrices'],
  ['utilisateurs', 'utilisateur·rices', 'utilisatrices'],
  ['adhérents', 'adhérent·es', 'adhérentes'],
  ['participants', 'participant·es', 'participantes'],
  ['commerçants', 'commerçant·es', 'commerçantes'],
  ['riverains', 'riverain·es', 'riveraines'],
  ['administrés', 'administré·es', 'administrées'],
  ['candidats', 'candidat·es', 'candidates'],
];

/** The two-word form of a point-médian word when it is one of the known plurals (citoyen·nes → citoyennes et citoyens). */
function doubletOf(written: string): string | undefined {
  const plain = written
    .normalize('NFC')
    .toLowerCase()
    .replace(new RegExp(`[${MEDIAN_DOTS}]`, 'g'), '·');
  const known = GENERIC_PLURALS.find(([, inclusive]) => inclusive === plain);
  return known && matchCase(written, `${known[2]} et ${known[0]}`);
}

function checkMedianForbidden(charter: Charter, prepared: PreparedText): Found[] {
  const pattern = new RegExp(`\\p{L}+(?:[${MEDIAN_DOTS}]\\p{L}+)+`, 'gu');
  return [...prepared.prose.matchAll(pattern)].map((match) => ({
    rule: 'point_median_forbidden' as const,
    level: charter.inclusiveWriting.level,
    range: { start: match.index, end: match.index + match[0].length },
    params: { word: match[0] },
    fix: doubletOf(match[0]),
    explanation: charter.inclusiveWriting.explanation,
  }));
}

function checkMedianRequired(charter: Charter, prepared: PreparedText): Found[] {
  return GENERIC_PLURALS.flatMap(([masculine, inclusive, feminine]) => {
    if (findTerm(prepared.prose, feminine, prepared.folded).length > 0) return [];
    return findTerm(prepared.prose, masculine, prepared.folded)
      .filter((match) => match.plural === '')
      .map((match) => ({
        rule: 'point_median_required' as const,
        level: charter.inclusiveWriting.level,
        range: { start: match.start, end: match.end },
        params: { word: match.written },
        fix: matchCase(match.written, inclusive),
        explanation: charter.inclusiveWriting.explanation,
      }));
  });
}

export function checkInclusiveWriting(charter: Charter, prepared: PreparedText): Found[] {
  if (charter.inclusiveWriting.policy === 'forbidden') return checkMedianForbidden(charter, prepared);
  if (charter.inclusiveWriting.policy === 'required') return checkMedianRequired(charter, prepared);
  return [];
}
