import { columnWidth } from '../format/display';

/** A new column's width in Sheets. */
const DEFAULT_WIDTH_PX = 100;
import type { Column } from '../jobs/types';
import type { CellValue, SheetPort } from '../ports';

/** Rows looked at to size a new column to its content. */
const SIZE_SAMPLE_ROWS = 200;

/**
 * How a job's tab reads beyond its values: columns new to the tab are sized once to their header
 * and first values (capped), and at a run's end the filter is stretched over the rows and the
 * first header cell notes when the tab was refreshed. Number formats go with each write (write-rows.ts).
 */
export class TabLooks {
  /** Job columns new to the tab, to be sized to their first values. */
  private readonly unsized = new Set<number>();

  constructor(
    private readonly sheet: SheetPort,
    private readonly columns: Column[],
    /** Where each job column sits now (the tab's layout may change during a run). */
    private readonly sheetCols: () => number[],
  ) {}

  added(index: number): void {
    this.unsized.add(index);
  }

  /**
   * The tab's first rows are about to be written: every job column is sized to them, also when
   * the header came in an execution that wrote no rows (a first page without children, a cut).
   */
  firstRows(): void {
    this.columns.forEach((_, i) => this.unsized.add(i));
  }

  /**
   * Sizes the columns waiting for it from rows just written (or from the header alone). Widths go
   * in steps (display.ts), so neighbours alike take one call, and a column that fits Sheets'
   * default 100 px takes none.
   */
  size(rows: CellValue[][]): void {
    const cols = this.sheetCols();
    const wanted = [...this.unsized]
      .map((i) => {
        const sample = rows.slice(0, SIZE_SAMPLE_ROWS).map((r) => r[i] ?? null);
        return { col: cols[i], px: columnWidth(this.columns[i], sample) };
      })
      .filter((w) => w.px !== DEFAULT_WIDTH_PX)
      .sort((a, b) => a.col - b.col);
    for (let s = 0; s < wanted.length;) {
      let e = s;
      while (e + 1 < wanted.length && wanted[e + 1].col === wanted[e].col + 1 && wanted[e + 1].px === wanted[s].px) e++;
      this.sheet.setColumnWidths(wanted[s].col, e - s + 1, wanted[s].px);
      s = e + 1;
    }
    this.unsized.clear();
  }

  /**
   * A job's first finished run puts a filter over its tab (unless the tab has one: the user's
   * stays); later runs stretch it over the rows they added. Made at the end, over the grid as the
   * run left it, so a first sync does not make it again for every stretch of the grid.
   */
  finish(note: string, first: boolean): void {
    const cols = this.sheetCols();
    this.size([]);
    if (first) this.sheet.addFilter(Math.max(...cols));
    else this.sheet.coverFilter(Math.max(...cols));
    this.sheet.setNote(1, Math.min(...cols), note);
  }
}
