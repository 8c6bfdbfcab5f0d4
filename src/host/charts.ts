import type { EmuRange } from './range';
import type { EmuSheet } from './spreadsheet';

/**
 * Charts embedded in a sheet: Sheet.newChart / insertChart / updateChart / getCharts /
 * removeChart, Class EmbeddedChart and Class EmbeddedChartBuilder (Apps Script reference). Kept as
 * Google documents them, and stricter where the reference says nothing:
 * - a built chart is not in the sheet until insertChart, and its getChartId() is null ("null if
 *   the chart is not in a spreadsheet"); the inserted copy gets the id, so an add-on learns a new
 *   chart's id from getCharts();
 * - "Changes made to the chart are not saved until Sheet.updateChart(chart) is called on the
 *   rebuilt chart" (EmbeddedChartBuilder);
 * - updateChart with a chart that is not on that sheet (never inserted, removed by a person, or
 *   another sheet's) fails;
 * - a range of another spreadsheet fails (not documented either way).
 * The playground draws what is recorded here: type, ranges, options, anchor.
 */

export type EmuChartType = 'AREA' | 'BAR' | 'COLUMN' | 'COMBO' | 'HISTOGRAM' | 'LINE' | 'PIE' | 'SCATTER' | 'TABLE';

/** Charts.ChartType, as the bundle sees it. */
export const CHART_TYPES: Record<EmuChartType, EmuChartType> = {
  AREA: 'AREA',
  BAR: 'BAR',
  COLUMN: 'COLUMN',
  COMBO: 'COMBO',
  HISTOGRAM: 'HISTOGRAM',
  LINE: 'LINE',
  PIE: 'PIE',
  SCATTER: 'SCATTER',
  TABLE: 'TABLE',
};

export interface EmuChartSpec {
  type: EmuChartType;
  ranges: EmuRange[];
  options: Map<string, unknown>;
  /** Rows (or columns) of the ranges read as headers: -1 lets Sheets guess. */
  numHeaders: number;
  /** Anchor cell (1-based) and pixel offsets from it. */
  position: { row: number; col: number; offsetX: number; offsetY: number };
}

export class EmuChart {
  constructor(
    readonly sheet: EmuSheet,
    readonly id: number | null,
    readonly spec: EmuChartSpec,
  ) {}

  getChartId(): number | null {
    return this.id;
  }
  getRanges(): EmuRange[] {
    return [...this.spec.ranges];
  }
  getOptions(): { get(option: string): unknown } {
    return { get: (option: string) => this.spec.options.get(option) ?? null };
  }
  getContainerInfo() {
    const p = this.spec.position;
    return { getAnchorRow: () => p.row, getAnchorColumn: () => p.col, getOffsetX: () => p.offsetX, getOffsetY: () => p.offsetY };
  }
  modify(): EmuChartBuilder {
    return new EmuChartBuilder(this.sheet, this.id, copySpec(this.spec));
  }
}

export class EmuChartBuilder {
  constructor(
    private readonly sheet: EmuSheet,
    private readonly id: number | null,
    private readonly spec: EmuChartSpec,
  ) {}

  addRange(range: EmuRange): EmuChartBuilder {
    if (range.sheet.book !== this.sheet.book) throw new Error('Exception: The range is not in this spreadsheet.');
    // "Does not add ranges that have already been added to the chart" (addRange reference).
    const same = (r: EmuRange) =>
      r.sheet === range.sheet && r.row === range.row && r.col === range.col && r.numRows === range.numRows && r.numCols === range.numCols;
    if (!this.spec.ranges.some(same)) this.spec.ranges.push(range);
    return this;
  }
  clearRanges(): EmuChartBuilder {
    this.spec.ranges = [];
    return this;
  }
  getChartType(): EmuChartType {
    return this.spec.type;
  }
  setChartType(type: EmuChartType): EmuChartBuilder {
    if (!(type in CHART_TYPES)) throw new Error(`Exception: Invalid argument: type (${String(type)})`);
    this.spec.type = type;
    return this;
  }
  setNumHeaders(headers: number): EmuChartBuilder {
    this.spec.numHeaders = headers;
    return this;
  }
  setOption(option: string, value: unknown): EmuChartBuilder {
    this.spec.options.set(option, value);
    return this;
  }
  setPosition(row: number, col: number, offsetX: number, offsetY: number): EmuChartBuilder {
    if (row < 1 || col < 1) throw new Error('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    this.spec.position = { row, col, offsetX, offsetY };
    return this;
  }
  build(): EmuChart {
    if (this.spec.ranges.length === 0) throw new Error('Exception: Chart has no data ranges. Add a range with addRange.');
    return new EmuChart(this.sheet, this.id, copySpec(this.spec));
  }
}

/** The charts of one sheet, as Sheet's chart methods keep them. */
export class SheetCharts {
  readonly list: EmuChart[] = [];

  constructor(
    private readonly sheet: EmuSheet,
    private readonly nextId: () => number,
  ) {}

  newChart(): EmuChartBuilder {
    return new EmuChartBuilder(this.sheet, null, {
      type: 'COLUMN',
      ranges: [],
      options: new Map(),
      numHeaders: -1,
      position: { row: 1, col: 1, offsetX: 0, offsetY: 0 },
    });
  }
  insert(chart: EmuChart): void {
    if (chart.id !== null) throw new Error('Exception: This chart is already in the spreadsheet; use updateChart.');
    this.list.push(new EmuChart(this.sheet, this.nextId(), copySpec(chart.spec)));
  }
  update(chart: EmuChart): void {
    const at = this.list.findIndex((c) => c.id !== null && c.id === chart.id);
    if (at < 0) throw new Error('Exception: The chart does not exist on this sheet. It may have been removed.');
    this.list[at] = new EmuChart(this.sheet, chart.id, copySpec(chart.spec));
  }
  remove(chart: EmuChart): void {
    const at = this.list.findIndex((c) => c.id !== null && c.id === chart.id);
    if (at < 0) throw new Error('Exception: The chart does not exist on this sheet.');
    this.list.splice(at, 1);
  }
}

function copySpec(s: EmuChartSpec): EmuChartSpec {
  return { type: s.type, ranges: [...s.ranges], options: new Map(s.options), numHeaders: s.numHeaders, position: { ...s.position } };
}
