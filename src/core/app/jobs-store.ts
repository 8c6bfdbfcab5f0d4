import { ConfigError } from '../errors';
import type { Job } from '../jobs/types';
import type { StorePort } from '../ports';
import { PROPERTY_MAX_BYTES, deleteState } from '../sync/state';
import { utf8Length } from '../util/utf8';

const PREFIX = 'job:';

/** Jobs live in document properties, one JSON value per job (never one property per field). */
export function listJobs(store: StorePort): Job[] {
  return store
    .keys()
    .filter((k) => k.startsWith(PREFIX))
    .map((k) => JSON.parse(store.get(k) as string) as Job)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function getJob(store: StorePort, id: string): Job {
  const raw = typeof id === 'string' ? store.get(PREFIX + id) : null;
  if (!raw) throw new ConfigError('id', `no job with id ${JSON.stringify(id)} in this spreadsheet.`);
  return JSON.parse(raw) as Job;
}

/**
 * The spreadsheet keeps its jobs in developer metadata, at most 30,000 characters for the whole
 * spreadsheet; what is left is room for the schedule owner, the lease and jobs' state before
 * their tab exists.
 */
export const JOBS_MAX_CHARS = 24_000;

export function putJob(store: StorePort, job: Job): void {
  const json = JSON.stringify(job);
  if (utf8Length(json) > PROPERTY_MAX_BYTES)
    throw new ConfigError('fields', 'the job is too large to store; choose fewer fields or shorter column names.');
  const others = listJobs(store).filter((j) => j.id !== job.id);
  const total = others.reduce(
    (n, j) => n + PREFIX.length + j.id.length + JSON.stringify(j).length,
    PREFIX.length + job.id.length + json.length,
  );
  if (total > JOBS_MAX_CHARS) {
    throw new ConfigError(
      'fields',
      `this spreadsheet already holds ${others.length} jobs, as many as Lever Sync can keep in one spreadsheet. Delete a job you no longer need, choose fewer fields, or put this one in another spreadsheet.`,
    );
  }
  store.set(PREFIX + job.id, json);
}

/** Removes a job, and its state and columns from its tab's store (`own`) when given. */
export function removeJob(store: StorePort, id: string, own: StorePort | null): boolean {
  if (!store.get(PREFIX + id)) return false;
  store.delete(PREFIX + id);
  if (own) {
    own.delete(`columns:${id}`);
    deleteState(own, id);
  }
  return true;
}
