import type { Column } from '../jobs/types';
import type { CellValue, SheetPort } from '../ports';
import { cellKey } from './rows';
import { comparable, contiguousRuns } from './cells';
import type { TableRow } from './table';
import { shownValue } from './write-rows';

/**
 * Rows a write left unfinished. A row goes in one call per run of the job's columns, the key
 * last: an execution cut between the calls leaves the job's cells without a key, which no run
 * would ever find again. These find such rows so the next write finishes them.
 */

/**
 * Keyless rows elsewhere (the user sorted them into the middle since): each is matched to a row
 * being written now whose values it holds a part of, and only then (a row of the user's own,
 * blank in the job's columns or holding other values, never matches).
 */
export function matchStrays(
  sheet: SheetPort,
  columns: Column[],
  sheetCols: number[],
  strays: number[],
  rows: TableRow[],
): Map<TableRow, number> {
  const width = Math.max(...sheetCols);
  const cells = new Map<number, CellValue[]>();
  for (const run of contiguousRuns(strays)) sheet.read(run.start, 1, run.count, width).forEach((row, i) => cells.set(run.start + i, row));
  const free = [...strays];
  const out = new Map<TableRow, number>();
  for (const r of rows) {
    const at = free.find((p) => {
      const own = sheetCols.map((col) => comparable(cells.get(p)![col - 1]));
      return own.some((v) => v !== '') && own.every((v, i) => v === '' || v === comparable(shownValue(columns[i], r.values[i] ?? null)));
    });
    if (at === undefined) continue;
    out.set(r, at);
    free.splice(free.indexOf(at), 1);
  }
  return out;
}

/** How many rows at the bottom, below the last keyed one, hold the job's cells and no key. */
export function unfinishedTail(sheet: SheetPort, sheetCols: number[], keyCol: number, lastKeyed: number, last: number): number {
  if (last <= lastKeyed) return 0;
  const tail = sheetCols.map((col) => sheet.read(lastKeyed + 1, col, last - lastKeyed, 1));
  const ours = (r: number) => sheetCols.some((_, c) => c !== keyCol && cellKey(tail[c][r][0]) !== '') && cellKey(tail[keyCol][r][0]) === '';
  for (let r = 0; r < last - lastKeyed; r++) if (!ours(r)) return 0;
  return last - lastKeyed;
}
