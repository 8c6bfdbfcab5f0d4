/**
 * The export seam: a job's exports are written after a successful run, by the use-case layer,
 * to each destination; jobs stored by earlier versions with a single `mirror` are read as exports.
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { Job, SidebarState } from '../../src/shared/rpc';
import { connectedWorld, documentStore, runToEnd, saveJob, sheetObjects, copiesOf } from '../helpers/world';

const HOUR = 3600_000;

describe('exports', () => {
  it('writes every export of the job after the run, and the Sync log names each file', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 40 } });
    const job = saveJob(world, {
      object: 'opportunities',
      sheetName: 'Pipeline',
      fields: ['id', 'name'],
      exports: [
        { to: 'drive', format: 'csv.gz', keep: 'latest' },
        { to: 'drive', format: 'xlsx', keep: 'latest' },
        { to: 'drive', format: 'xlsx', keep: 'latest', folder: 'For finance' },
      ],
    });
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    // A named folder of the add-on's, made inside its own: the third copy is there.
    const named = world.host.drive.items.find((f) => f.isFolder && f.name === 'For finance')!;
    const home = world.host.drive.items.find((f) => f.id === named.parents[0])!;
    expect(home.name).toMatch(/^Lever Sync exports – /);
    expect(
      copiesOf(world)
        .filter((f) => f.parents.includes(named.id))
        .map((f) => f.name),
    ).toEqual(['Pipeline.xlsx']);
    const files = copiesOf(world)
      .map((f) => f.name)
      .sort();
    expect(files).toEqual(['Pipeline.csv.gz', 'Pipeline.xlsx', 'Pipeline.xlsx']);
    const csv = gunzipSync(
      copiesOf(world)
        .find((f) => f.name === 'Pipeline.csv.gz')!
        .blob.raw(),
    ).toString('utf8');
    expect(csv.trim().split('\r\n').length - 1).toBe(sheetObjects(world.host.spreadsheet.tab('Pipeline')).length);
    const log = sheetObjects(world.host.spreadsheet.tab('Sync log'));
    expect(log[0]['Mirror file']).toBe('Pipeline.csv.gz, Pipeline.xlsx, Pipeline.xlsx');
  });

  it('reads a job stored by an earlier version with `mirror` as a Drive export, and keeps writing it', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 40 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'Pipeline', fields: ['id'] });
    // What an earlier version stored: `mirror`, no `exports`.
    const meta = world.host.spreadsheet.metadata.items.find((m) => m.key === `leverSync:job:${job.id}`)!;
    const old = { ...JSON.parse(meta.value), mirror: { format: 'csv', keep: 'latest' } };
    delete old.exports;
    meta.value = JSON.stringify(old);
    const seen = world.host.call<SidebarState>('getSidebarState').jobs[0].job;
    expect(seen.exports).toEqual([{ to: 'drive', format: 'csv', keep: 'latest' }]);
    expect('mirror' in seen).toBe(false);
    expect(runToEnd(world, seen).pop()!.status).toBe('ok');
    expect(copiesOf(world).map((f) => f.name)).toEqual(['Pipeline.csv']);
    // Saved again, it is stored in today's shape.
    world.host.call<Job>('saveJob', seen);
    expect(JSON.parse(documentStore(world).get(`job:${job.id}`)!)).toMatchObject({ exports: [{ to: 'drive', format: 'csv' }] });
    expect(JSON.parse(documentStore(world).get(`job:${job.id}`)!).mirror).toBeUndefined();
  });

  it('a copy that fails after the rows are written: the run says so, the rows and watermark stay, the next run writes it', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 40 } });
    const job = saveJob(world, {
      object: 'opportunities',
      sheetName: 'Pipeline',
      fields: ['id'],
      exports: [{ to: 'drive', format: 'csv' }],
    });
    world.host.drive.failing = true;
    const failed = runToEnd(world, job).pop()!;
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toMatch(/The rows are in the sheet, but the csv copy to drive failed/);
    const rows = sheetObjects(world.host.spreadsheet.tab('Pipeline')).length;
    expect(rows).toBeGreaterThan(0);
    const state = JSON.parse(documentStore(world).get(`state:${job.id}`)!);
    expect(state.watermark).not.toBeNull();
    expect(state.consecutiveFailures).toBe(1);
    world.host.drive.failing = false;
    world.clock.advance(HOUR);
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    expect(copiesOf(world).map((f) => f.name)).toEqual(['Pipeline.csv']);
    expect(sheetObjects(world.host.spreadsheet.tab('Pipeline')).length).toBe(rows);
  });

  it('a passing Drive error makes no second folder: the same file keeps being updated', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 40 } });
    const job = saveJob(world, {
      object: 'opportunities',
      sheetName: 'Pipeline',
      fields: ['id'],
      exports: [{ to: 'drive', format: 'csv' }],
    });
    runToEnd(world, job);
    const file = copiesOf(world)[0];
    for (const failing of [true, false, true, false]) {
      world.host.drive.failing = failing;
      world.clock.advance(HOUR);
      expect(runToEnd(world, job).pop()!.status).toBe(failing ? 'failed' : 'ok');
    }
    expect(world.host.drive.items.filter((f) => f.isFolder)).toHaveLength(1);
    expect(copiesOf(world).map((f) => f.id)).toEqual([file.id]);
  });
});

describe('a run cut between its end and its copies', () => {
  it('the next slice writes the copies of the finished run, without a new run, and logs it once', () => {
    const world = connectedWorld({ sandbox: { seed: 2, opportunities: 40 } });
    const job = saveJob(world, {
      object: 'opportunities',
      sheetName: 'P',
      fields: ['id', 'name'],
      exports: [{ to: 'drive', format: 'csv', keep: 'latest' }],
    });
    world.host.drive.onCall = () => world.clock.killAtNextCall();
    expect(world.host.execute('runJobSlice', [job.id]).killed).toBe(true);
    world.host.drive.onCall = null;
    const state = JSON.parse(documentStore(world).get(`state:${job.id}`)!);
    expect(state).toMatchObject({ run: null, exportsPending: true, lastRun: { status: 'ok' } });
    expect(copiesOf(world)).toEqual([]);
    const requests = world.sandbox.log.length;
    world.clock.advance(7 * 60_000); // the killed execution's lease runs out
    expect(runToEnd(world, job).pop()).toMatchObject({ status: 'ok', startedAt: state.lastRun.startedAt });
    expect(world.sandbox.log.length).toBe(requests);
    expect(copiesOf(world).map((f) => f.name)).toEqual(['P.csv']);
    const log = sheetObjects(world.host.spreadsheet.tab('Sync log'));
    expect(log.filter((r) => r['Mirror file'] === 'P.csv')).toHaveLength(1);
    expect(JSON.parse(documentStore(world).get(`state:${job.id}`)!).exportsPending).toBeUndefined();
  });
});

describe('integrity', () => {
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');

  it('a manifest beside each copy: run, rows, bytes and checksums of the stored file, its columns with their types, the watermark', () => {
    const world = connectedWorld({ sandbox: { seed: 3, opportunities: 50 } });
    const job = saveJob(world, {
      object: 'opportunities',
      sheetName: 'Pipeline',
      fields: ['name', 'createdAt', 'id'],
      exports: [{ to: 'drive', format: 'csv.gz', keep: 'history', retentionDays: 2 }],
    });
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const [file] = copiesOf(world);
    const manifest = JSON.parse(
      world.host.drive
        .liveFiles()
        .find((f) => f.name === `${file.name}.manifest.json`)!
        .blob.getDataAsString(),
    );
    const stored = file.blob.raw();
    const rows = gunzipSync(stored).toString('utf8').trim().split('\r\n').length - 1;
    const state = JSON.parse(documentStore(world).get(`state:${job.id}`)!);
    expect(manifest).toEqual({
      file: file.name,
      runId: state.lastRun.runId,
      job: job.id,
      jobName: job.name,
      object: 'opportunities',
      format: 'csv.gz',
      rows,
      bytes: stored.length,
      sha256: sha(stored),
      md5: md5(stored),
      columns: [
        { name: 'Name', type: 'text' },
        { name: 'Created at', type: 'date' },
        { name: 'Opportunity ID', type: 'id' },
      ],
      watermark: state.watermark,
      writtenAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    const log = sheetObjects(world.host.spreadsheet.tab('Sync log')).pop()!;
    expect([log['Mirror SHA-256'], log['Mirror rows'], log['Mirror bytes']]).toEqual([sha(stored), String(rows), String(stored.length)]);
    // Past their retention, old copies go with their manifests.
    world.clock.advance(3 * 24 * HOUR);
    runToEnd(world, job);
    expect(world.host.drive.liveFiles()).toHaveLength(2);
  });

  it('a copy stored short fails the run with what differs; the rows stay, and the next run writes it whole', () => {
    const world = connectedWorld({ sandbox: { seed: 3, opportunities: 50 } });
    const job = saveJob(world, {
      object: 'opportunities',
      sheetName: 'Pipeline',
      fields: ['name', 'id'],
      exports: [{ to: 'drive', format: 'csv' }],
    });
    world.host.drive.truncateNextUpload = true;
    const last = runToEnd(world, job).pop()!;
    expect(last.status).toBe('failed');
    const run = world.host.call<SidebarState>('getSidebarState').jobs[0].lastRun!;
    expect(run.error!.code).toBe('INTEGRITY');
    expect(run.error!.message).toMatch(
      /^The rows are in the sheet, but the csv copy to drive failed: The csv copy "Pipeline.csv" in Drive does not match what was written \(\d+ bytes instead of \d+\)\. It is written again at the next run/,
    );
    expect(sheetObjects(world.host.spreadsheet.tab('Pipeline')).length).toBeGreaterThan(10);
    world.clock.advance(HOUR);
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const [file] = copiesOf(world);
    const csv = file.blob.getDataAsString();
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.trim().split('\r\n').length - 1).toBe(sheetObjects(world.host.spreadsheet.tab('Pipeline')).length);
  });
});
