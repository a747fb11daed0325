import { ALERT_DEFAULTS } from '@rostra/core';
import { describe, expect, it } from 'vitest';
import { ALERT_PARAM_FIELDS, readParamDraft, toParams } from './alert-params';

describe('alert parameters in the form', () => {
  it('shows the core defaults, the share in percent', () => {
    const threshold = ALERT_PARAM_FIELDS.negative_share.find((f) => f.name === 'threshold');
    expect(threshold?.type === 'number' && threshold.default).toBe(ALERT_DEFAULTS.negative_share.threshold * 100);
    const k = ALERT_PARAM_FIELDS.volume_spike.find((f) => f.name === 'k');
    expect(k?.type === 'number' && k.default).toBe(ALERT_DEFAULTS.volume_spike.k);
  });

  it('sends only what was typed, in API units', () => {
    expect(toParams('negative_share', { threshold: 55, minVolume: undefined })).toEqual({ threshold: 0.55 });
    expect(toParams('volume_spike', {})).toEqual({});
    expect(toParams('watched_author', { authors: ['@lemonde.fr', ' ', 'alice'], sources: [] })).toEqual({
      authors: ['lemonde.fr', 'alice'],
    });
  });

  it('reads a rule back, leaving defaults empty', () => {
    const effective = { ...ALERT_DEFAULTS.negative_share, threshold: 0.25 };
    expect(readParamDraft('negative_share', effective)).toEqual({ threshold: 25 });
    expect(readParamDraft('volume_spike', { ...ALERT_DEFAULTS.volume_spike })).toEqual({});
    expect(readParamDraft('watched_author', { authors: ['a'], sources: ['lemonde.fr'] })).toEqual({
      authors: ['a'],
      sources: ['lemonde.fr'],
    });
  });

  it('round-trips a rule through the form unchanged', () => {
    const params = { k: 2.5, minVolume: 3, baselineHours: 48 };
    expect(toParams('volume_spike', readParamDraft('volume_spike', params))).toEqual(params);
  });
});
