import type { EmuSheet } from './spreadsheet';

/**
 * A sheet's charts as the playground draws them, read from what the host recorded (type, ranges,
 * options, anchor): the first column of the first range gives the labels, its first row the
 * series names, as `headerCount: 1` and `useFirstColumnAsDomain` tell Sheets.
 */
export interface ShownChart {
  type: string;
  title: string;
  stacked: boolean;
  /** Where the chart's top-left corner sits, in A1 terms. */
  anchor: { row: number; col: number };
  labels: string[];
  series: Array<{ name: string; values: number[] }>;
}

export function shownCharts(sheet: EmuSheet): ShownChart[] {
  return sheet.charts.list.map((c) => {
    const range = c.spec.ranges[0];
    const cells = range
      ? Array.from({ length: range.numRows }, (_, r) =>
          Array.from({ length: range.numCols }, (_, k) => range.sheet.rows[range.row - 1 + r]?.[range.col - 1 + k] ?? null),
        )
      : [];
    // With no header row declared, Sheets may guess; the add-on always declares one.
    const [header = [], ...rows] = c.spec.numHeaders === 0 ? [cells[0]?.map(() => null) ?? [], ...cells] : cells;
    const text = (v: unknown) => (v === null || v === undefined ? '' : String(v instanceof Date ? v.toISOString() : v));
    return {
      type: c.spec.type,
      title: text(c.spec.options.get('title')),
      stacked: c.spec.options.get('isStacked') === true,
      anchor: { row: c.spec.position.row, col: c.spec.position.col },
      labels: rows.map((r) => text(r[0])),
      series: header.slice(1).map((name, k) => ({
        name: text(name),
        values: rows.map((r) => (typeof r[k + 1] === 'number' ? (r[k + 1] as number) : 0)),
      })),
    };
  });
}
