import type { ChainLink } from './hash-chain';
import { TabLayoutError } from '../errors';
import { checkCellBudget } from './cell-budget';
import type { Column } from '../jobs/types';
import type { CellValue, SheetPort, WorkbookPort } from '../ports';
import { changedAgainst, contiguousRuns, nearRuns } from './cells';
import { RowIndex } from './row-index';
import { resolveLayout } from './layout';
import { matchStrays, unfinishedTail } from './unfinished';
import { linkAddresses, writeJobRows, type JobLayout } from './write-rows';
import { TabLooks } from './tab-looks';
import { cellKey, type TableRow } from './rows';

export { WORKBOOK_MAX_CELLS } from './cell-budget';
/**
 * Updated rows with at most this many cells between them are written as one block, the rows
 * between read and written back: a call's fixed cost is about that of moving ~6,000 cells more
 * (the host's cost model, from the measurements in apps-script.md §2.1).
 */
const MAX_GAP_CELLS = 6000;
/** Keyless rows looked at per append (each costs a read): cut writes leave a batch's worth at most. */
const MAX_STRAYS = 100;

export type { TableRow } from './rows';

/**
 * A job's tab. Columns are found by header and tag on every open (the user may have moved or renamed them);
 * rows are found by the key read from the sheet (the user may have sorted them). Columns the user
 * added are never written: writes go per contiguous run of the job's own columns.
 */
export class SheetTable {
  private sheetCols: number[] = [];
  /** The header over each job column when the columns were last lined up. */
  private headerTexts: string[] = [];
  private index: RowIndex | null = null;
  private lastRowNow: number | null = null;
  /** The last row as this table left it: another value means rows were added or removed by someone else. */
  private expectedLast = 0;
  private cellsElsewhere: number | undefined;
  private readonly looks: TabLooks;

  private constructor(
    private readonly workbook: WorkbookPort,
    readonly sheet: SheetPort,
    readonly columns: Column[],
    private readonly keyCol: number,
    private readonly parentCol: number,
  ) {
    this.looks = new TabLooks(sheet, columns, () => this.sheetCols);
  }

  /** Opens (creating it if needed) the tab and lines up its header with the job's columns. */
  static open(workbook: WorkbookPort, name: string, columns: Column[], keyPath: string, parentPath?: string): SheetTable {
    const sheet = workbook.sheet(name) ?? workbook.createSheet(name);
    const table = new SheetTable(
      workbook,
      sheet,
      columns,
      columns.findIndex((c) => c.path === keyPath),
      parentPath ? columns.findIndex((c) => c.path === parentPath) : -1,
    );
    table.alignHeader();
    return table;
  }

  /** Whether the tab has columns that are not the job's (a person's own: Decision, score…). */
  hasOwnColumns(): boolean {
    const ours = new Set(this.sheetCols);
    return Array.from({ length: this.sheet.lastColumn() }, (_, i) => i + 1).some((col) => !ours.has(col));
  }

  /** Data rows (header excluded). */
  rowCount(): number {
    return Math.max(0, this.lastRow() - 1);
  }

  /**
   * The tab's last row, read once per write step and then kept as this table's own writes
   * change it (each read is a call, and a step asked four times).
   */
  private lastRow(): number {
    return (this.lastRowNow ??= this.sheet.lastRow());
  }

  /**
   * Lines up the job's columns with the tab (layout.ts): columns are found by header and by the
   * tag they carry; missing ones are added after the last column, then every column is tagged.
   */
  private alignHeader(): void {
    const width = this.sheet.lastColumn();
    const header = width > 0 ? this.sheet.read(1, 1, 1, width)[0].map(cellKey) : [];
    const layout = resolveLayout(this.columns, header, this.sheet.columnTags());
    this.sheetCols = layout.cols;
    this.headerTexts = layout.headers;
    const added = layout.added.map((a) => ({
      col: a.col,
      header: this.columns[a.index].header,
      index: a.index,
    }));
    // Rows are matched by their key: with the key (or parent) column gone, every row would come
    // back as a new one. Refuse before writing anything.
    for (const i of [this.keyCol, this.parentCol]) {
      const c = this.columns[i];
      if (c && added.some((a) => a.index === i) && this.lastRow() > 1) {
        throw new TabLayoutError(
          `The column "${c.header}" is missing from the tab "${this.sheet.name}" (deleted?). Lever Sync finds each row by it, so nothing was written. Undo the change, or name a column "${c.header}" again, then run again.`,
        );
      }
    }
    if (added.length > 0) {
      this.checkGrowth(0, added.length);
      for (const run of contiguousRuns(added.map((a) => a.col))) {
        this.sheet.write(1, run.start, [added.filter((a) => a.col >= run.start && a.col < run.start + run.count).map((a) => a.header)]);
        this.sheet.boldHeader(run.start, run.count);
      }
      this.sheet.freezeHeader();
      for (const a of added) this.looks.added(a.index);
    }
    this.sheet.setColumnTags(layout.retag);
  }

  /** Fails before writing when the grid would pass Google's 10M-cell cap. */
  private checkGrowth(extraRows: number, extraCols: number): void {
    this.cellsElsewhere = checkCellBudget(
      this.workbook,
      this.sheet,
      this.lastRow(),
      { rows: extraRows, cols: extraCols },
      this.cellsElsewhere,
    );
  }

  /**
   * The user may sort, delete rows or move columns while a run writes (an execution lasts
   * minutes). Before each write the header is checked (column positions), and the last row:
   * rows added or removed by someone else move the rows below, so positions are read again. A
   * sort keeps the last row; it is caught where it matters, at the rows a write touches
   * (positionsHold), so the key column is read once per execution, not once per write.
   */
  private revalidate(): void {
    this.lastRowNow = null;
    if (!this.index) return;
    // Only the job's columns matter: a column inserted before one of them shifts its header.
    const width = Math.min(Math.max(...this.sheetCols), this.sheet.maxColumns());
    const header = this.sheet.read(1, 1, 1, width)[0].map(cellKey);
    if (this.sheetCols.some((col, i) => header[col - 1] !== this.headerTexts[i])) {
      this.alignHeader();
      this.forget();
      return;
    }
    if (this.lastRow() !== this.expectedLast) this.forget();
  }

  private forget(): void {
    this.index = null;
  }

  /**
   * Whether each key is still at the row the index says, read in one call spanning them. When
   * not (the user sorted), the index is dropped and the caller plans again from a fresh read.
   */
  private positionsHold(at: Array<[row: number, key: string]>): boolean {
    if (at.length === 0 || !this.index) return true;
    let min = Infinity;
    let max = 0;
    for (const [row] of at) [min, max] = [Math.min(min, row), Math.max(max, row)];
    const keys = this.sheet.read(min, this.sheetCols[this.keyCol], max - min + 1, 1);
    if (at.every(([row, key]) => cellKey(keys[row - min]?.[0] ?? null) === key)) return true;
    this.forget();
    return false;
  }

  /** key → sheet row, read from the sheet once per open table. */
  keyIndex(): Map<string, number> {
    return this.rowIndex().rows;
  }

  private rowIndex(): RowIndex {
    if (this.index) return this.index;
    const n = this.rowCount();
    this.expectedLast = this.lastRow();
    const keys = n > 0 ? this.sheet.read(2, this.sheetCols[this.keyCol], n, 1) : [];
    const parents = n > 0 && this.parentCol >= 0 ? this.sheet.read(2, this.sheetCols[this.parentCol], n, 1) : [];
    return (this.index = new RowIndex(keys, parents));
  }

  /** Distinct keys of the rows that belong to the given parents. */
  rowsOfParents(parents: Set<string>): Array<{ key: string; parent: string }> {
    const out: Array<{ key: string; parent: string }> = [];
    const index = this.rowIndex();
    for (const [key, row] of index.rows) {
      const parent = index.parentOf(row);
      if (parent !== undefined && parents.has(parent)) out.push({ key, parent });
    }
    return out;
  }

  /** The rows whose cells differ from what the tab holds (new keys included), read in one pass. */
  changedRows(rows: TableRow[]): TableRow[] {
    const [, ...existing] = this.readAll();
    return changedAgainst(rows, existing, this.keyIndex(), (i) => !!this.columns[i].afterRun);
  }

  /** Reads one of the job's columns for every data row. */
  readColumn(path: string): CellValue[] {
    const i = this.columns.findIndex((c) => c.path === path);
    const n = this.rowCount();
    return n > 0 && i >= 0 ? this.sheet.read(2, this.sheetCols[i], n, 1).map((r) => r[0]) : [];
  }

  /**
   * Reads the job's columns, header first, in job column order (for the copies and comparisons).
   * Link cells give their address, not the words they show.
   */
  readAll(): CellValue[][] {
    this.lastRowNow = null; // a whole read (the copies) looks at the tab as it is
    const n = this.rowCount();
    const out: CellValue[][] = [this.columns.map((c) => c.header)];
    if (n === 0) return out;
    const byCol = this.sheetCols.map((col) => this.sheet.read(2, col, n, 1).map((r) => r[0]));
    linkAddresses(this.layout(), 2, n, byCol);
    for (let r = 0; r < n; r++) out.push(byCol.map((col) => col[r]));
    return out;
  }

  private layout(): JobLayout {
    return { sheet: this.sheet, columns: this.columns, sheetCols: this.sheetCols, keyCol: this.keyCol };
  }

  /**
   * Updates rows whose key is in the sheet and appends the others. With `pruneParents`, rows of
   * those parents whose key is not among `rows` are deleted (a child removed in Lever).
   */
  upsert(rows: TableRow[], pruneParents?: Set<string>): { added: number; updated: number; deleted: number } {
    this.revalidate();
    let plan = this.planUpsert(rows);
    if (!this.positionsHold([...plan.updates.keys()].map((row) => [row, plan.keys.get(row)!]))) plan = this.planUpsert(rows);
    const { updates, inserts } = plan;
    this.writeUpdates(updates);
    const added = this.appendRows([...inserts.entries()].map(([key, values]) => ({ key, values })));
    let deleted = 0;
    if (pruneParents && pruneParents.size > 0 && this.parentCol >= 0) {
      const keep = new Set(rows.map((r) => r.key));
      deleted = this.deleteRowsWhere((key, parent) => parent !== undefined && pruneParents.has(parent) && !keep.has(key), pruneParents);
    }
    return { added, updated: updates.size, deleted };
  }

  private planUpsert(rows: TableRow[]) {
    const index = this.keyIndex();
    const updates = new Map<number, CellValue[]>();
    const keys = new Map<number, string>();
    const inserts = new Map<string, CellValue[]>();
    for (const r of rows) {
      const at = index.get(r.key);
      if (at !== undefined) {
        updates.set(at, r.values);
        keys.set(at, r.key);
      } else inserts.set(r.key, r.values);
    }
    return { updates, keys, inserts };
  }

  /**
   * Writes updated rows in few calls: rows a short way apart go in one block, the rows between
   * rewritten with the job's cells they hold now (read in the same pass), so 2% of a big tab
   * changed costs a few calls rather than two per row. The user's own columns are never written.
   */
  private writeUpdates(updates: Map<number, CellValue[]>): void {
    const width = Math.max(...this.sheetCols);
    for (const block of nearRuns([...updates.keys()], Math.max(1, Math.floor(MAX_GAP_CELLS / width)))) {
      const gaps = block.count - block.rows.length;
      const now = gaps > 0 ? this.sheet.read(block.start, 1, block.count, width) : [];
      // Rows between are written back as they are, link cells with their address.
      const between = this.sheetCols.map((col) => now.map((r) => r[col - 1] ?? null));
      if (gaps > 0) linkAddresses(this.layout(), block.start, block.count, between);
      const values = Array.from({ length: block.count }, (_, i) => updates.get(block.start + i) ?? between.map((col) => col[i]));
      this.writeRows(block.start, values, false);
    }
  }

  /** Appends rows after the last row; returns how many. */
  append(rows: TableRow[], chain?: ChainLink): number {
    this.revalidate();
    return this.appendRows(rows, chain);
  }

  /** Appends, trusting positions checked by the caller. */
  private appendRows(all: TableRow[], chain?: ChainLink): number {
    if (all.length === 0) return 0;
    const rows = this.finishStrays(all);
    if (rows.length === 0) return all.length;
    this.checkGrowth(rows.length, 0);
    // Keyless rows of ours at the bottom (an append cut before its last call) are written over.
    const first = this.lastRow() + 1 - unfinishedTail(this.sheet, this.sheetCols, this.keyCol, this.rowIndex().lastKeyed, this.lastRow());
    if (first === 2) this.looks.firstRows();
    const col = chain ? this.columns.findIndex((c) => c.path === chain.path) : -1;
    const values = rows.map((r) => r.values);
    if (chain && col >= 0) chain.link(values, col, first > 2 ? this.sheet.read(first - 1, this.sheetCols[col], 1, 1)[0][0] : '');
    this.writeRows(first, values, true);
    rows.forEach((r, i) => this.indexRow(r, first + i));
    this.lastRowNow = this.expectedLast = Math.max(this.lastRow(), first + rows.length - 1);
    return all.length;
  }

  private indexRow(r: TableRow, at: number): void {
    const parent = this.parentCol >= 0 ? cellKey(r.values[this.parentCol]) : undefined;
    this.rowIndex().set(r.key, at, parent || undefined);
  }

  /**
   * A row cut between its writes has the job's cells but no key (the key goes last). At the bottom
   * the next append simply writes over it (unfinishedTail); but the user may have sorted it into
   * the middle since. Such a row is finished in place when its cells are a part of a row being
   * added now. Returns the rows still to append.
   */
  private finishStrays(rows: TableRow[]): TableRow[] {
    const index = this.rowIndex();
    const strays = index.keyless.slice(0, MAX_STRAYS);
    if (strays.length === 0) return rows;
    const found = matchStrays(this.sheet, this.columns, this.sheetCols, strays, rows);
    for (const [r, at] of found) {
      this.writeRows(at, [r.values], true);
      this.indexRow(r, at);
      index.keyless.splice(index.keyless.indexOf(at), 1);
    }
    return rows.filter((r) => !found.has(r));
  }

  /** Deletes the rows matching a key/parent predicate, bottom-up in contiguous runs. */
  deleteWhere(match: (key: string, parent: string | undefined) => boolean): number {
    this.revalidate();
    return this.deleteRowsWhere(match);
  }

  /** Deletes, trusting positions checked by the caller. */
  private deleteRowsWhere(match: (key: string, parent: string | undefined) => boolean, among?: Set<string>): number {
    let found = this.rowsWhere(match, among);
    if (!this.positionsHold(found)) found = this.rowsWhere(match, among);
    const doomed = found.map(([row]) => row);
    if (doomed.length === 0) return 0;
    const runs = contiguousRuns(doomed).reverse();
    this.sheet.deleteRowRuns(runs);
    this.shiftAfterDelete(doomed);
    return doomed.length;
  }

  /**
   * The rows (and their keys) matching a key/parent predicate, as the index has them; with
   * `among`, only rows of those parents are looked at.
   */
  private rowsWhere(match: (key: string, parent: string | undefined) => boolean, among?: Set<string>): Array<[number, string]> {
    const index = this.rowIndex();
    const out: Array<[number, string]> = [];
    for (const key of among ? index.keysOf(among) : index.rows.keys()) {
      const row = index.rows.get(key);
      if (row !== undefined && match(key, index.parentOf(row))) out.push([row, key]);
    }
    return out;
  }

  /** Keeps what the index knows past deleted rows, so the next write need not read it again. */
  private shiftAfterDelete(doomed: number[]): void {
    this.rowIndex().deleted(doomed);
    if (this.lastRowNow !== null) this.lastRowNow -= doomed.length;
    this.expectedLast -= doomed.length;
  }

  /** Writes one value into one of the job's columns for the rows matching a key/parent predicate. */
  markWhere(path: string, value: CellValue, match: (key: string, parent: string | undefined) => boolean): number {
    const col = this.columnOf(path)!;
    let found = this.rowsWhere(match);
    if (!this.positionsHold(found)) found = this.rowsWhere(match);
    const rows = found.map(([row]) => row);
    const column = (n: number) => Array.from({ length: n }, () => [value]);
    for (const run of contiguousRuns(rows)) this.sheet.write(run.start, col, column(run.count));
    return rows.length;
  }

  /** Where one of the job's columns sits now (the header checked first); null when the job has none such. */
  columnOf(path: string): number | null {
    this.revalidate();
    return this.sheetCols[this.columns.findIndex((c) => c.path === path)] ?? null;
  }

  /** Replaces every data row with `rows` (replace mode's final swap), in as few writes as possible. */
  replaceAll(rows: CellValue[][]): void {
    const old = this.rowCount();
    this.checkGrowth(Math.max(0, rows.length - old), 0);
    if (old === 0) this.looks.firstRows();
    if (rows.length > 0) this.writeRows(2, rows, true);
    if (old > rows.length) this.sheet.truncate(rows.length + 1);
    this.forget();
    this.lastRowNow = null;
  }

  /** Writes rows of the job's cells; `format` for rows new to the tab (number formats first). */
  private writeRows(firstRow: number, rows: CellValue[][], format: boolean): void {
    writeJobRows(this.layout(), firstRow, rows, format);
    if (rows.length > 0) this.looks.size(rows);
  }

  /** At the end of a run: the tab's looks brought up to date (tab-looks.ts), with a note saying when. */
  finish(note: string, first: boolean): void {
    this.looks.finish(note, first);
  }
}
