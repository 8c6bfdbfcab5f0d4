import { ConfigError } from '../errors';
import { tableKeyPaths } from '../jobs/columns';
import { MAX_SPLITS, splitName, splitPath } from '../jobs/split';
import type { Column, Job } from '../jobs/types';
import type { CellValue } from '../ports';
import { JOB_KEYS } from '../store/schema';
import { cellKey } from '../sync/rows';
import { SheetTable } from '../sync/table';
import { replaceRowsByKey } from '../sync/writers';
import type { Platform } from './platform';

/**
 * After a run of a job with splitBy: its finished tab's rows grouped by the split column, one tab
 * per value named "<tab> – <value>", each with the job's columns. A value's tab is rewritten from
 * the job's tab each run (updated by key where a person added columns of their own, as replace
 * mode does), a value gone leaves its tab with the header only, and a tab of that name the add-on
 * did not make is left alone and said in the log.
 */

export interface SplitPart {
  value: string;
  name: string;
  /** Header first, in the job's column order. */
  table: CellValue[][];
}

export function splitParts(job: Job, table: CellValue[][], columns: Column[]): SplitPart[] {
  const path = job.splitBy ? splitPath(job.object, job.splitBy.by) : null;
  const at = columns.findIndex((c) => c.path === path);
  if (!job.splitBy || at < 0) return [];
  const groups = new Map<string, CellValue[][]>();
  for (const row of table.slice(1)) {
    const value = cellKey(row[at]);
    const rows = groups.get(value) ?? (groups.set(value, []).get(value) as CellValue[][]);
    rows.push(row);
  }
  if (groups.size > MAX_SPLITS)
    throw new ConfigError(
      'splitBy',
      `the tab holds ${groups.size} different ${job.splitBy.by} values, more than the ${MAX_SPLITS} tabs or files a split makes: filter the job to fewer, or split by something coarser.`,
    );
  return [...groups].map(([value, rows]) => ({ value, name: splitName(job.sheetName, value), table: [table[0], ...rows] }));
}

/** Writes the parts' tabs; returns what the log should say (tabs left alone). */
export function writeSplitTabs(p: Platform, job: Job, parts: SplitPart[], columns: Column[]): string[] {
  const notes: string[] = [];
  const { key, parent } = tableKeyPaths(job);
  const home = p.jobStore(job.sheetName);
  const before = JSON.parse(home.get(JOB_KEYS.splits(job.id)) ?? '[]') as string[];
  const gone = before
    .filter((name) => !parts.some((part) => part.name === name))
    .map((name) => ({ value: '', name, table: [parts[0]?.table[0] ?? []] }));
  for (const part of [...parts, ...gone]) {
    const store = p.jobStore(part.name);
    const existing = p.workbook.sheet(part.name);
    if (existing && existing.lastRow() > 0 && store.get(JOB_KEYS.written) !== '1') {
      notes.push(`The tab "${part.name}" holds data of its own: the ${job.splitBy!.by} "${part.value}" was not written there.`);
      continue;
    }
    // Marked as the add-on's while still empty: a run cut after its header would otherwise leave a
    // tab that every later run takes for someone else's.
    if (!existing) p.workbook.createSheet(part.name);
    store.set(JOB_KEYS.written, '1');
    // A value's tab takes every cell from the finished tab, the resume links too.
    const own = columns.map(({ afterRun: _a, ...c }) => c);
    const table = SheetTable.open(p.workbook, part.name, own, key, parent);
    const first = table.rowCount() === 0;
    const rows = part.table.slice(1);
    // A person's own columns keep each cell beside its record, as replace mode does.
    if (table.hasOwnColumns()) replaceRowsByKey(table, rows, key, parent);
    else table.replaceAll(rows);
    table.finish(
      `Rows of "${job.sheetName}" whose ${job.splitBy!.by} is "${part.value || '(none)'}", rewritten by Lever Sync after each run.`,
      first,
    );
  }
  home.set(JOB_KEYS.splits(job.id), JSON.stringify(parts.map((part) => part.name)));
  return notes;
}
