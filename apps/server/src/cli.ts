// The `rostra` command line: run the server, set up, migrate, and script workspaces, users and API keys.
import { userInfo } from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import pino from 'pino';
import {
  AppError,
  POST_STATUSES,
  ROLES,
  isRole,
  type ActionContext,
  type PostStatus,
  type Role,
  type Workspace,
} from '@rostra/core';
import { createStore, openDatabase } from '@rostra/store';
import { createConnectors, describeConnectFields } from '@rostra/connectors';
import { ConfigError, parseConfig } from './config.js';
import { applyOutboundPolicy, createRuntime, StartupError, type Runtime } from './runtime.js';
import { createAccountsService } from './accounts/service.js';
import { MIN_PASSWORD_LENGTH } from './accounts/password-policy.js';
import { PasswordInputError, readPassword, PASSWORD_HELP, type PasswordOptions } from './cli-password.js';
import { SERVER_ROLES, startServer, type ServerRole } from './server.js';
import { PROBE_JOB } from './jobs/handlers.js';
import { createPublishingEngine } from './publishing/engine.js';
import { createPublishingService, type Caller } from './publishing/service.js';
import { createWebhookDispatcher } from './events/webhooks.js';
import { registerListeningCommands } from './listening/cli.js';
import { registerPlanCommands } from './planning/cli.js';
import { registerInboxCommands } from './inbox/cli.js';
import { registerInboxAutomationCommands } from './inbox/automation-cli.js';
import { registerAmbassadorCommands } from './ambassador/cli.js';
import { registerStrategyCommands } from './strategy/cli.js';
import { registerCharterCommands } from './publishing/charter-cli.js';

/** Thrown by commands for a clean, one-line failure (exit code 1). */
class CliError extends Error {}

function cliActor(): ActionContext {
  let who = 'unknown';
  try {
    who = userInfo().username;
  } catch {
    // No passwd entry (some containers): keep "unknown".
  }
  return { actor: { type: 'system', id: null, label: `cli (${who})` }, ip: null, userAgent: 'rostra-cli' };
}

function parseRole(value: string): Role {
  if (!isRole(value)) throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
  return value;
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

function print(json: boolean | undefined, data: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${text()}\n`);
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** The credentials each network's `channel add` takes; any other key is refused. */
const connectFieldsHelp = (): string =>
  [
    '',
    'Credentials by network (any other key is refused):',
    ...createConnectors()
      .filter((connector) => connector.connectFields)
      .flatMap((connector) => [
        `  ${connector.network}:`,
        ...describeConnectFields(connector.connectFields ?? []).map((line) => `    ${line}`),
      ]),
    'A server on a private network (self-hosted PDS, Mastodon, WordPress) must be allowed in ROSTRA_OUTBOUND_ALLOW.',
    '',
  ].join('\n');

async function withRuntime<T>(work: (runtime: Runtime) => Promise<T>): Promise<T> {
  // Logs go to stderr so that --json output on stdout stays parseable.
  const config = parseConfig();
  applyOutboundPolicy(config);
  const runtime = await createRuntime(config, { log: pino({ level: 'warn' }, pino.destination(2)) });
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

function publishingOf(runtime: Runtime) {
  const webhooks = createWebhookDispatcher({ store: runtime.store, secrets: runtime.secrets, queue: runtime.queue });
  const engine = createPublishingEngine({
    store: runtime.store,
    secrets: runtime.secrets,
    queue: runtime.queue,
    connectors: runtime.connectors,
    events: webhooks,
  });
  return createPublishingService({
    store: runtime.store,
    secrets: runtime.secrets,
    connectors: runtime.connectors,
    engine,
    events: webhooks,
  });
}

/** The CLI acts with the database's own authority: as an admin, audited as the CLI. */
function cliCaller(): Caller {
  return { userId: null, role: 'admin', ctx: cliActor() };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parsePostStatus(value: string): PostStatus {
  const status = POST_STATUSES.find((s) => s === value);
  if (!status) throw new InvalidArgumentError(`must be one of ${POST_STATUSES.join(', ')}`);
  return status;
}

function parseInstant(value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidArgumentError('must be a date and time, e.g. 2026-12-01T09:30:00+01:00');
  return ms;
}

function describePost(post: { id: string; status: string; scheduledAt: number | null; text: string }): string {
  const when = post.scheduledAt === null ? 'unscheduled' : new Date(post.scheduledAt).toISOString();
  return `${post.id}  ${post.status.padEnd(11)}  ${when.padEnd(24)}  ${post.text.replace(/\s+/g, ' ').slice(0, 60)}`;
}

/** `--workspace` takes an id or an exact name; without it, the only workspace there is. */
async function resolveWorkspace(runtime: Runtime, wanted: string | undefined): Promise<Workspace> {
  const organisation = await runtime.store.accounts.firstOrganisation();
  if (!organisation) throw new CliError('Rostra is not set up yet: run `rostra setup` first.');
  const all = await runtime.store.accounts.listWorkspaces(organisation.id);
  if (wanted === undefined) {
    if (all.length === 1) return all[0] as Workspace;
    throw new CliError(
      `There are ${all.length} workspaces; choose one with --workspace <id|name>:\n${all.map((w) => `  ${w.id}  ${w.name}`).join('\n')}`,
    );
  }
  const found = all.find((w) => w.id === wanted) ?? all.filter((w) => w.name === wanted);
  if (!Array.isArray(found)) return found;
  if (found.length === 1) return found[0] as Workspace;
  if (found.length > 1) throw new CliError(`Several workspaces are named "${wanted}"; use the id.`);
  throw new CliError(`No workspace "${wanted}". See \`rostra workspace list\`.`);
}

export function buildCli(): Command {
  const program = new Command('rostra')
    .description('Rostra, the self-hosted social media command center')
    .version('0.1.0')
    .showHelpAfterError();

  addServerCommands(program);
  addDatabaseCommands(program);
  addWorkspaceCommands(program);
  addUserCommands(program);
  addApiKeyCommands(program);
  addChannelCommands(program);
  addPostCommands(program);
  addJobCommands(program);

  registerListeningCommands(program, {
    withRuntime,
    resolveWorkspace,
    print,
    fail: (message) => new CliError(message),
    actor: cliActor,
  });
  registerPlanCommands(program, {
    withRuntime,
    resolveWorkspace,
    print,
    fail: (message) => new CliError(message),
    actor: cliActor,
    publishingOf,
  });
  registerAmbassadorCommands(program, {
    withRuntime,
    resolveWorkspace,
    print,
    fail: (message) => new CliError(message),
    actor: cliActor,
  });
  registerStrategyCommands(program, {
    withRuntime,
    resolveWorkspace,
    print,
    fail: (message) => new CliError(message),
    actor: cliActor,
  });
  registerInboxCommands(program, {
    withRuntime,
    resolveWorkspace,
    print,
    fail: (message) => new CliError(message),
    actor: cliActor,
  });
  registerInboxAutomationCommands(program, {
    withRuntime,
    resolveWorkspace,
    print,
    fail: (message) => new CliError(message),
    actor: cliActor,
  });
  registerCharterCommands(program, {
    withRuntime,
    resolveWorkspace,
    print,
    fail: (message) => new CliError(message),
    actor: cliActor,
  });

  return program;
}

/** Running Rostra and setting it up: `run`, `setup`. */
function addServerCommands(program: Command): void {
  program
    .command('run')
    .description('Run Rostra: the HTTP API and web UI, the job workers, or both (default)')
    .addOption(new Option('--role <role>', 'what this process does').choices(SERVER_ROLES).default('all'))
    .action(async (options: { role: ServerRole }) => {
      const server = await startServer(parseConfig(), options.role);
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        server.runtime.log.info(`${signal} received, stopping`);
        await server.stop();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    });

  program
    .command('setup')
    .description('First run: create the organisation, its first workspace and its admin')
    .requiredOption('--email <email>', 'admin email')
    .option('--password-stdin', `read the admin password (at least ${MIN_PASSWORD_LENGTH} characters) from stdin`)
    .option('--password <password>', 'deprecated: seen in `ps` and shell history; use the prompt or --password-stdin')
    .option('--name <name>', 'admin display name', 'Admin')
    .option('--organisation <name>', 'organisation name', 'Rostra')
    .option('--workspace <name>', 'first workspace name', 'Communication')
    .addOption(new Option('--locale <locale>', 'language of the admin').choices(['fr', 'en']).default('fr'))
    .option('--timezone <zone>', 'IANA time zone of the workspace', 'Europe/Paris')
    .option('--json', 'print JSON')
    .addHelpText('after', PASSWORD_HELP)
    .action(async (o) => {
      if (!Intl.supportedValuesOf('timeZone').includes(o.timezone) && o.timezone !== 'UTC') {
        throw new CliError(`--timezone: unknown time zone "${o.timezone}" (e.g. Europe/Paris)`);
      }
      const password = await readPassword(o as PasswordOptions, 'Admin password');
      await withRuntime(async (runtime) => {
        const accounts = createAccountsService(runtime.store, { publicUrl: runtime.config.publicUrl });
        const result = await accounts.setup(
          {
            organisation: o.organisation,
            workspace: o.workspace,
            name: o.name,
            email: o.email,
            password,
            locale: o.locale,
            timezone: o.timezone,
          },
          null,
          'rostra-cli',
        );
        print(o.json, { organisation: result.organisation, workspace: result.workspace, user: result.user }, () =>
          [
            `Rostra is set up.`,
            `  organisation  ${result.organisation.name}`,
            `  workspace     ${result.workspace.name} (${result.workspace.id})`,
            `  admin         ${result.user.email}`,
            `Open ${runtime.config.publicUrl} and log in.`,
          ].join('\n'),
        );
      });
    });
}

/** `db`: database maintenance. */
function addDatabaseCommands(program: Command): void {
  const db = program.command('db').description('Database maintenance');
  db.command('migrate')
    .description('Apply pending migrations (also done at every start)')
    .option('--json', 'print JSON')
    .action(async (o) => {
      const config = parseConfig();
      const store = createStore(openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
      try {
        const applied = await store.migrate();
        const status = await store.migrationStatus();
        print(o.json, { applied, status }, () =>
          applied.length > 0
            ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
            : `Database is up to date (${status.applied.length} migrations, ${store.dialect} ${store.location}).`,
        );
      } finally {
        await store.close();
      }
    });
}

/** `workspace`: list and create workspaces. */
function addWorkspaceCommands(program: Command): void {
  const workspace = program.command('workspace').description('Workspaces');
  workspace
    .command('list')
    .description('List the workspaces')
    .option('--json', 'print JSON')
    .action(async (o) => {
      await withRuntime(async (runtime) => {
        const organisation = await runtime.store.accounts.firstOrganisation();
        const all = organisation ? await runtime.store.accounts.listWorkspaces(organisation.id) : [];
        const rows = all.map((w) => ({ id: w.id, name: w.name, timezone: w.timezone, createdAt: iso(w.createdAt) }));
        print(o.json, rows, () => rows.map((w) => `${w.id}  ${w.name}  (${w.timezone})`).join('\n') || 'No workspace.');
      });
    });
  workspace
    .command('create')
    .description('Create a workspace; an owner (the first by default) becomes its admin')
    .requiredOption('--name <name>', 'workspace name')
    .option('--timezone <zone>', 'IANA time zone', 'Europe/Paris')
    .option('--admin <email>', 'owner who becomes admin of it')
    .option('--json', 'print JSON')
    .action(async (o) => {
      await withRuntime(async (runtime) => {
        const organisation = await runtime.store.accounts.firstOrganisation();
        if (!organisation) throw new CliError('Rostra is not set up yet: run `rostra setup` first.');
        let adminId: string | undefined;
        if (o.admin) {
          const user = await runtime.store.accounts.findUserByEmail(o.admin);
          if (!user) throw new CliError(`--admin: no user ${o.admin}`);
          adminId = user.id;
        } else {
          const owners = await runtime.store.accounts.listOwners(organisation.id);
          adminId = owners[0]?.id;
        }
        if (!adminId) throw new CliError('No owner found to administer the workspace; pass --admin <email>.');
        const accounts = createAccountsService(runtime.store, { publicUrl: runtime.config.publicUrl });
        const created = await accounts.createWorkspace(
          organisation.id,
          adminId,
          { name: o.name, timezone: o.timezone },
          cliActor(),
        );
        print(o.json, created, () => `Created workspace ${created.name} (${created.id})`);
      });
    });
}

/** `user`: accounts and their passwords. */
function addUserCommands(program: Command): void {
  const user = program.command('user').description('Users');
  user
    .command('add')
    .description('Add a user to a workspace with a role (creates the account if needed)')
    .requiredOption('--email <email>', 'email')
    .option(
      '--password-stdin',
      `read the password of a new account (at least ${MIN_PASSWORD_LENGTH} characters) from stdin`,
    )
    .option('--password <password>', 'deprecated: seen in `ps` and shell history; use the prompt or --password-stdin')
    .option('--name <name>', 'display name', '')
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, parseRole, 'viewer' as Role)
    .option('--json', 'print JSON')
    .addHelpText('after', `${PASSWORD_HELP}\nAn existing account keeps its password: none is asked for.\n`)
    .action(async (o) => {
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const accounts = createAccountsService(runtime.store, { publicUrl: runtime.config.publicUrl });
        const existing = await runtime.store.accounts.findUserByEmail(o.email);
        const name = o.name || o.email.split('@')[0];
        const added = existing
          ? await accounts.addUser(ws.id, { email: o.email, name, role: o.role }, cliActor())
          : await accounts.addUser(
              ws.id,
              { email: o.email, name, password: await readPassword(o as PasswordOptions, 'Password'), role: o.role },
              cliActor(),
            );
        print(
          o.json,
          { user: added, workspace: { id: ws.id, name: ws.name }, role: o.role },
          () => `Added ${added.email} to ${ws.name} as ${o.role}`,
        );
      });
    });

  user
    .command('reset-link')
    .description('Create a single-use password reset link, valid 24 h, for any account (e.g. a locked-out owner)')
    .requiredOption('--email <email>', 'whose password')
    .option('--json', 'print JSON')
    .action(async (o) => {
      await withRuntime(async (runtime) => {
        const accounts = createAccountsService(runtime.store, { publicUrl: runtime.config.publicUrl });
        const link = await accounts.issueResetLinkAsOperator(o.email, cliActor());
        const expiresAt = iso(link.expiresAt);
        print(o.json, { url: link.url, expiresAt }, () =>
          [`Reset link for ${o.email} (single use, until ${expiresAt}):`, link.url].join('\n'),
        );
      });
    });
}

/** `apikey`: a workspace's API keys. */
function addApiKeyCommands(program: Command): void {
  const apikey = program.command('apikey').description('Workspace API keys');
  apikey
    .command('create')
    .description('Create an API key; the secret is printed once')
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--name <name>', 'what the key is for', 'cli')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, parseRole, 'admin' as Role)
    .option('--json', 'print JSON')
    .action(async (o) => {
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const accounts = createAccountsService(runtime.store, { publicUrl: runtime.config.publicUrl });
        // The CLI runs with access to the database itself, so it may mint keys of any role.
        const { apiKey, secret } = await accounts.createApiKey(
          ws.id,
          { name: o.name, role: o.role },
          { userId: null, role: 'admin' },
          cliActor(),
        );
        print(
          o.json,
          {
            id: apiKey.id,
            key: secret,
            name: apiKey.name,
            role: apiKey.role,
            workspaceId: ws.id,
            prefix: apiKey.prefix,
          },
          () => `${secret}\n(API key "${apiKey.name}", ${apiKey.role} on ${ws.name}; it is not shown again)`,
        );
      });
    });
  apikey
    .command('list')
    .description('List the API keys of a workspace')
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (o) => {
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const keys = await runtime.store.apiKeys.list(ws.id);
        const rows = keys.map((k) => ({
          id: k.id,
          name: k.name,
          prefix: k.prefix,
          role: k.role,
          createdAt: iso(k.createdAt),
          lastUsedAt: iso(k.lastUsedAt),
          revokedAt: iso(k.revokedAt),
        }));
        print(
          o.json,
          rows,
          () =>
            rows
              .map((k) => `${k.id}  ${k.prefix}…  ${k.name}  ${k.role}${k.revokedAt ? `  revoked ${k.revokedAt}` : ''}`)
              .join('\n') || 'No API key.',
        );
      });
    });
  apikey
    .command('revoke <id>')
    .description('Revoke an API key')
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .action(async (id: string, o) => {
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const accounts = createAccountsService(runtime.store, { publicUrl: runtime.config.publicUrl });
        await accounts.revokeApiKey(ws.id, id, cliActor());
        process.stdout.write(`Revoked API key ${id}\n`);
      });
    });
}

/** `channel`: connected network accounts. */
function addChannelCommands(program: Command): void {
  const channel = program.command('channel').description('Connected network accounts');
  channel
    .command('add')
    .description(
      'Connect an account, e.g. --network bluesky --credential identifier=ville.bsky.social --credential appPassword=xxxx-xxxx-xxxx-xxxx',
    )
    .requiredOption('--network <network>', 'network id')
    .option('--credential <key=value>', 'a credential field (repeat)', collect, [] as string[])
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--json', 'print JSON')
    .addHelpText('after', connectFieldsHelp)
    .action(async (o) => {
      const credentials: Record<string, string> = {};
      for (const pair of o.credential as string[]) {
        const at = pair.indexOf('=');
        if (at < 1) throw new CliError(`--credential ${pair}: use key=value`);
        credentials[pair.slice(0, at)] = pair.slice(at + 1);
      }
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const added = await publishingOf(runtime).connectChannel(ws.id, o.network, credentials, cliCaller());
        print(o.json, added, () => `Connected ${added.network} ${added.name} (${added.id})`);
      });
    });
  channel
    .command('list')
    .description('List connected channels and their health')
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (o) => {
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const channels = await runtime.store.channels.list(ws.id);
        print(
          o.json,
          channels,
          () =>
            channels
              .map(
                (c) =>
                  `${c.id}  ${c.network.padEnd(10)}  ${c.name}  ${c.status}${c.lastError ? `  (${c.lastError})` : ''}`,
              )
              .join('\n') || 'No channel.',
        );
      });
    });
}

/** `post`: create, plan and follow posts. */
function addPostCommands(program: Command): void {
  const post = program.command('post').description('Posts');
  post
    .command('create')
    .description('Create a draft for one or more channels; prints the rules it breaks')
    .requiredOption('--text <text>', 'the text of the post')
    .option('--channel <id>', 'a channel to publish to (repeat)', collect, [] as string[])
    .option('--at <datetime>', 'when to publish (ISO 8601 with offset)', parseInstant)
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (o) => {
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const publishing = publishingOf(runtime);
        const created = await publishing.createPost(
          ws.id,
          {
            text: o.text,
            channels: (o.channel as string[]).map((channelId) => ({ channelId })),
            scheduledAt: o.at ?? null,
          },
          cliCaller(),
        );
        const violations = await publishing.validatePost(created);
        print(o.json, { ...created, violations }, () =>
          [describePost(created), ...violations.map((v) => `  ! ${v.network} ${v.rule}: ${v.message}`)].join('\n'),
        );
      });
    });
  post
    .command('schedule <id>')
    .description('Schedule a post (approval applies unless the workspace turned it off)')
    .option('--at <datetime>', 'when to publish (default: the time set on the post)', parseInstant)
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (id: string, o) => {
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const publishing = publishingOf(runtime);
        const current = await runtime.store.posts.get(ws.id, id);
        if (!current) throw new CliError(`No post ${id} in ${ws.name}`);
        // Already scheduled: --at moves it in one step (never off the schedule in between).
        if (current.status === 'scheduled') {
          if (!o.at) throw new CliError(`Post ${id} is already scheduled; pass --at to move it`);
          const moved = await publishing.act(ws.id, id, 'reschedule', cliCaller(), { scheduledAt: o.at });
          print(o.json, moved, () => describePost(moved));
          return;
        }
        // From the CLI, an admin's "schedule" walks the workflow for them: submit, approve, schedule.
        if (current.status === 'draft' && ws.approvalRequired) await publishing.act(ws.id, id, 'submit', cliCaller());
        const afterSubmit = await runtime.store.posts.get(ws.id, id);
        if (afterSubmit?.status === 'in_review') await publishing.act(ws.id, id, 'approve', cliCaller());
        const scheduled = await publishing.act(ws.id, id, 'schedule', cliCaller(), { scheduledAt: o.at });
        print(o.json, scheduled, () => describePost(scheduled));
      });
    });
  post
    .command('list')
    .description('List posts by scheduled time, searched and filtered as in the web app')
    .option('--search <words>', 'words every post contains, in its text or a channel’s (accents and case aside)')
    .option('--status <status>', 'only posts in this status', parsePostStatus)
    .option('--channel <id>', 'only posts to this channel')
    .option('--theme <id>', 'only posts of this theme')
    .option('--author <userId>', 'only posts this member wrote or is responsible for')
    .option('--from <datetime>', 'only posts planned at or after this time', parseInstant)
    .option('--to <datetime>', 'only posts planned before this time', parseInstant)
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (o) => {
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const posts = await runtime.store.posts.list({
          workspaceId: ws.id,
          search: o.search,
          status: o.status,
          channelId: o.channel,
          themeId: o.theme,
          authorId: o.author,
          from: o.from,
          to: o.to,
          limit: 1000,
        });
        print(o.json, posts, () => posts.map(describePost).join('\n') || 'No post.');
      });
    });
  post
    .command('show <id>')
    .description('Show a post, its deliveries per channel and the rules it breaks')
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (id: string, o) => {
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const found = await runtime.store.posts.get(ws.id, id);
        if (!found) throw new CliError(`No post ${id} in ${ws.name}`);
        const targets = await runtime.store.posts.targets(id);
        const violations = await publishingOf(runtime).validatePost(found);
        print(o.json, { ...found, targets, violations }, () =>
          [
            describePost(found),
            ...targets.map(
              (t) =>
                `  → ${t.channelId}  ${t.status}  attempts ${t.attempts}${t.published ? `  ${t.published.url}` : ''}${t.lastError ? `  (${t.lastError})` : ''}`,
            ),
            ...violations.map((v) => `  ! ${v.network} ${v.rule}: ${v.message}`),
          ].join('\n'),
        );
      });
    });
}

/** `jobs`: the background job runner. */
function addJobCommands(program: Command): void {
  const jobs = program.command('jobs').description('Background jobs');
  jobs
    .command('probe')
    .description('Enqueue probe jobs and wait until workers ran them: proves the job runner end to end')
    .option('--count <n>', 'how many probes', parsePositiveInt, 10)
    .option('--timeout <seconds>', 'how long to wait', parsePositiveInt, 60)
    .option('--json', 'print JSON')
    .action(async (o) => {
      await withRuntime(async (runtime) => {
        const started = Date.now();
        const ids = await runtime.queue.enqueueMany(
          Array.from({ length: o.count }, () => ({ type: PROBE_JOB, payload: {} })),
        );
        let summary = await runtime.store.jobProbes.summarise(ids);
        while (summary.distinctJobs < ids.length && Date.now() - started < o.timeout * 1000) {
          await new Promise((r) => setTimeout(r, 200));
          summary = await runtime.store.jobProbes.summarise(ids);
        }
        const result = {
          enqueued: ids.length,
          ran: summary.distinctJobs,
          runs: summary.runs,
          duplicates: summary.runs - summary.distinctJobs,
          missing: ids.length - summary.distinctJobs,
          byWorker: summary.byWorker,
          seconds: (Date.now() - started) / 1000,
          jobIds: o.json ? ids : undefined,
        };
        print(o.json, result, () =>
          [
            `${result.ran}/${result.enqueued} probes ran in ${result.seconds.toFixed(1)} s ` +
              `(${result.duplicates} duplicates, ${result.missing} missing)`,
            ...Object.entries(summary.byWorker).map(([w, n]) => `  ${w}: ${n}`),
          ].join('\n'),
        );
        if (result.missing > 0) process.exitCode = 2;
      });
    });
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (
      error instanceof ConfigError ||
      error instanceof CliError ||
      error instanceof StartupError ||
      error instanceof PasswordInputError
    ) {
      process.stderr.write(`${error.message}\n`);
    } else if (error instanceof AppError) {
      process.stderr.write(`${error.code}: ${error.message}\n`);
    } else {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exitCode = 1;
  }
}
