import type { ChartSpec } from '../core/ports';

type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type GBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;

/**
 * Native charts (Sheet.newChart / insertChart / updateChart). A built chart has no id until it is
 * inserted, so a new chart's id is found among the tab's charts afterwards; a chart is changed
 * through modify() and saved only by updateChart (EmbeddedChartBuilder reference).
 */

const TYPES: Record<ChartSpec['type'], () => GoogleAppsScript.Charts.ChartType> = {
  bar: () => Charts.ChartType.BAR,
  column: () => Charts.ChartType.COLUMN,
  line: () => Charts.ChartType.LINE,
};

const TYPE_NAMES = new Map<string, ChartSpec['type']>([
  ['BAR', 'bar'],
  ['COLUMN', 'column'],
  ['LINE', 'line'],
]);

export function charts(s: GSheet): Array<ChartSpec & { id: string }> {
  return s.getCharts().flatMap((c) => {
    const id = c.getChartId();
    return id === null ? [] : [{ id: String(id), ...specOf(c) }];
  });
}

export function insertChart(s: GSheet, spec: ChartSpec): string {
  const before = new Set(s.getCharts().map((c) => String(c.getChartId())));
  s.insertChart(apply(s, s.newChart(), spec).build());
  const made = s.getCharts().find((c) => !before.has(String(c.getChartId())));
  if (!made) throw new Error(`The chart "${spec.title}" was not added to the tab "${s.getName()}".`);
  return String(made.getChartId());
}

export function updateChart(s: GSheet, id: string, spec: ChartSpec): boolean {
  const chart = s.getCharts().find((c) => String(c.getChartId()) === id);
  if (!chart) return false;
  s.updateChart(apply(s, chart.modify().clearRanges(), spec).build());
  return true;
}

function apply(s: GSheet, b: GBuilder, spec: ChartSpec): GBuilder {
  let out = b.setChartType(TYPES[spec.type]()).setPosition(spec.anchor.row, spec.anchor.col, 0, 0);
  for (const r of spec.ranges) out = out.addRange(s.getRange(r.row, r.col, r.rows, r.cols));
  out = out
    .setOption('title', spec.title)
    .setOption('isStacked', spec.stacked === true)
    .setOption('legend', { position: 'bottom' })
    // The first row names the series; the first column is the labels (Sheets' default domain).
    .setNumHeaders(1);
  if (spec.hAxis) out = out.setOption('hAxis', { title: spec.hAxis });
  if (spec.vAxis) out = out.setOption('vAxis', { title: spec.vAxis });
  return out;
}

function specOf(c: GChart): ChartSpec {
  const o = c.getOptions();
  const info = c.getContainerInfo();
  const axis = (name: string) => {
    const v = o.get(name) as { title?: string } | null;
    return v && typeof v.title === 'string' ? v.title : undefined;
  };
  return {
    type: TYPE_NAMES.get(String(c.modify().getChartType())) ?? 'column',
    title: String(o.get('title') ?? ''),
    ranges: c.getRanges().map((r) => ({ row: r.getRow(), col: r.getColumn(), rows: r.getNumRows(), cols: r.getNumColumns() })),
    anchor: { row: info.getAnchorRow(), col: info.getAnchorColumn() },
    stacked: o.get('isStacked') === true,
    ...(axis('hAxis') ? { hAxis: axis('hAxis') } : {}),
    ...(axis('vAxis') ? { vAxis: axis('vAxis') } : {}),
  };
}
