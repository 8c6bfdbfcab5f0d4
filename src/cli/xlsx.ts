import ExcelJS from 'exceljs';
import type { EmuSpreadsheet } from '../host/spreadsheet';

/** Writes the emulated spreadsheet's visible tabs to an .xlsx file people can open. */
export async function writeWorkbook(book: EmuSpreadsheet, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'lever-sheets-sync';
  // Job tabs in the order they were made, the run log last.
  const tabs = [...book.sheets].sort((a, b) => Number(a.name === 'Sync log') - Number(b.name === 'Sync log'));
  for (const tab of tabs) {
    if (tab.hidden || (tab.name === 'Sheet1' && tab.lastRow() === 0)) continue;
    const ws = wb.addWorksheet(tab.name.slice(0, 31), { views: tab.frozenRows ? [{ state: 'frozen', ySplit: tab.frozenRows }] : [] });
    tab.snapshot().forEach((row, r) => {
      // Linked cells become Excel hyperlinks.
      ws.addRow(
        row.map((v, c) =>
          v === '' ? null : tab.linkAt(r + 1, c + 1) ? { text: String(v), hyperlink: tab.linkAt(r + 1, c + 1) as string } : v,
        ),
      );
    });
    ws.getRow(1).font = { bold: true };
    tab.formats.forEach((format, col) => {
      ws.getColumn(col).numFmt = format;
    });
    ws.columns.forEach((c) => (c.width = 18));
  }
  await wb.xlsx.writeFile(file);
}
