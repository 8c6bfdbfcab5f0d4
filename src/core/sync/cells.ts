import type { CellValue } from '../ports';
import { cellKey } from './rows';

/** A cell as the sheet gives it back: text for ids and strings, epoch ms for dates, '' for empty. */
export function comparable(v: CellValue): string {
  if (v === null || v === undefined || v === '') return '';
  if (Object.prototype.toString.call(v) === '[object Date]') return `d${(v as Date).getTime()}`;
  return typeof v === 'string' ? `s${cellKey(v)}` : `${typeof v}${String(v)}`;
}

/** Groups row or column numbers into runs of consecutive numbers, ascending. */
export function contiguousRuns(numbers: number[]): Array<{ start: number; count: number }> {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: Array<{ start: number; count: number }> = [];
  for (const n of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.start + last.count === n) last.count++;
    else runs.push({ start: n, count: 1 });
  }
  return runs;
}

/** Groups ascending row numbers into blocks whose rows are at most `gap` apart (gaps included in `count`). */
export function nearRuns(numbers: number[], gap: number): Array<{ start: number; count: number; rows: number[] }> {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const out: Array<{ start: number; count: number; rows: number[] }> = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && n - (last.start + last.count - 1) <= gap) {
      last.count = n - last.start + 1;
      last.rows.push(n);
    } else out.push({ start: n, count: 1, rows: [n] });
  }
  return out;
}

/** Where a row (not itself deleted) moves once the given rows are deleted. */
export function rowAfterDelete(deleted: number[]): (row: number) => number {
  const sorted = [...new Set(deleted)].sort((a, b) => a - b);
  return (row) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < row) lo = mid + 1;
      else hi = mid;
    }
    return row - lo;
  };
}

/** The rows whose cells differ from the tab's (`existing`: its data rows, 2 onward; new keys included). */
export function changedAgainst<R extends { key: string; values: CellValue[] }>(
  rows: R[],
  existing: CellValue[][],
  index: Map<string, number>,
  ignored: (i: number) => boolean = () => false,
): R[] {
  return rows.filter((r) => {
    const at = index.get(r.key);
    if (at === undefined) return true;
    const old = existing[at - 2];
    return !old || r.values.some((v, i) => !ignored(i) && comparable(v) !== comparable(old[i] ?? null));
  });
}
