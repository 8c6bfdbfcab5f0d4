import type { CellValue } from '../ports';
import { rowAfterDelete } from './cells';
import { cellKey } from './rows';

/**
 * Where each key's row is in a job's tab, as read from its key (and parent) column once and then
 * kept as the table's own writes move rows: key → row, row → parent, parent → keys, and the rows
 * holding job cells but no key (a write cut before its key).
 */
export class RowIndex {
  readonly rows = new Map<string, number>();
  /** Row → parent (an array by row: cheaper than a map at tens of thousands of rows, rebuilt each execution). */
  private parentAt: Array<string | undefined> = [];
  /** Parent → keys of its rows (may repeat), so pruning a batch's parents does not scan the whole tab. */
  private readonly byParent = new Map<string, string[]>();
  keyless: number[] = [];
  /** The lowest row holding a key. */
  lastKeyed = 1;

  /** From the key and parent columns of the data rows (row 2 down); the last row of a key wins. */
  constructor(keys: CellValue[][], parents: CellValue[][]) {
    for (let i = 0; i < keys.length; i++) {
      const k = cellKey(keys[i][0]);
      const parent = parents[i] ? cellKey(parents[i][0]) : undefined;
      if (k) this.set(k, i + 2, parent);
      else this.keyless.push(i + 2);
      if (parent !== undefined) this.parentAt[i + 2] = parent;
    }
  }

  get size(): number {
    return this.rows.size;
  }

  parentOf(row: number): string | undefined {
    return this.parentAt[row];
  }

  set(key: string, row: number, parent?: string): void {
    this.rows.set(key, row);
    this.lastKeyed = Math.max(this.lastKeyed, row);
    if (!parent) return;
    this.parentAt[row] = parent;
    const keys = this.byParent.get(parent);
    if (keys) keys.push(key);
    else this.byParent.set(parent, [key]);
  }

  /** Keys of the rows of these parents (a superset: the caller checks each against its rows). */
  keysOf(parents: Set<string>): Set<string> {
    return new Set([...parents].flatMap((p) => [...(this.byParent.get(p) ?? [])]));
  }

  /** Moves everything up past deleted rows, so the next write need not read the tab again. */
  deleted(doomed: number[]): void {
    const gone = new Set(doomed);
    const shift = rowAfterDelete(doomed);
    for (const [k, row] of [...this.rows]) {
      if (gone.has(row)) this.rows.delete(k);
      else this.rows.set(k, shift(row));
    }
    const parents: Array<string | undefined> = [];
    this.parentAt.forEach((p, row) => {
      if (p !== undefined && !gone.has(row)) parents[shift(row)] = p;
    });
    this.parentAt = parents;
    this.keyless = this.keyless.filter((row) => !gone.has(row)).map(shift);
    this.lastKeyed = 1;
    for (const row of this.rows.values()) if (row > this.lastKeyed) this.lastKeyed = row;
  }
}
