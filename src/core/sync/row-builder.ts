import { CATALOG } from '../catalog/objects';
import { PARENT_FIELD, SYSTEM, explodedPath, jobColumns } from '../jobs/columns';
import type { Column, Job } from '../jobs/types';
import { CustomColumns, type CustomColumnStore } from './custom-columns';
import { explode, recordRow, type LeverRecord, type Protect, type Resolve, type RowContext } from './rows';
import type { TableRow } from './table';
import { displayRow } from '../format/display';
import type { Zoner } from '../jobs/schedule';
import type { CellValue } from '../ports';

/**
 * Turns a job's records into its rows: the columns (custom-field columns included, found as
 * records come), names next to ids, personal data protected, lists exploded into rows. One
 * builder serves the sync, the preview and the examples of listFields, so they cannot differ.
 */
export class RowBuilder {
  columns: Column[];
  /** The key rows are matched by: the record key, or the row key of one-row-per-element tabs. */
  readonly tableKey: string;
  /** The column holding each row's record (children: the opportunity; exploded lists: the record). */
  readonly tableParent: string | undefined;
  private readonly custom: CustomColumns | null;
  private readonly exploded: string | null;
  private readonly entry;
  private readonly context: RowContext;
  private readonly zone: Zoner | undefined;
  private readonly now: () => number;
  /** Whether a row's cells differ from what is shown (enums, calendar days, derived columns): known once per column set. */
  private shaped: boolean;

  constructor(
    private readonly job: Job,
    deps: { resolve: Resolve; protect?: Protect; customColumns: CustomColumnStore; zone?: Zoner; now: () => number },
  ) {
    this.entry = CATALOG[job.object];
    this.custom = CustomColumns.wanted(job)
      ? new CustomColumns(
          job,
          deps.customColumns,
          (id, attr) => deps.resolve('requisition_fields', id, attr),
          jobColumns(job).map((c) => c.header),
        )
      : null;
    this.columns = jobColumns(job, this.custom?.list);
    this.shaped = shapes(this.columns);
    this.zone = deps.zone;
    this.now = deps.now;
    this.context = { resolve: deps.resolve, protect: deps.protect, custom: this.custom ? (r) => this.custom!.valuesOf(r) : undefined };
    this.exploded = explodedPath(job);
    this.tableKey = this.exploded ? SYSTEM.rowKey.path : this.entry.key;
    this.tableParent = this.entry.source.kind !== 'list' ? PARENT_FIELD : this.exploded ? this.entry.key : undefined;
  }

  get isExploded(): boolean {
    return this.exploded !== null;
  }

  /** Gives new custom fields a column; true when the columns changed (the table must be reopened). */
  discover(records: LeverRecord[]): boolean {
    if (!this.custom?.discover(records)) return false;
    this.columns = jobColumns(this.job, this.custom.list);
    this.shaped = shapes(this.columns);
    return true;
  }

  /** A record's row, or one row per element of the exploded list. */
  rows(record: LeverRecord): TableRow[] {
    const key = String(record[this.entry.key]);
    const parent = record[PARENT_FIELD] as string | undefined;
    if (!this.exploded) return [this.row(key, parent, recordRow(record, this.columns, this.context), record)];
    const keyAt = this.columns.findIndex((c) => c.path === SYSTEM.rowKey.path);
    return explode(record, this.exploded, key).map(({ record: one, rowKey }) => {
      const values = recordRow(one, this.columns, this.context);
      values[keyAt] = rowKey;
      return this.row(rowKey, this.entry.source.kind === 'list' ? key : parent, values, one);
    });
  }

  private row(key: string, parent: string | undefined, source: CellValue[], record: LeverRecord): TableRow {
    // Most jobs have no enum, calendar-day or derived column: their rows are shown as they are.
    if (!this.shaped) return { key, parent, values: source };
    const values = displayRow(source, this.columns, this.zone);
    // Derived values count from the write: left out of `source`, so append mode never takes a
    // day passing for a change in Lever.
    this.columns.forEach((c, i) => {
      if (c.derive) values[i] = daysSince(record[c.derive.from], this.now());
    });
    return { key, parent, values, source };
  }

  /** The record a row belongs to: its key, or for one-row-per-element tabs of a list object, its parent column. */
  recordOfRow(key: string, parent: string | undefined): string {
    return this.exploded && this.entry.source.kind === 'list' ? (parent ?? '') : key;
  }

  /** The record key behind a row key (one-row-per-element tabs add "#n"). */
  recordKey(rowKey: string): string {
    return this.exploded ? rowKey.replace(/#\d+$/, '') : rowKey;
  }
}

/** Whole days from a Lever instant (ms) to `now`; empty without one. */
function daysSince(from: unknown, now: number): CellValue {
  return typeof from === 'number' && Number.isFinite(from) ? Math.max(0, Math.floor((now - from) / 86_400_000)) : null;
}

function shapes(columns: Column[]): boolean {
  return columns.some((c) => c.type === 'enum' || c.type === 'day' || c.derive);
}
