import type { CellValue, ChartSpec } from '../ports';
import type { DashboardFigures } from './figures';

/**
 * Where the figures go on the summary tab: four tables side by side under one bold header row,
 * a blank column between them, and a native chart of each below the tables, one under the other.
 * Every cell is a number or text written as text: nothing an applicant typed can become a formula.
 */

export type ChartKey = 'funnel' | 'weekly' | 'stageDays' | 'offers';

export interface SummaryLayout {
  /** Row 1 the headers, then the rows; blank where a table is shorter. */
  grid: CellValue[][];
  /** Number formats of whole table columns, below the header. */
  formats: Array<{ col: number; rows: number; format: string }>;
  charts: Array<{ key: ChartKey; spec: ChartSpec }>;
}

interface Table {
  key: ChartKey;
  header: string[];
  rows: CellValue[][];
  /** How many leading columns the chart reads (labels and series). */
  chartCols: number;
  chart: Pick<ChartSpec, 'type' | 'title' | 'stacked' | 'hAxis' | 'vAxis'>;
  formats: Array<{ at: number; format: string }>;
}

/** Rows a chart takes (Sheets' default chart is about 370 px high; rows are 21 px) and a row between. */
const CHART_ROWS = 19;

export function summaryLayout(f: DashboardFigures): SummaryLayout {
  const tables = tablesOf(f);
  const height = 1 + Math.max(...tables.map((t) => t.rows.length));
  const width = tables.reduce((n, t) => n + t.header.length, 0) + tables.length - 1;
  const grid: CellValue[][] = Array.from({ length: height }, () => Array<CellValue>(width).fill(null));
  const formats: SummaryLayout['formats'] = [];
  const charts: SummaryLayout['charts'] = [];
  let col = 1;
  tables.forEach((t, i) => {
    t.header.forEach((h, c) => (grid[0][col - 1 + c] = h));
    t.rows.forEach((r, n) => r.forEach((v, c) => (grid[n + 1][col - 1 + c] = v)));
    for (const fm of t.formats) if (t.rows.length) formats.push({ col: col + fm.at, rows: t.rows.length, format: fm.format });
    charts.push({
      key: t.key,
      spec: {
        ...t.chart,
        ranges: [{ row: 1, col, rows: t.rows.length + 1, cols: t.chartCols }],
        anchor: { row: height + 2 + i * CHART_ROWS, col: 1 },
      },
    });
    col += t.header.length + 1;
  });
  return { grid, formats, charts };
}

function tablesOf(f: DashboardFigures): Table[] {
  return [
    {
      key: 'funnel',
      header: ['Stage', 'Active candidates'],
      rows: f.funnel.map((s) => [s.stage, s.candidates]),
      chartCols: 2,
      chart: { type: 'bar', title: 'Active candidates per stage', hAxis: 'Candidates' },
      formats: [{ at: 1, format: '0' }],
    },
    {
      key: 'weekly',
      header: ['Week of', ...f.weekly.sources],
      rows: f.weekly.weeks.map((w, i) => [w, ...f.weekly.counts[i]]),
      chartCols: 1 + f.weekly.sources.length,
      chart: { type: 'column', title: 'Applications per week by source (last 12 weeks)', stacked: true, vAxis: 'Applications' },
      formats: f.weekly.sources.map((_, i) => ({ at: 1 + i, format: '0' })),
    },
    {
      key: 'stageDays',
      header: ['Stage', 'Median days in stage', 'Stays counted'],
      rows: f.stageDays.map((s) => [s.stage, s.medianDays, s.stays]),
      chartCols: 2,
      chart: { type: 'bar', title: 'Median days in each stage', hAxis: 'Days' },
      formats: [
        { at: 1, format: '0.0' },
        { at: 2, format: '0' },
      ],
    },
    {
      key: 'offers',
      header: ['Month', 'Offers sent', 'Offers accepted'],
      rows: f.offers.map((m) => [m.month, m.sent, m.accepted]),
      chartCols: 3,
      chart: { type: 'column', title: 'Offers sent and accepted per month', vAxis: 'Offers' },
      formats: [
        { at: 1, format: '0' },
        { at: 2, format: '0' },
      ],
    },
  ];
}
