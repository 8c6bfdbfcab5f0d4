/**
 * A sheet's basic filter (Class Filter, Range.createFilter): one per sheet, over a fixed range.
 * Rows inserted strictly inside the range widen it and deleted rows narrow it, as for any range in
 * Sheets; rows added after its last row are not documented to join it, so here they do not (the
 * stricter case): an add-on that appends must widen the filter itself.
 */
export interface FilterRange {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export class EmuFilter {
  /** Column position (1-based, in the sheet) → the criteria a person set there. */
  readonly criteria = new Map<number, unknown>();

  constructor(
    public range: FilterRange,
    private readonly charge: (method: string) => void,
    private readonly detach: (f: EmuFilter) => void,
    private readonly rangeOf: (r: FilterRange) => unknown,
  ) {}

  getRange(): unknown {
    this.charge('Filter.getRange');
    return this.rangeOf(this.range);
  }

  getColumnFilterCriteria(col: number): unknown {
    this.charge('Filter.getColumnFilterCriteria');
    this.inside(col);
    return this.criteria.get(col) ?? null;
  }

  setColumnFilterCriteria(col: number, criteria: unknown): EmuFilter {
    this.charge('Filter.setColumnFilterCriteria');
    this.inside(col);
    if (criteria === null || criteria === undefined) this.criteria.delete(col);
    else this.criteria.set(col, criteria);
    return this;
  }

  remove(): void {
    this.charge('Filter.remove');
    this.detach(this);
  }

  private inside(col: number): void {
    if (col < this.range.col || col >= this.range.col + this.range.numCols)
      throw new Error('The column position is outside the range of the filter.');
  }

  rowsInserted(after: number, count: number): void {
    const last = this.range.row + this.range.numRows - 1;
    if (after < this.range.row) this.range.row += count;
    else if (after < last) this.range.numRows += count;
  }

  rowsDeleted(start: number, count: number): void {
    const last = this.range.row + this.range.numRows - 1;
    const end = start + count - 1;
    const overlap = Math.max(0, Math.min(end, last) - Math.max(start, this.range.row) + 1);
    if (end < this.range.row) this.range.row -= count;
    else this.range = { ...this.range, row: Math.min(this.range.row, start), numRows: this.range.numRows - overlap };
  }

  columnsInserted(after: number, count: number): void {
    const last = this.range.col + this.range.numCols - 1;
    const shift = (c: number) => (c > after ? c + count : c);
    const moved = [...this.criteria].map(([c, v]) => [shift(c), v] as const);
    this.criteria.clear();
    for (const [c, v] of moved) this.criteria.set(c, v);
    if (after < this.range.col) this.range.col += count;
    else if (after < last) this.range.numCols += count;
  }

  columnsDeleted(start: number, count: number): void {
    const last = this.range.col + this.range.numCols - 1;
    const end = start + count - 1;
    const overlap = Math.max(0, Math.min(end, last) - Math.max(start, this.range.col) + 1);
    const moved = [...this.criteria].filter(([c]) => c < start || c > end).map(([c, v]) => [c > end ? c - count : c, v] as const);
    this.criteria.clear();
    for (const [c, v] of moved) this.criteria.set(c, v);
    if (end < this.range.col) this.range.col -= count;
    else this.range = { ...this.range, col: Math.min(this.range.col, start), numCols: this.range.numCols - overlap };
  }
}

/** FilterCriteria: what a person filtered a column on; `copy().build()` gives an equal one (Class FilterCriteria). */
export class EmuFilterCriteria {
  constructor(readonly spec: { hiddenValues?: string[]; visibleValues?: string[] }) {}
  copy() {
    const spec = { ...this.spec };
    return { build: () => new EmuFilterCriteria(spec) };
  }
  getHiddenValues(): string[] | null {
    return this.spec.hiddenValues ?? null;
  }
}
