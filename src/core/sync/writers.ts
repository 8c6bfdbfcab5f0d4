import { chainLink } from './hash-chain';
import { CATALOG } from '../catalog/objects';
import { PARENT_FIELD, SYSTEM } from '../jobs/columns';
import type { Job } from '../jobs/types';
import { stagingName, type SyncContext } from './context';
import type { RowBuilder } from './row-builder';
import { cellKey, recordVersion, type LeverRecord } from './rows';
import { refreshedNote } from '../format/display';
import type { Zoner } from '../jobs/schedule';
import type { CellValue } from '../ports';
import { listedEntry } from './source';
import type { RunCounts } from './state';
import { SheetTable, type TableRow } from './table';
import { clearAfterRunLinks } from './link-column';

/**
 * How a run's records reach the tab: one writer per mode, behind one interface, so the worker
 * walks Lever without knowing the mode.
 */
export interface ModeWriter {
  /** Rows of the records fetched for these parents (a page, or a batch of one). */
  write(records: LeverRecord[], parents: Set<string>): void;
  /** A list read whole: what is not in it is gone from Lever. */
  writeWhole(records: LeverRecord[]): void;
  /**
   * Records that left the job's filters (reason null), or were deleted or anonymised in Lever.
   * `tombstones`: the deleted records as Lever lists them (their deletedAt).
   */
  drop(ids: string[], reason: 'deleted' | 'anonymised' | null, tombstones?: LeverRecord[]): void;
  /** The end of a run (replace: the staged rows take the live tab's place). */
  finish(): void;
  /** After finish: the tab's columns sized, its filter stretched, its note saying when it was refreshed. */
  stamp(at: { ms: number; zone: Zoner; timeZone: string }, incremental: boolean, first: boolean): void;
  readonly jobId: string;
  /** The tab with the job's rows. */
  table(): SheetTable;
}

abstract class TabWriter implements ModeWriter {
  private open: SheetTable | null = null;
  protected readonly entry;

  constructor(
    protected readonly ctx: SyncContext,
    protected readonly job: Job,
    protected readonly rows: RowBuilder,
    protected readonly counts: RunCounts,
  ) {
    this.entry = CATALOG[job.object];
  }

  protected tabName(): string {
    return this.job.sheetName;
  }

  table(): SheetTable {
    if (!this.open) {
      this.open = SheetTable.open(this.ctx.workbook, this.tabName(), this.rows.columns, this.rows.tableKey, this.rows.tableParent);
      this.opened(this.open);
    }
    return this.open;
  }

  /** Called once each time the tab is opened. */
  protected opened(_table: SheetTable): void {}

  /** New custom-field columns come before any row that needs them: the table is opened again. */
  protected discover(records: LeverRecord[]): void {
    if (this.rows.discover(records)) this.open = null;
  }

  protected rowsOf(records: LeverRecord[]): TableRow[] {
    return records.flatMap((r) => this.rows.rows(r));
  }

  abstract write(records: LeverRecord[], parents: Set<string>): void;
  abstract writeWhole(records: LeverRecord[]): void;
  drop(_ids: string[], _reason: 'deleted' | 'anonymised' | null, _tombstones?: LeverRecord[]): void {}
  finish(): void {}
  get jobId(): string {
    return this.job.id;
  }

  stamp(at: { ms: number; zone: Zoner; timeZone: string }, incremental: boolean, first: boolean): void {
    const c = this.counts;
    this.table().finish(refreshedNote(at, { incremental, added: c.rowsAdded, updated: c.rowsUpdated, deleted: c.rowsDeleted }), first);
  }
}

/** One row per record, kept current; the user's own columns stay. */
class UpsertWriter extends TabWriter {
  write(records: LeverRecord[], parents: Set<string>): void {
    this.discover(records);
    // Children, and the element rows of a record, that are gone from Lever go from the tab.
    const prune = this.rows.tableParent ? parents : undefined;
    const res = this.table().upsert(this.rowsOf(records), prune);
    this.counts.rowsAdded += res.added;
    this.counts.rowsUpdated += res.updated;
    this.counts.rowsDeleted += res.deleted;
  }

  writeWhole(records: LeverRecord[]): void {
    this.discover(records);
    const rows = this.rowsOf(records);
    const seen = new Set(rows.map((r) => r.key));
    const table = this.table();
    const res = table.upsert(table.changedRows(rows));
    this.counts.rowsAdded += res.added;
    this.counts.rowsUpdated += res.updated;
    this.counts.rowsDeleted += table.deleteWhere((k) => !seen.has(k));
  }

  /** Rows of these records go; deleted or anonymised ones are marked instead when the job says so. */
  override drop(ids: string[], reason: 'deleted' | 'anonymised' | null): void {
    if (ids.length === 0) return;
    const gone = new Set(ids);
    const child = this.entry.source.kind !== 'list';
    const match = (k: string, parent: string | undefined) => gone.has(child ? (parent ?? '') : this.rows.recordOfRow(k, parent));
    if (reason && this.job.removed === 'mark') this.table().markWhere(SYSTEM.removed.path, reason, match);
    else this.counts.rowsDeleted += this.table().deleteWhere(match);
  }
}

/** One row per new version of a record, never the same version twice: a change history. */
class AppendWriter extends TabWriter {
  private versions: Set<string> | null = null;

  write(records: LeverRecord[]): void {
    this.discover(records);
    this.append(records, null);
  }

  writeWhole(records: LeverRecord[]): void {
    this.discover(records);
    const seen = new Set(records.map((r) => String(r[this.entry.key])));
    const gone = [...this.latestChanges()]
      .filter(([k, change]) => !seen.has(this.rows.recordKey(k)) && change !== 'deleted')
      .map(([k]) => ({ [this.entry.key]: this.rows.recordKey(k) }));
    this.append(records, null);
    this.append(gone, 'deleted');
  }

  /** A 'deleted' row for each record deleted in Lever (anonymised ones arrive as records). */
  override drop(ids: string[], reason: 'deleted' | 'anonymised' | null, tombstones: LeverRecord[] = []): void {
    if (reason !== 'deleted' || ids.length === 0) return;
    const listedKey = listedEntry(this.job).key;
    const deletedAt = (id: string) => tombstones.find((r) => String(r[listedKey]) === id)?.deletedAt;
    const events =
      this.entry.source.kind !== 'list'
        ? this.table()
            .rowsOfParents(new Set(ids))
            .map(({ key, parent }) => ({ [this.entry.key]: key, [PARENT_FIELD]: parent, deletedAt: deletedAt(parent) }))
        : tombstones;
    this.append(events, 'deleted');
  }

  private append(records: LeverRecord[], forced: 'deleted' | null): void {
    const table = this.table();
    const keys = table.keyIndex();
    const versions = this.versionSet(table);
    const synced = new Date(this.ctx.clock.now());
    const rows: TableRow[] = [];
    const seenNow = new Set<string>();
    for (const r of records)
      for (const row of this.rows.rows(r)) {
        const version = forced
          ? `deleted:${String(r.deletedAt ?? this.ctx.clock.now())}`
          : recordVersion(r, row.source ?? row.values, this.entry.versionField);
        const id = `${row.key}|${version}`;
        if (versions.has(id)) continue;
        versions.add(id);
        const known = keys.has(row.key) || seenNow.has(row.key);
        const change = forced ?? (r.isAnonymized === true && known ? 'anonymised' : known ? 'updated' : 'created');
        seenNow.add(row.key);
        this.setSystem(row.values, synced, change, version);
        rows.push(row);
      }
    this.counts.rowsAdded += table.append(rows, this.job.hashChain ? chainLink(this.ctx.crypto, SYSTEM.rowHash.path) : undefined);
  }

  private setSystem(values: TableRow['values'], synced: Date, change: string, version: string): void {
    this.rows.columns.forEach((col, i) => {
      if (col.path === SYSTEM.syncedAt.path) values[i] = synced;
      else if (col.path === SYSTEM.change.path) values[i] = change;
      else if (col.path === SYSTEM.version.path) values[i] = /^\d{1,15}$/.test(version) ? Number(version) : version;
    });
  }

  /** Key → the Change column of its newest row. */
  private latestChanges(): Map<string, string> {
    const keys = this.table().readColumn(this.rows.tableKey);
    const changes = this.table().readColumn(SYSTEM.change.path);
    return new Map(keys.map((k, i) => [cellKey(k), cellKey(changes[i])]));
  }

  /** (key|version) pairs already in the sheet, read once per slice. */
  private versionSet(table: SheetTable): Set<string> {
    if (!this.versions) {
      const keys = table.readColumn(this.rows.tableKey);
      const versions = table.readColumn(SYSTEM.version.path);
      this.versions = new Set(keys.map((k, i) => `${cellKey(k)}|${cellKey(versions[i])}`));
    }
    return this.versions;
  }
}

/** The tab rewritten from a full pull: built in a hidden staging tab, swapped in at the end. */
class ReplaceWriter extends TabWriter {
  private final: SheetTable | null = null;

  protected override tabName(): string {
    return stagingName(this.job.sheetName);
  }

  override table(): SheetTable {
    return this.final ?? super.table();
  }

  protected override opened(staging: SheetTable): void {
    staging.sheet.setHidden(true);
  }

  write(records: LeverRecord[]): void {
    this.discover(records);
    // Upsert into staging, so a page re-read after a cut execution is not staged twice.
    this.counts.rowsAdded += this.table().upsert(this.rowsOf(records)).added;
  }

  writeWhole(records: LeverRecord[]): void {
    this.discover(records);
    const table = this.table();
    const res = table.upsert(table.changedRows(this.rowsOf(records)));
    this.counts.rowsAdded += res.added;
    this.counts.rowsUpdated += res.updated;
  }

  override finish(): void {
    // Killed after the swap, the run resumes here with the staging tab already gone: nothing is
    // left to swap. (A run that staged nothing had an empty pull, and empties the tab.)
    if (!this.ctx.workbook.sheet(stagingName(this.job.sheetName)) && this.counts.rowsAdded > 0) {
      this.final = SheetTable.open(this.ctx.workbook, this.job.sheetName, this.rows.columns, this.rows.tableKey, this.rows.tableParent);
      return;
    }
    const staging = this.table();
    const rows = staging.readAll().slice(1);
    const final = SheetTable.open(this.ctx.workbook, this.job.sheetName, this.rows.columns, this.rows.tableKey, this.rows.tableParent);
    if (final.hasOwnColumns()) this.replaceByKey(final, rows);
    else {
      final.replaceAll(rows);
      clearAfterRunLinks(final);
    }
    this.ctx.workbook.flush();
    this.ctx.workbook.deleteSheet(staging.sheet.name);
    this.final = final;
  }

  /**
   * A tab with a person's own columns (a score, a decision) keeps each of their cells beside its
   * record: rows are updated where they are, gone records' rows deleted, new ones added at the
   * end, as upsert mode would. Rewriting in Lever's order would leave their cells beside other
   * records. Each step is by key, so a run cut in the middle finishes the same way.
   */
  private replaceByKey(final: SheetTable, rows: CellValue[][]): void {
    replaceRowsByKey(final, rows, this.rows.tableKey, this.rows.tableParent);
  }
}

/**
 * A tab's rows made those given, by key (rows in the table's column order): changed rows updated
 * where they are, gone keys' rows deleted, new ones added at the end. A person's cells beside a
 * record stay beside it (replace mode and split tabs with own columns).
 */
export function replaceRowsByKey(table: SheetTable, rows: CellValue[][], keyPath: string, parentPath?: string): void {
  const keyAt = table.columns.findIndex((c) => c.path === keyPath);
  const parentAt = parentPath ? table.columns.findIndex((c) => c.path === parentPath) : -1;
  const staged: TableRow[] = rows.map((values) => ({
    key: cellKey(values[keyAt]),
    parent: parentAt >= 0 ? cellKey(values[parentAt]) : undefined,
    values,
  }));
  const keep = new Set(staged.map((r) => r.key));
  table.deleteWhere((k) => !keep.has(k));
  table.upsert(table.changedRows(staged));
}

export function writerFor(ctx: SyncContext, job: Job, rows: RowBuilder, counts: RunCounts): ModeWriter {
  if (job.mode === 'append') return new AppendWriter(ctx, job, rows, counts);
  if (job.mode === 'replace') return new ReplaceWriter(ctx, job, rows, counts);
  return new UpsertWriter(ctx, job, rows, counts);
}
