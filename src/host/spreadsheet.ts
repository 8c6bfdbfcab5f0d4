import type { VirtualClock } from './clock';
import { MAX_CELLS, outputValue, type EmuValue } from './cells';
import { EmuRange } from './range';

export { EmuRange };
import { EmuMetadataList, type EmuLocation, type Visibility } from './metadata';
import { ColumnMetadata } from './columns';

export interface CallCounts {
  [method: string]: number;
}

export class EmuSheet {
  rows: EmuValue[][] = [];
  /** Link of a cell, kept beside its value (row arrays move together on deletes). */
  links: Array<Array<string | null | undefined>> = [];
  formats = new Map<number, string>();
  frozenRows = 0;
  hidden = false;
  /** Developer metadata of this sheet: its own 30,000-character budget; gone with the sheet. */
  readonly metadata: EmuMetadataList;
  /** Developer metadata on whole columns: it moves with its column. */
  readonly columnMetadata: ColumnMetadata;

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
    this.maxRows += howMany;
    return this;
  }
  insertColumnsAfter(after: number, howMany: number): EmuSheet {
    this.call('insertColumnsAfter');
    this.book.checkGrowth(howMany * this.maxRows);
    for (const row of this.rows) if (row && row.length > after) row.splice(after, 0, ...Array(howMany).fill(null));
    for (const row of this.links) if (row && row.length > after) row.splice(after, 0, ...Array(howMany).fill(null));
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

/** An in-memory spreadsheet with Google's limits (10M cells, 50k characters a cell) and call counts. */
export class EmuSpreadsheet {
  sheets: EmuSheet[] = [];
  readonly calls: CallCounts = {};
  /** Cells read and written through ranges (for the benchmark). */
  readonly cells = { read: 0, written: 0 };
  ui = { menus: [] as Array<{ title: string; items: Array<[string, string]> }>, sidebars: [] as Array<{ title: string; html: string }> };

  constructor(
    readonly clock: VirtualClock,
    public name = 'Lever data',
    public timeZone = 'Europe/Lisbon',
    readonly id = 'emulated-spreadsheet-1',
    /** Who may open it by id: the owner and its editors. */
    readonly editors = new Set<string>(),
  ) {
    this.sheets.push(new EmuSheet(this, 'Sheet1'));
    this.active = this.sheets[0];
  }
  /** The tab the user looks at. */
  active: EmuSheet;
  /** Developer metadata at the spreadsheet level. */
  readonly metadata = new EmuMetadataList(this, () => location('SPREADSHEET', { spreadsheet: this }));

  getDeveloperMetadata() {
    this.charge('Spreadsheet.getDeveloperMetadata', 40);
    return [...this.metadata.items];
  }
  addDeveloperMetadata(key: string, value?: string, visibility?: Visibility): EmuSpreadsheet {
    this.metadata.add(key, value, visibility);
    return this;
  }
  createDeveloperMetadataFinder() {
    return this.metadata.finder(() => this.sheets.flatMap((s) => [s.metadata, ...s.columnMetadata.all()]));
  }

  /** Test hook: called after each Sheets call is charged (fault tests kill executions here). */
  onCall: ((method: string) => void) | null = null;

  charge(method: string, costMs: number): void {
    this.calls[method] = (this.calls[method] ?? 0) + 1;
    this.clock.spend(costMs);
    this.onCall?.(method);
  }

  totalCells(): number {
    return this.sheets.reduce((n, s) => n + s.cellCount(), 0);
  }

  checkGrowth(extra: number): void {
    if (this.totalCells() + extra > MAX_CELLS) {
      throw new Error(`This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`);
    }
  }

  getId(): string {
    return this.id;
  }
  getName(): string {
    return this.name;
  }
  getSpreadsheetTimeZone(): string {
    this.charge('Spreadsheet.getSpreadsheetTimeZone', 5);
    return this.timeZone;
  }
  getSheets(): EmuSheet[] {
    this.charge('Spreadsheet.getSheets', 10);
    return [...this.sheets];
  }
  getSheetByName(name: string): EmuSheet | null {
    this.charge('Spreadsheet.getSheetByName', 10);
    return this.sheets.find((s) => s.name === name) ?? null;
  }
  insertSheet(name: string): EmuSheet {
    this.charge('Spreadsheet.insertSheet', 200);
    if (this.sheets.some((s) => s.name === name))
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    this.checkGrowth(1000 * 26);
    const s = new EmuSheet(this, name);
    this.sheets.push(s);
    // insertSheet makes the new tab the active one: the user's view jumps to it (Spreadsheet
    // reference: "Inserts a new sheet ... The new sheet becomes the active sheet").
    this.active = s;
    return s;
  }
  deleteSheet(sheet: EmuSheet): void {
    this.charge('Spreadsheet.deleteSheet', 100);
    if (this.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this.sheets = this.sheets.filter((s) => s !== sheet);
    if (this.active === sheet) this.active = this.sheets.find((s) => !s.hidden) ?? this.sheets[0];
  }
  getActiveSheet(): EmuSheet {
    this.charge('Spreadsheet.getActiveSheet', 5);
    return this.active;
  }
  setActiveSheet(sheet: EmuSheet): EmuSheet {
    this.charge('Spreadsheet.setActiveSheet', 20);
    if (!this.sheets.includes(sheet)) throw new Error('Sheet not found.');
    this.active = sheet;
    return sheet;
  }
  /** Test helper, free of charge: a tab by name. */
  tab(name: string): EmuSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }
}

function location(
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
