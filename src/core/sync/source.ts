import { CATALOG } from '../catalog/objects';
import { InternalError } from '../errors';
import type { CatalogEntry } from '../catalog/types';
import { PARENT_FIELD } from '../jobs/columns';
import type { Job } from '../jobs/types';
import { maxUrlLength, URL_MAX_CHARS, type LeverClient } from '../lever/client';
import { listAll } from '../lever/paginator';
import type { QueryValue } from '../util/query';
import type { LeverRecord } from './rows';
import type { RunCheckpoint } from './state';
import { addTallies, talliesOf } from './tallies';

/** Lever's largest page. */
export const PAGE_SIZE = 100;

/** The top-level list a job walks: the object itself, or its parent for child objects. */
export function listedEntry(job: Job): CatalogEntry {
  const entry = CATALOG[job.object];
  return entry.source.kind === 'list' ? entry : CATALOG[entry.source.parent];
}

/**
 * Whether a listed record passes the job's filters on fields that change over time (archived,
 * stage). These are checked here rather than sent to Lever: a record that leaves the filter must
 * still be seen, so its row can be removed instead of going stale.
 */
export function matchesFilters(job: Job, record: LeverRecord): boolean {
  const f = job.filters;
  if (postingsFilteredLocally(job)) {
    if (outsidePostings.has(record) || !appliedToPostings(job, record)) return false;
  }
  if (f.archived !== undefined && (record.archived !== null && record.archived !== undefined) !== f.archived) return false;
  if (f.stageIds?.length) {
    const stage = record.stage;
    const id = stage !== null && typeof stage === 'object' ? (stage as LeverRecord).id : stage;
    if (!f.stageIds.includes(String(id))) return false;
  }
  return true;
}

/** Records of this execution whose applications (put back to ids) matched none of the postings. */
const outsidePostings = new WeakSet<LeverRecord>();

/**
 * A filter on many postings would make a URL longer than UrlFetchApp takes (about 37 postings):
 * then every record is asked for with its applications expanded and the postings are checked here.
 */
export function postingsFilteredLocally(job: Job): boolean {
  const ids = job.filters.postingIds ?? [];
  if (ids.length === 0 || listedEntry(job).source.kind !== 'list') return false;
  return (
    maxUrlLength((listedEntry(job).source as { path: string }).path, {
      ...baseParams(job, { since: 0, until: 0, incremental: true }),
      posting_id: ids,
    }) > URL_MAX_CHARS
  );
}

/** With applications expanded: whether one is for a chosen posting (ids only: judged in fetchParentPage). */
function appliedToPostings(job: Job, record: LeverRecord): boolean {
  const apps = Array.isArray(record.applications) ? (record.applications as unknown[]) : [];
  if (apps.some((a) => a === null || typeof a !== 'object')) return true;
  return apps.some((a) => job.filters.postingIds!.includes(String((a as LeverRecord).posting)));
}

/** Whether the job itself asks for applications expanded (else they are put back to ids). */
function expandsApplications(job: Job): boolean {
  const entry = CATALOG[job.object];
  return listedEntry(job).expand.includes('applications') || (entry.source.kind === 'embedded' && entry.source.expand === 'applications');
}

/**
 * Query parameters of the top-level list for this run, fixed for the whole run. Only filters on
 * fields that never change (confidentiality, posting, creation date) go to Lever.
 */
export function listParams(job: Job, run: ListRun): Record<string, QueryValue> {
  const params = baseParams(job, run);
  if (job.filters.postingIds?.length) {
    if (!postingsFilteredLocally(job)) params.posting_id = job.filters.postingIds;
    else if (!expandsApplications(job)) params.expand = [...((params.expand as string[] | undefined) ?? []), 'applications'];
  }
  return params;
}

type ListRun = Pick<RunCheckpoint, 'since' | 'until' | 'incremental' | 'window'>;

function baseParams(job: Job, run: ListRun): Record<string, QueryValue> {
  const entry = CATALOG[job.object];
  const listed = listedEntry(job);
  const f = job.filters;
  const expand = [...listed.expand];
  if (entry.source.kind === 'embedded' && entry.source.expand) expand.push(entry.source.expand);
  // Children name their candidate's posting (candidateOf): the same request, a little more data.
  else if (entry.source.kind !== 'list' && listed.name === 'opportunities') expand.push('applications');
  const params: Record<string, QueryValue> = { ...listed.params };
  if (listed.source.kind === 'list' && listed.source.paginated !== false) params.limit = PAGE_SIZE;
  if (expand.length) params.expand = expand;
  if (f.confidentiality) params.confidentiality = f.confidentiality;
  if (f.createdAfter) params.created_at_start = Date.parse(f.createdAfter);
  // Lever's created_at_end takes the records created up to it: one ms before, so the end is excluded.
  if (f.createdBefore) params.created_at_end = Date.parse(f.createdBefore) - 1;
  const w = listed.window;
  if (w && run.window) {
    const start = params[`${w.param}_start`];
    if (run.window.from !== null) params[`${w.param}_start`] = Math.max(run.window.from, typeof start === 'number' ? start : 0);
    if (run.window.to !== null) {
      const end = params[`${w.param}_end`];
      params[`${w.param}_end`] = Math.min(run.window.to, typeof end === 'number' ? end : Infinity);
    }
  }
  if (run.incremental && listed.incremental.kind === 'updatedAt') {
    params[`${listed.incremental.param}_start`] = run.since ?? 0;
    params[`${listed.incremental.param}_end`] = run.until;
  }
  return params;
}

export interface ParentPage {
  path: string;
  parents: LeverRecord[];
  /** Highest updatedAt among the listed records. */
  maxUpdated: number | null;
  /** Lowest and highest values of the entry's window field on this page. */
  span: { min: number; max: number } | null;
  hasNext: boolean;
  next?: string;
}

/** The path of the top-level list the job walks. */
export function listedPath(job: Job): string {
  const source = listedEntry(job).source;
  if (source.kind !== 'list') throw new InternalError(`${job.object} has no top-level list`);
  return source.path;
}

/** Reads one page of the top-level list the job walks. */
export function fetchParentPage(client: LeverClient, job: Job, run: RunCheckpoint): ParentPage {
  const listed = listedEntry(job);
  if (listed.source.kind !== 'list') throw new InternalError(`${listed.name} is not a top-level list`);
  const page = client.list(listed.source.path, listParams(job, run), run.offset ?? undefined);
  if (postingsFilteredLocally(job) && !expandsApplications(job)) {
    // Applications were expanded only to check postings: note the verdict, then put them back as ids.
    for (const r of page.data) {
      const apps = Array.isArray(r.applications) ? (r.applications as LeverRecord[]) : [];
      if (!apps.some((a) => a && typeof a === 'object' && job.filters.postingIds!.includes(String(a.posting)))) outsidePostings.add(r);
      if (Array.isArray(r.applications))
        r.applications = (r.applications as LeverRecord[]).map((a) => (a && typeof a === 'object' ? a.id : a));
    }
  }
  const cursor = listed.incremental.kind === 'updatedAt' ? listed.incremental.field : undefined;
  let maxUpdated: number | null = null;
  for (const p of page.data) {
    const v = cursor ? p[cursor] : undefined;
    if (typeof v === 'number' && (maxUpdated === null || v > maxUpdated)) maxUpdated = v;
  }
  let span: ParentPage['span'] = null;
  for (const p of page.data) {
    const v = listed.window ? p[listed.window.field] : undefined;
    if (typeof v === 'number') span = span ? { min: Math.min(span.min, v), max: Math.max(span.max, v) } : { min: v, max: v };
  }
  return { path: listed.source.path, parents: page.data, maxUpdated, span, hasNext: page.hasNext, next: page.next };
}

/** Every record of a list without an updated_at filter, read in one step (users, stages, tags…). */
export function fetchWholeList(client: LeverClient, job: Job, run: RunCheckpoint): LeverRecord[] {
  const listed = listedEntry(job);
  if (listed.source.kind !== 'list') throw new InternalError(`${listed.name} is not a top-level list`);
  return listAll(client, listed.source.path, listParams(job, run));
}

/** How many parents' children are fetched between checkpoints (two parallel bursts). */
export function parentBatchSize(job: Job): number {
  return CATALOG[job.object].source.kind === 'child' || talliesOf(job).length > 0 ? 20 : PAGE_SIZE;
}

/**
 * The job's records under some listed parents: the parents themselves, their embedded or fetched
 * children. `at`: the run's time, from which `upcomingDays` counts.
 */
export function childRecords(client: LeverClient, job: Job, parents: LeverRecord[], at: number): LeverRecord[] {
  const entry = CATALOG[job.object];
  const soft = entry.softDelete;
  if (listedEntry(job).name === 'opportunities') addTallies(client, job, parents);
  let records = fetchChildren(client, job, parents);
  // Lever still lists soft-deleted feedback, notes and forms.
  if (soft) records = records.filter((r) => r[soft] === null || r[soft] === undefined);
  const days = job.filters.upcomingDays;
  const when = entry.upcoming;
  if (days !== undefined && when) {
    const end = at + days * 24 * 3600_000;
    records = records.filter((r) => {
      const start = r[when.start];
      return typeof start === 'number' && start >= at && start <= end && (r[when.canceled] === null || r[when.canceled] === undefined);
    });
  }
  return records;
}

function fetchChildren(client: LeverClient, job: Job, parents: LeverRecord[]): LeverRecord[] {
  const source = CATALOG[job.object].source;
  if (source.kind === 'list') return parents;
  if (source.kind === 'embedded') {
    if (source.derive === 'stageHistory')
      return parents.flatMap((p) => stageHistory(p, asRecords(p[source.field])).map((c) => withParent(c, p)));
    return parents.flatMap((p) => asRecords(p[source.field]).map((c) => withParent(c, p)));
  }
  const paths = parents.map((p) => source.path.replace(':id', encodeURIComponent(String(p.id))));
  const params: Record<string, QueryValue> = source.paginated ? { limit: PAGE_SIZE } : {};
  const firstPages = client.listMany(paths, params);
  return parents.flatMap((p, i) => {
    const first = firstPages[i];
    // null: the parent vanished between the list and this call; its deletion comes later.
    if (first === null) return [];
    return listAll(client, paths[i], params, first).map((c) => withParent(c, p));
  });
}

/**
 * One row per stage an opportunity entered, oldest first: when it entered, when it left (the next
 * change) and the minutes in between. The id is the opportunity's plus the position, which Lever
 * keeps stable because stageChanges only grows.
 */
function stageHistory(opp: LeverRecord, changes: LeverRecord[]): LeverRecord[] {
  const sorted = changes.map((c, i) => ({ c, i })).sort((a, b) => Number(a.c.updatedAt) - Number(b.c.updatedAt) || a.i - b.i);
  return sorted.map(({ c }, n) => {
    const next = sorted[n + 1]?.c.updatedAt;
    const entered = typeof c.updatedAt === 'number' ? c.updatedAt : null;
    const left = typeof next === 'number' ? next : null;
    return {
      ...c,
      id: `${String(opp.id)}#${n}`,
      [PARENT_FIELD]: opp.id,
      leftAt: left,
      minutesInStage: entered !== null && left !== null ? Math.round((left - entered) / 60_000) : null,
    };
  });
}

function asRecords(value: unknown): LeverRecord[] {
  return Array.isArray(value) ? value.filter((v): v is LeverRecord => v !== null && typeof v === 'object') : [];
}

/**
 * Children carry their opportunity's id, whether or not Lever includes it, and who the candidate
 * is (the catalog's Candidate, Posting and Candidate link columns).
 */
function withParent(child: LeverRecord, parent: LeverRecord): LeverRecord {
  return { ...child, [PARENT_FIELD]: child[PARENT_FIELD] ?? parent.id, candidate: candidateOf(parent) };
}

/** The candidate's name, posting (of their application; applications are expanded for children), Lever page, stage, sources and tallies. */
function candidateOf(opp: LeverRecord): LeverRecord {
  const apps = Array.isArray(opp.applications) ? (opp.applications as unknown[]) : [];
  const app = apps.find((a): a is LeverRecord => a !== null && typeof a === 'object');
  const urls = opp.urls !== null && typeof opp.urls === 'object' ? (opp.urls as LeverRecord) : {};
  const stage = opp.stage !== null && typeof opp.stage === 'object' ? (opp.stage as LeverRecord).id : opp.stage;
  return {
    name: opp.name ?? null,
    posting: app?.posting ?? null,
    link: urls.show ?? null,
    stage: stage ?? null,
    sources: opp.sources ?? [],
    ...(opp.tally !== null && typeof opp.tally === 'object' ? (opp.tally as LeverRecord) : {}),
  };
}

/** One page of tombstones of the listed object, deleted in (since, until]. */
export function fetchDeletionsPage(
  client: LeverClient,
  job: Job,
  run: RunCheckpoint,
  since: number,
): { path: string; ids: string[]; records: LeverRecord[]; hasNext: boolean; next?: string } {
  const listed = listedEntry(job);
  const del = listed.deletions;
  if (!del) return { path: '', ids: [], records: [], hasNext: false };
  const params: Record<string, QueryValue> = { limit: PAGE_SIZE, [`${del.param}_start`]: since, [`${del.param}_end`]: run.until };
  const page = client.list(del.path, params, run.offset ?? undefined);
  return { path: del.path, ids: page.data.map((r) => String(r[listed.key])), records: page.data, hasNext: page.hasNext, next: page.next };
}
