import { columnWidth } from '../format/display';
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

  /** Sizes the columns waiting for it from rows just written (or from the header alone). */
  size(rows: CellValue[][]): void {
    const cols = this.sheetCols();
    for (const i of this.unsized) {
      const sample = rows.slice(0, SIZE_SAMPLE_ROWS).map((r) => r[i] ?? null);
      this.sheet.setColumnWidth(cols[i], columnWidth(this.columns[i], sample));
    }
    this.unsized.clear();
  }

  finish(note: string): void {
    const cols = this.sheetCols();
    this.size([]);
    this.sheet.coverFilter(Math.max(...cols));
    this.sheet.setNote(1, Math.min(...cols), note);
  }
}
