// `rostra inbox rules` and `rostra inbox stats`: the moderation rules in their order with their 30-day matches, and
// the service-level figures, from a terminal or a script (`--json` prints the API's shapes), through the same
// service and figures as the API. Added under the `inbox` command.
import { InvalidArgumentError, type Command } from 'commander';
import type { CliHelpers } from '../listening/cli.js';
import { createInboxAutomationService } from './automation-service.js';
import { computeInboxStats } from './sla-stats.js';

function parseDays(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 366) throw new InvalidArgumentError('must be a whole number, 1–366');
  return n;
}

/** "95 min", "3 h 20": business minutes as people read them. */
function readMinutes(minutes: number | null): string {
  if (minutes === null) return '—';
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
}

export function registerInboxAutomationCommands(program: Command, helpers: CliHelpers): void {
  const { withRuntime, resolveWorkspace, print } = helpers;
  const inbox =
    program.commands.find((command) => command.name() === 'inbox') ??
    program.command('inbox').description('Inbox: replies, comments, mentions and messages to answer');

  inbox
    .command('rules')
    .description('Moderation rules in the order they run, with the items each matched in the last 30 days')
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (o: { workspace?: string; json?: boolean }) => {
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const service = createInboxAutomationService({ store: runtime.store, connectors: runtime.connectors });
        const rules = (await service.listRules(ws.id)).map((rule) => ({
          id: rule.id,
          position: rule.position,
          name: rule.name,
          enabled: rule.enabled,
          match: rule.match,
          conditions: rule.conditions,
          actions: rule.actions,
          stop: rule.stop,
          matchedLast30Days: rule.matchedLast30Days,
        }));
        print(o.json, { rules }, () =>
          rules.length === 0
            ? 'No rules'
            : rules
                .map(
                  (r) =>
                    `${r.position + 1}. ${r.name}${r.enabled ? '' : ' (disabled)'} — ` +
                    `${r.actions.map((a) => a.type).join(', ')}; ${r.matchedLast30Days} matched in 30 days`,
                )
                .join('\n'),
        );
      });
    });

  inbox
    .command('stats')
    .description('First response and resolution times in business hours, per member, network and label')
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--days <n>', 'the last n days', parseDays, 30)
    .option('--json', 'print JSON')
    .action(async (o: { workspace?: string; days: number; json?: boolean }) => {
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const now = Date.now();
        const stats = await computeInboxStats(runtime.store, ws.id, { from: now - o.days * 86_400_000, to: now }, now);
        const json = { ...stats, from: new Date(stats.from).toISOString(), to: new Date(stats.to).toISOString() };
        print(o.json, json, () =>
          [
            `${stats.overall.count} items, ${stats.overdue} overdue`,
            `first response: median ${readMinutes(stats.overall.firstResponse.median)}, ` +
              `90% ${readMinutes(stats.overall.firstResponse.p90)}`,
            `resolution: median ${readMinutes(stats.overall.resolution.median)}`,
            ...stats.groups.map(
              (g) =>
                `  ${g.dimension} ${g.key}: ${g.count} items, first response ${readMinutes(g.firstResponse.median)}`,
            ),
          ].join('\n'),
        );
      });
    });
}
