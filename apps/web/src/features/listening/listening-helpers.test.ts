import { describe, expect, it } from 'vitest';
import { readFilters, toApiQuery, writeFilter } from './mention-filters';
import { toSafeHttpUrl } from './safe-url';

describe('toSafeHttpUrl', () => {
  it.each([
    ['https://www.lemonde.fr/a?b=1', 'https://www.lemonde.fr/a?b=1'],
    ['http://example.org', 'http://example.org/'],
    ['  https://example.org/x  ', 'https://example.org/x'],
    ['javascript:alert(1)', null],
    ['JaVaScRiPt:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['vbscript:msgbox', null],
    ['//example.org', null],
    ['not a url', null],
    ['', null],
    [null, null],
  ])('%s → %s', (input, expected) => {
    expect(toSafeHttpUrl(input)).toBe(expected);
  });
});

describe('mention filters in the URL', () => {
  it('reads known filters and drops values the API would refuse', () => {
    const params = new URLSearchParams(
      'topic=t1&sentiment=angry&handled=maybe&from=2026-01-05&to=yesterday&q=%20grève%20&lang=fr&other=x',
    );
    expect(readFilters(params)).toEqual({ topic: 't1', from: '2026-01-05', q: 'grève', lang: 'fr' });
  });

  it('writes one filter and keeps the others', () => {
    const params = new URLSearchParams('topic=t1&q=vélo');
    expect(writeFilter(params, 'sentiment', 'negative').toString()).toBe('topic=t1&q=v%C3%A9lo&sentiment=negative');
    expect(writeFilter(params, 'q', '  ').toString()).toBe('topic=t1');
    expect(writeFilter(params, 'topic', null).toString()).toBe('q=v%C3%A9lo');
  });

  it('turns filters into the API query, the last day included', () => {
    const query = toApiQuery({
      topic: 't1',
      source: 's1',
      lang: 'fr',
      sentiment: 'negative',
      handled: 'false',
      from: '2026-03-01',
      to: '2026-03-01',
    });
    expect(query.get('topicId')).toBe('t1');
    expect(query.get('sourceId')).toBe('s1');
    expect(query.get('language')).toBe('fr');
    expect(query.get('sentiment')).toBe('negative');
    expect(query.get('handled')).toBe('false');
    const from = Date.parse(query.get('from') ?? '');
    const to = Date.parse(query.get('to') ?? '');
    expect(new Date(from).getDate()).toBe(1);
    // One calendar day later, whatever the offset (a DST change makes it 23 or 25 hours).
    expect((to - from) / 3_600_000).toBeGreaterThanOrEqual(23);
    expect((to - from) / 3_600_000).toBeLessThanOrEqual(25);
  });
});
