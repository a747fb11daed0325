// A small typed wrapper around ECharts: only the charts and components Rostra draws are bundled (the full
// build is ~1 MB), the chart follows its box's size and the light/dark scheme, and is disposed on unmount.
import { Box, useComputedColorScheme } from '@mantine/core';
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
import { useEffect, useRef } from 'react';

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
  /** What the chart shows, for screen readers (ECharts' aria adds a description of the data too). */
  label: string;
  testId?: string;
}

export function Chart({ option, height = 280, label, testId }: ChartProps) {
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
    // The dark theme paints its own background; keep the page's instead so charts sit on the card.
    chart.current?.setOption(
      { backgroundColor: 'transparent', aria: { enabled: true }, ...option },
      { notMerge: true },
    );
  }, [option, scheme]);

  return <Box ref={box} h={height} w="100%" role="img" aria-label={label} data-testid={testId} data-chart="echarts" />;
}
