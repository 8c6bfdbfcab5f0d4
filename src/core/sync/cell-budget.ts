import { SheetLimitError } from '../errors';
import type { SheetPort, WorkbookPort } from '../ports';

/** Google Sheets' cap on cells per spreadsheet, all tabs and empty cells included. */
export const WORKBOOK_MAX_CELLS = 10_000_000;

/**
 * Fails before writing when a tab's grid would grow the spreadsheet past Google's 10M-cell cap.
 * `elsewhere`: the other tabs' cells, counted once per open table (asking every tab before every
 * write costs two service calls per tab); returns it for the next check.
 */
export function checkCellBudget(
  workbook: WorkbookPort,
  sheet: SheetPort,
  lastRow: number,
  extra: { rows: number; cols: number },
  elsewhere: number | undefined,
): number | undefined {
  const maxRows = sheet.maxRows();
  const maxCols = sheet.maxColumns();
  const rows = Math.max(maxRows, lastRow + extra.rows);
  const cols = extra.cols === 0 ? maxCols : Math.max(maxCols, sheet.lastColumn() + extra.cols);
  const growth = rows * cols - maxRows * maxCols;
  if (growth <= 0) return elsewhere;
  const others = elsewhere ?? workbook.totalCells() - maxRows * maxCols;
  const total = others + maxRows * maxCols + growth;
  if (total > WORKBOOK_MAX_CELLS) throw SheetLimitError.cells(sheet.name, extra.rows, total);
  return others;
}
