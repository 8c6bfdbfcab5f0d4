import type { CellValue } from '../ports';

/**
 * The warehouse layout: Hive-style partitions a data team's tables read as they are —
 * `object=<object>/date=<UTC day>/part-00000.csv.gz`, one snapshot per day (a later run that
 * day replaces it), columns in the job's order with warehouse-safe names, their types in a schema
 * file kept outside the table's folder (`_schemas/<object>.schema.json`), and manifests under
 * `_manifests/`: BigQuery's and Athena's readers take every file under a table's folder as data.
 */

export interface WarehouseColumn {
  /** lower_snake_case, unique: what the CSV header and the DDL say. */
  name: string;
  /** The tab's header it comes from. */
  header: string;
  /** The catalog's type (id, text, enum, number, boolean, date, day, list, url, json). */
  type: string;
}

export interface WarehouseSchema {
  object: string;
  /** The table's folder under the copy's prefix, and its partition column. */
  location: string;
  partitionedBy: { name: 'date'; type: 'date'; format: 'YYYY-MM-DD (UTC)' };
  format: 'csv' | 'csv.gz';
  columns: WarehouseColumn[];
  /** CSV as written: a header line, RFC 4180 quoting, ISO-8601 UTC times, formula-like text prefixed with '. */
  csv: { header: true; delimiter: ','; quote: '"'; encoding: 'UTF-8' };
}

export function partitionPath(object: string, at: number, format: string): string {
  return `object=${object}/date=${new Date(at).toISOString().slice(0, 10)}/part-00000.${format}`;
}

export function schemaPath(object: string): string {
  return `_schemas/${object}.schema.json`;
}

/** Unique lower_snake_case names for the job's columns ("Opportunity ID" → opportunity_id). */
export function warehouseColumns(columns: Array<{ name: string; type: string }>): WarehouseColumn[] {
  const seen = new Map<string, number>();
  return columns.map((c) => {
    let base =
      c.name
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '') || 'column';
    if (/^[0-9]/.test(base)) base = `c_${base}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { name: n === 1 ? base : `${base}_${n}`, header: c.name, type: c.type };
  });
}

/** The tab projected onto the job's columns, in their order, under warehouse names (the user's own columns stay out). */
export function warehouseTable(table: CellValue[][], columns: WarehouseColumn[]): CellValue[][] {
  const header = (table[0] ?? []).map(String);
  const at = columns.map((c) => header.indexOf(c.header));
  return [columns.map((c) => c.name), ...table.slice(1).map((row) => at.map((i) => (i < 0 ? null : (row[i] ?? null))))];
}

export function warehouseSchema(object: string, format: 'csv' | 'csv.gz', columns: WarehouseColumn[]): WarehouseSchema {
  return {
    object,
    location: `object=${object}/`,
    partitionedBy: { name: 'date', type: 'date', format: 'YYYY-MM-DD (UTC)' },
    format,
    columns,
    csv: { header: true, delimiter: ',', quote: '"', encoding: 'UTF-8' },
  };
}
