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
    for (const row of tab.snapshot()) ws.addRow(row.map((v) => (v === '' ? null : v)));
    ws.getRow(1).font = { bold: true };
    tab.formats.forEach((format, col) => {
      ws.getColumn(col).numFmt = format;
    });
    ws.columns.forEach((c) => (c.width = 18));
  }
  await wb.xlsx.writeFile(file);
}
