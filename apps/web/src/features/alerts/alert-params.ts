// The parameters of each kind of alert as the form shows them: the core's defaults (so the form says what an
// empty field means), ranges matching the API's, and the share threshold in percent rather than 0–1.
import { ALERT_DEFAULTS, ALERT_KINDS } from '@rostra/core';
import type { TFunction } from 'i18next';
import type { AlertKind } from '../../api/types';

export const ALERT_KIND_LIST: readonly AlertKind[] = ALERT_KINDS;

export type NumberParam = 'k' | 'minVolume' | 'baselineHours' | 'threshold' | 'windowHours' | 'lookbackDays';
export type ListParam = 'authors' | 'sources';

interface NumberField {
  type: 'number';
  name: NumberParam;
  /** In the form's unit. */
  default: number;
  min: number;
  max: number;
  step: number;
  /** API value = form value / scale (a share typed as 40 % is sent as 0.4). */
  scale: number;
  suffix?: string;
  display: (value: number) => string;
}

interface ListField {
  type: 'list';
  name: ListParam;
}

export type ParamField = NumberField | ListField;
/** Form values: numbers in the form's unit, lists of strings; a missing number means "the default". */
export type ParamDraft = Record<string, number | string[] | undefined>;

function numberField(
  name: NumberParam,
  apiDefault: number,
  range: { min: number; max: number; step?: number; scale?: number; suffix?: string },
): NumberField {
  const scale = range.scale ?? 1;
  return {
    type: 'number',
    name,
    default: Math.round(apiDefault * scale * 100) / 100,
    min: range.min,
    max: range.max,
    step: range.step ?? 1,
    scale,
    ...(range.suffix ? { suffix: range.suffix } : {}),
    display: (value) => `${value}${range.suffix ?? ''}`,
  };
}

// Ranges as the API checks them (apps/server/src/http/routes/alerts.ts).
export const ALERT_PARAM_FIELDS: Record<AlertKind, ParamField[]> = {
  volume_spike: [
    numberField('k', ALERT_DEFAULTS.volume_spike.k, { min: 1, max: 10, step: 0.5 }),
    numberField('minVolume', ALERT_DEFAULTS.volume_spike.minVolume, { min: 1, max: 1_000_000 }),
    numberField('baselineHours', ALERT_DEFAULTS.volume_spike.baselineHours, { min: 6, max: 24 * 28, suffix: ' h' }),
  ],
  negative_share: [
    numberField('threshold', ALERT_DEFAULTS.negative_share.threshold, { min: 1, max: 99, scale: 100, suffix: ' %' }),
    numberField('minVolume', ALERT_DEFAULTS.negative_share.minVolume, { min: 1, max: 1_000_000 }),
    numberField('windowHours', ALERT_DEFAULTS.negative_share.windowHours, { min: 1, max: 72, suffix: ' h' }),
  ],
  watched_author: [
    { type: 'list', name: 'authors' },
    { type: 'list', name: 'sources' },
  ],
  new_source: [numberField('lookbackDays', ALERT_DEFAULTS.new_source.lookbackDays, { min: 1, max: 365, suffix: ' j' })],
};

/** The form's values from a rule's effective parameters: numbers equal to the default stay empty. */
export function readParamDraft(kind: AlertKind, params: Record<string, unknown>): ParamDraft {
  const draft: ParamDraft = {};
  for (const field of ALERT_PARAM_FIELDS[kind]) {
    const value = params[field.name];
    if (field.type === 'list') {
      draft[field.name] = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    } else if (typeof value === 'number') {
      const shown = Math.round(value * field.scale * 100) / 100;
      if (shown !== field.default) draft[field.name] = shown;
    }
  }
  return draft;
}

/** What the API receives: only the numbers typed in (the rest keeps the documented default), in API units. */
export function toParams(kind: AlertKind, draft: ParamDraft): Record<string, number | string[]> {
  const params: Record<string, number | string[]> = {};
  for (const field of ALERT_PARAM_FIELDS[kind]) {
    const value = draft[field.name];
    if (field.type === 'list') {
      const list = (Array.isArray(value) ? value : []).map((v) => v.trim().replace(/^@/, '')).filter(Boolean);
      if (list.length > 0) params[field.name] = list;
    } else if (typeof value === 'number' && Number.isFinite(value)) {
      params[field.name] = value / field.scale;
    }
  }
  return params;
}

/** One line saying what a rule does with its effective parameters. */
export function describeParams(kind: AlertKind, params: Record<string, unknown>, t: TFunction): string {
  const number = (name: string) => (typeof params[name] === 'number' ? (params[name] as number) : 0);
  const list = (name: string) => (Array.isArray(params[name]) ? (params[name] as string[]) : []);
  switch (kind) {
    case 'volume_spike':
      return t('alerts.summary.volume_spike', {
        k: number('k'),
        min: number('minVolume'),
        hours: number('baselineHours'),
      });
    case 'negative_share':
      return t('alerts.summary.negative_share', {
        share: Math.round(number('threshold') * 100),
        min: number('minVolume'),
        hours: number('windowHours'),
      });
    case 'watched_author':
      return [...list('authors').map((a) => `@${a}`), ...list('sources')].join(', ');
    case 'new_source':
      return t('alerts.summary.new_source', { days: number('lookbackDays') });
  }
}
