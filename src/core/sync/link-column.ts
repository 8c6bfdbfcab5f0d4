import { linkTextOf } from '../format/display';
import { cellKey } from './rows';
import type { SheetTable } from './table';

/**
 * Link columns a step after the run fills (the resume links, SYSTEM.resume): the sync's own
 * writes leave their cells alone (write-rows.ts), so these two keep them beside the right rows.
 */

/**
 * Fills the column from another column of the same row (the record id), in one read of that
 * column and one write. The ids are read now, so a sort since the run puts nothing beside the
 * wrong row. Returns how many rows got a link.
 */
export function fillLinks(table: SheetTable, path: string, byPath: string, urlOf: (id: string) => string | null): number {
  const at = table.columnOf(path);
  const by = table.columnOf(byPath);
  const n = table.rowCount();
  if (at === null || by === null || n === 0) return 0;
  const column = table.columns.find((c) => c.path === path)!;
  const urls = table.sheet.read(2, by, n, 1).map(([id]) => urlOf(cellKey(id)));
  table.sheet.writeLinks(
    2,
    at,
    urls.map((url) => ({ text: url ? linkTextOf(column, url) : '', url })),
  );
  return urls.filter(Boolean).length;
}

/**
 * After a rewrite that put other records in the rows (replace mode's swap): such cells are
 * emptied, link and all, until the step fills them, never left beside another record.
 */
export function clearAfterRunLinks(table: SheetTable): void {
  const n = table.rowCount();
  for (const c of table.columns.filter((col) => col.afterRun)) {
    const at = table.columnOf(c.path);
    if (at !== null && n > 0)
      table.sheet.writeLinks(
        2,
        at,
        Array.from({ length: n }, () => ({ text: '', url: null })),
      );
  }
}
