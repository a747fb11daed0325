// `rostra listen …` and `rostra mentions`: topics and sources from a terminal, and the mention stream as text or
// JSON for scripts. The CLI acts with the database's authority and is audited as the CLI.
import { InvalidArgumentError, type Command } from 'commander';
import {
  compileQuery,
  isQueryError,
  renderQueryError,
  TOPIC_GROUPS,
  type ActionContext,
  type Topic,
  type TopicGroup,
  type Workspace,
} from '@rostra/core';
import type { Runtime } from '../runtime.js';
import { createListeningService } from './service.js';

export interface CliHelpers {
  withRuntime<T>(work: (runtime: Runtime) => Promise<T>): Promise<T>;
  resolveWorkspace(runtime: Runtime, wanted: string | undefined): Promise<Workspace>;
  print(json: boolean | undefined, data: unknown, text: () => string): void;
  /** An error the CLI prints on one line, exiting 1. */
  fail(message: string): Error;
  actor(): ActionContext;
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "24h", "30m", "7d", "2w" → milliseconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+)\s*([mhdw])$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('must be a duration like 30m, 24h, 7d or 2w');
  return Number(match[1]) * (UNITS[match[2] as string] as number);
}

function parseGroup(value: string): TopicGroup {
  if (!(TOPIC_GROUPS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`must be one of ${TOPIC_GROUPS.join(', ')}`);
  }
  return value as TopicGroup;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The CLI's listening service: the operator's authority, so no early refusal of local URLs (see the service). */
function listeningOf(runtime: Runtime) {
  return createListeningService({ store: runtime.store, connectors: runtime.connectors, queue: runtime.queue });
}

export function registerListeningCommands(program: Command, helpers: CliHelpers): void {
  const listen = program.command('listen').description('Listening: topics and sources');
  registerTopicCommands(listen, helpers);
  registerSourceCommands(listen, helpers);
  registerMentionsCommand(program, helpers);
}

/** `rostra listen add` and `rostra listen list`. */
function registerTopicCommands(listen: Command, helpers: CliHelpers): void {
  const { withRuntime, resolveWorkspace, print } = helpers;
  listen
    .command('add <name>')
    .description('Add a topic, e.g. rostra listen add "Ville" --query "lyon OR #lyon" --group brand')
    .requiredOption('--query <query>', 'the topic query (see docs/QUERY.md)')
    .option('--group <group>', `one of ${TOPIC_GROUPS.join(', ')}`, parseGroup, 'other' as TopicGroup)
    .option('--color <hex>', 'colour in charts', '#1c7ed6')
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (name: string, o) => {
      try {
        compileQuery(o.query);
      } catch (error) {
        if (isQueryError(error)) throw helpers.fail(`--query: ${renderQueryError(error, 'en')}`);
        throw error;
      }
      if (!/^#[0-9a-fA-F]{6}$/.test(o.color)) throw helpers.fail('--color: use a colour like #1c7ed6');
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const topic = await listeningOf(runtime).createTopic(
          helpers.actor(),
          ws.id,
          { name: name.trim(), group: o.group, query: o.query, enabled: true, color: o.color },
          'en',
        );
        print(o.json, topic, () => `Topic ${topic.name} (${topic.group}) added: ${topic.id}`);
      });
    });

  listen
    .command('list')
    .description('List topics and sources, with each source’s health')
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (o) => {
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const topics = await listeningOf(runtime).listTopics(ws.id);
        const sources = await listeningOf(runtime).listSources(ws.id);
        print(o.json, { topics, sources }, () =>
          [
            'Topics:',
            ...topics.map((t) => `  ${t.id}  ${t.group.padEnd(10)}  ${t.name}  ${t.enabled ? '' : '(off) '}${t.query}`),
            'Sources:',
            ...sources.map((s) => {
              const health =
                s.lastErrorAt && (!s.lastOkAt || s.lastErrorAt > s.lastOkAt)
                  ? `failing: ${s.lastError}`
                  : s.lastOkAt
                    ? 'ok'
                    : 'waiting';
              return `  ${s.id}  ${s.network}/${s.kind}  ${s.label}  ${s.enabled ? health : 'disabled'}  ${s.itemsTotal} items`;
            }),
          ].join('\n'),
        );
      });
    });
}

/** `rostra listen source add`. */
function registerSourceCommands(listen: Command, helpers: CliHelpers): void {
  const { withRuntime, resolveWorkspace, print } = helpers;
  const source = listen.command('source').description('Listening sources');
  source
    .command('add')
    .description('Add a source, e.g. --network feed --kind feed --url https://www.lemonde.fr/rss/une.xml')
    .requiredOption('--network <network>', 'network id (feed, bluesky, mastodon…)')
    .requiredOption('--kind <kind>', 'kind of source the network offers (feed, search, hashtag…)')
    .option('--url <url>', 'shorthand for --config url=<url>')
    .option('--config <key=value>', 'a setting of the source (repeat)', collect, [] as string[])
    .option('--label <label>', 'name shown in lists')
    .option(
      '--interval <seconds>',
      'seconds between polls (60 or more)',
      (v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 60) throw new InvalidArgumentError('must be a whole number of seconds ≥ 60');
        return n;
      },
      300,
    )
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (o) => {
      const config: Record<string, string> = {};
      for (const pair of o.config as string[]) {
        const at = pair.indexOf('=');
        if (at < 1) throw helpers.fail(`--config ${pair}: use key=value`);
        config[pair.slice(0, at)] = pair.slice(at + 1);
      }
      if (o.url) config.url = o.url;
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const mentions = runtime.connectors.find((c) => c.network === o.network)?.mentions;
        if (!mentions) {
          const networks = runtime.connectors.filter((c) => c.mentions).map((c) => c.network);
          throw helpers.fail(
            `--network: no installed source for "${o.network}" (installed: ${networks.join(', ') || 'none'})`,
          );
        }
        const kind = mentions.kinds.find((k) => k.kind === o.kind);
        if (!kind) throw helpers.fail(`--kind: "${o.network}" offers ${mentions.kinds.map((k) => k.kind).join(', ')}`);
        const problems = mentions.validate({ kind: o.kind, config });
        if (problems.length > 0) {
          throw helpers.fail(problems.map((p) => `--config ${p.field}: ${p.message}`).join('\n'));
        }
        const added = await listeningOf(runtime).createSource(helpers.actor(), ws.id, {
          network: o.network,
          kind: o.kind,
          config,
          label: o.label,
          enabled: true,
          pollIntervalMs: o.interval * 1000,
        });
        print(o.json, added, () => `Source ${added.network}/${added.kind} ${added.label} added: ${added.id}`);
      });
    });
}

/** `rostra mentions`. */
function registerMentionsCommand(program: Command, helpers: CliHelpers): void {
  const { withRuntime, resolveWorkspace, print } = helpers;
  program
    .command('mentions')
    .description('The latest mentions, e.g. rostra mentions --topic Ville --since 24h --json')
    .option('--topic <name|id>', 'only this topic')
    .option('--since <duration>', 'how far back: 30m, 24h, 7d…', parseDuration)
    .option('--q <words>', 'full-text search')
    .option('--sentiment <label>', 'negative, neutral or positive')
    .option(
      '--limit <n>',
      'how many at most',
      (v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('must be between 1 and 1000');
        return n;
      },
      50,
    )
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (o) => {
      if (o.sentiment && !['negative', 'neutral', 'positive'].includes(o.sentiment)) {
        throw helpers.fail('--sentiment: use negative, neutral or positive');
      }
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        let topic: Topic | undefined;
        if (o.topic) {
          const topics = await listeningOf(runtime).listTopics(ws.id);
          topic = topics.find((t) => t.id === o.topic) ?? topics.find((t) => t.name === o.topic);
          if (!topic) throw helpers.fail(`--topic: no topic "${o.topic}". See \`rostra listen list\`.`);
        }
        const page = await listeningOf(runtime).queryMentions(
          ws.id,
          {
            ...(topic ? { topicId: topic.id } : {}),
            ...(o.since ? { from: Date.now() - o.since } : {}),
            ...(o.q ? { q: o.q } : {}),
            ...(o.sentiment ? { sentiment: o.sentiment } : {}),
          },
          null,
          o.limit,
        );
        print(
          o.json,
          page.items,
          () =>
            page.items
              .map((m) => {
                const when = new Date(m.sortAt).toISOString().slice(0, 16).replace('T', ' ');
                const who = m.author.handle ?? m.author.name ?? m.site ?? m.network;
                const text = `${m.title ? `${m.title} — ` : ''}${m.text}`.replace(/\s+/g, ' ').slice(0, 100);
                return `${when}  ${m.sentiment.padEnd(8)}  ${who}: ${text}${m.url ? `  ${m.url}` : ''}`;
              })
              .join('\n') || 'No mention.',
        );
      });
    });
}
