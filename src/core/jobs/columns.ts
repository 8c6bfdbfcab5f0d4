import { CATALOG, fieldDef } from '../catalog/objects';
import { CUSTOM_FIELDS, CUSTOM_PREFIX, type CustomColumn } from '../catalog/custom';
import { splitRef } from '../catalog/refs';
import type { FieldType, Tally } from '../catalog/types';
import type { Column, FieldSpec, Job } from './types';

/** Columns that the engine adds itself; their paths start with '$' so no Lever field can clash. */
export const SYSTEM = {
  syncedAt: { path: '$syncedAt', header: 'Synced at', type: 'date' },
  change: { path: '$change', header: 'Change', type: 'text' },
  /** Lever's updatedAt (a number: '0' keeps Sheets from showing 1.7E+12), or a content hash. */
  version: { path: '$version', header: 'Version', type: 'number', format: '0' },
  /** Upsert with removed: 'mark': why the candidate's row stays although Lever removed them. */
  removed: { path: '$removed', header: 'Removed in Lever', type: 'text' },
  /** With one row per list element: the record id plus the element's position. */
  rowKey: { path: '$rowKey', header: 'Row key', type: 'id' },
  /** Append with hashChain: SHA-256 of the row above's hash and this row's cells (sync/hash-chain.ts). */
  rowHash: { path: '$rowHash', header: 'Row hash', type: 'id' },
  /** Candidates with a resume copy: the mirrored file's address (app/resumes.ts fills it after each run). */
  resume: { path: '$resume', header: 'Resume', type: 'url', linkText: 'Open resume', afterRun: true },
} as const satisfies Record<string, Column>;

/** The record field that links a child row to its parent opportunity. */
export const PARENT_FIELD = 'opportunityId';

/** Up to this many numbered columns for one list field. */
export const DEFAULT_NUMBERED = 5;

const DATE_NAME = /(At|Until|Date|date|start|end)$/;

/** The type of one element of a list field, when a column shows a single element. */
function elementType(path: string): FieldType {
  return DATE_NAME.test(splitRef(path).base.split('.').pop() ?? '') && !splitRef(path).attr ? 'date' : 'text';
}

function specColumns(job: Job, spec: FieldSpec, custom: CustomColumn[]): Column[] {
  const path = typeof spec === 'string' ? spec : spec.path;
  if (path === CUSTOM_FIELDS) {
    const source = CATALOG[job.object].custom;
    const pii = source?.kind === 'form' && source.pii === true;
    // Custom date fields are calendar days (Lever sends midnight UTC), also when saved as 'date' before.
    return custom.map((c) => ({
      path: `${CUSTOM_PREFIX}${c.id}`,
      header: c.label,
      type: c.type === 'date' ? 'day' : c.type,
      ...(pii ? { pii } : {}),
    }));
  }
  const def = fieldDef(job.object, path);
  const header = (typeof spec === 'string' ? undefined : spec.column) ?? def?.label ?? path;
  const ref = splitRef(path).attr ? fieldDef(job.object, splitRef(path).base)?.ref : undefined;
  const pii = !!fieldDef(job.object, splitRef(path).base)?.pii;
  const base: Column = {
    path,
    header,
    type: def?.type ?? 'text',
    ...(ref ? { ref } : {}),
    ...(pii ? { pii } : {}),
    ...(def?.linkText ? { linkText: def.linkText } : {}),
    ...(def?.derive ? { derive: def.derive } : {}),
  };
  const mode = typeof spec === 'string' ? 'join' : (spec.array ?? 'join');
  switch (mode) {
    case 'first':
      return [{ ...base, type: elementType(path), pickList: { kind: 'first' } }];
    case 'count':
      return [{ ...base, type: 'number', pickList: { kind: 'count' } }];
    case 'json':
      return [{ ...base, type: 'json', pickList: { kind: 'json' } }];
    case 'numbered': {
      const max = (typeof spec === 'string' ? undefined : spec.max) ?? DEFAULT_NUMBERED;
      return Array.from({ length: max }, (_, index) => ({
        ...base,
        header: `${header} ${index + 1}`,
        type: elementType(path),
        pickList: { kind: 'nth' as const, index },
      }));
    }
    default:
      return [base];
  }
}

/** The field a job explodes into one row per element, if any. */
export function explodedPath(job: Job): string | null {
  const spec = job.fields.find((f) => typeof f !== 'string' && f.array === 'explode');
  return spec && typeof spec !== 'string' ? splitRef(spec.path).base : null;
}

/**
 * The columns a job writes, in order. The record key (and for children the parent id) is always
 * there, because rows are matched by it; append mode adds when and what changed; one row per
 * list element adds a row key.
 */
export function jobColumns(job: Job, custom: CustomColumn[] = []): Column[] {
  const entry = CATALOG[job.object];
  // Personal data left out: its columns are not written at all.
  const cols: Column[] = job.fields
    .flatMap((spec) => specColumns(job, spec, custom))
    .filter((c) => !(c.pii && job.personalData === 'exclude'));
  // Ids a job left out still come, at the right: people read names, rows are matched by ids.
  const ensure = (path: string) => {
    if (cols.some((c) => c.path === path && !c.pickList)) return;
    const def = fieldDef(job.object, path);
    cols.push({ path, header: def?.label ?? path, type: def?.type ?? 'id' });
  };
  ensure(entry.key);
  if (entry.source.kind !== 'list') ensure(PARENT_FIELD);
  if (explodedPath(job)) cols.push(SYSTEM.rowKey);
  if (job.mode === 'upsert' && job.removed === 'mark') cols.push(SYSTEM.removed);
  if (job.mode === 'append') cols.push(SYSTEM.syncedAt, SYSTEM.change, SYSTEM.version);
  if (job.mode === 'append' && job.hashChain) cols.push(SYSTEM.rowHash);
  // A history tab keeps what each version was: a link that follows the latest file is not that.
  if (job.resumes && job.mode !== 'append') cols.push(SYSTEM.resume);
  return cols;
}

/** The columns a job's rows are matched by: the record key (or row key), and the parent's. */
export function tableKeyPaths(job: Job): { key: string; parent?: string } {
  const entry = CATALOG[job.object];
  const exploded = explodedPath(job);
  const parent = entry.source.kind !== 'list' ? PARENT_FIELD : exploded ? entry.key : undefined;
  return { key: exploded ? SYSTEM.rowKey.path : entry.key, ...(parent ? { parent } : {}) };
}

/** The lists a job's tally columns need read per candidate (none for most jobs: each costs a request per candidate). */
export function talliesOf(job: Pick<Job, 'object' | 'fields'>): Tally[] {
  const wanted = new Set<Tally>();
  for (const spec of job.fields) {
    const tally = fieldDef(job.object, typeof spec === 'string' ? spec : spec.path)?.tally;
    if (tally) wanted.add(tally);
  }
  return [...wanted];
}

/** Whether a job re-reads every candidate's lists now and then: children, and tally columns, change without their candidate. */
export function rereadsCandidates(job: Pick<Job, 'object' | 'fields'>): boolean {
  return CATALOG[job.object].incremental.kind === 'parent' || talliesOf(job).length > 0;
}
