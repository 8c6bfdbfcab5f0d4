import { candidatesOf } from '../dashboard/read';
import { dashboardFigures } from '../dashboard/figures';
import { summaryLayout, type ChartKey } from '../dashboard/summary-tab';
import { localTime } from '../format/display';
import type { Column, Job } from '../jobs/types';
import type { CellValue, SheetPort, StorePort } from '../ports';
import { JOB_KEYS } from '../store/schema';
import { LookupResolver } from '../sync/lookups';
import { leverClient, lookupCache } from './connection';
import type { Platform } from './platform';
import type { ExtraSheet } from '../export/encode';

/**
 * After a dashboard job's successful run: the summary tab worked out from the candidates' tab
 * (`table`, its cells in the order of `columns`). Values are rewritten in one call, over what the
 * last summary covered; each chart is made once and then updated in place, found by the id kept on
 * the summary tab (or, after a cut execution, by its title), so charts are never duplicated.
 */
export function drawDashboard(p: Platform, job: Job, table: CellValue[][], columns: Column[]): ExtraSheet | null {
  const config = job.dashboard;
  if (!config) return null;
  const stages = new LookupResolver(leverClient(p), lookupCache(p)).entries('stages').map(([id, attrs]) => ({ id, text: attrs[0] }));
  const now = p.clock.now();
  const layout = summaryLayout(dashboardFigures(candidatesOf(table, columns), stages, now, p.zone));
  const sheet = p.workbook.sheet(config.sheetName) ?? p.workbook.createSheet(config.sheetName);
  writeValues(sheet, layout.grid);
  for (const f of layout.formats) sheet.setNumberFormat(2, f.col, f.rows, 1, f.format);
  const rows = table.length - 1;
  sheet.setNote(
    1,
    1,
    `Worked out from the ${rows} candidates of the tab "${job.sheetName}" at ${localTime(now, p.zone)} (${p.workbook.timeZone()}) by Lever Sync. Values, not formulas: the next run rewrites them.`,
  );
  const store = p.jobStore(config.sheetName);
  store.set(JOB_KEYS.written, '1');
  placeCharts(sheet, store, job.id, layout.charts);
  // The .xlsx copy carries the summary's values as a second sheet (charts stay in Sheets).
  const width = layout.grid[0].length;
  const formats = Array.from({ length: width }, (_, c) => layout.formats.find((f) => f.col === c + 1)?.format ?? null);
  return { name: config.sheetName, grid: layout.grid, formats, widths: Array<number>(width).fill(SUMMARY_WIDTH) };
}

const SUMMARY_WIDTH = 140;

/** The grid in one write, blanking what an earlier, larger summary left beyond it. */
function writeValues(sheet: SheetPort, grid: CellValue[][]): void {
  const first = sheet.lastRow() === 0;
  const rows = Math.max(grid.length, sheet.lastRow());
  const cols = Math.max(grid[0].length, sheet.lastColumn());
  const padded = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => grid[r]?.[c] ?? null));
  sheet.write(1, 1, padded);
  if (first) {
    sheet.boldHeader(1, grid[0].length);
    sheet.freezeHeader();
    sheet.setColumnWidths(1, grid[0].length, SUMMARY_WIDTH);
  }
}

function placeCharts(sheet: SheetPort, store: StorePort, jobId: string, charts: ReturnType<typeof summaryLayout>['charts']): void {
  const ids = JSON.parse(store.get(JOB_KEYS.charts(jobId)) ?? '{}') as Partial<Record<ChartKey, string>>;
  let onTab: ReturnType<SheetPort['charts']> | null = null;
  for (const { key, spec } of charts) {
    const id = ids[key];
    if (id !== undefined && sheet.updateChart(id, spec)) continue;
    // Made by an execution cut before it kept the id: the chart with this title is ours.
    onTab ??= sheet.charts();
    const same = onTab.find((c) => c.title === spec.title && !Object.values(ids).includes(c.id));
    if (same && sheet.updateChart(same.id, spec)) ids[key] = same.id;
    else ids[key] = sheet.insertChart(spec);
    store.set(JOB_KEYS.charts(jobId), JSON.stringify(ids));
  }
}
