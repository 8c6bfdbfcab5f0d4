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
  private readonly parentAt = new Map<number, string>();
  /** Parent → keys of its rows, so pruning a batch's parents does not scan the whole tab. */
  private readonly byParent = new Map<string, Set<string>>();
  keyless: number[] = [];
  /** The lowest row holding a key. */
  lastKeyed = 1;

  /** From the key and parent columns of the data rows (row 2 down); the last row of a key wins. */
  constructor(keys: CellValue[][], parents: CellValue[][]) {
    keys.forEach((r, i) => {
      const k = cellKey(r[0]);
      const parent = parents[i] ? cellKey(parents[i][0]) : undefined;
      if (k) this.set(k, i + 2, parent);
      else this.keyless.push(i + 2);
      if (parent !== undefined) this.parentAt.set(i + 2, parent);
    });
  }

  get size(): number {
    return this.rows.size;
  }

  parentOf(row: number): string | undefined {
    return this.parentAt.get(row);
  }

  set(key: string, row: number, parent?: string): void {
    this.rows.set(key, row);
    this.lastKeyed = Math.max(this.lastKeyed, row);
    if (!parent) return;
    this.parentAt.set(row, parent);
    let keys = this.byParent.get(parent);
    if (!keys) this.byParent.set(parent, (keys = new Set()));
    keys.add(key);
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
    const parents = [...this.parentAt].filter(([row]) => !gone.has(row));
    this.parentAt.clear();
    for (const [row, p] of parents) this.parentAt.set(shift(row), p);
    this.keyless = this.keyless.filter((row) => !gone.has(row)).map(shift);
    this.lastKeyed = 1;
    for (const row of this.rows.values()) if (row > this.lastKeyed) this.lastKeyed = row;
  }
}
