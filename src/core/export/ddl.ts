import type { WarehouseSchema } from './warehouse';

/**
 * CREATE statements for the tables a warehouse-layout copy feeds, generated from its schema file:
 * BigQuery external tables with Hive partitioning, and Athena (Hive DDL over OpenCSVSerde). Every
 * identifier is quoted (`date` is reserved in Athena). Times are ISO-8601 UTC text in the CSV:
 * BigQuery reads them as TIMESTAMP; Athena's CSV reader does not, so they stay STRING there
 * (`from_iso8601_timestamp(col)` turns them into timestamps).
 */

export type Dialect = 'bigquery' | 'athena';

const BIGQUERY: Record<string, string> = { number: 'FLOAT64', boolean: 'BOOL', date: 'TIMESTAMP', day: 'TIMESTAMP' };
const ATHENA: Record<string, string> = { number: 'DOUBLE', boolean: 'BOOLEAN' };

export function columnType(dialect: Dialect, type: string): string {
  return (dialect === 'bigquery' ? BIGQUERY : ATHENA)[type] ?? 'STRING';
}

export interface DdlOptions {
  /** Where the copy's prefix is, as the engine reaches it: gs://bucket/lever/ or s3://bucket/lever/. */
  location: string;
  /** BigQuery's dataset (default lever). */
  dataset?: string;
  /** The table's name (default lever_<object>). */
  table?: string;
}

export function ddl(schema: WarehouseSchema, dialect: Dialect, opts: DdlOptions): string {
  const root = opts.location.endsWith('/') ? opts.location : `${opts.location}/`;
  const folder = `${root}${schema.location}`;
  const table = opts.table ?? `lever_${schema.object}`;
  const cols = schema.columns.map((c) => `  \`${c.name}\` ${columnType(dialect, c.type)}`).join(',\n');
  if (dialect === 'bigquery')
    return [
      `CREATE EXTERNAL TABLE \`${opts.dataset ?? 'lever'}.${table}\` (`,
      cols,
      ')',
      'WITH PARTITION COLUMNS (',
      '  `date` DATE',
      ')',
      'OPTIONS (',
      "  format = 'CSV',",
      `  uris = ['${folder}*'],`,
      `  hive_partition_uri_prefix = '${folder.replace(/\/$/, '')}',`,
      '  skip_leading_rows = 1,',
      '  allow_quoted_newlines = true,',
      `  compression = '${schema.format === 'csv.gz' ? 'GZIP' : 'NONE'}'`,
      ');',
    ].join('\n');
  return [
    `CREATE EXTERNAL TABLE \`${table}\` (`,
    cols,
    ')',
    'PARTITIONED BY (`date` STRING)',
    "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'",
    "WITH SERDEPROPERTIES ('separatorChar' = ',', 'quoteChar' = '\"')",
    `LOCATION '${folder}'`,
    "TBLPROPERTIES ('skip.header.line.count' = '1');",
    '',
    `MSCK REPAIR TABLE \`${table}\`;`,
  ].join('\n');
}
