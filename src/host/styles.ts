/**
 * What a cell looks like besides its value: number format, weight, note. Kept per cell and moved
 * with its row or column like the values, never per column: Sheets formats cells, and whether
 * Sheet.insertRowsAfter carries the row above's format to the new rows is not documented for Apps
 * Script (the Sheets API's InsertDimensionRequest leaves it to `inheritFromBefore`, default false).
 * The stricter case is emulated: new rows and columns come unformatted, so the add-on must
 * format what it writes.
 */
export interface CellStyle {
  format?: string;
  bold?: boolean;
  note?: string;
}

/** Sheets' default column width in pixels (a new sheet's columns). */
export const DEFAULT_WIDTH_PX = 100;

export class CellStyles {
  private grid: Array<Array<CellStyle | undefined>> = [];
  /** Column widths set by the script; the others are DEFAULT_WIDTH_PX. */
  readonly widths = new Map<number, number>();

  get(row: number, col: number): CellStyle {
    return this.grid[row - 1]?.[col - 1] ?? {};
  }

  set(row: number, col: number, patch: CellStyle): void {
    const r = (this.grid[row - 1] ??= []);
    r[col - 1] = this.shared({ ...r[col - 1], ...patch });
  }

  /** Cells that look alike share one style object: a big tab holds few distinct styles. */
  private readonly known = new Map<string, CellStyle>();
  private shared(style: CellStyle): CellStyle {
    const key = JSON.stringify([style.format, style.bold, style.note]);
    let out = this.known.get(key);
    if (!out) this.known.set(key, (out = style));
    return out;
  }

  /** A person drags column `from` to position `to`: its cells' looks and width go along. */
  moveColumn(from: number, to: number): void {
    for (const row of this.grid) {
      if (!row) continue;
      const [v] = row.splice(from - 1, 1);
      while (row.length < to - 1) row.push(undefined);
      row.splice(to - 1, 0, v);
    }
    const w = this.widths.get(from);
    this.shiftWidths((c) => (c === from ? -1 : from < to && c > from && c <= to ? c - 1 : from > to && c >= to && c < from ? c + 1 : c));
    this.widths.delete(-1);
    if (w !== undefined) this.widths.set(to, w);
  }

  width(col: number): number {
    return this.widths.get(col) ?? DEFAULT_WIDTH_PX;
  }

  insertRows(after: number, count: number): void {
    if (this.grid.length > after) this.grid.splice(after, 0, ...Array.from({ length: count }, () => []));
  }

  deleteRows(start: number, count: number): void {
    this.grid.splice(start - 1, count);
  }

  insertColumns(after: number, count: number): void {
    for (const row of this.grid) if (row && row.length > after) row.splice(after, 0, ...Array<undefined>(count).fill(undefined));
    this.shiftWidths((c) => (c > after ? c + count : c));
  }

  deleteColumns(start: number, count: number): void {
    for (const row of this.grid) row?.splice(start - 1, count);
    for (let c = start; c < start + count; c++) this.widths.delete(c);
    this.shiftWidths((c) => (c >= start + count ? c - count : c));
  }

  private shiftWidths(to: (col: number) => number): void {
    const moved = [...this.widths].map(([c, w]) => [to(c), w] as const);
    this.widths.clear();
    for (const [c, w] of moved) this.widths.set(c, w);
  }
}
