import { columnFormat, isLink, linkTextOf } from '../format/display';
import type { Column } from '../jobs/types';
import type { CellValue, SheetPort } from '../ports';

/** Where a job's columns sit in its tab (table.ts lines them up by header and tag). */
export interface JobLayout {
  sheet: SheetPort;
  columns: Column[];
  /** The sheet column of each job column. */
  sheetCols: number[];
  keyCol: number;
}

/**
 * Writes rows, one call per contiguous run of the job's columns (the user's own columns may sit
 * between them). With `format`, new rows get their number formats first (dates, days, versions),
 * one call per run of columns sharing a format. The run holding the key goes after the other
 * values: an execution cut between the calls leaves a row without its key, which the next write
 * finishes, instead of a half-row that would pass for a record. Link cells get their address
 * with the values, then the words ("Open in Lever") with the link over them last: a cut before
 * that leaves the address as plain text, which still opens and which the next write of the row
 * turns into words again. (Words first would leave words without their link, for good where the
 * cells were only rewritten because they sat between updated rows.)
 */
export function writeJobRows(t: JobLayout, firstRow: number, rows: CellValue[][], format: boolean): void {
  // Columns a later step fills (resume links) keep their cells: the rows here do not know them.
  const order = t.sheetCols
    .map((col, i) => ({ col, i }))
    .filter(({ i }) => !t.columns[i].afterRun)
    .sort((a, b) => a.col - b.col);
  if (format) formatRows(t, order, firstRow, rows.length);
  const runs = adjacent(order, () => true);
  const keyRun = runs.findIndex((picks) => picks.includes(t.keyCol));
  const write = (picks: number[]) =>
    t.sheet.write(
      firstRow,
      t.sheetCols[picks[0]],
      rows.map((r) => picks.map((i) => r[i] ?? null)),
    );
  runs.forEach((picks, n) => n !== keyRun && write(picks));
  if (keyRun >= 0) write(runs[keyRun]);
  writeLinks(t, firstRow, rows);
}

/** Job columns (indexes) in runs of adjacent sheet columns (of those given) for which `same` holds pairwise. */
function adjacent(order: Array<{ col: number; i: number }>, same: (a: number, b: number) => boolean): number[][] {
  const runs: number[][] = [];
  for (let s = 0; s < order.length;) {
    let e = s;
    while (e + 1 < order.length && order[e + 1].col === order[e].col + 1 && same(order[e].i, order[e + 1].i)) e++;
    runs.push(order.slice(s, e + 1).map((o) => o.i));
    s = e + 1;
  }
  return runs;
}

function formatRows(t: JobLayout, order: Array<{ col: number; i: number }>, firstRow: number, count: number): void {
  if (count === 0) return;
  const formatOf = (i: number) => columnFormat(t.columns[i]);
  for (const picks of adjacent(order, (a, b) => formatOf(a) === formatOf(b))) {
    const f = formatOf(picks[0]);
    if (f) t.sheet.setNumberFormat(firstRow, t.sheetCols[picks[0]], count, picks.length, f);
  }
}

/** Lever links become clickable: the words ("Open in Lever") or the address, with the link over them. */
function writeLinks(t: JobLayout, firstRow: number, rows: CellValue[][]): void {
  t.columns.forEach((c, i) => {
    if (c.type !== 'url' || c.afterRun) return;
    const cells = rows.map((r) => {
      const v = r[i];
      return isLink(v) ? { text: linkTextOf(c, v), url: v } : { text: v === null || v === undefined ? '' : String(v), url: null };
    });
    if (cells.some((cell) => cell.url !== null)) t.sheet.writeLinks(firstRow, t.sheetCols[i], cells);
  });
}

/** What a cell of this column shows for a value: a link's words in place of its address. */
export function shownValue(col: Column, v: CellValue): CellValue {
  return col.type === 'url' && isLink(v) ? linkTextOf(col, v) : v;
}

/** Puts the address behind each link cell in place of its shown words, in columns read from `row` on (job column order). */
export function linkAddresses(t: JobLayout, row: number, count: number, byCol: CellValue[][]): void {
  t.columns.forEach((c, i) => {
    if (c.type !== 'url' || !c.linkText) return;
    t.sheet.readLinks(row, t.sheetCols[i], count).forEach((url, r) => {
      if (url) byCol[i][r] = url;
    });
  });
}
