import type { FieldDef, RefTable } from './types';

/**
 * The reference tables ids are resolved against: where each is listed, and which attributes a
 * name column can show. Read whole (they are small) and cached, never one request per row.
 */
export const REF_TABLES: Record<
  RefTable,
  { path: string; params: Record<string, string>; attrs: Record<string, string>; paginated?: false }
> = {
  users: { path: '/users', params: { includeDeactivated: 'true' }, attrs: { name: 'name' } },
  stages: { path: '/stages', params: {}, attrs: { text: 'text' } },
  archive_reasons: { path: '/archive_reasons', params: {}, attrs: { text: 'text' } },
  postings: {
    path: '/postings',
    params: { confidentiality: 'all' },
    attrs: { text: 'text', team: 'categories.team', location: 'categories.location', department: 'categories.department' },
  },
  requisition_fields: { path: '/requisition_fields', params: {}, attrs: { text: 'text', type: 'type' }, paginated: false },
};

/** The name columns of a referenced id: "Owner ID" gives "Owner"; postings also give team, location and department. */
function nameFields(f: FieldDef): FieldDef[] {
  if (!f.ref) return [];
  const base = f.label.replace(/ IDs$/, 's').replace(/ ID$/, '');
  const type = f.type === 'list' ? 'list' : 'text';
  if (f.ref === 'postings') {
    return [
      { path: `${f.path}@text`, label: base, type },
      { path: `${f.path}@team`, label: `${base} team`, type },
      { path: `${f.path}@location`, label: `${base} location`, type },
      { path: `${f.path}@department`, label: `${base} department`, type },
    ];
  }
  const attr = Object.keys(REF_TABLES[f.ref].attrs)[0];
  return [{ path: `${f.path}@${attr}`, label: base, type }];
}

/** A field list with each referenced id followed by its name column(s). */
export function withNames(fields: FieldDef[]): FieldDef[] {
  return fields.flatMap((f) => [f, ...nameFields(f)]);
}

/** Splits `owner@name` into the id path and the attribute; plain paths have no attribute. */
export function splitRef(path: string): { base: string; attr: string | null } {
  const at = path.indexOf('@');
  return at < 0 ? { base: path, attr: null } : { base: path.slice(0, at), attr: path.slice(at + 1) };
}
