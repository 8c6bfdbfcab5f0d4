import { CUSTOM_FIELDS, customValues, type CustomColumn, type LabelOf } from '../catalog/custom';
import { CATALOG } from '../catalog/objects';
import type { FlatValue } from '../flatten/flatten';
import type { Job } from '../jobs/types';
import type { LeverRecord } from './rows';

/** Where a job's custom columns are kept between runs (one JSON value per job). */
export interface CustomColumnStore {
  load(): CustomColumn[];
  save(columns: CustomColumn[]): void;
}

/**
 * The custom fields a job spreads into columns. The list only grows: a field seen once keeps its
 * column (and its place) even after Lever retires it; new fields are appended at the end.
 */
export class CustomColumns {
  readonly list: CustomColumn[];
  private readonly values = new WeakMap<LeverRecord, Map<string, FlatValue>>();

  constructor(
    private readonly job: Job,
    private readonly store: CustomColumnStore,
    private readonly labelOf: LabelOf,
    private readonly takenHeaders: string[],
  ) {
    this.list = store.load();
  }

  static wanted(job: Job): boolean {
    return !!CATALOG[job.object].custom && job.fields.some((f) => (typeof f === 'string' ? f : f.path) === CUSTOM_FIELDS);
  }

  /** A record's custom values by field id, computed once per record. */
  valuesOf(record: LeverRecord): Map<string, FlatValue> {
    let out = this.values.get(record);
    if (!out) {
      const source = CATALOG[this.job.object].custom;
      out = new Map(source ? customValues(record, source, this.labelOf).map((v) => [v.id, v.value]) : []);
      this.values.set(record, out);
    }
    return out;
  }

  /** Adds columns for fields not seen before; true when the list grew (and was saved). */
  discover(records: LeverRecord[]): boolean {
    const source = CATALOG[this.job.object].custom;
    if (!source) return false;
    const known = new Set(this.list.map((c) => c.id));
    const headers = new Set([...this.takenHeaders, ...this.list.map((c) => c.label)]);
    let grew = false;
    for (const r of records) {
      for (const f of customValues(r, source, this.labelOf)) {
        if (known.has(f.id)) continue;
        known.add(f.id);
        let label = f.label;
        for (let n = 2; headers.has(label); n++) label = `${f.label} (${n})`;
        headers.add(label);
        this.list.push({ id: f.id, label, type: f.type });
        grew = true;
      }
    }
    if (grew) this.store.save(this.list);
    return grew;
  }
}
