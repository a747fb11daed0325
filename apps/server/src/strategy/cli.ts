// `rostra strategy export --pdf [--out file]` and `rostra strategy objectives`: the strategy document as the PDF a
// communication director hands out, and the objectives with their measured progress, from a terminal or a cron job.
import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import type { CliHelpers } from '../listening/cli.js';
import type { Runtime } from '../runtime.js';
import { exportStrategyPdf } from './export.js';
import { EXPORT_LOCALES, type ExportLocale } from './export-text.js';
import { createStrategyService } from './service.js';

function parseLang(value: string): ExportLocale {
  if (!(EXPORT_LOCALES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`must be one of ${EXPORT_LOCALES.join(', ')}`);
  return value as ExportLocale;
}

export function registerStrategyCommands(program: Command, helpers: CliHelpers): void {
  const { withRuntime, resolveWorkspace, print, fail } = helpers;
  const strategy = program.command('strategy').description('Strategy document: objectives, personas, PDF export');
  const serviceOf = (runtime: Runtime) => createStrategyService({ store: runtime.store });

  strategy
    .command('export')
    .description('Export the strategy document (context, objectives and progress, personas, networks, checklist)')
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--pdf', 'as a PDF (the one format today)')
    .option('--out <file>', 'file to write (default: standard output, when it is not a terminal)')
    .option('--lang <fr|en>', 'language of the document', parseLang, 'fr' as ExportLocale)
    .action(async (o: { workspace?: string; pdf?: boolean; out?: string; lang: ExportLocale }) => {
      if (!o.pdf) throw fail('Choose the format: --pdf');
      if (!o.out && process.stdout.isTTY) throw fail('Give --out <file>, or redirect standard output to a file');
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const pdf = await exportStrategyPdf({ store: runtime.store, service: serviceOf(runtime) }, ws.id, o.lang);
        if (o.out) {
          await writeFile(o.out, pdf);
          process.stderr.write(`${ws.name}: strategy written to ${o.out} (${pdf.length} bytes)\n`);
        } else process.stdout.write(pdf);
      });
    });

  strategy
    .command('objectives')
    .description('The objectives with their progress measured from Rostra’s data')
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (o: { workspace?: string; json?: boolean }) => {
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const items = await serviceOf(runtime).withProgress(ws.id);
        print(
          o.json,
          items,
          () =>
            items
              .map(
                ({ objective, progress }) =>
                  `${objective.statement} [${objective.kpi}] ${progress.status}` +
                  (progress.current !== null ? ` now ${progress.current} → target ${objective.target}` : '') +
                  ` by ${objective.deadline}`,
              )
              .join('\n') || 'no objective',
        );
      });
    });
}
