// `rostra plan generate` and `rostra plan coverage`: the animation plan from a terminal or a cron job (generate
// weekly to keep eight weeks ahead). The CLI acts with the database's authority and is audited as the CLI.
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_PLAN_WEEKS, MAX_PLAN_WEEKS, MIN_PLAN_WEEKS } from '@rostra/core';
import type { CliHelpers } from '../listening/cli.js';
import type { Runtime } from '../runtime.js';
import type { PublishingService } from '../publishing/service.js';
import { createPlanService } from './service.js';

function parseWeeks(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < MIN_PLAN_WEEKS || n > MAX_PLAN_WEEKS)
    throw new InvalidArgumentError(`must be a whole number of weeks from ${MIN_PLAN_WEEKS} to ${MAX_PLAN_WEEKS}`);
  return n;
}

export function registerPlanCommands(
  program: Command,
  helpers: CliHelpers & { publishingOf(runtime: Runtime): PublishingService },
): void {
  const { withRuntime, resolveWorkspace, print, actor, publishingOf } = helpers;
  const plan = program.command('plan').description('Animation plan: planned slots from the rubrics');
  const planOf = (runtime: Runtime) => createPlanService({ store: runtime.store, publishing: publishingOf(runtime) });

  plan
    .command('generate')
    .description('Generate (or bring up to date) the planned slots of the next weeks; safe to run again')
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--weeks <n>', `weeks ahead (${MIN_PLAN_WEEKS}–${MAX_PLAN_WEEKS})`, parseWeeks, DEFAULT_PLAN_WEEKS)
    .option('--json', 'print JSON')
    .action(async (o: { workspace?: string; weeks: number; json?: boolean }) => {
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const result = await planOf(runtime).generate(ws.id, o.weeks, { userId: null, role: 'admin', ctx: actor() });
        print(
          o.json,
          result,
          () =>
            `${ws.name}: ${result.weeks} weeks, ${result.slots} slots (${result.created} created, ` +
            `${result.updated} updated, ${result.removed} removed)`,
        );
      });
    });

  plan
    .command('coverage')
    .description('The coverage board: weeks covered and posts a week per channel, variety, open slots, backups')
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--weeks <n>', 'weeks ahead', parseWeeks, DEFAULT_PLAN_WEEKS)
    .option('--json', 'print JSON')
    .action(async (o: { workspace?: string; weeks: number; json?: boolean }) => {
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const coverage = await planOf(runtime).coverage(ws.id, o.weeks);
        const names = new Map((await runtime.store.channels.list(ws.id)).map((c) => [c.id, c.name]));
        print(o.json, coverage, () =>
          [
            ...coverage.channels.map(
              (c) =>
                `${names.get(c.channelId) ?? c.channelId}: ${c.weeksCovered}/${coverage.weeks} weeks covered, ` +
                `${c.averagePerWeek.toFixed(1)}/week (target ${c.target ?? '-'})`,
            ),
            `open slots in the next 14 days: ${coverage.openSoon.length}`,
            `rubrics without a backup: ${coverage.rubricsWithoutBackup.map((r) => r.name).join(', ') || 'none'}`,
          ].join('\n'),
        );
      });
    });
}
