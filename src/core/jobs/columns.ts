import { CATALOG, fieldDef } from '../catalog/objects';
import { splitRef } from '../catalog/refs';
import type { Column, Job } from './types';

/** Columns that the engine adds itself; their paths start with '$' so no Lever field can clash. */
export const SYSTEM = {
  syncedAt: { path: '$syncedAt', header: 'Synced at', type: 'date' },
  change: { path: '$change', header: 'Change', type: 'text' },
  version: { path: '$version', header: 'Version', type: 'text' },
} as const satisfies Record<string, Column>;

/** The record field that links a child row to its parent opportunity. */
export const PARENT_FIELD = 'opportunityId';

/**
 * The columns a job writes, in order. The record key (and for children the parent id) is always
 * there, because rows are matched by it; append mode adds when and what changed.
 */
export function jobColumns(job: Job): Column[] {
  const entry = CATALOG[job.object];
  const cols: Column[] = job.fields.map((spec) => {
    const path = typeof spec === 'string' ? spec : spec.path;
    const def = fieldDef(job.object, path);
    const header = typeof spec === 'string' ? def?.label ?? path : spec.column;
    const ref = fieldDef(job.object, splitRef(path).base)?.ref;
    return splitRef(path).attr && ref ? { path, header, type: def?.type ?? 'text', ref } : { path, header, type: def?.type ?? 'text' };
  });
  const ensure = (path: string, front: boolean) => {
    if (cols.some((c) => c.path === path)) return;
    const def = fieldDef(job.object, path);
    const col: Column = { path, header: def?.label ?? path, type: def?.type ?? 'id' };
    if (front) cols.unshift(col);
    else cols.push(col);
  };
  if (entry.source.kind !== 'list') ensure(PARENT_FIELD, true);
  ensure(entry.key, true);
  if (job.mode === 'append') cols.push(SYSTEM.syncedAt, SYSTEM.change, SYSTEM.version);
  return cols;
}

export function keyColumn(job: Job): Column {
  const key = CATALOG[job.object].key;
  return jobColumns(job).find((c) => c.path === key) as Column;
}
