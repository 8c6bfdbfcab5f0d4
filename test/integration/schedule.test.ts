import { connectedWorld, runToEnd, saveJob, sheetObjects } from '../helpers/world';

const HOUR = 3600_000;

describe('the hourly dispatcher trigger', () => {
  it('keeps exactly one trigger per document while any job has a schedule, and none otherwise', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 20 } });
    const manual = saveJob(world, { object: 'opportunities', sheetName: 'A' });
    expect(world.host.triggers).toHaveLength(0);
    const hourly = saveJob(world, { object: 'opportunities', sheetName: 'B', schedule: { every: 'hour' } });
    saveJob(world, { object: 'interviews', sheetName: 'C', schedule: { every: 'day', hour: 7 } });
    expect(world.host.triggers.map((t) => [t.handler, t.everyHours])).toEqual([['runScheduledSyncs', 1]]);
    world.host.call('deleteJob', hourly.id);
    expect(world.host.triggers).toHaveLength(1);
    world.host.call('saveJob', { ...manual, schedule: { every: 'manual' } });
    const state = world.host.call<{ jobs: Array<{ job: { id: string } }> }>('getSidebarState');
    for (const j of state.jobs) world.host.call('deleteJob', j.job.id);
    expect(world.host.triggers).toHaveLength(0);
  });

  it('runs hourly jobs every hour and a daily job once, at its hour in the spreadsheet time zone', () => {
    // The spreadsheet is in New York; the sandbox epoch is 09:00 UTC = 04:00 or 05:00 there.
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 40 }, timeZone: 'America/New_York' });
    const hourly = saveJob(world, { object: 'opportunities', sheetName: 'Hourly', fields: ['id'], schedule: { every: 'hour' } });
    const daily = saveJob(world, { object: 'opportunities', sheetName: 'Daily', fields: ['id'], schedule: { every: 'day', hour: 7 } });
    world.host.runHours(26);
    const log = sheetObjects(world.host.spreadsheet.tab('Sync log'));
    const runs = (name: string) => log.filter((r) => r.Job === name);
    expect(runs(hourly.name).length).toBeGreaterThanOrEqual(24);
    const dailyRuns = runs(daily.name);
    expect(dailyRuns).toHaveLength(1);
    const started = dailyRuns[0].Started as Date;
    const localHour = Number(
      new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' }).format(started),
    );
    expect(localHour).toBe(7);
  });

  it('continues a long first sync across hourly runs, checkpointed, until done', () => {
    const world = connectedWorld({
      sandbox: { seed: 8, opportunities: 900, faults: [{ kind: 'slow', path: '/interviews', delayMs: 4000 }] },
    });
    const job = saveJob(world, { object: 'interviews', sheetName: 'Interviews', schedule: { every: 'hour' } });
    world.clock.advance(2 * HOUR); // first slot passes
    const results = world.host.runHours(6);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.every((r) => r.elapsedMs < 6 * 60_000)).toBe(true);
    const log = sheetObjects(world.host.spreadsheet.tab('Sync log'));
    const firstOk = log.find((r) => r.Job === job.name && r.Status === 'ok')!;
    // The first run outlasted one execution: it paused and finished at a later hourly run.
    expect(firstOk.Seconds as number).toBeGreaterThan(3600);
    const ids = sheetObjects(world.host.spreadsheet.tab('Interviews')).map((r) => r['Interview ID']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('skips quietly when another sync holds the spreadsheet (its lease, or the document lock)', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 20 } });
    saveJob(world, { object: 'opportunities', sheetName: 'P', schedule: { every: 'hour' } });
    // Another execution's claim, as a trigger with no document lock sees it.
    const lease = { holder: 'another-execution', until: world.clock.now() + 10 * HOUR };
    world.host.spreadsheet.addDeveloperMetadata('leverSync:lease', JSON.stringify(lease), 'PROJECT');
    world.host.lockHeldElsewhere = true;
    const results = world.host.runHours(2);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(world.host.spreadsheet.tab('P')).toBeUndefined();
    expect(() => world.host.call('runJobSlice', 'whatever')).toThrow(/Another sync is running/);
  });

  it('mails once when a job starts failing and once when it recovers, not every hour', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 30 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', schedule: { every: 'hour' } });
    runToEnd(world, job);
    world.sandbox.injectFaults([{ kind: 'status-503', from: 1, count: 100_000 }]);
    world.host.runHours(5);
    expect(world.host.outbox.map((m) => m.subject)).toEqual([`Lever sync failed: ${job.name}`]);
    world.sandbox.faults.clear();
    world.host.runHours(3);
    expect(world.host.outbox.map((m) => m.subject)).toEqual([`Lever sync failed: ${job.name}`, `Lever sync recovered: ${job.name}`]);
    expect(world.host.outbox[0].body).toMatch(/Lever is not answering right now/);
  });

  it('when the add-on needs re-authorization, the trigger skips and mails the link at most once a day', () => {
    const world = connectedWorld({ sandbox: { seed: 1, opportunities: 20 } });
    saveJob(world, { object: 'opportunities', sheetName: 'P', schedule: { every: 'hour' } });
    world.host.authorizationRequired = true;
    world.host.runHours(30);
    expect(world.host.outbox.filter((m) => /permission again/.test(m.subject))).toHaveLength(2);
    expect(world.host.spreadsheet.tab('P')).toBeUndefined();
  });
});

describe('daily trigger budget', () => {
  it('a sync that keeps the trigger busy all day stays under 90 minutes of trigger time (consumer accounts)', () => {
    // 20 s per batch of interview calls: the first sync needs more than a day of trigger runs.
    const world = connectedWorld({
      sandbox: { seed: 8, opportunities: 2500, faults: [{ kind: 'slow', path: '/interviews', delayMs: 20_000 }] },
    });
    saveJob(world, { object: 'interviews', sheetName: 'Interviews', schedule: { every: 'hour' } });
    world.clock.advance(2 * HOUR);
    const results = world.host.runHours(24);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const total = results.reduce((n, r) => n + r.elapsedMs, 0);
    expect(total).toBeLessThan(90 * 60_000);
    expect(results.every((r) => r.elapsedMs < 4 * 60_000)).toBe(true);
    expect(total).toBeGreaterThan(80 * 60_000); // it really was busy all day
  });
});
