import { describe, expect, it } from 'vitest';
import { describeChartTable } from './chart-data';

const HEADERS = { category: 'Jour', value: 'Mentions', share: 'Part' };

describe('a chart as a table', () => {
  it('gives one row per category and one column per named series, gaps as a dash', () => {
    const table = describeChartTable(
      {
        xAxis: { type: 'category', data: ['1 déc.', '2 déc.'] },
        yAxis: { type: 'value' },
        series: [
          { type: 'line', name: 'Villeneuve', data: [3, 1250.5] },
          { type: 'line', name: 'Montval', data: [null, { value: 2 }] },
        ],
      },
      HEADERS,
      'fr',
      ' %',
    );
    expect(table).toEqual({
      columns: ['Jour', 'Villeneuve', 'Montval'],
      rows: [
        { label: '1 déc.', values: ['3 %', '—'] },
        { label: '2 déc.', values: ['1\u202f250,5 %', '2 %'] },
      ],
    });
  });

  it('lists horizontal bars biggest first, as drawn, under the value header when the series has no name', () => {
    const table = describeChartTable(
      {
        xAxis: { type: 'value' },
        yAxis: { type: 'category', data: ['petit.fr', 'grand.fr'] },
        series: [{ type: 'bar', data: [1, 9] }],
      },
      HEADERS,
      'en',
    );
    expect(table.columns).toEqual(['Jour', 'Mentions']);
    expect(table.rows).toEqual([
      { label: 'grand.fr', values: ['9'] },
      { label: 'petit.fr', values: ['1'] },
    ]);
  });

  it('gives a pie one row per slice with its share of the whole', () => {
    const table = describeChartTable(
      {
        series: [
          {
            type: 'pie',
            data: [
              { name: '<b>Marque</b>', value: 3 },
              { name: 'Concurrent', value: 1 },
            ],
          },
        ],
      },
      HEADERS,
      'en',
    );
    expect(table).toEqual({
      columns: ['Jour', 'Mentions', 'Part'],
      rows: [
        { label: '<b>Marque</b>', values: ['3', '75%'] },
        { label: 'Concurrent', values: ['1', '25%'] },
      ],
    });
  });

  it('says a dash for the shares of an empty pie', () => {
    const table = describeChartTable({ series: [{ type: 'pie', data: [{ name: 'A', value: 0 }] }] }, HEADERS, 'fr');
    expect(table.rows).toEqual([{ label: 'A', values: ['0', '—'] }]);
  });
});
