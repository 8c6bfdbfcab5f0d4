/**
 * Copies to Amazon S3, through the shipped bundle in the local host, against s3rver behind a
 * Signature V4 check made with AWS's own signer (test/helpers/s3-server.ts): the file and its
 * manifest land, the stored object is checked, a wrong secret fails with a clear message that
 * never shows it, a wrong region or a bucket nobody answers for says what to fix, and nothing is lost.
 */
import { gunzipSync } from 'node:zlib';
import { createLocalWorld, type LocalWorld } from '../../src/cli/local-world';
import type { Job, SidebarState } from '../../src/shared/rpc';
import { freePort } from '../../src/emulators/free-port';
import { S3_ACCESS_KEY, S3_SECRET, startS3, type S3Stand } from '../../src/emulators/s3';
import { rpcErrorOf, runToEnd, sheetObjects } from '../helpers/world';
import { SANDBOX_KEY } from '../../src/sandbox/sandbox';

jest.setTimeout(60_000);

let s3: S3Stand;
let world: LocalWorld;
const BUCKET = 'acme-lever-exports';
const REGION = 'eu-west-1';
const KEY = { accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET };
const where = { to: 's3', bucket: BUCKET, region: REGION } as const;

beforeAll(async () => {
  s3 = await startS3({ [BUCKET]: REGION });
  const closed = await freePort();
  world = createLocalWorld({
    sandbox: { seed: 6, opportunities: 50 },
    loopback: [
      { prefix: `https://${BUCKET}.s3.${REGION}.amazonaws.com/`, port: s3.port },
      // The same bucket asked for at another region's address.
      { prefix: `https://${BUCKET}.s3.us-east-1.amazonaws.com/`, port: s3.port },
      // A bucket address where nothing answers.
      { prefix: `https://gone-bucket.s3.${REGION}.amazonaws.com/`, port: closed },
    ],
  });
  world.host.call('saveConnection', { apiKey: SANDBOX_KEY, environment: 'sandbox' });
});

afterAll(async () => {
  await s3?.stop();
});

async function text(key: string): Promise<string> {
  const buf = await s3.object(BUCKET, key);
  if (!buf) throw new Error(`${key} is not in the bucket`);
  return (key.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
}

function lastRun(): NonNullable<SidebarState['jobs'][number]['lastRun']> {
  return world.host.call<SidebarState>('getSidebarState').jobs[0].lastRun!;
}

describe('S3 copies', () => {
  it('a saved access key lets a job copy its tab to a bucket folder, encrypted, with its manifest, checked by MD5', async () => {
    expect(world.host.call('saveDestinationSecret', { ...where, ...KEY })).toEqual({
      address: `https://${BUCKET}.s3.${REGION}.amazonaws.com`,
      saved: true,
    });
    expect(world.host.call('testDestination', where)).toMatchObject({ ok: true });
    expect(await s3.keys(BUCKET)).toEqual([]); // the probe was removed
    const job = world.host.call<Job>('saveJob', {
      object: 'opportunities',
      sheetName: 'Pipeline',
      fields: ['name', 'stage@text', 'id'],
      exports: [{ ...where, prefix: 'lever/', format: 'csv.gz', encryption: 'AES256' }],
    });
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    expect(await s3.keys(BUCKET)).toEqual(['lever/Pipeline.csv.gz', 'lever/Pipeline.csv.gz.manifest.json']);
    const rows = sheetObjects(world.host.spreadsheet.tab('Pipeline')).length;
    expect((await text('lever/Pipeline.csv.gz')).trim().split('\r\n')).toHaveLength(rows + 1);
    const manifest = JSON.parse(await text('lever/Pipeline.csv.gz.manifest.json'));
    expect(manifest).toMatchObject({ file: 'Pipeline.csv.gz', format: 'csv.gz', rows });
    const stored = (await s3.object(BUCKET, 'lever/Pipeline.csv.gz'))!;
    expect(manifest.bytes).toBe(stored.length);
    const log = sheetObjects(world.host.spreadsheet.tab('Sync log')).pop()!;
    expect(log['Mirror file']).toBe('Pipeline.csv.gz');
    expect(log['Mirror bytes']).toBe(String(stored.length)); // one figure per copy, joined
  });

  it('a wrong secret fails the copy with what to do, never the secret; the rows and the earlier copy stay; the right key recovers', async () => {
    const wrong = 'not-the-right-secret-0123456789';
    world.host.call('saveDestinationSecret', { ...where, accessKeyId: S3_ACCESS_KEY, secretAccessKey: wrong });
    const job = world.host.call<SidebarState>('getSidebarState').jobs[0].job;
    const before = await text('lever/Pipeline.csv.gz');
    const rowsBefore = sheetObjects(world.host.spreadsheet.tab('Pipeline')).length;
    world.clock.advance(3600_000);
    world.sandbox.activity.simulate(world.clock.now() - 3600_000, world.clock.now(), 20);
    expect(runToEnd(world, job).pop()!.status).toBe('failed');
    const run = lastRun();
    expect(run.error!.message).toMatch(
      /^The rows are in the sheet, but the csv\.gz copy to s3 failed: exports: the S3 bucket acme-lever-exports refused the saved access key to write Pipeline\.csv\.gz \(SignatureDoesNotMatch\)\. Save the access key ID and secret access key again/,
    );
    const everywhere = JSON.stringify([run, sheetObjects(world.host.spreadsheet.tab('Sync log')), world.host.logs]);
    expect(everywhere).not.toContain(wrong);
    expect(everywhere).not.toContain(S3_SECRET);
    expect(await text('lever/Pipeline.csv.gz')).toBe(before);
    expect(sheetObjects(world.host.spreadsheet.tab('Pipeline')).length).toBeGreaterThanOrEqual(rowsBefore);
    world.host.call('saveDestinationSecret', { ...where, ...KEY });
    world.clock.advance(3600_000);
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    expect((await text('lever/Pipeline.csv.gz')).trim().split('\r\n')).toHaveLength(
      sheetObjects(world.host.spreadsheet.tab('Pipeline')).length + 1,
    );
  });

  it('with KMS encryption the ETag is no MD5: the copy is checked by size (S3 checked Content-MD5 on arrival); history is kept by the day', async () => {
    const job = world.host.call<Job>('saveJob', {
      object: 'users',
      sheetName: 'Team',
      exports: [{ ...where, prefix: 'history/', format: 'csv', keep: 'history', encryption: 'aws:kms' }],
    });
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    world.clock.advance(3600_000);
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const files = (await s3.keys(BUCKET)).filter((k) => k.startsWith('history/') && !k.endsWith('.manifest.json'));
    expect(files).toHaveLength(2);
    for (const f of files)
      expect(JSON.parse(await text(`${f}.manifest.json`)).rows).toBe(sheetObjects(world.host.spreadsheet.tab('Team')).length);
  });

  it('a path template: {object}/{date}/{tab}-{run}.{ext}, a file per run with its manifest, old ones removed by retention', async () => {
    const job = world.host.call<Job>('saveJob', {
      object: 'stages',
      sheetName: 'Stage list',
      exports: [{ ...where, prefix: 'runs/', path: '{object}/{date}/{tab}-{run}.{ext}', format: 'csv.gz', retentionDays: 1 }],
    });
    const runs: string[] = [];
    for (let i = 0; i < 2; i++) {
      world.clock.advance(3600_000);
      const last = runToEnd(world, job).pop()!;
      expect(last.status).toBe('ok');
      runs.push(
        world.host.call<SidebarState>('getSidebarState').jobs.find((j) => j.job.id === job.id)!.lastRun!.startedAt as unknown as string,
      );
    }
    const day = new Date(world.clock.now()).toISOString().slice(0, 10);
    const files = (await s3.keys(BUCKET)).filter((k) => k.startsWith('runs/'));
    expect(files).toHaveLength(4);
    for (const f of files) expect(f).toMatch(new RegExp(`^runs/stages/${day}/Stage_list-[A-Za-z0-9_-]+\\.csv\\.gz(\\.manifest\\.json)?$`));
    const manifest = JSON.parse(await text(files.find((f) => f.endsWith('.manifest.json'))!));
    expect(files.some((f) => f.endsWith(`-${manifest.runId}.csv.gz`))).toBe(true);
    world.clock.advance(2 * 24 * 3600_000);
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    expect((await s3.keys(BUCKET)).filter((k) => k.startsWith('runs/'))).toHaveLength(2);
    const save = (exp: object) => rpcErrorOf(() => world.host.call('saveJob', { object: 'users', sheetName: 'U', exports: [exp] })).message;
    expect(save({ ...where, path: '{object}/{colour}.{ext}' })).toMatch(/^exports\[0\]\.path: \{colour\} is not a placeholder/);
    expect(save({ ...where, path: '../{object}.{ext}' })).toMatch(/^exports\[0\]\.path: must be a path such as/);
    expect(save({ ...where, path: '{object}.csv' })).toMatch(/^exports\[0\]\.path: must be a path such as/);
    expect(save({ ...where, path: '{object}/{run}.{ext}', keep: 'history' })).toMatch(/^exports\[0\]\.keep: the path decides/);
    expect(save({ to: 'drive', path: '{object}.{ext}' })).toMatch(/^exports\[0\]/);
  });

  it("Google's daily request quota running out at the copy says so, loses nothing, and the copy is written once it resets", async () => {
    const job = world.host.call<Job>('saveJob', {
      object: 'stages',
      sheetName: 'Quota',
      exports: [{ ...where, prefix: 'quota/', format: 'csv' }],
    });
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const leverRequests = Number(sheetObjects(world.host.spreadsheet.tab('Sync log')).pop()!.Requests);
    const before = await text('quota/Quota.csv');
    world.clock.advance(3600_000);
    // The Lever part of the next run gets through; the first request to the bucket does not.
    world.host.urlFetch.exhaustAfter(leverRequests);
    const last = runToEnd(world, job).pop()!;
    expect(last.status).toBe('failed');
    expect(last.error!.message).toMatch(
      /^The rows are in the sheet, but the csv copy to s3 failed: Your Google account has made as many requests to other services today as Google allows/,
    );
    expect(last.error!.code).toBe('QUOTA');
    expect(await text('quota/Quota.csv')).toBe(before);
    expect(world.host.outbox.filter((m) => m.subject.includes('Quota'))).toEqual([]);
    world.clock.advance(25 * 3600_000);
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
  });

  it('a wrong region, a bucket nobody answers for and bad settings say what to fix', () => {
    world.host.call('saveDestinationSecret', { ...where, region: 'us-east-1', ...KEY });
    expect(rpcErrorOf(() => world.host.call('testDestination', { ...where, region: 'us-east-1' })).message).toBe(
      "exports: the S3 bucket acme-lever-exports is not in the region us-east-1 (PermanentRedirect). Set the bucket's own region on the copy.",
    );
    world.host.call('saveDestinationSecret', { ...where, bucket: 'gone-bucket', ...KEY });
    expect(rpcErrorOf(() => world.host.call('testDestination', { ...where, bucket: 'gone-bucket' })).message).toMatch(
      /^Could not reach the S3 bucket gone-bucket to write lever-sync-probe-.*; the next run tries again\.$/,
    );
    expect(rpcErrorOf(() => world.host.call('testDestination', { ...where, bucket: 'no-key-bucket' })).message).toMatch(
      /^exports: no access key is saved for https:\/\/no-key-bucket\.s3\.eu-west-1\.amazonaws\.com by the person/,
    );
    const save = (exp: object) => rpcErrorOf(() => world.host.call('saveJob', { object: 'users', sheetName: 'U', exports: [exp] })).message;
    expect(save({ to: 's3', bucket: 'acme.lever', region: REGION })).toMatch(/^exports\[0\]\.bucket: must be a bucket name without dots/);
    expect(save({ to: 's3', bucket: BUCKET })).toBe("exports[0].region: is missing: give the bucket's region, e.g. eu-west-1.");
    expect(save({ to: 's3', bucket: BUCKET, region: 'mars-1' })).toMatch(/^exports\[0\]\.region: must be one of the AWS regions/);
    expect(save({ ...where, encryption: 'rot13' })).toMatch(/^exports\[0\]\.encryption: /);
    expect(save({ ...where, endpoint: 'http://minio.local' })).toMatch(/^exports\[0\]\.endpoint: must be the https address/);
    expect(
      rpcErrorOf(() => world.host.call('saveDestinationSecret', { ...where, accessKeyId: 'AKIA TEST', secretAccessKey: S3_SECRET }))
        .message,
    ).toMatch(/^accessKeyId: is not an access key ID/);
  });
});
