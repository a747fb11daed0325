// A small typed wrapper around ECharts: only the charts and components Rostra draws are bundled (the full
// build is ~1 MB), the chart follows its box's size and the light/dark scheme, and is disposed on unmount.
// Every chart carries its text alternative: a name for screen readers and, behind "Voir les données", the
// figures as a table read from the same option (WCAG 1.1.1, RGAA criterion 1.8).
import { Box, Button, Group, Table, useComputedColorScheme } from '@mantine/core';
import { IconTable } from '@tabler/icons-react';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeChartTable, type ChartTableHeaders } from './chart-data';

// SVG rather than canvas: dashboards hold a handful of small charts, SVG stays sharp when zoomed and printed,
// and costs less memory than one canvas per chart (https://echarts.apache.org/handbook/en/best-practices/canvas-vs-svg/).
use([
  LineChart,
  BarChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  TitleComponent,
  AriaComponent,
  SVGRenderer,
]);

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | TitleComponentOption
  | AriaComponentOption
>;

interface ChartProps {
  option: ChartOption;
  height?: number;
  /** What the chart shows: its accessible name, and the caption of its data table. */
  label: string;
  /** The headers of the data table (what a row is, what an unnamed figure is). */
  table: ChartTableHeaders;
  /** Follows each figure of the data table (" %" for shares). */
  unit?: string;
  testId?: string;
}

export function Chart({ option, height = 280, label, table, unit, testId }: ChartProps) {
  const { t } = useTranslation();
  const [showData, setShowData] = useState(false);
  const tableId = useId();
  return (
    <div>
      <ChartCanvas option={option} height={height} label={label} testId={testId} />
      <Group justify="flex-end" mt={4}>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconTable size={14} aria-hidden />}
          aria-expanded={showData}
          aria-controls={tableId}
          onClick={() => setShowData((shown) => !shown)}
          data-testid="chart-data-toggle"
        >
          {showData ? t('chart.hideData') : t('chart.showData')}
        </Button>
      </Group>
      <div id={tableId}>
        {showData && <ChartDataTable caption={label} option={option} headers={table} unit={unit} />}
      </div>
    </div>
  );
}

/** The chart's figures, as text. */
function ChartDataTable(props: { caption: string; option: ChartOption; headers: ChartTableHeaders; unit?: string }) {
  const { i18n } = useTranslation();
  const data = describeChartTable(props.option, props.headers, i18n.language, props.unit);
  return (
    <Table.ScrollContainer minWidth={320} mt="xs">
      <Table striped withTableBorder captionSide="top" data-testid="chart-data-table">
        <Table.Caption>{props.caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {data.columns.map((column, index) => (
              <Table.Th key={index} scope="col">
                {column}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.rows.map((row, index) => (
            <Table.Tr key={index}>
              <Table.Th scope="row" fw={400}>
                {row.label}
              </Table.Th>
              {row.values.map((value, column) => (
                <Table.Td key={column}>{value}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ChartCanvas({
  option,
  height,
  label,
  testId,
}: {
  option: ChartOption;
  height: number;
  label: string;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const scheme = useComputedColorScheme('light');

  // A new instance per colour scheme: ECharts themes are fixed at init.
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = init(element, scheme === 'dark' ? 'dark' : undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [scheme]);

  useEffect(() => {
    // The dark theme paints its own background; keep the page's instead so charts sit on the card. ECharts'
    // own aria description is generated in English and would replace the label: the label is the description,
    // and the figures are in the data table.
    chart.current?.setOption(
      { backgroundColor: 'transparent', aria: { enabled: true, label: { description: label } }, ...option },
      { notMerge: true },
    );
  }, [option, scheme, label]);

  return <Box ref={box} h={height} w="100%" role="img" aria-label={label} data-testid={testId} data-chart="echarts" />;
}
