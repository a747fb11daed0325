// `rostra plan generate`, `rostra plan coverage` and `rostra plan export --pdf`: the animation plan from a terminal
// or a cron job (generate weekly to keep eight weeks ahead). The CLI acts with the database's authority and is
// audited as the CLI.
import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_PLAN_WEEKS, MAX_PLAN_WEEKS, MIN_PLAN_WEEKS } from '@rostra/core';
import type { CliHelpers } from '../listening/cli.js';
import type { Runtime } from '../runtime.js';
import type { PublishingService } from '../publishing/service.js';
import { createPlanService } from './service.js';
import { exportPlanPdf } from './export-pdf.js';
import { EXPORT_LOCALES, type ExportLocale } from '../strategy/export-text.js';

function parseLang(value: string): ExportLocale {
  if (!(EXPORT_LOCALES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`must be one of ${EXPORT_LOCALES.join(', ')}`);
  return value as ExportLocale;
}

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
  const { withRuntime, resolveWorkspace, print, actor, publishingOf, fail } = helpers;
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

  plan
    .command('export')
    .description('Export the plan (rubrics, coverage, events ahead, planned slots) as a PDF')
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--pdf', "as a PDF (CSV and iCal are the API's export.csv and export.ics)")
    .option('--out <file>', 'file to write (default: standard output, when it is not a terminal)')
    .option('--weeks <n>', 'weeks ahead', parseWeeks, DEFAULT_PLAN_WEEKS)
    .option('--lang <fr|en>', 'language of the document', parseLang, 'fr' as ExportLocale)
    .action(async (o: { workspace?: string; pdf?: boolean; out?: string; weeks: number; lang: ExportLocale }) => {
      if (!o.pdf) throw fail('Choose the format: --pdf');
      if (!o.out && process.stdout.isTTY) throw fail('Give --out <file>, or redirect standard output to a file');
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const pdf = await exportPlanPdf({ store: runtime.store, plan: planOf(runtime) }, ws.id, {
          locale: o.lang,
          weeks: o.weeks,
        });
        if (o.out) {
          await writeFile(o.out, pdf);
          process.stderr.write(`${ws.name}: plan written to ${o.out} (${pdf.length} bytes)\n`);
        } else process.stdout.write(pdf);
      });
    });
}
