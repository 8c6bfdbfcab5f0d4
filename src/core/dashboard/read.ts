import { isDate } from '../format/cell';
import { DASHBOARD_NEEDS } from '../jobs/dashboard';
import type { Column } from '../jobs/types';
import type { CellValue } from '../ports';
import type { DashboardCandidate } from './figures';

/**
 * The candidates of a dashboard job's tab, read back by column path (the user may have renamed or
 * moved the columns; `columns` is the job's, in the order of the table's cells).
 */
export function candidatesOf(table: CellValue[][], columns: Column[]): DashboardCandidate[] {
  const at = (path: string) => columns.findIndex((c) => c.path === path);
  // In DASHBOARD_NEEDS order.
  const [stage, archived, sources, created, toStage, changedAt, sent, accepted] = DASHBOARD_NEEDS.map(at);
  return table.slice(1).map((row) => {
    const stages = listOf(row[toStage]);
    // Lists of times are written as ISO-8601 text (format/cell.ts); older tabs may hold ms.
    const times = listOf(row[changedAt]).map((t) => (/^\d+$/.test(t) ? Number(t) : Date.parse(t)));
    return {
      stageId: text(row[stage]),
      archived: row[archived] !== null && row[archived] !== undefined && row[archived] !== '',
      // A column of every source ("a, b") or of the first: the first either way.
      source: listOf(row[sources])[0] ?? null,
      createdAt: instant(row[created]),
      stageChanges: stages.flatMap((s, i) => (Number.isFinite(times[i]) ? [{ stage: s, at: times[i] }] : [])),
      offerSentAt: instant(row[sent]),
      offerAcceptedAt: instant(row[accepted]),
    };
  });
}

function text(v: CellValue | undefined): string | null {
  return v === null || v === undefined || v === '' ? null : String(v);
}

function listOf(v: CellValue | undefined): string[] {
  const t = text(v);
  return t === null ? [] : t.split(', ').filter((s) => s !== '');
}

function instant(v: CellValue | undefined): number | null {
  if (isDate(v)) return v.getTime();
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
