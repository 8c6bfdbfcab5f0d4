/**
 * getUsage through the shipped bundle: per-job Lever requests from the Sync log, the user's
 * UrlFetch and trigger use, cells against the 10 million with a projection from daily samples,
 * and the bytes each copy keeps, each checked against figures computed here from the host.
 */
import type { UsageReport } from '../../src/shared/rpc';
import { connectedWorld, runToEnd, saveJob, sheetObjects } from '../helpers/world';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('usage', () => {
  it('adds up requests, cells and stored bytes as the host counts them, and projects when the sheet is full', () => {
    const world = connectedWorld({ sandbox: { seed: 41, opportunities: 120 } });
    const audit = saveJob(world, {
      object: 'opportunities',
      mode: 'append',
      sheetName: 'Audit',
      fields: ['name', 'stage@text', 'id'],
      schedule: { every: 'hour' },
      exports: [{ to: 'drive', format: 'csv.gz', keep: 'history', retentionDays: 30 }],
    });
    const users = saveJob(world, { object: 'users', sheetName: 'Users', schedule: { every: 'hour' } });
    runToEnd(world, audit);
    runToEnd(world, users);
    const cells = () => world.host.spreadsheet.sheets.reduce((n, s) => n + s.maxRows * s.maxCols, 0);
    const first = world.host.call<UsageReport>('getUsage');
    expect(first.spreadsheet).toMatchObject({ cells: cells(), cellLimit: 10_000_000, growthPerDay: null, fullInDays: null });
    const cells0 = cells();

    world.host.runHours(72, () => world.sandbox.activity.simulate(world.clock.now() - HOUR, world.clock.now(), 40));
    const callsBefore = world.host.urlFetch.calls;
    const report = world.host.call<UsageReport>('getUsage');
    const log = sheetObjects(world.host.spreadsheet.tab('Sync log'));
    const since = (ms: number, name: string) =>
      log
        .filter((r) => r.Job === name && (r.Started as Date).getTime() > world.clock.now() - ms)
        .reduce((n, r) => n + Number(r.Requests), 0);
    const a = report.jobs.find((j) => j.jobId === audit.id)!;
    expect(a.requestsToday).toBe(since(DAY, audit.name));
    expect(a.requests7d).toBe(since(7 * DAY, audit.name));
    expect(a.requestsToday).toBeGreaterThan(0);
    expect(a.quotaShare).toBeCloseTo(a.requestsToday / 20_000, 6);
    expect(report.account.requestLimit).toBe(20_000);
    expect(report.account.triggerMinuteLimit).toBe(90);
    expect(report.account.requests24h).toBeGreaterThanOrEqual(since(DAY, audit.name) + since(DAY, users.name));
    expect(report.account.requests24h).toBeLessThanOrEqual(callsBefore);

    // Cells: as the host holds them; the projection from the first sample to today's.
    expect(report.spreadsheet.cells).toBe(cells());
    const growth = Math.round((cells() - cells0) / 3);
    expect(report.spreadsheet.growthPerDay).toBe(growth);
    expect(growth).toBeGreaterThan(0);
    expect(report.spreadsheet.fullInDays).toBe(Math.floor((10_000_000 - cells()) / growth));
    expect(a.cells).toBe(world.host.spreadsheet.tab('Audit')!.maxRows * world.host.spreadsheet.tab('Audit')!.maxCols);

    // The history copy: every file and manifest it keeps in Drive, and their growth a day.
    const files = world.host.drive.liveFiles().filter((f) => f.name.startsWith('Audit '));
    expect(a.copies).toEqual([
      {
        to: 'drive',
        where: 'Drive',
        files: files.length,
        bytes: files.reduce((n, f) => n + f.blob.raw().length, 0),
        growthPerDay: expect.any(Number),
        error: null,
      },
    ]);
    expect(a.copies[0].growthPerDay!).toBeGreaterThan(0);
    expect(report.jobs.find((j) => j.jobId === users.id)!.copies).toEqual([]);
  });
});
