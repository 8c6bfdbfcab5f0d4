import { CUSTOM_FIELDS, customValues } from '../catalog/custom';
import { CATALOG, OBJECT_NAMES, isObjectName } from '../catalog/objects';
import { ConfigError } from '../errors';
import { isDate } from '../format/cell';
import type { Job, JobInput } from '../jobs/types';
import { shown } from '../jobs/checks';
import { validateJob } from '../jobs/validate';
import { LookupResolver } from '../sync/lookups';
import { RowBuilder } from '../sync/row-builder';
import { protector, type LeverRecord } from '../sync/rows';
import { childRecords, fetchParentPage, matchesFilters } from '../sync/source';
import { shownValue } from '../sync/write-rows';
import { newCheckpoint } from '../sync/state';
import type { FieldInfo, Preview, PreviewCell } from '../../shared/rpc';
import { leverClient, lookupCache } from './connection';
import type { Platform } from './platform';
import { customColumnStore, privacySalt } from './run';

/**
 * What a job would write, shown before it runs: read through the same source (filters, soft
 * deletes, stage history, children) and turned into rows by the same RowBuilder as a sync, so a
 * preview and a run cannot differ.
 */

/** Children are read for this many parents at a time, until enough rows or PREVIEW_PARENTS_MAX. */
const PREVIEW_BATCH = 10;
const PREVIEW_PARENTS_MAX = 40;
const PREVIEW_ROWS = 10;

/** A cell as JSON can carry it: dates as ISO text. */
export function jsonCell(v: unknown): PreviewCell {
  if (v === null || v === undefined) return null;
  if (isDate(v)) return v.toISOString();
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/** The first page of the job's list, as a full run would read it: its records, or its first parents' children. */
function firstRecords(p: Platform, job: Job): LeverRecord[] {
  const client = leverClient(p);
  const run = newCheckpoint('preview', p.clock.now(), null);
  const parents = fetchParentPage(client, job, run).parents.filter((r) => matchesFilters(job, r) && r.isAnonymized !== true);
  if (CATALOG[job.object].source.kind !== 'child') return childRecords(client, job, parents, p.clock.now());
  // Some children are sparse (offers, referrals): read a few more parents until some show up.
  const out: LeverRecord[] = [];
  for (let i = 0; i < Math.min(parents.length, PREVIEW_PARENTS_MAX) && out.length < PREVIEW_ROWS; i += PREVIEW_BATCH) {
    out.push(...childRecords(client, job, parents.slice(i, i + PREVIEW_BATCH), p.clock.now()));
  }
  return out;
}

function rowBuilder(p: Platform, job: Job, knownColumns: ReturnType<ReturnType<typeof customColumnStore>['load']>) {
  const lookups = new LookupResolver(leverClient(p), lookupCache(p));
  const resolve = (t: Parameters<LookupResolver['resolve']>[0], id: string, attr: string) => lookups.resolve(t, id, attr);
  // Custom columns as the job has them so far; new ones are shown but not remembered.
  const builder = new RowBuilder(job, {
    resolve,
    protect: protector(job.personalData, p.crypto, privacySalt(p)),
    zone: p.zone,
    now: () => p.clock.now(),
    customColumns: { load: () => knownColumns, save: () => undefined },
  });
  return { builder, resolve };
}

/** The first rows exactly as the job would write them (dates as ISO text, since JSON has no dates). */
export function previewJob(p: Platform, input: JobInput): Preview {
  const job = validateJob(input, p.clock.now(), 'preview');
  const known = typeof input.id === 'string' ? customColumnStore(p, { id: input.id, sheetName: job.sheetName }).load() : [];
  const { builder } = rowBuilder(p, job, known);
  const records = firstRecords(p, job);
  builder.discover(records);
  const rows = records.flatMap((r) => builder.rows(r)).slice(0, PREVIEW_ROWS);
  const cols = builder.columns;
  return { header: cols.map((c) => c.header), rows: rows.map((r) => r.values.map((v, i) => jsonCell(shownValue(cols[i], v)))) };
}

/** Every column an object offers, with an example from the account when one is at hand. */
export function listFields(p: Platform, object: string): FieldInfo[] {
  if (!isObjectName(object)) throw new ConfigError('object', `${shown(object)} is not one of ${OBJECT_NAMES.join(', ')}.`);
  const entry = CATALOG[object];
  const examples = new Map<string, PreviewCell>();
  try {
    // One record from the account, turned into cells exactly as a job would write them.
    const paths = entry.fields.map((f) => f.path).filter((f) => f !== CUSTOM_FIELDS);
    const job = validateJob({ object, sheetName: 'preview', fields: paths }, p.clock.now(), 'preview');
    const sample = firstRecords(p, job)[0];
    if (sample) {
      const { builder, resolve } = rowBuilder(p, job, []);
      builder.rows(sample)[0].values.forEach((cell, i) => examples.set(builder.columns[i].path, jsonCell(cell)));
      if (entry.custom) {
        const labels = customValues(sample, entry.custom, (id, attr) => resolve('requisition_fields', id, attr)).map((v) => v.label);
        examples.set(CUSTOM_FIELDS, labels.join(', ') || null);
      }
    }
  } catch {
    // No key or no records yet: the list is still useful without examples.
  }
  return entry.fields.map((f) => ({
    path: f.path,
    label: f.label,
    type: f.type,
    pii: !!f.pii,
    default: entry.defaults.includes(f.path),
    defaultPosition: entry.defaults.includes(f.path) ? entry.defaults.indexOf(f.path) : null,
    example: examples.get(f.path) ?? null,
  }));
}
