import type { EmuSheet } from './spreadsheet';

/**
 * What a person does to a tab in the Sheets UI, for tests: free of charge, as they do not run in
 * the script's execution. Moving, inserting and deleting columns carry the column's values,
 * links, formats, width and developer metadata, as dragging a column header does.
 */
export const userEdits = {
  /** Drags column `from` so it ends up at position `to` (1-based). */
  moveColumn(sheet: EmuSheet, from: number, to: number): void {
    const move = <T>(row: T[] | undefined) => {
      if (!row) return;
      const [v] = row.splice(from - 1, 1);
      while (row.length < to - 1) row.push(null as T);
      row.splice(to - 1, 0, v);
    };
    sheet.rows.forEach(move);
    sheet.links.forEach(move);
    sheet.columnMetadata.moved(from, to);
    sheet.styles.moveColumn(from, to);
  },
  /** Inserts an empty column before column `before`, titled `header`. */
  insertColumn(sheet: EmuSheet, before: number, header: string): void {
    for (const row of [...sheet.rows, ...sheet.links]) if (row && row.length >= before) row.splice(before - 1, 0, null);
    sheet.columnMetadata.inserted(before - 1, 1);
    sheet.maxCols++;
    (sheet.rows[0] ??= [])[before - 1] = header;
    sheet.styles.insertColumns(before - 1, 1);
    sheet.filter?.columnsInserted(before - 1, 1);
  },
  deleteColumn(sheet: EmuSheet, col: number): void {
    for (const row of [...sheet.rows, ...sheet.links]) row?.splice(col - 1, 1);
    sheet.columnMetadata.deleted(col, 1);
    sheet.maxCols--;
    sheet.styles.deleteColumns(col, 1);
    sheet.filter?.columnsDeleted(col, 1);
  },
  /** Inserts `count` blank rows below row `after` (the grid grows). */
  insertRows(sheet: EmuSheet, after: number, count: number): void {
    const blank = () => Array.from({ length: count }, () => []);
    sheet.rows.splice(after, 0, ...blank());
    sheet.links.splice(after, 0, ...blank());
    sheet.styles.insertRows(after, count);
    sheet.filter?.rowsInserted(after, count);
    sheet.maxRows += count;
  },
  /** Types a new header over column `col`. */
  renameHeader(sheet: EmuSheet, col: number, text: string): void {
    (sheet.rows[0] ??= [])[col - 1] = text;
  },
  /** Sorts the data rows (the header stays), links with their rows. */
  sortRows(sheet: EmuSheet, compare: (a: unknown[], b: unknown[]) => number): void {
    const n = sheet.lastRow();
    const pairs = sheet.rows.slice(1, n).map((r, i) => ({ r, l: sheet.links[i + 1] }));
    pairs.sort((a, b) => compare(a.r ?? [], b.r ?? []));
    pairs.forEach((p, i) => {
      sheet.rows[i + 1] = p.r;
      sheet.links[i + 1] = p.l;
    });
  },
  /** Deletes row `row` (1-based) and what it carries; the rows below move up. */
  deleteRow(sheet: EmuSheet, row: number): void {
    sheet.rows.splice(row - 1, 1);
    sheet.links.splice(row - 1, 1);
    sheet.styles.deleteRows(row, 1);
    sheet.filter?.rowsDeleted(row, 1);
  },
  /** Types over one cell (1-based row and column). */
  editCell(sheet: EmuSheet, row: number, col: number, value: unknown): void {
    (sheet.rows[row - 1] ??= [])[col - 1] = value as never;
  },
};
