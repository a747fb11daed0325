// The animation plan as a PDF to hand out or pin up: the rubrics (when, where, who writes, who steps in), the
// coverage board's figures and warnings, the events ahead and the planned slots — through reports/pdf.ts, in the
// words of the web app's catalogues (French or English), like the strategy's PDF.
import {
  AppError,
  slotStatus,
  type Channel,
  type EventOccurrence,
  type PlanSlot,
  type Rubric,
  type RubricPeriod,
} from '@rostra/core';
import type { Store } from '@rostra/store';
import { createPdfReport, type PdfReport } from '../reports/pdf.js';
import { exportTranslator, type ExportLocale } from '../strategy/export-text.js';
import type { PlanService } from './service.js';

/** Words only the plan's PDF needs; everything else comes from the web catalogues (animationPlan.*). */
const WORDS: Record<ExportLocale, Record<string, string>> = {
  fr: {
    title: "Plan d'animation",
    generatedOn: '{{workspace}} — {{organisation}} — du {{from}} au {{to}}, document établi le {{today}}',
    page: 'Page {{page}} sur {{pages}}',
    rubrics: 'Rubriques',
    coverage: 'Couverture',
    events: 'Événements à préparer',
    slots: 'Créneaux prévus',
    when: 'Quand',
    channels: 'Canaux',
    channel: 'Canal',
    owners: 'Responsable / relais',
    date: 'Date',
    rubric: 'Rubrique',
    status: 'État',
    perChannel:
      '{{channel}} : {{covered}} semaine(s) couverte(s) sur {{weeks}}, {{average}} publication(s) par semaine (objectif : {{target}})',
    none: 'Aucun.',
  },
  en: {
    title: 'Animation plan',
    generatedOn: '{{workspace}} — {{organisation}} — {{from}} to {{to}}, drawn up on {{today}}',
    page: 'Page {{page}} of {{pages}}',
    rubrics: 'Rubrics',
    coverage: 'Coverage',
    events: 'Events to prepare for',
    slots: 'Planned slots',
    when: 'When',
    channels: 'Channels',
    channel: 'Channel',
    owners: 'Owner / backup',
    date: 'Date',
    rubric: 'Rubric',
    status: 'Status',
    perChannel: '{{channel}}: {{covered}} of {{weeks}} weeks covered, {{average}} posts a week (target: {{target}})',
    none: 'None.',
  },
};

function translator(locale: ExportLocale) {
  const catalogue = exportTranslator(locale);
  return (key: string, params: Record<string, string | number> = {}) =>
    key.startsWith('plan.')
      ? (WORDS[locale][key.slice(5)] ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, n: string) => String(params[n] ?? ''))
      : catalogue(key, params);
}
type T = ReturnType<typeof translator>;

/** A counted catalogue key (`…_one` / `…_other`) chosen by the language's plural rules, as i18next does. */
function plural(t: T, locale: ExportLocale, key: string, count: number): string {
  const form = new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
  return t(`${key}_${form}`, { count });
}

function describePeriod(period: RubricPeriod, time: string, t: T): string {
  const day = (n: number) => t(`animationPlan.weekdays.${n}`);
  if (period.kind === 'monthly')
    return t('animationPlan.describe.monthly', {
      nth: t(`animationPlan.nth.${period.nth}`),
      day: day(period.weekday),
      time,
    });
  const days = period.weekdays.map(day).join(', ');
  if (period.kind === 'weekly' || period.interval === 1) return t('animationPlan.describe.weekly', { days, time });
  return t('animationPlan.describe.everyNWeeks_other', { count: period.interval, days, time });
}

const dayFormat = (locale: ExportLocale, options: Intl.DateTimeFormatOptions) => {
  const format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
  return (date: string) => format.format(new Date(`${date}T12:00:00Z`));
};

interface Names {
  channels: Map<string, string>;
  members: Map<string, string>;
  rubrics: Map<string, string>;
}

function writeRubrics(report: PdfReport, rubrics: Rubric[], names: Names, t: T): void {
  report.heading(t('plan.rubrics'));
  if (rubrics.length === 0) {
    report.paragraph(t('animationPlan.rubric.empty'), { muted: true });
    return;
  }
  const person = (id: string | null) => (id ? (names.members.get(id) ?? '') : '—');
  report.table(
    [
      { header: t('animationPlan.rubric.name'), width: 0.26 },
      { header: t('plan.when'), width: 0.3 },
      { header: t('plan.channels'), width: 0.2 },
      { header: t('plan.owners'), width: 0.24 },
    ],
    rubrics.map((r) => [
      r.name,
      describePeriod(r.period, r.time, t),
      r.channelIds.map((id) => names.channels.get(id) ?? '').join(', '),
      `${person(r.ownerId)} / ${person(r.backupOwnerId)}`,
    ]),
  );
}

type Coverage = Awaited<ReturnType<PlanService['coverage']>>;

function writeCoverage(report: PdfReport, coverage: Coverage, names: Names, t: T, locale: ExportLocale): void {
  report.heading(t('plan.coverage'));
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  report.bullets(
    coverage.channels.map((c) =>
      t('plan.perChannel', {
        channel: names.channels.get(c.channelId) ?? '',
        covered: c.weeksCovered,
        weeks: coverage.weeks,
        average: number.format(c.averagePerWeek),
        target: c.target ?? '—',
      }),
    ),
  );
  report.field(t('animationPlan.coverage.openSoon'), String(coverage.openSoon.length));
  const withoutBackup = coverage.rubricsWithoutBackup.map((r) => r.name);
  report.field(
    plural(t, locale, 'animationPlan.coverage.missingBackup', withoutBackup.length),
    withoutBackup.join(', '),
  );
  const orphans = coverage.objectivesWithoutRubric.map((o) => o.statement);
  report.field(
    plural(t, locale, 'animationPlan.coverage.objectivesWithoutRubric', orphans.length),
    orphans.join(' ; '),
  );
}

function writeEvents(report: PdfReport, events: EventOccurrence[], t: T, locale: ExportLocale): void {
  report.heading(t('plan.events'));
  const day = dayFormat(locale, { weekday: 'long', day: 'numeric', month: 'long' });
  if (events.length === 0) report.paragraph(t('plan.none'), { muted: true });
  else report.bullets(events.map((e) => `${day(e.date)} — ${e.name}`));
}

function writeSlots(report: PdfReport, slots: PlanSlot[], names: Names, t: T, locale: ExportLocale): void {
  report.heading(t('plan.slots'));
  if (slots.length === 0) {
    report.paragraph(t('animationPlan.slots.empty'), { muted: true });
    return;
  }
  const day = dayFormat(locale, { weekday: 'short', day: 'numeric', month: 'short' });
  report.table(
    [
      { header: t('plan.date'), width: 0.22 },
      { header: t('plan.rubric'), width: 0.3 },
      { header: t('plan.channel'), width: 0.22 },
      { header: t('plan.status'), width: 0.26 },
    ],
    slots.map((s) => [
      `${day(s.localDate)} ${s.localTime}`,
      s.rubricId ? (names.rubrics.get(s.rubricId) ?? '') : t('animationPlan.slots.offRubric'),
      names.channels.get(s.channelId) ?? '',
      [t(`animationPlan.status.${slotStatus(s)}`), s.holiday ? t(`animationPlan.holidays.${s.holiday}`) : '']
        .filter(Boolean)
        .join(' — '),
    ]),
  );
}

/** The plan of the next `weeks` weeks as a PDF, in French or English. */
export async function exportPlanPdf(
  deps: { store: Store; plan: PlanService },
  workspaceId: string,
  options: { locale: ExportLocale; weeks: number; now?: number },
): Promise<Buffer> {
  const { store, plan } = deps;
  const t = translator(options.locale);
  const workspace = await store.accounts.getWorkspace(workspaceId);
  if (!workspace) throw new AppError('not_found', 'Workspace not found');
  const now = options.now ?? Date.now();
  const [organisation, context, coverage, slots] = await Promise.all([
    store.accounts.getOrganisation(workspace.organisationId),
    plan.exportContext(workspaceId),
    plan.coverage(workspaceId, options.weeks),
    store.plan.listSlots(workspaceId, { from: now, to: now + options.weeks * 7 * 86_400_000 }),
  ]);
  const names: Names = {
    channels: new Map(context.channels.map((c: Channel) => [c.id, c.name])),
    members: new Map((await store.accounts.listMembers(workspaceId)).map((m) => [m.userId, m.name || m.email])),
    rubrics: new Map(context.rubrics.map((r) => [r.id, r.name])),
  };
  const long = dayFormat(options.locale, { day: 'numeric', month: 'long', year: 'numeric' });
  const first = slots[0]?.localDate ?? new Date(now).toISOString().slice(0, 10);
  const last = new Date(now + options.weeks * 7 * 86_400_000).toISOString().slice(0, 10);
  const report = createPdfReport({
    title: `${t('plan.title')} — ${workspace.name}`,
    subtitle: t('plan.generatedOn', {
      workspace: workspace.name,
      organisation: organisation?.name ?? '',
      from: long(first),
      to: long(last),
      today: long(new Date(now).toISOString().slice(0, 10)),
    }),
    lang: options.locale === 'fr' ? 'fr-FR' : 'en-GB',
    pageLabel: (page, pages) => t('plan.page', { page, pages }),
  });
  writeRubrics(report, context.rubrics, names, t);
  writeCoverage(report, coverage, names, t, options.locale);
  writeEvents(report, coverage.events, t, options.locale);
  writeSlots(report, slots, names, t, options.locale);
  return report.end();
}
