/**
 * `npm run ddl -- <job or schema file>`: the BigQuery and Athena CREATE statements for a
 * warehouse-layout copy, from its schema file (`_schemas/<object>.schema.json`, as the copy wrote
 * it) or from one of `npm start`'s jobs by name (its columns as a copy would write them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { ddl, type Dialect } from '../core/export/ddl';
import { warehouseColumns, warehouseSchema, type WarehouseSchema } from '../core/export/warehouse';
import { jobColumns } from '../core/jobs/columns';
import { validateJob } from '../core/jobs/validate';
import { parseArgs } from './args';
import { DEFAULT_JOBS } from './default-jobs';

const USAGE = `Usage: npm run ddl -- <job name | schema file> [--dialect bigquery|athena|both] [--location gs://bucket/lever/] [--dataset lever]
  A job name is one of npm start's jobs: ${DEFAULT_JOBS.map((j) => `"${j.name}"`).join(', ')}.
  --location: where the copy's folder is as the engine reaches it (gs://… for BigQuery, s3://… for Athena).`;

export function schemaFor(what: string): WarehouseSchema {
  if (existsSync(what)) {
    const schema = JSON.parse(readFileSync(what, 'utf8')) as WarehouseSchema;
    if (!schema.object || !Array.isArray(schema.columns)) throw new Error(`${what} is not a warehouse schema file (no object or columns).`);
    return schema;
  }
  const input = DEFAULT_JOBS.find((j) => j.name === what || j.sheetName === what);
  if (!input) throw new Error(`No schema file or job called "${what}".\n${USAGE}`);
  const job = validateJob(input, Date.now(), 'ddl');
  const columns = warehouseColumns(jobColumns(job).map((c) => ({ name: c.header, type: c.type })));
  return warehouseSchema(job.object, 'csv.gz', columns);
}

function main(): void {
  const argv = process.argv.slice(2);
  const what = argv.find((a, i) => !a.startsWith('--') && (i === 0 || !argv[i - 1].startsWith('--')));
  if (!what) throw new Error(USAGE);
  const args = parseArgs(
    argv.filter((a) => a !== what),
    { dialect: 'both', location: '', dataset: 'lever' },
    USAGE,
  );
  const dialects: Dialect[] = args.dialect === 'both' ? ['bigquery', 'athena'] : [args.dialect as Dialect];
  if (!dialects.every((d) => d === 'bigquery' || d === 'athena')) throw new Error(`--dialect must be bigquery, athena or both.\n${USAGE}`);
  const schema = schemaFor(what);
  for (const d of dialects) {
    const location = args.location || (d === 'bigquery' ? 'gs://YOUR-BUCKET/lever/' : 's3://YOUR-BUCKET/lever/');
    console.log(
      `-- ${d === 'bigquery' ? 'BigQuery' : 'Athena'}: ${schema.object}\n${ddl(schema, d, { location, dataset: args.dataset })}\n`,
    );
  }
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
