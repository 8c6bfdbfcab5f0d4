/** A flattened value before it becomes a cell: dates are still ms numbers here. */
export type FlatValue = string | number | boolean | null | FlatValue[];

/**
 * Reads a dotted path from a record. When the path crosses an array, the result is the list of
 * values at the rest of the path in each element (so `phones.value` gives every phone number).
 * Returns undefined when the key is absent everywhere (omitted keys are normal in Lever).
 */
export function pick(record: unknown, path: string): FlatValue | undefined {
  return pickParts(record, path.split('.'), 0);
}

function pickParts(value: unknown, parts: string[], i: number): FlatValue | undefined {
  if (Array.isArray(value)) {
    const out: FlatValue[] = [];
    let any = false;
    for (const el of value) {
      const v = pickParts(el, parts, i);
      if (v === undefined) continue;
      any = true;
      if (Array.isArray(v)) out.push(...v);
      else out.push(v);
    }
    return any || value.length === 0 ? out : undefined;
  }
  if (i === parts.length) return toFlat(value);
  if (value === null || typeof value !== 'object') return value === null ? null : undefined;
  const obj = value as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(obj, parts[i])) return undefined;
  return pickParts(obj[parts[i]], parts, i + 1);
}

function toFlat(value: unknown): FlatValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(toFlat);
  return JSON.stringify(value);
}

/**
 * Every leaf path of a record, with arrays of objects folded into element paths
 * (`phones.value`) and arrays of scalars kept as one path. Used to discover columns.
 */
export function leafPaths(record: unknown, prefix = '', out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(record)) {
    const objects = record.filter((e) => e !== null && typeof e === 'object' && !Array.isArray(e));
    if (objects.length === 0) {
      if (prefix) out.add(prefix);
      return out;
    }
    for (const el of objects) leafPaths(el, prefix, out);
    return out;
  }
  if (record !== null && typeof record === 'object') {
    const entries = Object.entries(record as Record<string, unknown>);
    for (const [k, v] of entries) leafPaths(v, prefix ? `${prefix}.${k}` : k, out);
    return out;
  }
  if (prefix) out.add(prefix);
  return out;
}
