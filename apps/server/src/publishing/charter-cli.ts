// `rostra charter show` and `rostra charter check`: the workspace's editorial charter from a terminal, and a text
// checked against it with the same checkCharter the composer and the approval run — for a script that vets texts
// before importing them, or a person checking a sentence. `check` exits 1 when a finding blocks approval.
import type { Command } from 'commander';
import { checkCharter, type Charter, type CharterFinding, type StoredCharter } from '@rostra/core';
import type { CliHelpers } from '../listening/cli.js';
import { readCharter } from './charter.js';

const rule = (r: { level: string; explanation: string } | null, what: string) =>
  r ? [`  ${what} [${r.level}]${r.explanation ? ` — ${r.explanation}` : ''}`] : [];

function networkLines(charter: Charter): string[] {
  return charter.networks.flatMap((n) => [
    `${n.network}:`,
    ...rule(n.imageRequired, 'an image'),
    ...rule(n.questionRequired, 'a question'),
    ...rule(n.maxHashtags, `at most ${n.maxHashtags?.max} hashtags`),
    ...rule(n.maxEmoji, `at most ${n.maxEmoji?.max} emoji`),
  ]);
}

/** The charter as a person reads it: one line per rule, with its level and reason. */
export function describeCharter(stored: StoredCharter): string {
  const { charter } = stored;
  const { accessibility: a, links, inclusiveWriting: inclusive, responsePolicy: response } = charter;
  if (stored.version === 0) return 'No charter written yet (version 0): only its defaults apply.';
  return [
    `Version ${stored.version}, saved ${new Date(stored.updatedAt).toISOString()}`,
    ...(charter.tone ? [`Tone: ${charter.tone}`] : []),
    ...(charter.voice ? [`Voice: ${charter.voice}`] : []),
    `Words to avoid: ${charter.wordsToAvoid.length}`,
    ...charter.wordsToAvoid.flatMap((w) => rule(w, `"${w.word}"${w.replacement ? ` → "${w.replacement}"` : ''}`)),
    `Forbidden topics: ${charter.forbiddenTopics.length}`,
    ...charter.forbiddenTopics.flatMap((t) => rule(t, `${t.topic} (${t.terms.join(', ')})`)),
    ...(charter.networks.length > 0 ? ['Per network:', ...networkLines(charter).map((l) => `  ${l}`)] : []),
    'Accessibility:',
    ...rule(a.altTextRequired, 'alt text on every image'),
    ...rule(a.camelCaseHashtags, `CamelCase hashtags (from ${a.camelCaseHashtags?.minLength} letters)`),
    ...rule(a.noAllCaps, `no sentence in capitals (from ${a.noAllCaps?.minWords} words)`),
    ...rule(a.maxEmoji, `at most ${a.maxEmoji?.max} emoji`),
    `Inclusive writing (point médian): ${inclusive.policy} [${inclusive.level}]`,
    ...(links.utmRequired ? ['Links:', ...rule(links.utmRequired, 'UTM parameters on every link')] : []),
    `Responses: within ${response.maxDelayHours ?? '-'} h, never deleted (hidden with a reason)`,
  ].join('\n');
}

/** One line per finding: level, rule, the part and the words it points at, the fix, the reason. */
export function describeFindings(findings: readonly CharterFinding[], texts: Record<string, string>): string {
  if (findings.length === 0) return 'No finding: the text follows the charter.';
  return findings
    .map((f) => {
      const source = texts[f.part] ?? '';
      const where = f.range ? ` "${source.slice(f.range.start, f.range.end)}"` : '';
      const fix = f.fix !== undefined ? ` → "${f.fix}"` : '';
      const part = f.part === 'first_comment' ? ' (first comment)' : '';
      return `${f.level}\t${f.rule}${part}${where}${fix}${f.explanation ? ` — ${f.explanation}` : ''}`;
    })
    .join('\n');
}

interface CheckOptions {
  workspace?: string;
  text: string;
  firstComment?: string;
  network: string;
  json?: boolean;
}

export function registerCharterCommands(program: Command, helpers: CliHelpers): void {
  const { withRuntime, resolveWorkspace, print } = helpers;
  const charter = program.command('charter').description('Editorial charter: read it, check a text against it');

  charter
    .command('show')
    .description('Print the charter in force (its rules, levels and reasons)')
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (o: { workspace?: string; json?: boolean }) => {
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const stored = await readCharter(runtime.store, ws.id);
        print(o.json, stored, () => describeCharter(stored));
      });
    });

  charter
    .command('check')
    .description('Check a text against the charter, as the composer does; exits 1 when a finding blocks approval')
    .requiredOption('--text <text>', 'the text of the post')
    .option('--first-comment <text>', 'the comment published right after it')
    .option('--network <id>', 'the network it goes to (its musts apply)', 'mastodon')
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (o: CheckOptions) => {
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const { charter: rules, version } = await readCharter(runtime.store, ws.id);
        const findings = checkCharter(rules, [
          { channelId: 'cli', network: o.network, text: o.text, media: [], firstComment: o.firstComment ?? null },
        ]);
        const texts = { text: o.text, first_comment: o.firstComment ?? '' };
        print(o.json, { version, findings }, () => describeFindings(findings, texts));
        if (findings.some((f) => f.level === 'blocking')) process.exitCode = 1;
      });
    });
}
