import { SheetCharts, type EmuChart, type EmuChartBuilder } from './charts';
import { outputValue, type EmuValue } from './cells';
import type { EmuSpreadsheet } from './workbook';
import { EmuRange } from './range';

export { EmuRange };
import { EmuMetadataList, type EmuLocation, type Visibility } from './metadata';
import { ColumnMetadata } from './columns';
import { EmuFilter, type FilterRange } from './filter';
import { CellStyles } from './styles';

export class EmuSheet {
  rows: EmuValue[][] = [];
  /** Link of a cell, kept beside its value (row arrays move together on deletes). */
  links: Array<Array<string | null | undefined>> = [];
  /** Number formats, bold and notes per cell, and column widths. */
  readonly styles = new CellStyles();
  /** The basic filter, if the sheet has one. */
  filter: EmuFilter | null = null;
  frozenRows = 0;
  hidden = false;
  /** Developer metadata of this sheet: its own 30,000-character budget; gone with the sheet. */
  readonly metadata: EmuMetadataList;
  /** Developer metadata on whole columns: it moves with its column. */
  readonly columnMetadata: ColumnMetadata;
  /** Embedded charts (charts.ts). */
  readonly charts: SheetCharts;

  constructor(
    readonly book: EmuSpreadsheet,
    public name: string,
    public maxRows = 1000,
    public maxCols = 26,
  ) {
    this.metadata = new EmuMetadataList(book, () => location('SHEET', { sheet: this }));
    this.columnMetadata = new ColumnMetadata(book, (col) =>
      location('COLUMN', { column: new EmuRange(this, 1, col, this.maxRows, 1, true) }),
    );
    this.charts = new SheetCharts(this, () => book.nextChartId());
  }

  newChart(): EmuChartBuilder {
    this.call('newChart', 5);
    return this.charts.newChart();
  }
  insertChart(chart: EmuChart): void {
    this.call('insertChart', 150);
    this.charts.insert(chart);
  }
  updateChart(chart: EmuChart): void {
    this.call('updateChart', 150);
    this.charts.update(chart);
  }
  getCharts(): EmuChart[] {
    this.call('getCharts', 40);
    return [...this.charts.list];
  }
  removeChart(chart: EmuChart): void {
    this.call('removeChart', 40);
    this.charts.remove(chart);
  }

  getDeveloperMetadata() {
    this.call('getDeveloperMetadata', 40);
    return [...this.metadata.items];
  }
  addDeveloperMetadata(key: string, value?: string, visibility?: Visibility): EmuSheet {
    this.metadata.add(key, value, visibility);
    return this;
  }
  /** Sheet.createDeveloperMetadataFinder: the sheet's own metadata and that of its rows and columns. */
  createDeveloperMetadataFinder() {
    return this.metadata.finder(() => this.columnMetadata.all());
  }

  private call(method: string, costMs = 40): void {
    this.book.charge(`Sheet.${method}`, costMs);
  }

  getName(): string {
    this.call('getName', 0);
    return this.name;
  }
  getMaxRows(): number {
    this.call('getMaxRows', 5);
    return this.maxRows;
  }
  getMaxColumns(): number {
    this.call('getMaxColumns', 5);
    return this.maxCols;
  }
  getLastRow(): number {
    this.call('getLastRow', 10);
    return this.lastRow();
  }
  getLastColumn(): number {
    this.call('getLastColumn', 10);
    return this.lastCol();
  }
  lastRow(): number {
    for (let r = this.rows.length - 1; r >= 0; r--) if (this.rows[r]?.some((v) => v !== null && v !== undefined)) return r + 1;
    return 0;
  }
  lastCol(): number {
    let max = 0;
    for (const row of this.rows)
      if (row)
        for (let c = row.length - 1; c >= max; c--)
          if (row[c] !== null && row[c] !== undefined) {
            max = c + 1;
            break;
          }
    return max;
  }
  getRange(row: number | string, col = 1, numRows = 1, numCols = 1): EmuRange {
    this.call('getRange', 2);
    if (typeof row === 'string') return this.wholeColumn(row);
    if (row < 1 || col < 1 || numRows < 1 || numCols < 1 || row + numRows - 1 > this.maxRows || col + numCols - 1 > this.maxCols) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new EmuRange(this, row, col, numRows, numCols);
  }
  /** A1 notation: the emulation reads whole columns only ('C:C'), as the add-on uses it. */
  private wholeColumn(a1: string): EmuRange {
    const m = /^([A-Z]+):\1$/.exec(a1);
    if (!m) throw new Error(`emulation: getRange("${a1}") is not supported; use a whole column such as "C:C"`);
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    if (col > this.maxCols) throw new Error('Range not found');
    return new EmuRange(this, 1, col, this.maxRows, 1, true);
  }
  insertRowsAfter(after: number, howMany: number): EmuSheet {
    this.call('insertRowsAfter');
    this.book.checkGrowth(howMany * this.maxCols);
    this.rows.splice(after, 0, ...Array.from({ length: howMany }, () => []));
    this.links.splice(after, 0, ...Array.from({ length: howMany }, () => []));
    this.styles.insertRows(after, howMany);
    this.filter?.rowsInserted(after, howMany);
    this.maxRows += howMany;
    return this;
  }
  insertColumnsAfter(after: number, howMany: number): EmuSheet {
    this.call('insertColumnsAfter');
    this.book.checkGrowth(howMany * this.maxRows);
    for (const row of this.rows) if (row && row.length > after) row.splice(after, 0, ...Array(howMany).fill(null));
    for (const row of this.links) if (row && row.length > after) row.splice(after, 0, ...Array(howMany).fill(null));
    this.styles.insertColumns(after, howMany);
    this.filter?.columnsInserted(after, howMany);
    this.columnMetadata.inserted(after, howMany);
    this.maxCols += howMany;
    return this;
  }
  deleteColumns(start: number, howMany: number): void {
    this.call('deleteColumns');
    if (start < 1 || start + howMany - 1 > this.maxCols) throw new Error('Those columns are out of bounds.');
    if (howMany >= this.maxCols) throw new Error("You can't delete all the columns on the sheet.");
    for (const row of this.rows) row?.splice(start - 1, howMany);
    for (const row of this.links) row?.splice(start - 1, howMany);
    this.styles.deleteColumns(start, howMany);
    this.filter?.columnsDeleted(start, howMany);
    this.columnMetadata.deleted(start, howMany);
    this.maxCols -= howMany;
  }
  deleteRows(start: number, howMany: number): void {
    this.call('deleteRows');
    if (start < 1 || start + howMany - 1 > this.maxRows) throw new Error('Those rows are out of bounds.');
    if (howMany >= this.maxRows) throw new Error("You can't delete all the rows on the sheet.");
    // Sheets keeps at least one row below the frozen ones. Public reports of the error from
    // Sheet.deleteRows (../shared/reference/apps-script.md, 2026-11-30 audit).
    if (this.maxRows - howMany <= this.frozenRows) throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
    this.rows.splice(start - 1, howMany);
    this.links.splice(start - 1, howMany);
    this.styles.deleteRows(start, howMany);
    this.filter?.rowsDeleted(start, howMany);
    this.maxRows -= howMany;
  }
  deleteRow(row: number): void {
    this.deleteRows(row, 1);
  }
  setFrozenRows(n: number): void {
    this.call('setFrozenRows');
    // Freezing every row of the grid is refused (same audit): at least one row must scroll.
    if (n >= this.maxRows) throw new Error("You can't freeze all visible rows on the sheet.");
    this.frozenRows = n;
  }
  getFrozenRows(): number {
    this.call('getFrozenRows', 5);
    return this.frozenRows;
  }
  getFilter(): EmuFilter | null {
    this.call('getFilter', 10);
    return this.filter;
  }
  /** Range.createFilter: one filter per sheet (Class Filter: "If a filter doesn't exist on the sheet yet, create one"). */
  addFilter(range: FilterRange): EmuFilter {
    if (this.filter) throw new Error("You can't create a filter in a sheet that already has a filter.");
    this.filter = new EmuFilter(
      range,
      (m) => this.book.charge(m, 20),
      (f) => {
        if (this.filter === f) this.filter = null;
      },
      (r) => new EmuRange(this, r.row, r.col, r.numRows, r.numCols),
    );
    return this.filter;
  }
  setColumnWidth(col: number, px: number): EmuSheet {
    return this.setColumnWidths(col, 1, px);
  }
  setColumnWidths(col: number, count: number, px: number): EmuSheet {
    this.call('setColumnWidths', 20);
    if (col < 1 || count < 1 || col + count - 1 > this.maxCols) throw new Error('Those columns are out of bounds.');
    for (let c = col; c < col + count; c++) this.styles.widths.set(c, Math.round(px));
    return this;
  }
  getColumnWidth(col: number): number {
    this.call('getColumnWidth', 5);
    return this.styles.width(col);
  }
  hideSheet(): EmuSheet {
    this.call('hideSheet');
    if (this.book.sheets.every((s) => s === this || s.hidden)) throw new Error("You can't hide all the sheets in a document.");
    this.hidden = true;
    if (this.book.active === this) this.book.active = this.book.sheets.find((s) => !s.hidden) ?? this;
    return this;
  }
  showSheet(): EmuSheet {
    this.call('showSheet');
    this.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this.hidden;
  }
  getDataRange(): EmuRange {
    return this.getRange(1, 1, Math.max(1, this.lastRow()), Math.max(1, this.lastCol()));
  }
  /** Test helper: the sheet's values as a person would see them (formulas as '#FORMULA'). */
  snapshot(): Array<Array<string | number | boolean | Date>> {
    const rows = this.lastRow();
    const cols = this.lastCol();
    return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => outputValue(this.rows[r]?.[c] ?? null)));
  }
  /** Test helper: the link of a cell (1-based), if any. */
  linkAt(row: number, col: number): string | null {
    return this.links[row - 1]?.[col - 1] ?? null;
  }

  /** Test helper: every cell that holds a formula. */
  formulas(): string[] {
    const out: string[] = [];
    for (const row of this.rows)
      for (const v of row ?? []) if (v && typeof v === 'object' && !(v instanceof Date) && 'formula' in v) out.push(v.formula);
    return out;
  }
  cellCount(): number {
    return this.maxRows * this.maxCols;
  }
}

export function location(
  type: ReturnType<EmuLocation['getLocationType']>,
  at: { sheet?: unknown; column?: unknown; spreadsheet?: unknown },
): EmuLocation {
  return {
    getLocationType: () => type,
    getColumn: () => at.column ?? null,
    getSheet: () => at.sheet ?? null,
    getSpreadsheet: () => at.spreadsheet ?? null,
  };
}
