import { describe, expect, it } from 'vitest';
import {
  ALERT_DEFAULTS,
  bucketCounts,
  detectNegativeShare,
  detectVolumeSpike,
  isCoolingDown,
  isWatchedAuthor,
  isWatchedSource,
  sourceKeyOf,
} from './detect.js';
import { describeAlert } from './describe.js';

/** A seeded generator, so the synthetic series are the same on every run. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson counts (Knuth) around a daily rhythm: quiet nights, busy middays, like a real topic. */
function syntheticHours(hours: number, meanAt: (hour: number) => number, seed: number): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: hours }, (_, hour) => {
    const limit = Math.exp(-meanAt(hour));
    let k = 0;
    for (let p = random(); p > limit; p *= random()) k++;
    return k;
  });
}

const daily = (base: number) => (hour: number) => base * (1 + 0.6 * Math.sin(((hour % 24) / 24) * 2 * Math.PI));

/** Slides over a series like the hourly job does: judge hour h against the week before it. */
function firingHours(series: number[], params = ALERT_DEFAULTS.volume_spike) {
  const fired: number[] = [];
  for (let hour = params.baselineHours; hour < series.length; hour++) {
    const verdict = detectVolumeSpike(series[hour]!, series.slice(hour - params.baselineHours, hour), params);
    if (verdict.triggered) fired.push(hour);
  }
  return fired;
}

describe('volume spikes on synthetic series with known spikes', () => {
  it.each([
    { seed: 1, base: 20, spikes: { 200: 140, 260: 95 } },
    { seed: 7, base: 8, spikes: { 190: 60 } },
    { seed: 42, base: 50, spikes: { 230: 260, 231: 240 } },
  ])('finds exactly the injected spikes (seed $seed, ~$base/h)', ({ seed, base, spikes }) => {
    const series = syntheticHours(300, daily(base), seed);
    for (const [hour, count] of Object.entries(spikes)) series[Number(hour)] = count;
    expect(firingHours(series)).toEqual(Object.keys(spikes).map(Number));
  });

  it('never fires on ten quiet weeks of ordinary noise', () => {
    const series = syntheticHours(24 * 70, daily(15), 2024);
    expect(firingHours(series)).toEqual([]);
  });

  it('needs the minimum volume: 6 mentions after silence is not news', () => {
    const verdict = detectVolumeSpike(6, new Array(168).fill(0), ALERT_DEFAULTS.volume_spike);
    expect(verdict).toMatchObject({ triggered: false, mean: 0, spread: 1, threshold: 4 });
    expect(detectVolumeSpike(12, new Array(168).fill(0), ALERT_DEFAULTS.volume_spike).triggered).toBe(true);
  });

  it('floors the spread at Poisson noise: a flat baseline of 16/h does not spike at 30', () => {
    const flat = new Array(168).fill(16);
    expect(detectVolumeSpike(30, flat, ALERT_DEFAULTS.volume_spike)).toMatchObject({ triggered: false, spread: 4 });
    expect(detectVolumeSpike(33, flat, ALERT_DEFAULTS.volume_spike).triggered).toBe(true);
  });

  it('expects the same hour as on previous days: a busy noon is not a spike, the same count at 3 a.m. is', () => {
    const days = 7;
    const rhythm = (hour: number) => (hour % 24 === 12 ? 40 : 5);
    const baseline = Array.from({ length: days * 24 }, (_, hour) => rhythm(hour) + (hour % 3));
    // The judged hour follows the baseline: dropping its last 12 hours moves it from midnight to noon.
    const atNoon = baseline.slice(0, -12);
    expect(detectVolumeSpike(42, atNoon, ALERT_DEFAULTS.volume_spike).triggered).toBe(false);
    expect(detectVolumeSpike(42, baseline, ALERT_DEFAULTS.volume_spike).triggered).toBe(true);
  });

  it('judges against the mean plus k standard deviations on a short baseline', () => {
    const baseline = [10, 30, 10, 30, 10, 30];
    const verdict = detectVolumeSpike(60, baseline, { k: 2, minVolume: 1, baselineHours: 6 });
    expect(verdict.mean).toBe(20);
    expect(verdict.spread).toBeCloseTo(Math.sqrt(600 / 5));
    expect(verdict.threshold).toBeCloseTo(20 + 2 * Math.sqrt(120));
    expect(verdict.triggered).toBe(true);
  });
});

describe('negative share', () => {
  const params = ALERT_DEFAULTS.negative_share;
  it.each([
    { negative: 5, total: 10, triggered: true },
    { negative: 4, total: 10, triggered: false },
    { negative: 9, total: 9, triggered: false },
    { negative: 0, total: 0, triggered: false },
    { negative: 41, total: 100, triggered: true },
  ])('$negative of $total → $triggered', ({ negative, total, triggered }) => {
    expect(detectNegativeShare({ negative, total }, params).triggered).toBe(triggered);
  });
});

describe('watched authors and sources', () => {
  it('matches handles, ids and names without case or "@"', () => {
    const params = { authors: ['@Maire.bsky.social', 'did:plc:abc'] };
    expect(isWatchedAuthor({ id: null, handle: 'maire.bsky.social', name: null }, params)).toBe(true);
    expect(isWatchedAuthor({ id: 'did:plc:ABC', handle: null, name: null }, params)).toBe(true);
    expect(isWatchedAuthor({ id: 'did:plc:xyz', handle: 'autre', name: 'Maire' }, params)).toBe(false);
  });

  it('matches a site and its subdomains, not look-alikes', () => {
    const params = { sources: ['lemonde.fr'] };
    expect(isWatchedSource({ sourceId: null, site: 'www.lemonde.fr' }, params)).toBe(true);
    expect(isWatchedSource({ sourceId: null, site: 'blog.lemonde.fr' }, params)).toBe(true);
    expect(isWatchedSource({ sourceId: null, site: 'notlemonde.fr' }, params)).toBe(false);
  });

  it('keys sources by site for the web and by account elsewhere', () => {
    expect(sourceKeyOf({ network: 'feed', site: 'www.ouest-france.fr', author: { id: null, handle: 'x' } })).toBe(
      'site:ouest-france.fr',
    );
    expect(sourceKeyOf({ network: 'bluesky', site: 'bsky.app', author: { id: 'did:plc:A', handle: null } })).toBe(
      'bluesky:did:plc:a',
    );
  });
});

describe('cooldown and buckets', () => {
  it('keeps a rule silent for its cooldown', () => {
    expect(isCoolingDown(null, 3_600_000, 10)).toBe(false);
    expect(isCoolingDown(1_000, 3_600_000, 3_600_999)).toBe(true);
    expect(isCoolingDown(1_000, 3_600_000, 3_601_000)).toBe(false);
  });

  it('counts timestamps into half-open buckets', () => {
    expect(bucketCounts([0, 59, 60, 119, 120, 180, -1], 0, 180, 60)).toEqual([2, 2, 1]);
  });
});

describe('describeAlert', () => {
  it('writes French with French number formatting, and English', () => {
    const firing = {
      kind: 'volume_spike' as const,
      topicName: 'Mairie',
      figures: { count: 140, mean: 20.46, threshold: 33.9 },
      link: 'https://rostra.example/w/1/listening',
    };
    expect(describeAlert(firing, 'fr')).toEqual({
      title: 'Pic de volume sur « Mairie »',
      body: '140 mentions la dernière heure, contre 20,5 en moyenne (seuil 33,9).\n\nVoir dans Rostra : https://rostra.example/w/1/listening',
    });
    expect(describeAlert(firing, 'en').title).toBe('Volume spike on “Mairie”');
  });

  it('quotes the mention that fired a watched-author alert', () => {
    const { body } = describeAlert(
      {
        kind: 'watched_author',
        topicName: 'Mairie',
        figures: {},
        mention: { author: 'journaliste', site: null, url: 'https://bsky.app/x', excerpt: 'La mairie <b>ferme</b>' },
        link: 'L',
      },
      'fr',
    );
    expect(body).toContain('« La mairie <b>ferme</b> »');
    expect(body).toContain('https://bsky.app/x');
  });
});
