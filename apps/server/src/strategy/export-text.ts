// The words of the strategy's PDF: the same catalogues the web app shows (apps/web/src/i18n), so the document a
// director hands out says exactly what the « Stratégie » page says, in French or English.
import en from '../../../web/src/i18n/en.json' with { type: 'json' };
import fr from '../../../web/src/i18n/fr.json' with { type: 'json' };

export const EXPORT_LOCALES = ['fr', 'en'] as const;
export type ExportLocale = (typeof EXPORT_LOCALES)[number];

const CATALOGUES: Record<ExportLocale, unknown> = { fr, en };

/** Extra words only the PDF needs (its own headings and labels). */
const PDF_WORDS: Record<ExportLocale, Record<string, string>> = {
  fr: {
    title: 'Stratégie social media',
    generatedOn: '{{workspace}} — {{organisation}} — document établi le {{date}}',
    page: 'Page {{page}} sur {{pages}}',
    empty: 'Non renseigné.',
    kind: 'Nature :',
    kpi: 'Indicateur :',
    target: 'Cible :',
    deadline: 'Échéance :',
    owner: 'Responsable :',
    personas: 'Personas visés :',
    networks: 'Réseaux retenus :',
    progress: 'Avancement :',
    recommended: 'Réseaux recommandés',
    figures: 'Usage des réseaux en France (chiffres sourcés)',
    network: 'Réseau',
    figure: 'Chiffre',
    source: 'Source',
    audience: 'Public :',
    state: 'État',
    item: 'Point',
    percentDone: '{{percent}} du chemin parcouru',
  },
  en: {
    title: 'Social media strategy',
    generatedOn: '{{workspace}} — {{organisation}} — document drawn up on {{date}}',
    page: 'Page {{page}} of {{pages}}',
    empty: 'Not filled in.',
    kind: 'Kind:',
    kpi: 'Indicator:',
    target: 'Target:',
    deadline: 'Deadline:',
    owner: 'Owner:',
    personas: 'Personas aimed at:',
    networks: 'Networks retained:',
    progress: 'Progress:',
    recommended: 'Recommended networks',
    figures: 'Use of the networks in France (sourced figures)',
    network: 'Network',
    figure: 'Figure',
    source: 'Source',
    audience: 'Public:',
    state: 'State',
    item: 'Item',
    percentDone: '{{percent}} of the way',
  },
};

function interpolate(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** `t('strategy.kinds.notoriety')` from the web catalogue, `t('pdf.title')` from the PDF's own words. */
export function exportTranslator(locale: ExportLocale) {
  return (key: string, params: Record<string, string | number> = {}): string => {
    if (key.startsWith('pdf.')) return interpolate(PDF_WORDS[locale][key.slice(4)] ?? key, params);
    const found = key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], CATALOGUES[locale]);
    return typeof found === 'string' ? interpolate(found, params) : key;
  };
}

export type ExportTranslator = ReturnType<typeof exportTranslator>;
