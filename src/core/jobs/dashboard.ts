import { ConfigError } from '../errors';
import { plainObject, rejectUnknownKeys, shown, validateSheetName } from './checks';
import type { DashboardConfig, FieldSpec, Job } from './types';

/**
 * A dashboard job is an opportunities job whose tab holds what the summary needs; these are its
 * columns when the caller names none (names first, ids at the right, as every tab).
 */
const DASHBOARD_FIELDS: FieldSpec[] = [
  'name',
  'stage@text',
  { path: 'sources', column: 'Source', array: 'first' },
  'createdAt',
  'archived.archivedAt',
  'tally.offerSentAt',
  'tally.offerAcceptedAt',
  'stageChanges.toStageId',
  'stageChanges.updatedAt',
  'urls.show',
  'stage',
  'id',
];

/** The columns the summary is worked out from (dashboard/read.ts reads them by path). */
export const DASHBOARD_NEEDS = [
  'stage',
  'archived.archivedAt',
  'sources',
  'createdAt',
  'stageChanges.toStageId',
  'stageChanges.updatedAt',
  'tally.offerSentAt',
  'tally.offerAcceptedAt',
] as const;

export function dashboardFields(): FieldSpec[] {
  return JSON.parse(JSON.stringify(DASHBOARD_FIELDS)) as FieldSpec[];
}

export function validateDashboard(
  value: unknown,
  job: { object: Job['object']; mode: Job['mode']; sheetName: string },
): DashboardConfig | undefined {
  if (value === undefined || value === null) return undefined;
  const obj = plainObject(value, 'dashboard');
  rejectUnknownKeys(obj, ['sheetName'], 'dashboard');
  if (job.object !== 'opportunities')
    throw new ConfigError('dashboard', `is worked out from candidates: set the object to opportunities (not ${shown(job.object)}).`);
  if (job.mode !== 'upsert')
    throw new ConfigError('dashboard', 'needs mode "upsert", one row per candidate kept current; set the mode to upsert.');
  const sheetName = validateSheetName(obj.sheetName, 'dashboard.sheetName');
  if (sheetName.toLowerCase() === job.sheetName.toLowerCase())
    throw new ConfigError('dashboard.sheetName', 'must differ from the tab of the candidates (sheetName); pick another name.');
  return { sheetName };
}

/** A dashboard job's columns must include what the summary is worked out from. */
export function needsDashboardFields(fields: FieldSpec[]): void {
  const paths = new Set(fields.map((f) => (typeof f === 'string' ? f : f.path)));
  const missing = DASHBOARD_NEEDS.filter((p) => !paths.has(p));
  if (missing.length > 0)
    throw new ConfigError('fields', `a dashboard is worked out from ${missing.join(', ')}: add them to the fields, or leave fields out.`);
}

/** Whether a finished run has work after it: copies, or a dashboard to draw. */
export function hasAfterRun(job: Job): boolean {
  return job.exports.length > 0 || !!job.dashboard || !!job.splitBy || !!job.resumes;
}
