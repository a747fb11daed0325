// A chart's figures as a table, read from the very option ECharts draws, so the text alternative of a chart
// (WCAG 1.1.1; RGAA criterion 1.8) can never disagree with its picture. Pure: tested without a browser.

export interface ChartTable {
  /** Header of the first column (what each row is), then one header per figure. */
  columns: string[];
  rows: { label: string; values: string[] }[];
}

export interface ChartTableHeaders {
  /** What each row is: a day, a source, a topic… */
  category: string;
  /** The header of an unnamed series (a bar chart's single series), and of a pie's values. */
  value: string;
  /** The header of a pie's shares. */
  share?: string;
}

/** The parts of an ECharts option the table is read from. */
export interface ChartOptionParts {
  series?: unknown;
  xAxis?: unknown;
  yAxis?: unknown;
}

type SeriesShape = { type?: string; name?: unknown; data?: unknown };
type AxisShape = { type?: string; data?: unknown };

function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** A point's value: a number, `null` for a gap, or `{ value }` as ECharts also accepts. */
function readValue(point: unknown): number | null {
  if (typeof point === 'number') return point;
  if (point && typeof point === 'object' && 'value' in point) return readValue((point as { value: unknown }).value);
  return null;
}

function readName(point: unknown): string {
  if (point && typeof point === 'object' && 'name' in point) return String((point as { name: unknown }).name);
  return String(point ?? '');
}

/**
 * One row per category (a day, a source) and one column per series; a pie gives one row per slice with its
 * share. `unit` follows each figure (" %" for shares); a gap reads "—".
 */
export function describeChartTable(
  option: ChartOptionParts,
  headers: ChartTableHeaders,
  locale: string,
  unit = '',
): ChartTable {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const show = (value: number | null) => (value === null ? '—' : `${number.format(value)}${unit}`);
  const series = asList(option.series as SeriesShape | SeriesShape[] | undefined);

  const pie = series.find((s) => s.type === 'pie');
  if (pie) {
    const slices = asList(pie.data as unknown[] | undefined);
    const total = slices.reduce<number>((sum, slice) => sum + (readValue(slice) ?? 0), 0);
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    return {
      columns: [headers.category, headers.value, ...(headers.share ? [headers.share] : [])],
      rows: slices.map((slice) => {
        const value = readValue(slice);
        const share = total > 0 && value !== null ? percent.format(value / total) : '—';
        return { label: readName(slice), values: [show(value), ...(headers.share ? [share] : [])] };
      }),
    };
  }

  // The category axis is x for lines and columns, y for horizontal bars.
  const xAxis = asList(option.xAxis as AxisShape | AxisShape[] | undefined)[0];
  const yAxis = asList(option.yAxis as AxisShape | AxisShape[] | undefined)[0];
  const horizontal = yAxis?.type === 'category';
  const categories = asList((horizontal ? yAxis : xAxis)?.data as unknown[] | undefined).map(readName);
  const rows = categories.map((label, index) => ({
    label,
    values: series.map((s) => show(readValue(asList(s.data as unknown[] | undefined)[index]))),
  }));
  return {
    columns: [
      headers.category,
      ...series.map((s) => (typeof s.name === 'string' && s.name !== '' ? s.name : headers.value)),
    ],
    // ECharts draws a category axis's first item at the bottom: horizontal bars are listed biggest first, as seen.
    rows: horizontal ? rows.reverse() : rows,
  };
}
