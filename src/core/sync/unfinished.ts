import type { Column } from '../jobs/types';
import type { SheetPort } from '../ports';
import { cellKey } from './rows';
import { comparable, contiguousRuns } from './cells';
import type { TableRow } from './table';

/**
 * Rows a write left unfinished. A row goes in one call per run of the job's columns, the key
 * last: an execution cut between the calls leaves the job's cells without a key, which no run
 * would ever find again. These find such rows so the next write finishes them.
 */

/**
 * Keyless rows elsewhere (the user sorted them into the middle since): each is matched to a row
 * being written now whose values it holds a part of, and only then (a row of the user's own,
 * blank in the job's columns or holding other values, never matches). A record that changed in
 * Lever between the cut and now (its stage moved) no longer agrees in every cell: such a stray
 * is still its row when it has the record's creation time (to the millisecond; it never
 * changes) and agrees on more than half of its other cells.
 */
export function matchStrays(
  sheet: SheetPort,
  columns: Column[],
  sheetCols: number[],
  strays: number[],
  rows: TableRow[],
): Map<TableRow, number> {
  const width = Math.max(...sheetCols);
  const cells = new Map<number, string[]>();
  for (const run of contiguousRuns(strays))
    sheet.read(run.start, 1, run.count, width).forEach((row, i) =>
      cells.set(
        run.start + i,
        sheetCols.map((col) => comparable(row[col - 1])),
      ),
    );
  const free = [...strays];
  const out = new Map<TableRow, number>();
  // A cut row holds what the first calls wrote: link cells hold their address then (write-rows.ts).
  const shown = (r: TableRow) => columns.map((_, i) => comparable(r.values[i] ?? null));
  const pass = (fits: (own: string[], want: string[]) => boolean) => {
    for (const r of rows) {
      if (out.has(r) || free.length === 0) continue;
      const want = shown(r);
      const at = free.find((p) => cells.get(p)!.some((v) => v !== '') && fits(cells.get(p)!, want));
      if (at === undefined) continue;
      out.set(r, at);
      free.splice(free.indexOf(at), 1);
    }
  };
  pass((own, want) => own.every((v, i) => v === '' || v === want[i]));
  const born = columns.findIndex((c) => c.path === 'createdAt');
  if (born >= 0)
    pass((own, want) => {
      if (own[born] === '' || own[born] !== want[born]) return false;
      const filled = own.filter((v, i) => v !== '' && i !== born);
      return filled.length > 0 && own.filter((v, i) => v !== '' && i !== born && v === want[i]).length * 2 > filled.length;
    });
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
