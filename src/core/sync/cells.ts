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
