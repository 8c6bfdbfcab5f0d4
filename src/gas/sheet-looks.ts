type GSheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * How a tab looks: bold header, widths, the filter, notes. One call each where Apps Script
 * allows; called when a tab or a column is new and once at the end of a run, never per row.
 */

export function boldHeader(s: GSheet, col: number, count: number): void {
  if (count > 0) s.getRange(1, col, 1, count).setFontWeight('bold');
}

/** A filter over every row of columns 1…cols, when the tab has none (the user's own filter stays). */
export function addFilter(s: GSheet, cols: number): void {
  if (cols <= 0 || s.getFilter()) return;
  s.getRange(1, 1, s.getMaxRows(), cols).createFilter();
}

/**
 * Apps Script cannot resize a filter: one that no longer covers every row (or the job's columns)
 * is made again over the whole data, with each column's criteria put back where they were.
 */
export function coverFilter(s: GSheet, cols: number): void {
  const f = s.getFilter();
  if (!f) return;
  const r = f.getRange();
  // A filter that does not start at the header is the user's own, over something else.
  if (r.getRow() !== 1) return;
  const maxRows = s.getMaxRows();
  const lastCol = Math.max(r.getLastColumn(), cols);
  if (r.getLastRow() >= maxRows && r.getLastColumn() >= lastCol) return;
  const criteria: Array<[number, GoogleAppsScript.Spreadsheet.FilterCriteria]> = [];
  for (let c = r.getColumn(); c <= r.getLastColumn(); c++) {
    const set = f.getColumnFilterCriteria(c);
    if (set) criteria.push([c, set.copy().build()]);
  }
  f.remove();
  const made = s.getRange(1, r.getColumn(), maxRows, lastCol - r.getColumn() + 1).createFilter();
  for (const [c, set] of criteria) made.setColumnFilterCriteria(c, set);
}
