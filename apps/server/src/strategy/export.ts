// The strategy as a PDF a communication director can hand to elected officials or a client: context and diagnostic,
// objectives with the progress Rostra measures (or « pas encore mesuré »), personas, the networks recommended and
// retained with the reasons, the sourced usage figures, and the seed-003 checklist — through reports/pdf.ts.
import {
  AppError,
  kpiDefinition,
  NETWORK_KNOWLEDGE,
  type ChecklistItem,
  type Objective,
  type ObjectiveProgress,
  type Persona,
} from '@rostra/core';
import type { Store } from '@rostra/store';
import { createPdfReport, type PdfReport } from '../reports/pdf.js';
import { exportTranslator, type ExportLocale, type ExportTranslator } from './export-text.js';
import type { StrategyService } from './service.js';

interface ExportContext {
  t: ExportTranslator;
  locale: ExportLocale;
  members: Map<string, string>;
  personas: Persona[];
  networkNames: Map<string, string>;
}

function formatValue(value: number, objective: Objective, locale: ExportLocale): string {
  const unit = kpiDefinition(objective.kpi).unit;
  const format = new Intl.NumberFormat(
    locale,
    unit === 'share' ? { style: 'percent', maximumFractionDigits: 1 } : { maximumFractionDigits: 1 },
  );
  return format.format(value);
}

function formatDate(date: string, locale: ExportLocale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

function progressLine(objective: Objective, progress: ObjectiveProgress, ctx: ExportContext): string {
  const { t, locale } = ctx;
  const parts = [t(`strategy.status.${progress.status}`)];
  if (progress.current !== null)
    parts.push(t('strategy.objectives.current', { value: formatValue(progress.current, objective, locale) }));
  if (progress.progress !== null)
    parts.push(
      t('pdf.percentDone', { percent: new Intl.NumberFormat(locale, { style: 'percent' }).format(progress.progress) }),
    );
  if (progress.baseline !== null)
    parts.push(
      t(
        progress.baselineSource === 'measured'
          ? 'strategy.objectives.baselineMeasured'
          : 'strategy.objectives.baselineDeclared',
        {
          value: formatValue(progress.baseline, objective, locale),
        },
      ),
    );
  if (progress.status === 'not_measured') parts.push(t('strategy.objectives.notMeasuredHint'));
  return parts.join(' — ');
}

function writeObjectives(
  report: PdfReport,
  items: Array<{ objective: Objective; progress: ObjectiveProgress }>,
  ctx: ExportContext,
) {
  const { t, locale } = ctx;
  report.heading(t('strategy.objectives.title'));
  if (items.length === 0) report.paragraph(t('strategy.objectives.empty'), { muted: true });
  items.forEach(({ objective, progress }, index) => {
    report.heading(`${index + 1}. ${objective.statement}`, 2);
    report.field(t('pdf.kind'), t(`strategy.kinds.${objective.kind}`));
    report.field(t('pdf.kpi'), t(`strategy.kpis.${objective.kpi}`));
    report.field(t('pdf.target'), formatValue(objective.target, objective, locale));
    report.field(t('pdf.deadline'), formatDate(objective.deadline, locale));
    report.field(t('pdf.owner'), objective.ownerId ? (ctx.members.get(objective.ownerId) ?? '') : '');
    const personas = ctx.personas.filter((p) => objective.personaIds.includes(p.id)).map((p) => p.name);
    report.field(t('pdf.personas'), personas.join(', '));
    report.field(t('pdf.networks'), objective.networks.map((id) => ctx.networkNames.get(id) ?? id).join(', '));
    report.field(t('pdf.progress'), progressLine(objective, progress, ctx));
  });
}

/** A label before its value: French puts a space before the colon. */
function labelled(label: string, locale: ExportLocale): string {
  return locale === 'fr' ? `${label}\u00a0:` : `${label}:`;
}

function writePersonas(report: PdfReport, ctx: ExportContext) {
  const { t } = ctx;
  report.heading(t('strategy.personas.title'));
  if (ctx.personas.length === 0) report.paragraph(t('strategy.personas.empty'), { muted: true });
  for (const persona of ctx.personas) {
    report.heading(`${persona.name} (${t(`strategy.audiences.${persona.audience}`)})`, 2);
    for (const field of ['description', 'needs', 'questions', 'tone'] as const)
      report.field(labelled(t(`strategy.personas.${field}`), ctx.locale), persona[field]);
    report.field(
      labelled(t('strategy.personas.networks'), ctx.locale),
      persona.networks.map((id) => ctx.networkNames.get(id) ?? id).join(', '),
    );
  }
}

type Recommendations = Awaited<ReturnType<StrategyService['recommendations']>>;

function writeNetworks(
  report: PdfReport,
  objectives: Objective[],
  recommendations: Recommendations,
  ctx: ExportContext,
) {
  const { t, locale } = ctx;
  report.heading(t('strategy.networks.title'));
  report.paragraph(t('strategy.networks.intro'), { muted: true });
  for (const objective of objectives) {
    report.heading(objective.statement, 3);
    for (const row of recommendations.filter((r) => r.objectiveId === objective.id)) {
      const persona =
        row.personaId === null
          ? t('strategy.networks.noPersona')
          : (ctx.personas.find((p) => p.id === row.personaId)?.name ?? '');
      report.paragraph(t('strategy.networks.forPersona', { persona }));
      report.bullets(
        row.networks.map(
          (n) =>
            `${ctx.networkNames.get(n.network) ?? n.network} — ${n.reasons.map((r) => t(`strategy.reasons.${r}`)).join(' ; ')}`,
        ),
      );
    }
    report.field(t('pdf.networks'), objective.networks.map((id) => ctx.networkNames.get(id) ?? id).join(', '));
  }
  report.heading(t('pdf.figures'), 2);
  report.table(
    [
      { header: t('pdf.network'), width: 0.2 },
      { header: t('pdf.figure'), width: 0.35 },
      { header: t('pdf.source'), width: 0.45 },
    ],
    NETWORK_KNOWLEDGE.map((n) => [
      n.name,
      n.usage ? n.usage.figure[locale] : t('strategy.networks.toSource'),
      n.usage ? `${n.usage.source.name}, ${n.usage.source.date} — ${n.usage.source.url}` : '',
    ]),
  );
}

function writeChecklist(report: PdfReport, items: ChecklistItem[], ctx: ExportContext) {
  const { t } = ctx;
  report.heading(t('strategy.checklist.title'));
  report.paragraph(t('strategy.checklist.intro'), { muted: true });
  report.table(
    [
      { header: t('pdf.item'), width: 0.78 },
      { header: t('pdf.state'), width: 0.22 },
    ],
    items.map((item) => [
      `${t(`strategy.checklist.stages.${item.stage}`)} — ${t(`strategy.checklist.items.${item.id}`, item.params)}`,
      t(item.done ? 'strategy.checklist.done' : 'strategy.checklist.todo').replace(/\s*:$/, ''),
    ]),
  );
}

/** The workspace's strategy as a PDF in `locale`. */
export async function exportStrategyPdf(
  deps: { store: Store; service: StrategyService; now?: () => number },
  workspaceId: string,
  locale: ExportLocale,
): Promise<Buffer> {
  const { store, service } = deps;
  const workspace = await store.accounts.getWorkspace(workspaceId);
  if (!workspace) throw new AppError('not_found', 'Workspace not found');
  const organisation = await store.accounts.getOrganisation(workspace.organisationId);
  const t = exportTranslator(locale);
  const ctx: ExportContext = {
    t,
    locale,
    members: new Map((await store.accounts.listMembers(workspaceId)).map((m) => [m.userId, m.name || m.email])),
    personas: await store.strategy.listPersonas(workspaceId),
    networkNames: new Map(NETWORK_KNOWLEDGE.map((n) => [n.id, n.name])),
  };
  const document = await store.strategy.getDocument(workspaceId);
  const objectives = await service.withProgress(workspaceId);
  const report = createPdfReport({
    title: `${t('pdf.title')} — ${workspace.name}`,
    subtitle: t('pdf.generatedOn', {
      workspace: workspace.name,
      organisation: organisation?.name ?? '',
      date: formatDate(await service.today(workspaceId), locale),
    }),
    lang: locale === 'fr' ? 'fr-FR' : 'en-GB',
    pageLabel: (page, pages) => t('pdf.page', { page, pages }),
  });
  report.heading(t('strategy.document.title'));
  for (const field of ['context', 'diagnostic', 'targets'] as const) {
    report.heading(t(`strategy.document.${field}`), 3);
    report.paragraph(document[field].trim() || t('pdf.empty'), { muted: document[field].trim() === '' });
  }
  writeObjectives(report, objectives, ctx);
  writePersonas(report, ctx);
  writeNetworks(
    report,
    objectives.map((o) => o.objective),
    await service.recommendations(workspaceId),
    ctx,
  );
  writeChecklist(report, await service.checklist(workspaceId), ctx);
  return report.end();
}
