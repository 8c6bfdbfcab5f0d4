import ExcelJS from 'exceljs';
import type { EmuSheet } from '../host/spreadsheet';
import type { EmuSpreadsheet } from '../host/workbook';

/** Excel measures widths in characters of its default font; Sheets in pixels (about 7 a character). */
const PX_PER_EXCEL_CHAR = 7;

/**
 * Writes the emulated spreadsheet's visible tabs to an .xlsx file people can open, looking as the
 * tabs do: number formats, bold cells, widths, the frozen header, the filter, links and notes.
 */
export async function writeWorkbook(book: EmuSpreadsheet, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'lever-sheets-sync';
  // Job tabs in the order they were made, the run log last.
  const tabs = [...book.sheets].sort((a, b) => Number(a.name === 'Sync log') - Number(b.name === 'Sync log'));
  for (const tab of tabs) {
    if (tab.hidden || (tab.name === 'Sheet1' && tab.lastRow() === 0)) continue;
    addTab(wb, tab);
  }
  await wb.xlsx.writeFile(file);
}

function addTab(wb: ExcelJS.Workbook, tab: EmuSheet): void {
  const ws = wb.addWorksheet(tab.name.slice(0, 31), { views: tab.frozenRows ? [{ state: 'frozen', ySplit: tab.frozenRows }] : [] });
  tab.snapshot().forEach((row, r) => {
    const added = ws.addRow(
      // Linked cells become Excel hyperlinks.
      row.map((v, c) => {
        const link = tab.linkAt(r + 1, c + 1);
        return v === '' ? null : link ? { text: String(v), hyperlink: link } : v;
      }),
    );
    row.forEach((_, c) => {
      const style = tab.styles.get(r + 1, c + 1);
      const cell = added.getCell(c + 1);
      if (style.format) cell.numFmt = style.format;
      if (style.bold) cell.font = { bold: true };
      if (style.note) cell.note = style.note;
    });
  });
  for (let c = 1; c <= tab.lastCol(); c++) ws.getColumn(c).width = tab.styles.width(c) / PX_PER_EXCEL_CHAR;
  const f = tab.filter?.range;
  if (f) {
    const last = Math.min(f.row + f.numRows - 1, Math.max(tab.lastRow(), f.row));
    ws.autoFilter = { from: { row: f.row, column: f.col }, to: { row: last, column: f.col + f.numCols - 1 } };
  }
}
