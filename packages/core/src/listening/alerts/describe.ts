// How an alert reads outside the app (email, Slack / Mattermost, webhooks): plain text, French or English.
// The app itself renders alerts from the same fields with its own translations.
import type { AlertKind } from './detect.js';

export interface AlertFiring {
  kind: AlertKind;
  topicName: string;
  /** volume_spike: count, mean, threshold; negative_share: negative, total, share. */
  figures: Record<string, number>;
  /** For watched authors and new sources: the mention that fired it. */
  mention?: { author: string | null; site: string | null; url: string | null; excerpt: string };
  /** Where to look in Rostra. */
  link: string;
}

export type AlertLocale = 'fr' | 'en';

const number = (value: number | undefined, locale: AlertLocale, digits = 0) =>
  new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits }).format(value ?? 0);

const percent = (value: number | undefined, locale: AlertLocale) =>
  new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(
    value ?? 0,
  );

export function describeAlert(firing: AlertFiring, locale: AlertLocale): { title: string; body: string } {
  const f = firing.figures;
  const who = firing.mention?.author ?? firing.mention?.site ?? '?';
  const fr = locale === 'fr';
  const [title, lead] = ((): [string, string] => {
    switch (firing.kind) {
      case 'volume_spike':
        return fr
          ? [
              `Pic de volume sur « ${firing.topicName} »`,
              `${number(f.count, locale)} mentions la dernière heure, contre ${number(f.mean, locale, 1)} en moyenne (seuil ${number(f.threshold, locale, 1)}).`,
            ]
          : [
              `Volume spike on “${firing.topicName}”`,
              `${number(f.count, locale)} mentions in the last hour, against ${number(f.mean, locale, 1)} on average (threshold ${number(f.threshold, locale, 1)}).`,
            ];
      case 'negative_share':
        return fr
          ? [
              `Part négative élevée sur « ${firing.topicName} »`,
              `${percent(f.share, locale)} de mentions négatives (${number(f.negative, locale)} sur ${number(f.total, locale)}).`,
            ]
          : [
              `High negative share on “${firing.topicName}”`,
              `${percent(f.share, locale)} negative mentions (${number(f.negative, locale)} of ${number(f.total, locale)}).`,
            ];
      case 'watched_author':
        return fr
          ? [`${who} parle de « ${firing.topicName} »`, `Une source surveillée a publié une mention.`]
          : [`${who} mentions “${firing.topicName}”`, `A watched author or source published a mention.`];
      case 'new_source':
        return fr
          ? [`Nouvelle source sur « ${firing.topicName} » : ${who}`, `Cette source n’en avait pas parlé jusqu’ici.`]
          : [`New source on “${firing.topicName}”: ${who}`, `This source had not talked about it before.`];
    }
  })();
  const lines = [lead];
  if (firing.mention) {
    lines.push('', `« ${firing.mention.excerpt} »`.replace(/^« (.*) »$/, fr ? '« $1 »' : '“$1”'));
    if (firing.mention.url) lines.push(firing.mention.url);
  }
  lines.push('', fr ? `Voir dans Rostra : ${firing.link}` : `Open in Rostra: ${firing.link}`);
  return { title, body: lines.join('\n') };
}
