import { rowsLeft } from './row-limit';
import { CATALOG } from '../catalog/objects';
import type { Job } from '../jobs/types';
import { InvalidOffsetError } from '../lever/client';
import { nextToken } from '../lever/paginator';
import type { CellValue } from '../ports';
import type { SyncContext } from './context';
import { LookupResolver } from './lookups';
import { RowBuilder } from './row-builder';
import { protector, type LeverRecord } from './rows';
import {
  PAGE_SIZE,
  childRecords,
  fetchDeletionsPage,
  fetchParentPage,
  fetchWholeList,
  listedEntry,
  matchesFilters,
  parentBatchSize,
  type ParentPage,
} from './source';
import { OVERLAP_MS, maxOf, type JobState, type RunCheckpoint } from './state';
import { SheetTable } from './table';
import { writerFor, type ModeWriter } from './writers';

/** Records of a list read ahead before one write (about 10 pages). */
const WRITE_BATCH_RECORDS = 1000;
/**
 * A fan-out writes the children of this many parents at once (a write costs about as much for 20
 * as for 100), or what it fetched in this long, whichever comes first: a cut execution loses at
 * most that much fetching, however slow Lever answers.
 */
const FANOUT_WRITE_PARENTS = 100;
const FANOUT_WRITE_MS = 10_000;

function spanOf(a: RunCheckpoint['span'], b: RunCheckpoint['span']): RunCheckpoint['span'] {
  if (!a || !b) return a ?? b ?? null;
  return { min: Math.min(a.min, b.min), max: Math.max(a.max, b.max) };
}

/**
 * The work of one run, as a phase machine: pages of records, then tombstones, then the finish.
 * It walks Lever; how rows reach the tab is the mode's writer's business (writers.ts).
 */
export class JobWorker {
  private readonly writer: ModeWriter;
  private readonly rows: RowBuilder;

  constructor(
    private readonly ctx: SyncContext,
    private readonly job: Job,
    private readonly run: RunCheckpoint,
    private readonly state: JobState,
    private readonly checkpoint: () => void,
    partners: Job[] = [],
    private readonly firstRuns = new Set<string>(),
  ) {
    const lookups = new LookupResolver(ctx.client, ctx.cache);
    const builder = (j: Job) =>
      new RowBuilder(j, {
        resolve: (table, id, attr) => lookups.resolve(table, id, attr),
        protect: protector(j.personalData, ctx.crypto, ctx.salt),
        zone: ctx.zone,
        now: () => ctx.clock.now(),
        customColumns: j === job ? ctx.customColumns : (ctx.partnerColumns?.(j) ?? ctx.customColumns),
      });
    const rows = (this.rows = builder(job));
    this.writer = writerFor(ctx, job, rows, run.counts);
    for (const p of partners) {
      const counts = run.partners?.[p.id];
      if (counts) this.partners.set(p.id, { job: p, writer: writerFor(ctx, p, builder(p), counts) });
    }
  }

  /** Partners whose tab could not be written: dropped from the run, each with its error. */
  readonly partnerFailures = new Map<string, unknown>();
  private readonly partners = new Map<string, { job: Job; writer: ModeWriter }>();

  /** The leader's writer, then each partner's; a partner that fails leaves the run, the others go on. */
  private each(act: (w: ModeWriter) => void): void {
    act(this.writer);
    for (const [id, p] of this.partners) {
      try {
        act(p.writer);
      } catch (e) {
        this.partners.delete(id);
        if (this.run.partners) delete this.run.partners[id];
        this.partnerFailures.set(id, e);
      }
    }
  }

  /** Data rows in a partner's tab now. */
  partnerRows(id: string): number {
    return this.partners.get(id)?.writer.table().rowCount() ?? 0;
  }

  /** A partner's finished tab, header first, for its exports. */
  partnerTable(id: string): CellValue[][] {
    return this.partners.get(id)!.writer.table().readAll();
  }

  step(): void {
    if (this.run.phase === 'records' || this.run.phase === 'share') this.recordsStep();
    else if (this.run.phase === 'deletions') this.deletionsStep();
  }

  /** The list the current phase reads: the run's own, or (share) every candidate created in the share's slice. */
  private listing(offset: string | null = this.run.offset): RunCheckpoint {
    const share = this.run.phase === 'share' ? this.run.share : null;
    if (!share) return { ...this.run, offset };
    return { ...this.run, offset, incremental: false, since: null, window: share };
  }

  /**
   * One page of the listed object. For children, parents are handled in batches with a checkpoint
   * after each, so a page whose fan-out outlasts an execution still moves forward.
   */
  private recordsStep(): void {
    if (listedEntry(this.job).incremental.kind === 'full') return this.wholeListStep();
    let pages;
    try {
      pages = this.readPages();
    } catch (e) {
      if (e instanceof InvalidOffsetError && this.run.offset !== null) return this.restartWindow();
      throw e;
    }
    const records = this.run.phase === 'records';
    const last = pages[pages.length - 1];
    const parentsAll = pages.flatMap((p) => p.page.parents);
    for (const p of pages) {
      if (!records) continue;
      this.run.span = spanOf(this.run.span ?? null, p.page.span);
      if (!this.run.incremental && p.page.span) this.run.createdMin = Math.min(this.run.createdMin ?? Infinity, p.page.span.min);
    }
    const key = listedEntry(this.job).key;
    const ids = (list: LeverRecord[]) => list.map((p) => String(p[key]));
    this.each((w) => w.drop(ids(parentsAll.filter((p) => !matchesFilters(this.job, p))), null));
    // Candidates anonymised in Lever: their rows go (or are marked) in upsert mode.
    const anonymised = parentsAll.filter((p) => p.isAnonymized === true && CATALOG[this.job.object].source.kind === 'list');
    const dropAnonymised = this.job.mode === 'upsert' && this.job.removed === 'delete';
    const parents = parentsAll.filter((p) => matchesFilters(this.job, p) && !(dropAnonymised && anonymised.includes(p)));
    if (this.run.pageDone === null && records)
      this.run.counts.confidential += parentsAll.filter((p) => p.confidentiality === 'confidential').length;
    if (!this.writeParents(parents)) return;
    // After the writes, so a 'mark' is not overwritten by the record's own row.
    this.each((w) => w.drop(ids(anonymised), 'anonymised'));
    this.run.pageDone = null;
    if (records) this.run.listed = (this.run.listed ?? 0) + parentsAll.length;
    if (records) for (const p of pages) this.run.maxSeen = maxOf(this.run.maxSeen, p.page.maxUpdated);
    this.run.counts.pages += pages.length;
    if (records && last.next === null && this.nextWindow()) return;
    this.advance(last.next, records && this.run.share ? 'share' : 'deletions');
  }

  /**
   * The pages this step writes. A list of records is read several pages ahead (up to
   * WRITE_BATCH_RECORDS) and written in one go: a write costs the same few calls for 100 rows or
   * 1,000. The saved position moves only after the write, so a cut execution reads them again.
   * A fan-out, or a page resumed in the middle, is one page.
   */
  private readPages(): Array<{ page: ParentPage; next: string | null }> {
    const first = fetchParentPage(this.ctx.client, this.job, this.listing());
    // Checked before any write: a page that does not advance, or promises more with no token.
    const out = [{ page: first, next: nextToken(first.path, first, this.run.offset) }];
    if (parentBatchSize(this.job) < PAGE_SIZE || this.run.pageDone !== null) return out;
    let records = first.parents.length;
    let fetchMs = 0;
    // A job with maxRowsPerRun reads no further ahead than the rows it may still write.
    const batch = Math.min(WRITE_BATCH_RECORDS, rowsLeft(this.job, this.run));
    while (records < batch && out[out.length - 1].next !== null) {
      const offset = out[out.length - 1].next;
      const t0 = this.ctx.clock.now();
      if (t0 + 2 * fetchMs > this.ctx.deadline) break;
      try {
        const page = fetchParentPage(this.ctx.client, this.job, this.listing(offset));
        out.push({ page, next: nextToken(page.path, page, offset) });
        records += page.parents.length;
      } catch {
        // Written up to here; the next step reads this page again and meets the error itself.
        break;
      }
      fetchMs = Math.max(fetchMs, this.ctx.clock.now() - t0);
    }
    return out;
  }

  /**
   * Writes the records of these parents: a list's page whole; a fan-out fetched in batches of
   * parents (each checked against the deadline) and written every FANOUT_WRITE_PARENTS, with a
   * checkpoint after each write. What was fetched before an error is written before it goes on.
   * False when the deadline came mid-page (resumed from pageDone).
   */
  private writeParents(parents: LeverRecord[]): boolean {
    const key = listedEntry(this.job).key;
    const done = this.run.pageDone;
    // Resume inside the page only if it still starts the same way; otherwise redo it (idempotent).
    let i = done && done.count <= parents.length && String(parents[done.count - 1]?.[key]) === done.lastId ? done.count : 0;
    const batch = parentBatchSize(this.job) < PAGE_SIZE ? parentBatchSize(this.job) : Math.max(1, parents.length);
    let records: LeverRecord[] = [];
    let ids = new Set<string>();
    let since = this.ctx.clock.now();
    const flush = () => {
      if (ids.size === 0) return;
      const [batch, parentIds] = [records, ids];
      this.each((w) => w.write(batch, parentIds));
      this.run.counts.records += records.length;
      [records, ids, since] = [[], new Set(), this.ctx.clock.now()];
      if (i < parents.length) {
        this.run.pageDone = { count: i, lastId: String(parents[i - 1][key]) };
        this.checkpoint();
      }
    };
    while (i < parents.length) {
      const slice = parents.slice(i, i + batch);
      try {
        records.push(...childRecords(this.ctx.client, this.job, slice, this.run.until));
      } catch (e) {
        flush();
        throw e;
      }
      for (const p of slice) ids.add(String(p[key]));
      i += slice.length;
      const now = this.ctx.clock.now();
      const late = now > this.ctx.deadline;
      if (ids.size >= FANOUT_WRITE_PARENTS || now - since >= FANOUT_WRITE_MS || i >= parents.length || late) flush();
      if (late && i < parents.length) return false;
    }
    return true;
  }

  /**
   * A saved page token stopped working (Lever's tokens may not outlive the hour between two
   * trigger runs). Reading the list again from page 1 could then never finish a list longer than
   * one execution, so where the object has a window field the rest of the list is read in
   * halves of what this window has shown so far; records before the window are done. Rewriting
   * the rows already written is harmless: every write is by key.
   */
  private restartWindow(): void {
    if (this.run.phase === 'share') {
      // A share is short: read it again from its start.
      this.run.offset = null;
      this.run.pageDone = null;
      return;
    }
    const span = this.run.span;
    if (listedEntry(this.job).window && span && span.max > span.min) {
      this.run.window = { from: this.run.window?.from ?? null, to: Math.floor((span.min + span.max) / 2) };
    }
    this.run.offset = null;
    this.run.pageDone = null;
    this.run.span = null;
  }

  /** After a window's last page: the next window runs from just past it to the end of the list. */
  private nextWindow(): boolean {
    const to = this.run.window?.to;
    if (to === undefined || to === null) return false;
    this.run.window = { from: to + 1, to: null };
    this.run.offset = null;
    this.run.span = null;
    return true;
  }

  /**
   * A list without an updated_at filter, read whole and compared with the tab: changed rows are
   * written, rows of records gone from Lever are removed (upsert) or get a 'deleted' row (append).
   */
  private wholeListStep(): void {
    const records = fetchWholeList(this.ctx.client, this.job, this.run);
    this.run.counts.records += records.length;
    this.run.listed = records.length;
    this.run.counts.pages++;
    this.each((w) => w.writeWhole(records));
    this.advance(null, 'deletions');
  }

  private deletionsStep(): void {
    // A group's run starts its tombstones at the earliest any member needs (deletionsSince).
    const since = this.run.deletionsSince ?? this.state.deletedWatermark ?? null;
    if (since === null || this.job.mode === 'replace' || !listedEntry(this.job).deletions) {
      this.advance(null, 'finish');
      return;
    }
    let page;
    try {
      page = fetchDeletionsPage(this.ctx.client, this.job, this.run, Math.max(0, since - OVERLAP_MS));
    } catch (e) {
      // A saved token that no longer fits: read the tombstones again from the start (idempotent).
      if (e instanceof InvalidOffsetError && this.run.offset !== null) {
        this.run.offset = null;
        return;
      }
      throw e;
    }
    const next = nextToken(page.path, page, this.run.offset);
    this.each((w) => w.drop(page.ids, 'deleted', page.records));
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
  /** The end of the run (replace mode: the staged rows take the live tab's place). */
  finish(): void {
    this.each((w) => w.finish());
    const zone = this.ctx.zone;
    if (!zone) return;
    const at = { ms: this.ctx.clock.now(), zone, timeZone: this.ctx.workbook.timeZone() };
    this.each((w) => w.stamp(at, this.run.incremental, this.firstRuns.has(w.jobId)));
  }

  /** Data rows in the job's tab now. */
  tabRows(): number {
    return this.writer.table().rowCount();
  }

  /** The finished tab's job columns, header first. */
  finalTable(): CellValue[][] {
    return this.writer.table().readAll();
  }

  /** The job's own tab as it is now (not a staging tab), header first. */
  liveTable(): CellValue[][] {
    const r = this.rows;
    return SheetTable.open(this.ctx.workbook, this.job.sheetName, r.columns, r.tableKey, r.tableParent).readAll();
  }
}
