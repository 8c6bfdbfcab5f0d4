/**
 * The warehouse layout through the shipped bundle, to the S3 stand-in: Hive-style date partitions
 * (one snapshot a day), a header of warehouse names in the job's order, the schema file outside
 * the table's folder, manifests apart, retention by partition day, and DDL generated from the
 * stored schema that matches it column for column.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { LocalWorld } from '../../src/cli/local-world';
import { columnType, ddl } from '../../src/core/export/ddl';
import type { WarehouseSchema } from '../../src/core/export/warehouse';
import { S3_ACCESS_KEY, S3_SECRET, startS3, type S3Stand } from '../../src/emulators/s3';
import type { Job } from '../../src/shared/rpc';
import { connectedWorld, rpcErrorOf, runToEnd, sheetObjects } from '../helpers/world';
import { schemaFor } from '../../src/cli/ddl';

jest.setTimeout(60_000);

const BUCKET = 'acme-lake';
const where = { to: 's3', bucket: BUCKET, region: 'us-west-2' } as const;
let s3: S3Stand;
let world: LocalWorld;
let job: Job;

beforeAll(async () => {
  s3 = await startS3({ [BUCKET]: 'us-west-2' });
  world = connectedWorld({
    sandbox: { seed: 12, opportunities: 40 },
    loopback: [{ prefix: `https://${BUCKET}.s3.us-west-2.amazonaws.com/`, port: s3.port }],
  });
  world.host.call('saveDestinationSecret', { ...where, accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET });
});

afterAll(async () => {
  await s3?.stop();
});

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const csvOf = async (key: string) => parse(gunzipSync((await s3.object(BUCKET, key))!).toString('utf8')) as string[][];

describe('the warehouse layout', () => {
  it('writes a date partition, the schema apart, manifests apart; the header is the schema, in the job order', async () => {
    job = world.host.call<Job>('saveJob', {
      object: 'opportunities',
      sheetName: 'Pipeline',
      fields: ['name', 'stage@text', 'createdAt', 'id'],
      exports: [{ ...where, prefix: 'lake/', format: 'csv.gz', layout: 'warehouse', retentionDays: 2 }],
    });
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const today = day(world.clock.now());
    const part = `lake/object=opportunities/date=${today}/part-00000.csv.gz`;
    expect(await s3.keys(BUCKET)).toEqual([
      `lake/_manifests/object=opportunities/date=${today}/part-00000.csv.gz.manifest.json`,
      'lake/_schemas/opportunities.schema.json',
      part,
    ]);
    const schema = JSON.parse((await s3.object(BUCKET, 'lake/_schemas/opportunities.schema.json'))!.toString('utf8')) as WarehouseSchema;
    expect(schema.columns.map((c) => [c.name, c.type])).toEqual([
      ['name', 'text'],
      ['stage', 'text'],
      ['created_at', 'date'],
      ['opportunity_id', 'id'],
    ]);
    const [header, ...rows] = await csvOf(part);
    expect(header).toEqual(schema.columns.map((c) => c.name));
    const tab = sheetObjects(world.host.spreadsheet.tab('Pipeline'));
    expect(rows).toHaveLength(tab.length);
    const byId = new Map(rows.map((r) => [r[3], r]));
    for (const t of tab) {
      const r = byId.get(String(t['Opportunity ID']))!;
      expect(r[0]).toBe(String(t.Name).replace(/^([=+\-@])/, "'$1"));
      expect(r[2]).toBe((t['Created at'] as Date).toISOString());
    }
  });

  it('the DDL from the stored schema names every column in order with its type, partitioned by date', async () => {
    const raw = (await s3.object(BUCKET, 'lake/_schemas/opportunities.schema.json'))!.toString('utf8');
    const schema = JSON.parse(raw) as WarehouseSchema;
    for (const dialect of ['bigquery', 'athena'] as const) {
      const sql = ddl(schema, dialect, { location: 's3://acme-lake/lake/' });
      const body = sql.slice(sql.indexOf('(') + 1, sql.indexOf('\n)'));
      const declared = [...body.matchAll(/^\s*`([a-z0-9_]+)` ([A-Z0-9]+),?$/gm)].map((m) => [m[1], m[2]]);
      expect(declared).toEqual(schema.columns.map((c) => [c.name, columnType(dialect, c.type)]));
      expect(sql).toContain('`date` ');
      expect(sql).toContain('s3://acme-lake/lake/object=opportunities/');
    }
    expect(ddl(schema, 'bigquery', { location: 'gs://x/' })).toMatch(/`created_at` TIMESTAMP/);
    expect(ddl(schema, 'athena', { location: 's3://x/' })).toMatch(/`created_at` STRING/);
    // npm run ddl reads the same file.
    const file = join(tmpdir(), `schema-${process.pid}.json`);
    writeFileSync(file, raw);
    expect(schemaFor(file)).toEqual(schema);
  });

  it('one snapshot a day: a later run that day replaces it, the next day adds one, retention removes old days', async () => {
    const first = day(world.clock.now());
    world.clock.advance(3600_000);
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const parts = async () => (await s3.keys(BUCKET)).filter((k) => k.startsWith('lake/object='));
    expect(await parts()).toEqual([`lake/object=opportunities/date=${first}/part-00000.csv.gz`]);
    world.clock.advance(24 * 3600_000);
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    expect(await parts()).toHaveLength(2);
    world.clock.advance(3 * 24 * 3600_000);
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    expect(await parts()).toEqual([`lake/object=opportunities/date=${day(world.clock.now())}/part-00000.csv.gz`]);
    const manifests = (await s3.keys(BUCKET)).filter((k) => k.startsWith('lake/_manifests/'));
    expect(manifests).toEqual([`lake/_manifests/object=opportunities/date=${day(world.clock.now())}/part-00000.csv.gz.manifest.json`]);
  });

  it('bad settings say what to fix', () => {
    const save = (exp: object, object = 'users') =>
      rpcErrorOf(() => world.host.call('saveJob', { object, sheetName: 'Other', exports: [exp] })).message;
    expect(save({ to: 'drive', layout: 'warehouse' })).toMatch(/^exports\[0\]\.layout: the warehouse layout needs folders/);
    expect(save({ ...where, layout: 'warehouse', format: 'xlsx' })).toBe('exports[0].format: a warehouse reads csv or csv.gz, not xlsx.');
    expect(save({ ...where, layout: 'warehouse', keep: 'history' })).toMatch(
      /^exports\[0\]\.keep: the warehouse layout keeps one file per day/,
    );
    expect(save({ ...where, prefix: 'lake/', layout: 'warehouse' }, 'opportunities')).toMatch(
      /^exports\[0\]\.prefix: the job "Opportunities \(candidates\) → Pipeline" already writes opportunities in the warehouse layout to https:\/\/acme-lake\.s3\.us-west-2\.amazonaws\.com\/lake\/: give this copy another folder\.$/,
    );
  });
});
