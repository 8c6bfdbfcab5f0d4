import { validateAlerts } from './alerts';
import { validateSplit } from './split';
import { validateResumes } from './resumes';
import { CATALOG, OBJECT_NAMES, isObjectName } from '../catalog/objects';
import { ConfigError } from '../errors';
import { integerIn, oneOf, plainObject, rejectUnknownKeys, shown, validateSheetName } from './checks';
import type { FieldSpec, Job, JobFilters, RetrySettings, Schedule, ScheduleEvery, SyncMode } from './types';
import { DEFAULT_RETRY } from '../lever/retry';
import { validateExports } from '../export/config';
import { rereadsCandidates } from './columns';
import { dashboardFields, needsDashboardFields, validateDashboard } from './dashboard';

const JOB_KEYS = [
  'id',
  'createdAt',
  'name',
  'object',
  'fields',
  'mode',
  'incremental',
  'sheetName',
  'filters',
  'exports',
  'mirror',
  'schedule',
  'reconcile',
  'personalData',
  'removed',
  'enabled',
  'savedBy',
  'dashboard',
  'retry',
  'maxRowsPerRun',
  'alerts',
  'hashChain',
  'splitBy',
  'resumes',
];
const MODES: SyncMode[] = ['upsert', 'append', 'replace'];
const EVERY: ScheduleEvery[] = ['manual', 'hour', 'day', 'week', 'once'];

function isoTime(value: unknown, field: string): number {
  const ms = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) {
    throw new ConfigError(field, `must be a date such as 2026-12-01 or 2026-12-01T09:00:00Z (got ${shown(value)}).`);
  }
  return ms;
}

function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
    throw new ConfigError(field, 'must be a list of ids.');
  }
  return value as string[];
}

export function validateFields(object: Job['object'], value: unknown): FieldSpec[] {
  const entry = CATALOG[object];
  if (value === undefined) return [...entry.defaults];
  if (!Array.isArray(value) || value.length === 0) {
    throw new ConfigError('fields', 'must be a non-empty list of field paths (or leave it out for the defaults).');
  }
  const known = new Set(entry.fields.map((f) => f.path));
  const columns = new Set<string>();
  let explodes = 0;
  return value.map((spec, i) => {
    const path = typeof spec === 'string' ? spec : (spec as { path?: unknown })?.path;
    if (typeof spec === 'object' && spec !== null)
      rejectUnknownKeys(spec as Record<string, unknown>, ['path', 'column', 'array', 'max'], `fields[${i}]`);
    if (typeof path !== 'string' || !known.has(path)) {
      const near = entry.fields.map((f) => f.path).filter((p) => typeof path === 'string' && (p.includes(path) || path.includes(p)));
      const hint = near.length ? ` Did you mean ${near.slice(0, 3).join(', ')}?` : ` Use listFields('${object}') to see them all.`;
      throw new ConfigError(`fields[${i}]`, `${shown(path)} is not a field of ${object}.${hint}`);
    }
    if (typeof spec !== 'object') return path;
    const o = spec as { column?: unknown; array?: unknown; max?: unknown };
    const out: Exclude<FieldSpec, string> = { path };
    if (o.column !== undefined) {
      if (typeof o.column !== 'string' || o.column.trim() === '')
        throw new ConfigError(`fields[${i}].column`, 'must be a non-empty column name.');
      if (columns.has(o.column)) throw new ConfigError(`fields[${i}].column`, `"${o.column}" is used twice.`);
      columns.add(o.column);
      out.column = o.column;
    }
    if (o.array !== undefined) {
      out.array = oneOf(o.array, ['join', 'first', 'count', 'json', 'numbered', 'explode'] as const, `fields[${i}].array`);
      if (entry.fields.find((f) => f.path === path)?.type !== 'list')
        throw new ConfigError(`fields[${i}].array`, `${path} holds one value, not a list.`);
      if (out.array === 'explode' && ++explodes > 1)
        throw new ConfigError(`fields[${i}].array`, 'only one field per job can give one row per element.');
    }
    if (o.max !== undefined) {
      if (out.array !== 'numbered') throw new ConfigError(`fields[${i}].max`, 'applies only to array: "numbered".');
      out.max = integerIn(o.max, 1, 50, `fields[${i}].max`);
    }
    return out;
  });
}

function validateFilters(object: Job['object'], value: unknown): JobFilters {
  if (value === undefined) return {};
  const obj = plainObject(value, 'filters');
  rejectUnknownKeys(
    obj,
    ['archived', 'confidentiality', 'postingIds', 'stageIds', 'createdAfter', 'createdBefore', 'upcomingDays'],
    'filters',
  );
  const allowed: string[] = CATALOG[object].filters;
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) {
      throw new ConfigError(
        `filters.${k}`,
        `does not apply to ${object}${allowed.length ? ` (it takes ${allowed.join(', ')})` : ' (it takes no filters)'}.`,
      );
    }
  }
  const out: JobFilters = {};
  if (obj.archived !== undefined && obj.archived !== null) {
    if (typeof obj.archived !== 'boolean')
      throw new ConfigError('filters.archived', 'must be true (only archived), false (only active), or left out (both).');
    out.archived = obj.archived;
  }
  if (obj.confidentiality !== undefined)
    out.confidentiality = oneOf(obj.confidentiality, ['non-confidential', 'confidential', 'all'] as const, 'filters.confidentiality');
  if (obj.postingIds !== undefined) out.postingIds = stringList(obj.postingIds, 'filters.postingIds');
  if (obj.stageIds !== undefined) out.stageIds = stringList(obj.stageIds, 'filters.stageIds');
  if (obj.createdAfter !== undefined) {
    isoTime(obj.createdAfter, 'filters.createdAfter');
    out.createdAfter = obj.createdAfter as string;
  }
  if (obj.createdBefore !== undefined) {
    const before = isoTime(obj.createdBefore, 'filters.createdBefore');
    if (out.createdAfter !== undefined && before <= Date.parse(out.createdAfter))
      throw new ConfigError('filters.createdBefore', `must come after createdAfter (${out.createdAfter}), or the range holds nothing.`);
    out.createdBefore = obj.createdBefore as string;
  }
  if (obj.upcomingDays !== undefined) out.upcomingDays = integerIn(obj.upcomingDays, 1, 365, 'filters.upcomingDays');
  return out;
}

/** A window of upcoming interviews moves every day: only a whole rewrite lets the past ones leave the tab. */
function upcomingInReplace(filters: JobFilters, mode: SyncMode): JobFilters {
  if (filters.upcomingDays !== undefined && mode !== 'replace')
    throw new ConfigError(
      'filters.upcomingDays',
      'needs mode "replace", so interviews that have passed leave the tab; set the mode to replace.',
    );
  return filters;
}

export function validateSchedule(value: unknown, now: number): Schedule {
  if (value === undefined) return { every: 'manual' };
  const obj = plainObject(value, 'schedule');
  rejectUnknownKeys(obj, ['every', 'hour', 'weekday', 'at'], 'schedule');
  const every = oneOf(obj.every, EVERY, 'schedule.every');
  const allowed: Record<ScheduleEvery, string[]> = { manual: [], hour: [], day: ['hour'], week: ['hour', 'weekday'], once: ['at'] };
  for (const k of ['hour', 'weekday', 'at']) {
    if (obj[k] !== undefined && !allowed[every].includes(k)) {
      throw new ConfigError(`schedule.${k}`, `does not apply to a schedule that runs every '${every}'.`);
    }
  }
  const schedule: Schedule = { every };
  if (every === 'day' || every === 'week') schedule.hour = integerIn(obj.hour ?? 6, 0, 23, 'schedule.hour');
  if (every === 'week') schedule.weekday = integerIn(obj.weekday ?? 1, 0, 6, 'schedule.weekday');
  if (every === 'once') {
    if (obj.at === undefined) throw new ConfigError('schedule.at', 'is needed for a schedule that runs once: give a date-time.');
    const at = isoTime(obj.at, 'schedule.at');
    if (at < now - 60_000) throw new ConfigError('schedule.at', `is in the past (${obj.at}); pick a future time.`);
    schedule.at = obj.at as string;
  }
  return schedule;
}

/** How often every candidate is read again: objects read per candidate and tally columns only. */
function validateReconcile(value: unknown, object: Job['object'], fields: FieldSpec[]): Job['reconcile'] {
  const applies = rereadsCandidates({ object, fields });
  // 'never' is what a saved job of another object carries, so a job read back can be saved again.
  if (value !== undefined && value !== 'never' && !applies)
    throw new ConfigError(
      'reconcile',
      `applies only to objects read per opportunity and to tally columns (interviews, scorecards); ${object} is always read in full or by its own update time.`,
    );
  if (value === undefined) return applies ? 'weekly' : 'never';
  return oneOf(value, ['never', 'daily', 'weekly'] as const, 'reconcile');
}

/** A hash chain needs rows that are only ever added: append mode. */
function validateHashChain(value: unknown, mode: SyncMode): { hashChain?: true } {
  if (value === undefined || value === null || value === false) return {};
  if (value !== true) throw new ConfigError('hashChain', 'must be true or false.');
  if (mode !== 'append')
    throw new ConfigError('hashChain', 'needs mode "append": upsert and replace rewrite rows, which a chain of row hashes cannot follow.');
  return { hashChain: true };
}

/** A retry policy of the job's own; none when it keeps the default. */
function validateRetry(value: unknown): { retry?: RetrySettings } {
  if (value === undefined || value === null) return {};
  const obj = plainObject(value, 'retry');
  rejectUnknownKeys(obj, ['maxAttempts', 'maxWaitSeconds'], 'retry');
  const retry = {
    maxAttempts: obj.maxAttempts === undefined ? DEFAULT_RETRY.maxAttempts : integerIn(obj.maxAttempts, 1, 10, 'retry.maxAttempts'),
    maxWaitSeconds:
      obj.maxWaitSeconds === undefined ? DEFAULT_RETRY.maxDelayMs / 1000 : integerIn(obj.maxWaitSeconds, 1, 120, 'retry.maxWaitSeconds'),
  };
  const isDefault = retry.maxAttempts === DEFAULT_RETRY.maxAttempts && retry.maxWaitSeconds * 1000 === DEFAULT_RETRY.maxDelayMs;
  return isDefault ? {} : { retry };
}

/**
 * Validates a job and fills its defaults. Never mutates the input.
 * @example validateJob({ name: 'Pipeline', object: 'opportunities', sheetName: 'Pipeline' }, Date.now(), 'job_1')
 */
export function validateJob(input: unknown, now: number, newId: string): Job {
  const obj = plainObject(input, 'job');
  rejectUnknownKeys(obj, JOB_KEYS, '');
  if (!isObjectName(obj.object)) {
    throw new ConfigError(
      'object',
      `${shown(obj.object)} is not a Lever object this add-on syncs. Choose one of ${OBJECT_NAMES.join(', ')}.`,
    );
  }
  const object = obj.object;
  checkScalars(obj);
  const sheetName = validateSheetName(obj.sheetName);
  const mode = obj.mode === undefined ? 'upsert' : oneOf(obj.mode, MODES, 'mode');
  const dashboard = validateDashboard(obj.dashboard, { object, mode, sheetName });
  const split = validateSplit(
    obj.splitBy,
    object,
    dashboard && obj.fields === undefined ? dashboardFields() : validateFields(object, obj.fields),
  );
  const fields = split.fields;
  if (dashboard) needsDashboardFields(fields);
  const reconcile = validateReconcile(obj.reconcile, object, fields);
  const schedule = validateSchedule(obj.schedule, now);
  const exports = validateExports(obj.exports, obj.mirror);
  return {
    id: (obj.id as string | undefined) ?? newId,
    name: ((obj.name as string | undefined) ?? `${CATALOG[object].label} → ${sheetName}`).trim(),
    object,
    fields,
    mode,
    // Replace rewrites the tab from a full pull, so it is never incremental.
    incremental: mode === 'replace' ? false : ((obj.incremental as boolean | undefined) ?? true),
    sheetName,
    filters: upcomingInReplace(validateFilters(object, obj.filters), mode),
    exports,
    schedule,
    reconcile,
    personalData:
      obj.personalData === undefined ? 'include' : oneOf(obj.personalData, ['include', 'exclude', 'mask', 'hash'] as const, 'personalData'),
    removed: obj.removed === undefined ? 'delete' : oneOf(obj.removed, ['delete', 'mark'] as const, 'removed'),
    enabled: (obj.enabled as boolean | undefined) ?? true,
    createdAt: typeof obj.createdAt === 'number' ? obj.createdAt : now,
    savedBy: typeof obj.savedBy === 'string' ? obj.savedBy : '',
    ...(dashboard ? { dashboard } : {}),
    ...validateResumes(obj.resumes, object),
    ...optionalSettings(obj, { schedule, mode, exports, splitBy: split.splitBy }),
  };
}

function checkScalars(obj: Record<string, unknown>): void {
  if (obj.incremental !== undefined && typeof obj.incremental !== 'boolean') throw new ConfigError('incremental', 'must be true or false.');
  if (obj.enabled !== undefined && typeof obj.enabled !== 'boolean') throw new ConfigError('enabled', 'must be true or false.');
  if (obj.name !== undefined && (typeof obj.name !== 'string' || obj.name.trim() === ''))
    throw new ConfigError('name', 'must be a non-empty text.');
  if (obj.id !== undefined && (typeof obj.id !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(obj.id)))
    throw new ConfigError('id', 'must be the id saveJob returned.');
}

/** The settings a job leaves out when it keeps the default: retries, row limit, alerts, hash chain, split. */
function optionalSettings(
  obj: Record<string, unknown>,
  job: Pick<Job, 'schedule' | 'mode' | 'exports' | 'splitBy'>,
): Pick<Job, 'retry' | 'maxRowsPerRun' | 'alerts' | 'hashChain' | 'splitBy'> {
  if (job.splitBy && job.splitBy.into !== 'tabs' && job.exports.some((e) => e.layout === 'warehouse'))
    throw new ConfigError(
      'splitBy.into',
      'a warehouse copy is one table: split it into tabs only, or give the warehouse copy its own job.',
    );
  return {
    ...validateRetry(obj.retry),
    ...(obj.maxRowsPerRun === undefined || obj.maxRowsPerRun === null
      ? {}
      : { maxRowsPerRun: integerIn(obj.maxRowsPerRun, 100, 5_000_000, 'maxRowsPerRun') }),
    ...validateAlerts(obj.alerts, job.schedule),
    ...validateHashChain(obj.hashChain, job.mode),
    ...(job.splitBy ? { splitBy: job.splitBy } : {}),
  };
}
