import { CATALOG } from '../catalog/objects';
import { PARENT_FIELD, SYSTEM, explodedPath, jobColumns } from '../jobs/columns';
import type { Column, Job } from '../jobs/types';
import type { CellValue } from '../ports';
import { InvalidOffsetError } from '../lever/client';
import { nextToken } from '../lever/paginator';
import type { SyncContext } from './engine';
import { LookupResolver } from './lookups';
import { CustomColumns } from './custom-columns';
import {
  cellKey,
  explode,
  recordRow,
  recordVersion,
  type LeverRecord,
  type Protect,
  type Resolve,
  type RowContext,
  protector,
} from './rows';
import { childRecords, fetchDeletionsPage, fetchParentPage, fetchWholeList, listedEntry, matchesFilters, parentBatchSize } from './source';
import { OVERLAP_MS, maxOf, type JobState, type RunCheckpoint } from './state';
import { SheetTable, type TableRow } from './table';

export function stagingName(sheetName: string): string {
  return `~staging ${sheetName}`.slice(0, 100);
}

/** The work of one run: pages of records, then tombstones, then the finish. */
export class JobWorker {
  private columns: Column[];
  /** The job's custom fields, one column each, when it asks for them. */
  private readonly custom: CustomColumns | null;
  private readonly entry = CATALOG[this.job.object];
  private table: SheetTable | null = null;
  private readonly lookups = new LookupResolver(this.ctx.client, this.ctx.cache);
  private readonly resolve: Resolve = (table, id, attr) => this.lookups.resolve(table, id, attr);
  private readonly protect: Protect | undefined = protector(this.job.personalData, this.ctx.crypto, this.ctx.salt);
  private versions: Set<string> | null = null;
  private readonly rowContext: RowContext;

  /** With one row per list element, rows are keyed by record key + position. */
  private readonly exploded: string | null;
  private readonly tableKey: string;
  private readonly tableParent: string | undefined;

  constructor(
    private readonly ctx: SyncContext,
    private readonly job: Job,
    private readonly run: RunCheckpoint,
    private readonly state: JobState,
    private readonly checkpoint: () => void,
  ) {
    this.custom = CustomColumns.wanted(job)
      ? new CustomColumns(
          job,
          ctx.customColumns,
          (id, attr) => this.lookups.resolve('requisition_fields', id, attr),
          jobColumns(job).map((c) => c.header),
        )
      : null;
    this.columns = jobColumns(job, this.custom?.list);
    this.rowContext = { resolve: this.resolve, protect: this.protect, custom: this.custom ? (r) => this.custom!.valuesOf(r) : undefined };
    this.exploded = explodedPath(job);
    const listObject = this.entry.source.kind === 'list';
    this.tableKey = this.exploded ? SYSTEM.rowKey.path : this.entry.key;
    this.tableParent = !listObject ? PARENT_FIELD : this.exploded ? this.entry.key : undefined;
  }

  /** The record a row belongs to: its key, or for one-row-per-element tabs of a list object, its parent column. */
  private recordOfRow(key: string, parent: string | undefined): string {
    return this.exploded && this.entry.source.kind === 'list' ? (parent ?? '') : key;
  }

  private target(): SheetTable {
    if (!this.table) {
      const name = this.job.mode === 'replace' ? stagingName(this.job.sheetName) : this.job.sheetName;
      this.table = SheetTable.open(this.ctx.workbook, name, this.columns, this.tableKey, this.tableParent);
      if (this.job.mode === 'replace') this.table.sheet.setHidden(true);
    }
    return this.table;
  }

  step(): void {
    if (this.run.phase === 'records') this.recordsStep();
    else if (this.run.phase === 'deletions') this.deletionsStep();
  }

  /**
   * One page of the listed object. For children, parents are handled in batches with a checkpoint
   * after each, so a page whose fan-out outlasts an execution still moves forward.
   */
  private recordsStep(): void {
    if (listedEntry(this.job).incremental.kind === 'full') return this.wholeListStep();
    let page;
    try {
      page = fetchParentPage(this.ctx.client, this.job, this.run);
    } catch (e) {
      // A saved token that no longer fits: read the list again from the start (writes are idempotent).
      if (e instanceof InvalidOffsetError && this.run.offset !== null) {
        this.run.offset = null;
        this.run.pageDone = null;
        return;
      }
      throw e;
    }
    // Checked before any write: a page that does not advance, or promises more with no token.
    const next = nextToken(page.path, page, this.run.offset);
    const key = listedEntry(this.job).key;
    const ids = (list: LeverRecord[]) => list.map((p) => String(p[key]));
    this.dropRows(ids(page.parents.filter((p) => !matchesFilters(this.job, p))), null);
    // Candidates anonymised in Lever: their rows go (or are marked) in upsert mode.
    const anonymised = page.parents.filter((p) => p.isAnonymized === true && this.entry.source.kind === 'list');
    const dropAnonymised = this.job.mode === 'upsert' && this.job.removed === 'delete';
    const parents = page.parents.filter((p) => matchesFilters(this.job, p) && !(dropAnonymised && anonymised.includes(p)));
    if (this.run.pageDone === null) this.run.counts.confidential += page.parents.filter((p) => p.confidentiality === 'confidential').length;
    const done = this.run.pageDone;
    // Resume inside the page only if it still starts the same way; otherwise redo it (idempotent).
    let i = done && done.count <= parents.length && String(parents[done.count - 1]?.[key]) === done.lastId ? done.count : 0;
    const batch = parentBatchSize(this.job);
    while (i < parents.length) {
      const slice = parents.slice(i, i + batch);
      const records = childRecords(this.ctx.client, this.job, slice);
      this.write(records, new Set(slice.map((p) => String(p[key]))));
      this.run.counts.records += records.length;
      i += slice.length;
      if (i < parents.length) {
        this.run.pageDone = { count: i, lastId: String(parents[i - 1][key]) };
        this.checkpoint();
        if (this.ctx.clock.now() > this.ctx.deadline) return;
      }
    }
    // After the writes, so a 'mark' is not overwritten by the record's own row.
    this.dropRows(ids(anonymised), 'anonymised');
    this.run.pageDone = null;
    this.run.maxSeen = maxOf(this.run.maxSeen, page.maxUpdated);
    this.run.counts.pages++;
    this.advance(next, 'deletions');
  }

  /**
   * A list without an updated_at filter, read whole and compared with the tab: changed rows are
   * written, rows of records gone from Lever are removed (upsert) or get a 'deleted' row (append).
   */
  private wholeListStep(): void {
    const records = fetchWholeList(this.ctx.client, this.job, this.run);
    this.discover(records);
    const seen = new Set(records.map((r) => String(r[this.entry.key])));
    const rows = records.flatMap((r) => this.rows(r));
    const seenRows = new Set(rows.map((r) => r.key));
    this.run.counts.records += records.length;
    this.run.counts.pages++;
    if (this.job.mode === 'append') {
      const gone = this.target().latestChanges();
      const events = [...gone]
        .filter(([k, change]) => !seen.has(this.exploded ? k.replace(/#\d+$/, '') : k) && change !== 'deleted')
        .map(([k]) => ({ [this.entry.key]: this.exploded ? k.replace(/#\d+$/, '') : k }));
      this.appendEvents(records, null);
      this.appendEvents(events, 'deleted');
    } else {
      const table = this.target();
      const res = table.upsert(table.changedRows(rows));
      this.run.counts.rowsAdded += res.added;
      this.run.counts.rowsUpdated += res.updated;
      if (this.job.mode === 'upsert') this.run.counts.rowsDeleted += table.deleteWhere((k) => !seenRows.has(k));
    }
    this.advance(null, 'deletions');
  }

  /**
   * Upsert mode: rows of these records go, because they left the job's filters (reason null),
   * or were deleted or anonymised in Lever; with removed: 'mark', the latter stay, marked.
   */
  private dropRows(ids: string[], reason: 'deleted' | 'anonymised' | null): void {
    if (ids.length === 0 || this.job.mode !== 'upsert') return;
    const gone = new Set(ids);
    const child = this.entry.source.kind !== 'list';
    const match = (k: string, parent: string | undefined) => gone.has(child ? (parent ?? '') : this.recordOfRow(k, parent));
    if (reason && this.job.removed === 'mark') this.target().markWhere(SYSTEM.removed.path, reason, match);
    else this.run.counts.rowsDeleted += this.target().deleteWhere(match);
  }

  private deletionsStep(): void {
    const since = this.state.deletedWatermark;
    if (since === null || this.job.mode === 'replace' || !listedEntry(this.job).deletions) {
      this.advance(null, 'finish');
      return;
    }
    let page;
    try {
      page = fetchDeletionsPage(this.ctx.client, this.job, this.run, since - OVERLAP_MS);
    } catch (e) {
      // A saved token that no longer fits: read the tombstones again from the start (idempotent).
      if (e instanceof InvalidOffsetError && this.run.offset !== null) {
        this.run.offset = null;
        return;
      }
      throw e;
    }
    const next = nextToken(page.path, page, this.run.offset);
    if (this.job.mode === 'append') {
      const deletedAt = (id: string) => page.records.find((r) => String(r[listedEntry(this.job).key]) === id)?.deletedAt;
      const events =
        this.entry.source.kind !== 'list'
          ? this.target()
              .rowsOfParents(new Set(page.ids))
              .map(({ key, parent }) => ({ [this.entry.key]: key, [PARENT_FIELD]: parent, deletedAt: deletedAt(parent) }))
          : page.records;
      this.appendEvents(events, 'deleted');
    } else {
      this.dropRows(page.ids, 'deleted');
    }
    this.run.counts.pages++;
    this.advance(next, 'finish');
  }

  private advance(next: string | null, after: RunCheckpoint['phase']): void {
    if (next) {
      this.run.offset = next;
    } else {
      this.run.offset = null;
      this.run.phase = after;
    }
  }

  private write(records: LeverRecord[], parents: Set<string>): void {
    const c = this.run.counts;
    this.discover(records);
    if (this.job.mode === 'append') {
      this.appendEvents(records, null);
      return;
    }
    const rows = records.flatMap((r) => this.rows(r));
    if (this.job.mode === 'replace') {
      // Upsert into staging, so a page re-read after a cut execution is not staged twice.
      c.rowsAdded += this.target().upsert(rows).added;
      return;
    }
    // Children, and the element rows of a record, that are gone from Lever go from the tab.
    const prune = this.tableParent ? parents : undefined;
    const res = this.target().upsert(rows, prune);
    c.rowsAdded += res.added;
    c.rowsUpdated += res.updated;
    c.rowsDeleted += res.deleted;
  }

  /** New custom fields get a column (at the end of the tab) before any row that needs it is written. */
  private discover(records: LeverRecord[]): void {
    if (!this.custom?.discover(records)) return;
    this.columns = jobColumns(this.job, this.custom.list);
    this.table = null;
  }

  /** A record's row, or one row per element of the exploded list. */
  private rows(record: LeverRecord): TableRow[] {
    const key = String(record[this.entry.key]);
    const parent = record[PARENT_FIELD] as string | undefined;
    if (!this.exploded) return [{ key, parent, values: recordRow(record, this.columns, this.rowContext) }];
    const keyAt = this.columns.findIndex((c) => c.path === SYSTEM.rowKey.path);
    return explode(record, this.exploded, key).map(({ record: one, rowKey }) => {
      const values = recordRow(one, this.columns, this.rowContext);
      values[keyAt] = rowKey;
      return { key: rowKey, parent: this.entry.source.kind === 'list' ? key : parent, values };
    });
  }

  /** Append mode: one row per new version of a record, never the same version twice. */
  private appendEvents(records: LeverRecord[], forced: 'deleted' | null): void {
    const table = this.target();
    const keys = table.keyIndex();
    const versions = this.versionSet(table);
    const synced = new Date(this.ctx.clock.now());
    const rows: TableRow[] = [];
    const seenNow = new Set<string>();
    for (const r of records)
      for (const row of this.rows(r)) {
        const version = forced
          ? `deleted:${String(r.deletedAt ?? this.ctx.clock.now())}`
          : recordVersion(r, row.values, this.entry.versionField);
        const id = `${row.key}|${version}`;
        if (versions.has(id)) continue;
        versions.add(id);
        const known = keys.has(row.key) || seenNow.has(row.key);
        const change = forced ?? (r.isAnonymized === true && known ? 'anonymised' : known ? 'updated' : 'created');
        seenNow.add(row.key);
        this.setSystem(row.values, synced, change, version);
        rows.push(row);
      }
    this.run.counts.rowsAdded += table.append(rows);
  }

  private setSystem(values: TableRow['values'], synced: Date, change: string, version: string): void {
    this.columns.forEach((col, i) => {
      if (col.path === SYSTEM.syncedAt.path) values[i] = synced;
      else if (col.path === SYSTEM.change.path) values[i] = change;
      else if (col.path === SYSTEM.version.path) values[i] = version;
    });
  }

  /** (key|version) pairs already in the sheet, read once per slice. */
  private versionSet(table: SheetTable): Set<string> {
    if (!this.versions) {
      const keys = table.readColumn(this.tableKey);
      const versions = table.readColumn(SYSTEM.version.path);
      this.versions = new Set(keys.map((k, i) => `${cellKey(k)}|${cellKey(versions[i])}`));
    }
    return this.versions;
  }

  /** Swaps staged rows in (replace mode). */
  finish(): void {
    if (this.job.mode === 'replace') {
      const staging = this.target();
      const rows = staging.readAll().slice(1);
      const final = SheetTable.open(this.ctx.workbook, this.job.sheetName, this.columns, this.tableKey, this.tableParent);
      final.replaceAll(rows);
      this.ctx.workbook.flush();
      this.ctx.workbook.deleteSheet(staging.sheet.name);
      this.table = final;
    }
  }

  /** The finished tab's job columns, header first. */
  finalTable(): CellValue[][] {
    return this.target().readAll();
  }
}
