import type { FieldInfo, FieldSpec, Job, JobInput, ObjectInfo, Schedule } from '../../src/shared/rpc';
import type { PersonalData, Reconcile, Removed } from '../../src/shared/job';
import { resumesDraft, resumesError, resumesInput, type ResumesDraft } from './resumes';
import { firstExport } from './copy';

export type ArrayMode = 'join' | 'first' | 'count' | 'json' | 'numbered' | 'explode';

/** One chosen column in the editor. */
export interface DraftField {
  path: string;
  column: string;
  array: ArrayMode;
}

/** The job being edited, in the shape the form needs. */
export interface Draft extends ResumesDraft {
  id?: string;
  name: string;
  object: string;
  mode: 'upsert' | 'append' | 'replace';
  sheetName: string;
  fields: DraftField[];
  archived: 'any' | 'active' | 'archived';
  confidentiality: 'non-confidential' | 'all';
  stageIds: string[];
  postingIds: string[];
  /** yyyy-mm-dd, or '' for no limit. */
  createdAfter: string;
  createdBefore: string;
  /** Interviews and panels: days ahead, or '' for every one. */
  upcomingDays: string;
  mirror: 'none' | 'csv' | 'csv.gz' | 'xlsx';
  mirrorKeep: 'latest' | 'history';
  /** Where the copy goes; for Azure, the container and a folder in it; for S3, the bucket (secrets are saved apart). */
  copyTo: 'drive' | 'azure' | 's3';
  /** The job's retry policy ('' keeps the default: 6 tries, 30 s at most between them). */
  retryAttempts: string;
  retryWait: string;
  /** The job's maxRowsPerRun ('' for no limit). */
  maxRows: string;
  /** Append: the Row hash column. */
  hashChain: boolean;
  /** One tab or file per value ('' for none). */
  splitBy: '' | 'posting' | 'team' | 'department' | 'location';
  splitInto: 'tabs' | 'files' | 'both';
  /** Alerts: addresses ('' for the schedule owner), recovery mail, stale threshold in hours ('' for none), digest, webhook. */
  alertTo: string;
  alertRecovery: boolean;
  staleHours: string;
  digest: boolean;
  alertWebhook: boolean;
  containerUrl: string;
  prefix: string;
  bucket: string;
  region: string;
  /** An S3-compatible service's address, '' for AWS. */
  endpoint: string;
  encryption: '' | 'AES256' | 'aws:kms';
  /** Object stores: the warehouse layout (date partitions, a schema file). */
  warehouse: boolean;
  /** Object stores: a path template for the files ('' for the tab's name). */
  path: string;
  /** Drive: a folder of the add-on's for the copy ('' for its own folder). */
  driveFolder: string;
  schedule: Schedule;
  enabled: boolean;
  personalData: PersonalData;
  removed: Removed;
  /** null: the server's default for the object (weekly for per-candidate objects, none for the others). */
  reconcile: Reconcile | null;
}

/** A new job's columns: the object's defaults, in the catalog's order for them (names first, ids at the right). */
export function defaultFields(fields: FieldInfo[]): Draft['fields'] {
  return fields
    .filter((f) => f.default)
    .sort((a, b) => (a.defaultPosition ?? 0) - (b.defaultPosition ?? 0))
    .map((f) => ({ path: f.path, column: '', array: 'join' }));
}

export function newDraft(object: string, fields: FieldInfo[]): Draft {
  return {
    name: '',
    object,
    mode: 'upsert',
    sheetName: '',
    fields: defaultFields(fields),
    archived: 'any',
    confidentiality: 'non-confidential',
    stageIds: [],
    postingIds: [],
    createdAfter: '',
    createdBefore: '',
    upcomingDays: '',
    mirror: 'none',
    mirrorKeep: 'latest',
    copyTo: 'drive',
    retryAttempts: '',
    retryWait: '',
    maxRows: '',
    hashChain: false,
    splitBy: '',
    splitInto: 'tabs',
    alertTo: '',
    alertRecovery: true,
    staleHours: '',
    digest: false,
    alertWebhook: false,
    containerUrl: '',
    prefix: '',
    bucket: '',
    region: '',
    endpoint: '',
    encryption: '',
    warehouse: false,
    path: '',
    driveFolder: '',
    ...resumesDraft(),
    schedule: { every: 'hour' },
    enabled: true,
    personalData: 'include',
    removed: 'delete',
    reconcile: null,
  };
}

export function draftFromJob(job: Job): Draft {
  return {
    id: job.id,
    name: job.name,
    object: job.object,
    mode: job.mode,
    sheetName: job.sheetName,
    fields: job.fields.map((f: FieldSpec) =>
      typeof f === 'string'
        ? { path: f, column: '', array: 'join' }
        : { path: f.path, column: f.column ?? '', array: (f.array as ArrayMode) ?? 'join' },
    ),
    archived: job.filters.archived === undefined ? 'any' : job.filters.archived ? 'archived' : 'active',
    confidentiality: job.filters.confidentiality === 'all' ? 'all' : 'non-confidential',
    stageIds: job.filters.stageIds ?? [],
    postingIds: job.filters.postingIds ?? [],
    createdAfter: job.filters.createdAfter ?? '',
    createdBefore: job.filters.createdBefore ?? '',
    upcomingDays: job.filters.upcomingDays === undefined ? '' : String(job.filters.upcomingDays),
    mirror: job.exports[0] ? job.exports[0].format : 'none',
    mirrorKeep: job.exports[0]?.keep ?? 'latest',
    copyTo: job.exports[0]?.to ?? 'drive',
    retryAttempts: job.retry ? String(job.retry.maxAttempts) : '',
    retryWait: job.retry ? String(job.retry.maxWaitSeconds) : '',
    maxRows: job.maxRowsPerRun ? String(job.maxRowsPerRun) : '',
    hashChain: job.hashChain === true,
    splitBy: job.splitBy?.by ?? '',
    splitInto: job.splitBy?.into ?? 'tabs',
    alertTo: job.alerts?.to?.join(', ') ?? '',
    alertRecovery: job.alerts?.onRecovery ?? true,
    staleHours: job.alerts?.staleAfterHours ? String(job.alerts.staleAfterHours) : '',
    digest: job.alerts?.digest ?? false,
    alertWebhook: job.alerts?.webhook ?? false,
    containerUrl: job.exports[0]?.containerUrl ?? '',
    prefix: job.exports[0]?.prefix ?? '',
    bucket: job.exports[0]?.bucket ?? '',
    region: job.exports[0]?.region ?? '',
    endpoint: job.exports[0]?.endpoint ?? '',
    encryption: job.exports[0]?.encryption ?? '',
    warehouse: job.exports[0]?.layout === 'warehouse',
    path: job.exports[0]?.path ?? '',
    driveFolder: job.exports[0]?.folder ?? '',
    ...resumesDraft(job),
    schedule: job.schedule,
    enabled: job.enabled,
    personalData: job.personalData,
    removed: job.removed,
    reconcile: job.reconcile,
  };
}

/** What saveJob and previewJob receive. */
export function jobInput(d: Draft, base?: Job, objects?: ObjectInfo[]): JobInput {
  const input: JobInput = {
    ...(base ? { ...base } : {}),
    object: d.object,
    mode: d.mode,
    sheetName: d.sheetName.trim(),
    fields: d.fields.map((f) =>
      f.column.trim() || f.array !== 'join'
        ? { path: f.path, ...(f.column.trim() ? { column: f.column.trim() } : {}), ...(f.array !== 'join' ? { array: f.array } : {}) }
        : f.path,
    ),
    filters: {
      ...(d.archived === 'any' ? {} : { archived: d.archived === 'archived' }),
      ...(d.confidentiality === 'all' ? { confidentiality: 'all' as const } : {}),
      ...(d.stageIds.length ? { stageIds: d.stageIds } : {}),
      ...(d.postingIds.length ? { postingIds: d.postingIds } : {}),
      ...(d.createdAfter ? { createdAfter: d.createdAfter } : {}),
      ...(d.createdBefore ? { createdBefore: d.createdBefore } : {}),
      ...(d.upcomingDays.trim() ? { upcomingDays: Number(d.upcomingDays) } : {}),
    },
    // The form edits the first export (the Drive copy); any others the job has stay as they are.
    exports: [...(d.mirror === 'none' ? [] : [firstExport(d, base)]), ...(base?.exports.slice(1) ?? [])],
    schedule: d.schedule,
    enabled: d.enabled,
    personalData: d.personalData,
    removed: d.removed,
  };
  if (d.reconcile && (!objects || rereads(d, objects))) input.reconcile = d.reconcile;
  else delete input.reconcile;
  advancedInput(d, input);
  resumesInput(d, input, input.exports, base);
  if (d.name.trim()) input.name = d.name.trim();
  else delete input.name;
  if (d.id) input.id = d.id;
  return input;
}

/** The Mode and Alerts sections' settings: each left out when the form keeps the default. */
function advancedInput(d: Draft, input: JobInput): void {
  if (d.retryAttempts.trim() || d.retryWait.trim())
    input.retry = {
      ...(d.retryAttempts.trim() ? { maxAttempts: Number(d.retryAttempts) } : {}),
      ...(d.retryWait.trim() ? { maxWaitSeconds: Number(d.retryWait) } : {}),
    };
  else delete input.retry;
  if (d.splitBy) input.splitBy = { by: d.splitBy, into: d.splitInto };
  else delete input.splitBy;
  if (d.hashChain && d.mode === 'append') input.hashChain = true;
  else delete input.hashChain;
  if (d.maxRows.trim()) input.maxRowsPerRun = Number(d.maxRows);
  else delete input.maxRowsPerRun;
  const to = d.alertTo.split(/[,;\s]+/).filter(Boolean);
  input.alerts = {
    ...(to.length ? { to } : {}),
    onRecovery: d.alertRecovery,
    ...(d.staleHours.trim() ? { staleAfterHours: Number(d.staleHours) } : {}),
    digest: d.digest,
    webhook: d.alertWebhook,
  };
}

export type DraftErrors = Partial<Record<'sheetName' | 'fields' | 'schedule' | 'other', string>>;

/** Problems the form can point at before asking the server, in the words shown beside the field. */
export function draftErrors(d: Draft): DraftErrors {
  const errors: DraftErrors = {};
  if (!d.sheetName.trim()) errors.sheetName = 'Choose a tab name: the rows go to that tab.';
  else if (/[[\]*?:\\/]/.test(d.sheetName)) errors.sheetName = 'A tab name cannot hold [ ] * ? : \\ /.';
  if (d.fields.length === 0) errors.fields = 'Choose at least one field.';
  if (d.fields.filter((f) => f.array === 'explode').length > 1) errors.fields = 'Only one field can give one row per element.';
  if (d.schedule.every === 'once' && !d.schedule.at) errors.schedule = 'Pick the date and time to run once.';
  const whole = (v: string, min: number, max: number) => !v.trim() || (/^\d+$/.test(v.trim()) && +v >= min && +v <= max);
  if (!whole(d.retryAttempts, 1, 10) || !whole(d.retryWait, 1, 120))
    errors.other = 'Retries: tries from 1 to 10, and a longest wait from 1 to 120 seconds (or leave them empty).';
  if (!whole(d.maxRows, 100, 5_000_000)) errors.other = 'Rows per run: a whole number from 100 to 5,000,000 (or leave it empty).';
  if (!whole(d.staleHours, 1, 720)) errors.other = 'Stale after: a whole number of hours from 1 to 720 (or leave it empty).';
  const resumes = resumesError(d);
  if (resumes) errors.other = resumes;
  return errors;
}

/** Which of the form's errors a server-side setting path belongs to ("fields[2].column" → fields). */
export function errorSlot(path: string | undefined): keyof DraftErrors {
  const head = (path ?? '').split(/[.[]/)[0];
  return head === 'sheetName' || head === 'fields' || head === 'schedule' ? head : 'other';
}

/** Groups fields by the part of the record they belong to ("Archived", "Urls", "Fields"…). */
export function groupFields(fields: FieldInfo[]): Array<{ group: string; fields: FieldInfo[] }> {
  const groups = new Map<string, FieldInfo[]>();
  for (const f of fields) {
    const head = f.path.startsWith('*') ? 'Custom fields' : f.path.includes('.') || f.path.includes('@') ? f.path.split(/[.@]/)[0] : 'Main';
    const name =
      head === 'Main' || head === 'Custom fields'
        ? head
        : head.charAt(0).toUpperCase() +
          head
            .slice(1)
            .replace(/([A-Z])/g, ' $1')
            .toLowerCase();
    groups.set(name, [...(groups.get(name) ?? []), f]);
  }
  return [...groups.entries()].map(([group, list]) => ({ group, fields: list }));
}

/** Fields whose label, path or example contains every word of the query. */
export function searchFields(fields: FieldInfo[], query: string): FieldInfo[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return fields;
  return fields.filter((f) => {
    const hay = `${f.label} ${f.path} ${f.example ?? ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** The ids a new job keeps at the right: the record's and the candidate's. */
const TRAILING_IDS = new Set(['id', 'opportunityId']);

/** Removes a chosen field, or adds it before the ids at the right of the list. */
export function toggleField(d: Draft, path: string): Draft {
  if (d.fields.some((f) => f.path === path)) return { ...d, fields: d.fields.filter((f) => f.path !== path) };
  let at = d.fields.length;
  while (at > 0 && TRAILING_IDS.has(d.fields[at - 1].path) && !TRAILING_IDS.has(path)) at--;
  return { ...d, fields: [...d.fields.slice(0, at), { path, column: '', array: 'join' }, ...d.fields.slice(at)] };
}

export function moveField(d: Draft, index: number, by: -1 | 1): Draft {
  const to = index + by;
  if (to < 0 || to >= d.fields.length) return d;
  const fields = [...d.fields];
  [fields[index], fields[to]] = [fields[to], fields[index]];
  return { ...d, fields };
}

export function updateField(d: Draft, index: number, patch: Partial<DraftField>): Draft {
  return { ...d, fields: d.fields.map((f, i) => (i === index ? { ...f, ...patch } : f)) };
}

/** Whether the job re-reads every candidate now and then: objects read per candidate, and tally columns (interviews, scorecards). */
export function rereads(d: Draft, objects: ObjectInfo[]): boolean {
  const o = objects.find((x) => x.name === d.object);
  return !!o && (o.perCandidate || d.fields.some((f) => o.tallies.includes(f.path)));
}
