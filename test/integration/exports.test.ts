/**
 * The export seam: a job's exports are written after a successful run, by the use-case layer,
 * to each destination; jobs stored by earlier versions with a single `mirror` are read as exports.
 */
import { gunzipSync } from 'node:zlib';
import type { Job, SidebarState } from '../../src/shared/rpc';
import { connectedWorld, documentStore, runToEnd, saveJob, sheetObjects } from '../helpers/world';

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
      ],
    });
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const files = world.host.drive
      .liveFiles()
      .map((f) => f.name)
      .sort();
    expect(files).toEqual(['Pipeline.csv.gz', 'Pipeline.xlsx']);
    const csv = gunzipSync(
      world.host.drive
        .liveFiles()
        .find((f) => f.name === 'Pipeline.csv.gz')!
        .blob.raw(),
    ).toString('utf8');
    expect(csv.trim().split('\r\n').length - 1).toBe(sheetObjects(world.host.spreadsheet.tab('Pipeline')).length);
    const log = sheetObjects(world.host.spreadsheet.tab('Sync log'));
    expect(log[0]['Mirror file']).toBe('Pipeline.csv.gz, Pipeline.xlsx');
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
    expect(world.host.drive.liveFiles().map((f) => f.name)).toEqual(['Pipeline.csv']);
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
    expect(world.host.drive.liveFiles().map((f) => f.name)).toEqual(['Pipeline.csv']);
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
    const file = world.host.drive.liveFiles()[0];
    for (const failing of [true, false, true, false]) {
      world.host.drive.failing = failing;
      world.clock.advance(HOUR);
      expect(runToEnd(world, job).pop()!.status).toBe(failing ? 'failed' : 'ok');
    }
    expect(world.host.drive.items.filter((f) => f.isFolder)).toHaveLength(1);
    expect(world.host.drive.liveFiles().map((f) => f.id)).toEqual([file.id]);
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
    expect(world.host.drive.liveFiles()).toEqual([]);
    const requests = world.sandbox.log.length;
    world.clock.advance(7 * 60_000); // the killed execution's lease runs out
    expect(runToEnd(world, job).pop()).toMatchObject({ status: 'ok', startedAt: state.lastRun.startedAt });
    expect(world.sandbox.log.length).toBe(requests);
    expect(world.host.drive.liveFiles().map((f) => f.name)).toEqual(['P.csv']);
    const log = sheetObjects(world.host.spreadsheet.tab('Sync log'));
    expect(log.filter((r) => r['Mirror file'] === 'P.csv')).toHaveLength(1);
    expect(JSON.parse(documentStore(world).get(`state:${job.id}`)!).exportsPending).toBeUndefined();
  });
});
