import { SheetLimitError } from '../core/errors';
import { isDate } from '../core/format/cell';
import type { CellValue, ChartSpec, SheetPort, WorkbookPort } from '../core/ports';
import { COLUMN_TAG_KEY, METADATA_PREFIX } from '../core/store/schema';
import * as looks from './sheet-looks';
import * as chartsOf from './sheet-charts';

type GSheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * SpreadsheetApp parses strings as if typed: '=…' becomes a formula, '00123' a number. A leading
 * apostrophe makes Sheets keep the text as it is (and the apostrophe is not stored), so every
 * string goes in with one. Lever data is written by applicants and must never become a formula.
 */
export function toSheetValue(v: CellValue): string | number | boolean | Date {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v === '' ? '' : `'${v}`;
  return v;
}

function fromSheetValue(v: unknown): CellValue {
  if (v === '' || v === undefined || v === null) return null;
  if (isDate(v) || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

export class GasSheet implements SheetPort {
  /**
   * The grid's size, read once and then kept as this adapter changes it: asking before every
   * write costs two calls a page. It is read again before the grid is grown or rows deleted (the
   * user, or another adapter of the same tab, may have changed it), and a write that finds the
   * grid smaller than thought is retried once with the size read again.
   */
  private grid: { rows: number; cols: number } | null = null;

  constructor(private readonly s: GSheet) {}
  get name(): string {
    return this.s.getName();
  }
  lastRow(): number {
    return this.s.getLastRow();
  }
  lastColumn(): number {
    return this.s.getLastColumn();
  }
  private size(): { rows: number; cols: number } {
    return (this.grid ??= { rows: this.s.getMaxRows(), cols: this.s.getMaxColumns() });
  }
  maxRows(): number {
    return this.size().rows;
  }
  maxColumns(): number {
    return this.size().cols;
  }
  read(row: number, col: number, rows: number, cols: number): CellValue[][] {
    if (rows <= 0 || cols <= 0) return [];
    return this.s
      .getRange(row, col, rows, cols)
      .getValues()
      .map((r) => r.map(fromSheetValue));
  }
  write(row: number, col: number, values: CellValue[][]): void {
    if (values.length === 0 || values[0].length === 0) return;
    const put = () => {
      this.ensureGrid(row + values.length - 1, col + values[0].length - 1);
      this.s.getRange(row, col, values.length, values[0].length).setValues(values.map((r) => r.map(toSheetValue)));
    };
    try {
      put();
    } catch (e) {
      if (!OUTSIDE_GRID.test((e as Error)?.message ?? '')) throw e;
      this.grid = null;
      put();
    }
  }
  /**
   * The grid does not grow by itself: a range past it throws. Rows are added a page's worth at a
   * time or more (each insert is a call), exactly what is needed when that is all the 10M-cell
   * budget allows.
   */
  private ensureGrid(lastRow: number, lastCol: number): void {
    let g = this.size();
    if (lastRow <= g.rows && lastCol <= g.cols) return;
    // Rows go in after the grid's last row as it is now (the user may have added some since).
    this.grid = null;
    g = this.size();
    if (lastRow > g.rows) {
      const need = lastRow - g.rows;
      try {
        this.s.insertRowsAfter(g.rows, Math.max(need, GROW_ROWS));
        g.rows += Math.max(need, GROW_ROWS);
      } catch (e) {
        // Only the 10M-cell cap is worth a smaller try; anything else is Google's to report.
        if (!CELL_LIMIT.test((e as Error)?.message ?? '')) throw e;
        this.s.insertRowsAfter(g.rows, need);
        g.rows += need;
      }
    }
    if (lastCol > g.cols) {
      this.s.insertColumnsAfter(g.cols, lastCol - g.cols);
      g.cols = lastCol;
    }
  }
  writeLinks(row: number, col: number, cells: Array<{ text: string; url: string | null }>): void {
    if (cells.length === 0) return;
    // Rich text keeps each cell plain text (never a formula) while making it clickable.
    const rich = cells.map((c) => {
      const b = SpreadsheetApp.newRichTextValue().setText(c.text);
      return [c.url ? b.setLinkUrl(c.url).build() : b.build()];
    });
    this.s.getRange(row, col, cells.length, 1).setRichTextValues(rich);
  }
  /**
   * Sheets refuses to delete every row below the frozen header ("Sorry, it is not possible to
   * delete all non-frozen rows"): when a delete would leave none, one blank row is added
   * first, so emptying a tab (an empty replace, a filter that now matches nothing) works.
   */
  readLinks(row: number, col: number, count: number): Array<string | null> {
    if (count <= 0) return [];
    return this.s
      .getRange(row, col, count, 1)
      .getRichTextValues()
      .map((r) => r[0]?.getLinkUrl() ?? null);
  }
  deleteRows(row: number, count: number): void {
    if (count <= 0) return;
    this.grid = null; // read afresh: the spare row below must be judged on the grid as it is
    const g = this.size();
    if (g.rows - count <= this.s.getFrozenRows()) {
      this.s.insertRowsAfter(g.rows, 1);
      g.rows += 1;
    }
    this.s.deleteRows(row, count);
    g.rows -= count;
  }
  /** Bottom-up, so each run's rows are where they were read; the grid and frozen rows read once. */
  deleteRowRuns(runs: Array<{ start: number; count: number }>): void {
    const todo = runs.filter((r) => r.count > 0);
    if (todo.length === 0) return;
    this.grid = null;
    const g = this.size();
    const total = todo.reduce((n, r) => n + r.count, 0);
    if (g.rows - total <= this.s.getFrozenRows()) {
      this.s.insertRowsAfter(g.rows, 1);
      g.rows += 1;
    }
    for (const r of todo) {
      this.s.deleteRows(r.start, r.count);
      g.rows -= r.count;
    }
  }
  truncate(keepRows: number): void {
    const last = this.s.getLastRow();
    if (last > keepRows) this.deleteRows(keepRows + 1, last - keepRows);
  }
  setNumberFormat(row: number, col: number, rows: number, cols: number, format: string): void {
    if (rows <= 0 || cols <= 0) return;
    // Formats go on before the values: the rows may not exist yet.
    this.ensureGrid(row + rows - 1, col + cols - 1);
    this.s.getRange(row, col, rows, cols).setNumberFormat(format);
  }
  boldHeader(col: number, count: number): void {
    looks.boldHeader(this.s, col, count);
  }
  setColumnWidths(col: number, count: number, px: number): void {
    this.s.setColumnWidths(col, count, px);
  }
  addFilter(cols: number): void {
    looks.addFilter(this.s, cols);
  }
  coverFilter(cols: number): void {
    looks.coverFilter(this.s, cols);
    this.grid = null;
  }
  setNote(row: number, col: number, note: string | null): void {
    this.s.getRange(row, col).setNote(note ?? '');
  }
  freezeHeader(): void {
    // Freezing every row is refused ("You can't freeze all visible rows"): keep a row below.
    this.ensureGrid(2, 1);
    this.s.setFrozenRows(1);
  }
  columnTags(): Map<number, string> {
    const out = new Map<number, string>();
    for (const m of this.tagMetadata()) {
      const col = m.getLocation().getColumn();
      if (col) out.set(col.getColumn(), m.getValue() ?? '');
    }
    return out;
  }
  setColumnTags(tags: Map<number, string | null>): void {
    if (tags.size === 0) return;
    for (const m of this.tagMetadata()) {
      const col = m.getLocation().getColumn();
      if (col && tags.has(col.getColumn())) m.remove();
    }
    const project = SpreadsheetApp.DeveloperMetadataVisibility.PROJECT;
    for (const [col, tag] of tags) {
      // Only a whole-column range takes metadata; A1 'C:C' is one without doubt.
      if (tag !== null) this.s.getRange(`${columnLetters(col)}:${columnLetters(col)}`).addDeveloperMetadata(COLUMN_TAG_KEY, tag, project);
    }
  }
  private tagMetadata(): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
    return this.s
      .createDeveloperMetadataFinder()
      .withKey(COLUMN_TAG_KEY)
      .withVisibility(SpreadsheetApp.DeveloperMetadataVisibility.PROJECT)
      .find();
  }
  markedByAddOn(): boolean {
    return this.s.getDeveloperMetadata().some((m) => m.getKey().startsWith(METADATA_PREFIX));
  }
  setHidden(hidden: boolean): void {
    if (hidden) this.s.hideSheet();
    else this.s.showSheet();
  }
  charts(): Array<ChartSpec & { id: string }> {
    return chartsOf.charts(this.s);
  }
  insertChart(spec: ChartSpec): string {
    return chartsOf.insertChart(this.s, spec);
  }
  updateChart(id: string, spec: ChartSpec): boolean {
    return chartsOf.updateChart(this.s, id, spec);
  }
}

/** 1 → A, 27 → AA. */
export function columnLetters(col: number): string {
  let out = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** Rows added at least per grid growth (a call each time): about five pages of rows. */
const GROW_ROWS = 500;
/** SpreadsheetApp's wording for a range past the grid. */
const OUTSIDE_GRID = /outside the dimensions of the sheet/i;

/** Google's own wording when the spreadsheet would pass 10 million cells. */
const CELL_LIMIT = /above the limit of 10000000 cells/i;

function cellLimitError(e: unknown): unknown {
  return CELL_LIMIT.test((e as Error)?.message ?? '')
    ? new SheetLimitError(
        'This spreadsheet is at Google’s limit of 10,000,000 cells, so a new tab cannot be added. Remove unused tabs, rows or columns, or send this job to another spreadsheet.',
        { cause: e },
      )
    : e;
}

export class GasWorkbook implements WorkbookPort {
  constructor(private readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {}
  sheet(name: string): SheetPort | null {
    const s = this.ss.getSheetByName(name);
    return s ? new GasSheet(s) : null;
  }
  createSheet(name: string): SheetPort {
    let s: GSheet;
    // insertSheet makes the new tab the active one; the user's view must not jump to our tabs.
    const viewed = this.ss.getActiveSheet();
    try {
      s = this.ss.insertSheet(name);
    } catch (e) {
      throw cellLimitError(e);
    }
    if (viewed) this.ss.setActiveSheet(viewed);
    // A new tab is 1000×26 cells; trim it so empty cells do not eat the 10M-cell budget.
    if (s.getMaxRows() > 2) s.deleteRows(3, s.getMaxRows() - 2);
    return new GasSheet(s);
  }
  deleteSheet(name: string): void {
    const s = this.ss.getSheetByName(name);
    if (s) this.ss.deleteSheet(s);
  }
  show(name: string): boolean {
    const s = this.ss.getSheetByName(name);
    if (s) this.ss.setActiveSheet(s);
    return !!s;
  }
  sheetNames(): string[] {
    return this.ss
      .getSheets()
      .filter((s) => !s.isSheetHidden())
      .map((s) => s.getName());
  }
  totalCells(): number {
    return this.ss.getSheets().reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0);
  }
  timeZone(): string {
    return this.ss.getSpreadsheetTimeZone();
  }
  flush(): void {
    SpreadsheetApp.flush();
  }
}
