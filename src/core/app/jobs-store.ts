import { ConfigError } from '../errors';
import { shown } from '../jobs/checks';
import { DOCUMENT_KEYS, JOB_KEYS, JOBS_MAX_CHARS, VALUE_MAX_BYTES, migrateStoredJob } from '../store/schema';
import type { Job } from '../jobs/types';
import type { StorePort } from '../ports';
import { deleteState } from '../sync/state';
import { utf8Length } from '../util/utf8';
import type { CustomColumn } from '../catalog/custom';
import type { CustomColumnStore } from '../sync/custom-columns';
import type { Platform } from './platform';

/** A stored job as today's code reads it: shapes saved by earlier versions are migrated here. */
function readJob(json: string): Job {
  const raw = JSON.parse(json) as Record<string, unknown>;
  migrateStoredJob(raw);
  return raw as unknown as Job;
}

/** Jobs live in the spreadsheet's store, one JSON value per job (never one entry per field). */
export function listJobs(store: StorePort): Job[] {
  return store
    .keys()
    .filter((k) => k.startsWith(DOCUMENT_KEYS.jobPrefix))
    .map((k) => readJob(store.get(k) as string))
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function getJob(store: StorePort, id: string): Job {
  const raw = typeof id === 'string' ? store.get(DOCUMENT_KEYS.job(id)) : null;
  if (!raw) throw new ConfigError('id', `no job with id ${shown(id)} in this spreadsheet.`);
  return readJob(raw);
}

export function putJob(store: StorePort, job: Job): void {
  const json = JSON.stringify(job);
  if (utf8Length(json) > VALUE_MAX_BYTES)
    throw new ConfigError('fields', 'the job is too large to store; choose fewer fields or shorter column names.');
  const others = listJobs(store).filter((j) => j.id !== job.id);
  const total = others.reduce(
    (n, j) => n + DOCUMENT_KEYS.jobPrefix.length + j.id.length + JSON.stringify(j).length,
    DOCUMENT_KEYS.jobPrefix.length + job.id.length + json.length,
  );
  if (total > JOBS_MAX_CHARS) {
    throw new ConfigError(
      'fields',
      `this spreadsheet already holds ${others.length} jobs, as many as Lever Sync can keep in one spreadsheet. Delete a job you no longer need, choose fewer fields, or put this one in another spreadsheet.`,
    );
  }
  store.set(DOCUMENT_KEYS.job(job.id), json);
}

/** Removes a job, and its state and columns from its tab's store (`own`) when given. */
export function removeJob(store: StorePort, id: string, own: StorePort | null): boolean {
  if (!store.get(DOCUMENT_KEYS.job(id))) return false;
  store.delete(DOCUMENT_KEYS.job(id));
  store.delete(DOCUMENT_KEYS.synced(id));
  if (own) {
    own.delete(JOB_KEYS.columns(id));
    deleteState(own, id);
  }
  return true;
}

/** A job's custom-field columns, one JSON document property. */
export function customColumnStore(p: Platform, job: Pick<Job, 'id' | 'sheetName'>): CustomColumnStore {
  const key = JOB_KEYS.columns(job.id);
  const store = p.jobStore(job.sheetName);
  return {
    load: () => JSON.parse(store.get(key) ?? '[]') as CustomColumn[],
    save: (cols) => store.set(key, JSON.stringify(cols)),
  };
}
