import { describe, expect, it } from 'vitest';
import type { Topic, VoiceShare } from '../../api/types';
import {
  buildBarOption,
  buildSentimentOption,
  buildShareOption,
  buildVolumeOption,
  describePeriod,
  hasReach,
  listBuckets,
  pickVoices,
} from './dashboard-options';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(ms).toISOString();

function topic(id: string, name: string): Topic {
  return { id, name, group: 'brand', query: name, enabled: true, color: '#123456', createdAt: at(0), updatedAt: at(0) };
}

function voice(topicId: string, group: VoiceShare['group'], mentions: number, reach: number): VoiceShare {
  return { topicId, name: topicId, group, color: '#000000', mentions, reach, shareOfMentions: 0, shareOfReach: 0 };
}

describe('periods and buckets', () => {
  it('asks hours for a day and days beyond', () => {
    const now = 100 * DAY + 5 * HOUR;
    expect(describePeriod('24h', now)).toEqual({ from: now - DAY, to: now, bucket: 'hour' });
    expect(describePeriod('7d', now)).toEqual({ from: now - 7 * DAY, to: now, bucket: 'day' });
    expect(describePeriod('30d', now).bucket).toBe('day');
  });

  it('lists every bucket start the server can answer, from its origin', () => {
    expect(listBuckets(10 * DAY + 3 * HOUR, 13 * DAY + HOUR, 'day')).toEqual([10 * DAY, 11 * DAY, 12 * DAY, 13 * DAY]);
    expect(listBuckets(5 * HOUR + 10, 8 * HOUR, 'hour')).toEqual([5 * HOUR, 6 * HOUR, 7 * HOUR]);
    // Paris in winter: days start at 23:00 UTC the day before.
    expect(listBuckets(10 * DAY + 3 * HOUR, 12 * DAY, 'day', -HOUR)).toEqual([
      10 * DAY - HOUR,
      11 * DAY - HOUR,
      12 * DAY - HOUR,
    ]);
  });
});

describe('volume', () => {
  it('fills quiet buckets with zeros and draws only the topics asked for', () => {
    const option = buildVolumeOption(
      {
        from: at(10 * DAY),
        to: at(13 * DAY),
        bucket: 'day',
        origin: at(0),
        series: [
          { topicId: 'a', points: [{ at: at(11 * DAY), count: 4 }] },
          { topicId: 'b', points: [{ at: at(10 * DAY), count: 2 }] },
        ],
      },
      [topic('a', 'Marque')],
      'fr',
    );
    const series = option.series as { name: string; data: number[] }[];
    expect(series).toHaveLength(1);
    expect(series[0]?.name).toBe('Marque');
    expect(series[0]?.data).toEqual([0, 4, 0]);
  });
});

describe('sentiment', () => {
  it('gives shares in percent that add up to 100, and nothing for empty buckets', () => {
    const option = buildSentimentOption(
      [{ at: at(10 * DAY), negative: 1, neutral: 1, positive: 2, total: 4, negativeShare: 0.25, positiveShare: 0.5 }],
      { from: at(10 * DAY), to: at(12 * DAY), bucket: 'day', origin: at(0) },
      { negative: 'Négatif', neutral: 'Neutre', positive: 'Positif' },
      'fr',
    );
    const series = option.series as { name: string; data: (number | null)[] }[];
    expect(series.map((s) => s.name)).toEqual(['Négatif', 'Neutre', 'Positif']);
    expect(series.map((s) => s.data[0])).toEqual([25, 25, 50]);
    expect(series.map((s) => s.data[1])).toEqual([null, null, null]);
    // One bucket of mentions cannot make an area: its points are drawn instead.
    expect((option.series as { showSymbol: boolean }[]).every((s) => s.showSymbol)).toBe(true);
  });
});

describe('share of voice', () => {
  const items = [voice('brand', 'brand', 6, 0), voice('rival', 'competitor', 4, 0)];

  it('keeps one group when filtered', () => {
    expect(pickVoices(items, null)).toHaveLength(2);
    expect(pickVoices(items, 'competitor').map((v) => v.topicId)).toEqual(['rival']);
  });

  it('knows when a reach donut is worth drawing', () => {
    expect(hasReach(items)).toBe(false);
    expect(hasReach([...items, voice('x', 'competitor', 1, 300)])).toBe(true);
  });

  it('draws mentions or reach', () => {
    const withReach = [voice('brand', 'brand', 6, 1000), voice('rival', 'competitor', 4, 3000)];
    const values = (by: 'mentions' | 'reach') =>
      ((buildShareOption(withReach, by, 'fr').series as { data: { value: number }[] }[])[0]?.data ?? []).map(
        (d) => d.value,
      );
    expect(values('mentions')).toEqual([6, 4]);
    expect(values('reach')).toEqual([1000, 3000]);
  });
});

describe('names typed by members stay text in the charts', () => {
  // Each form an attacker would try: an element with a handler, a closing quote, a script, an entity.
  const PAYLOADS = [
    '<img src=x onerror="window.__xss=1">',
    '<svg onload=window.__xss=1>',
    '"><script>window.__xss=1</script>',
    "'><a href='javascript:window.__xss=1'>x</a>",
    '&lt;img src=x onerror=window.__xss=1&gt;',
  ];
  type TooltipFormatter = (params: unknown) => string;

  it.each(PAYLOADS)('escapes %s in the share-of-voice tooltip', (name) => {
    const option = buildShareOption([{ ...voice('t', 'brand', 6, 0), name }], 'mentions', 'fr');
    const formatter = (option.tooltip as { formatter: TooltipFormatter }).formatter;
    const shown = formatter({ name, value: 6, percent: 100 });
    // No character of the tooltip's HTML can open a tag or leave an attribute…
    expect(shown).not.toMatch(/[<>"']/);
    // …and the reader still sees the name exactly as typed once the browser decodes the entities.
    const decoded = shown.replace(/&(lt|gt|quot|#39|amp);/g, (_, entity: string) =>
      entity === 'lt' ? '<' : entity === 'gt' ? '>' : entity === 'quot' ? '"' : entity === '#39' ? "'" : '&',
    );
    expect(decoded).toBe(`${name} : 6 (100 %)`);
  });

  it('leaves the other charts to ECharts, which escapes names in its default tooltips', () => {
    const hostile = topic('t', PAYLOADS[0] ?? '');
    const volume = buildVolumeOption(
      { bucket: 'day', from: at(0), to: at(DAY), origin: at(0), series: [{ topicId: 't', points: [] }] },
      [hostile],
      'fr',
    );
    expect((volume.tooltip as { formatter?: unknown }).formatter).toBeUndefined();
    expect(buildBarOption([{ label: hostile.name, value: 1 }]).tooltip).not.toHaveProperty('formatter');
  });
});
