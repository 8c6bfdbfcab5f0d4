/** Types of the Lever object catalog: each object is data, not a class. */

import type { FieldType, ObjectName } from '../../shared/job';

export type { FieldType, ObjectName };

/** Reference tables that turn ids into names. */
export type RefTable = 'users' | 'stages' | 'archive_reasons' | 'postings' | 'requisition_fields';

export interface FieldDef {
  /**
   * Dotted path into the record, e.g. `archived.reason`. Arrays of objects use the element path:
   * `phones.value`. `path@attr` reads the id(s) at `path` and shows `attr` of the referenced record
   * (e.g. `owner@name`).
   */
  path: string;
  label: string;
  type: FieldType;
  /** Holds personal data about a candidate. */
  pii?: boolean;
  /** The id(s) here point into this reference table; the catalog adds the name column(s) beside. */
  ref?: RefTable;
  /** Link columns: the words the cell shows, the address kept behind them. */
  linkText?: string;
  /**
   * A value the add-on works out from the record when it writes the row: whole days from the
   * instant at `from` to the write. Written as a number, never a formula.
   */
  derive?: { kind: 'daysSince'; from: string };
  /**
   * A count or average over a list read per candidate when a job has this column (interviews,
   * scorecards): one more request per candidate each time the candidate is read.
   */
  tally?: Tally;
}

/** Lists read per candidate for tally columns. */
export type Tally = 'interviews' | 'feedback' | 'offers';

/** Where an object's records come from. */
export type ObjectSource =
  /** A top-level list, e.g. /opportunities (paginated unless said otherwise). */
  | { kind: 'list'; path: string; paginated?: boolean }
  /**
   * Records embedded in a parent record (fetched through the parent's `expand` when one is named).
   * `derive` names a transformation that makes the rows, e.g. stage history from stageChanges.
   */
  | { kind: 'embedded'; parent: ObjectName; field: string; expand?: string; derive?: 'stageHistory' }
  /** A per-parent list, e.g. /opportunities/:id/interviews. */
  | { kind: 'child'; parent: ObjectName; path: string; paginated: boolean };

/** How a run finds what changed since the last one. */
export type IncrementalStrategy =
  /** The list takes `<param>_start/_end` ms filters on `field`. */
  | { kind: 'updatedAt'; param: string; field: string }
  /** Changed when the parent changed: children are fetched only for parents an incremental run lists. */
  | { kind: 'parent' }
  /** No usable filter: pulled whole every run and compared with the tab. */
  | { kind: 'full' };

/**
 * Where an object's custom fields live, so each can become a column of its own:
 * form fields (`{id, text, type, value}` elements at `path`), offer fields (`{text, identifier,
 * value}`), or an object keyed by field id whose labels come from a reference table.
 */
export type CustomSource =
  { kind: 'form'; path: string; pii?: boolean } | { kind: 'offer' } | { kind: 'map'; path: string; labels: RefTable };

/** Job filters; each object lists the ones Lever (or the add-on) can apply to it. */
export type FilterName = 'archived' | 'confidentiality' | 'postingIds' | 'stageIds' | 'createdAfter' | 'createdBefore' | 'upcomingDays';

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
  /** Job filters that apply to this object. */
  filters: FilterName[];
  /** Custom fields that can be spread into a column each (field path CUSTOM_FIELDS). */
  custom?: CustomSource;
  /** Records that happen at a time (interviews, panels): their start and cancel fields, for `upcomingDays`. */
  upcoming?: { start: string; canceled: string };
  /** Soft-deleted records carry this timestamp and are left out (Lever still lists them). */
  softDelete?: string;
  /** Tombstones endpoint listing deleted records, with its `deleted_at` filter. */
  deletions?: {
    path: string;
    param: string;
    /** The longest deleted_at window the endpoint may accept (a connector reports ~30 days for postings, unconfirmed). */
    maxWindowMs?: number;
  };
  /**
   * A filter on a field that never changes (creation time): when a saved page token stops working
   * in the middle of a long list, the rest is read in narrower windows of it instead of from page 1.
   */
  window?: { param: string; field: string };
  fields: FieldDef[];
  /** Field paths a new job gets when it names no fields. */
  defaults: string[];
}
