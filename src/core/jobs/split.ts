import { CATALOG } from '../catalog/objects';
import { ConfigError } from '../errors';
import { oneOf, plainObject, rejectUnknownKeys } from './checks';
import type { FieldSpec, Job, SplitSettings } from './types';

/**
 * Splits: after each run, one tab (or one file) per posting, team, department or location, each
 * with the job's columns. The value is read from the job's own column for it, added if missing.
 */

const KINDS = ['posting', 'team', 'department', 'location'] as const;
const ATTR: Record<SplitSettings['by'], string> = { posting: 'text', team: 'team', department: 'department', location: 'location' };
/** At most this many values get a tab or file of their own: more would crowd the spreadsheet. */
export const MAX_SPLITS = 50;

/** The column a split reads: the record's posting (its own, its candidate's application's, or its list), or a posting's own category. */
export function splitPath(object: Job['object'], by: SplitSettings['by']): string | null {
  const paths = new Set(CATALOG[object].fields.map((f) => f.path));
  if (object === 'postings') return by === 'posting' ? 'text' : `categories.${by}`;
  return ['posting', 'candidate.posting', 'postings'].map((p) => `${p}@${ATTR[by]}`).find((p) => paths.has(p)) ?? null;
}

export function validateSplit(
  value: unknown,
  object: Job['object'],
  fields: FieldSpec[],
): { splitBy?: SplitSettings; fields: FieldSpec[] } {
  if (value === undefined || value === null) return { fields };
  const obj = typeof value === 'string' ? { by: value } : plainObject(value, 'splitBy');
  rejectUnknownKeys(obj, ['by', 'into'], 'splitBy');
  const by = oneOf(obj.by, KINDS, 'splitBy.by');
  const into = oneOf(obj.into ?? 'tabs', ['tabs', 'files', 'both'] as const, 'splitBy.into');
  const path = splitPath(object, by);
  if (!path)
    throw new ConfigError(
      'splitBy',
      `${object} have no ${by} to split by: split applications, offers, interviews and the other objects read per candidate (by their candidate's posting), or postings.`,
    );
  const has = fields.some((f) => (typeof f === 'string' ? f : f.path) === path);
  return { splitBy: { by, into }, fields: has ? fields : [...fields, path] };
}

/** A split's tab or file name: the job's tab, a dash, the value (what Sheets refuses in a name replaced). */
export function splitName(sheetName: string, value: string): string {
  const safe = (value.trim() || '(none)').replace(/[[\]*?:\\/]/g, '-');
  return `${sheetName} – ${safe}`.slice(0, 100);
}
