/** Types of the Lever object catalog: each object is data, not a class. */

export type FieldType = 'id' | 'text' | 'number' | 'boolean' | 'date' | 'list' | 'url' | 'json';

export interface FieldDef {
  /** Dotted path into the record, e.g. `archived.reason`. Arrays of objects use the element path: `phones.value`. */
  path: string;
  label: string;
  type: FieldType;
  /** Holds personal data about a candidate. */
  pii?: boolean;
}

/** Where an object's records come from. */
export type ObjectSource =
  /** A top-level paginated list, e.g. /opportunities. */
  | { kind: 'list'; path: string }
  /** Records embedded in a parent record, fetched through the parent's `expand`. */
  | { kind: 'embedded'; parent: ObjectName; field: string; expand: string }
  /** A per-parent list, e.g. /opportunities/:id/interviews. */
  | { kind: 'child'; parent: ObjectName; path: string; paginated: boolean };

/** How a run finds what changed since the last one. */
export type IncrementalStrategy =
  /** The list takes `<param>_start/_end` ms filters on `field`. */
  | { kind: 'updatedAt'; param: string; field: string }
  /** Changed when the parent changed: children are fetched only for parents an incremental run lists. */
  | { kind: 'parent' }
  /** No usable filter: pulled whole every run. */
  | { kind: 'full' };

export type ObjectName = 'opportunities' | 'applications' | 'interviews' | 'offers';

export interface CatalogEntry {
  name: ObjectName;
  label: string;
  /** Lever doc anchor for the endpoint. */
  doc: string;
  source: ObjectSource;
  /** Field holding the record's id. */
  key: string;
  /** Field whose change marks a new version (append mode); absent = a content hash. */
  versionField?: string;
  incremental: IncrementalStrategy;
  /** Query parameters always sent, e.g. confidentiality. */
  params: Record<string, string | string[]>;
  expand: string[];
  /** Tombstones endpoint listing deleted records, with its `deleted_at` filter. */
  deletions?: { path: string; param: string };
  fields: FieldDef[];
  /** Field paths a new job gets when it names no fields. */
  defaults: string[];
}
