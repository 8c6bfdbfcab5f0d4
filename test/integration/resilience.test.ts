import {
  connectedWorld,
  expectedCell,
  runToEnd,
  saveJob,
  sheetObjects,
  visibleOpportunities,
  upsertedOpportunities,
} from '../helpers/world';
import { createLocalWorld } from '../../src/cli/local-world';
import { SANDBOX_KEY } from '../../src/sandbox/sandbox';
import { EmuSheet } from '../../src/host/spreadsheet';
import type { SidebarState, SliceProgress } from '../../src/shared/rpc';

describe('runs that are cut, throttled or hit faults', () => {
  it('a run killed at the execution limit resumes without losing or duplicating rows', () => {
    // A 25-second execution limit kills every 40-second sidebar slice mid-way.
    const world = createLocalWorld({ executionLimitMs: 25_000, sandbox: { seed: 11, opportunities: 400 } });
    world.host.call('saveConnection', { apiKey: SANDBOX_KEY, environment: 'sandbox' });
    world.sandbox.faults.set([{ kind: 'slow', path: '/opportunities', delayMs: 6000 }]);
    const job = world.host.call<{ id: string; name: string }>('saveJob', { object: 'interviews', sheetName: 'Interviews' });
    let killed = 0;
    let waits = 0;
    let done: SliceProgress | null = null;
    for (let i = 0; i < 200 && !done; i++) {
      const res = world.host.execute<SliceProgress>('runJobSlice', [job.id]);
      if (res.killed) killed++;
      else if (!res.ok && /Another sync is running/.test(res.error ?? '')) {
        // A killed execution's lease stands until it would have been killed anyway: wait, as the sidebar does.
        waits++;
        world.clock.advance(60_000);
      } else if (!res.ok) throw new Error(res.error);
      else if (res.value!.done) done = res.value!;
    }
    expect(killed).toBeGreaterThan(0);
    expect(waits).toBeLessThanOrEqual(killed * 7);
    expect(done).toMatchObject({ status: 'ok' });
    const expected = visibleOpportunities(world).flatMap((o) => world.sandbox.data.children.interviews.get(o.id as string) ?? []);
    const rows = sheetObjects(world.host.spreadsheet.tab('Interviews'));
    const ids = rows.map((r) => r['Interview ID']);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(expected.map((i) => i.id).sort());
  });

  it('paces requests under the rate limit: a large fan-out sees no 429', () => {
    const world = connectedWorld({ sandbox: { seed: 3, opportunities: 300 } });
    const job = saveJob(world, { object: 'offers', sheetName: 'Offers' });
    const progress = runToEnd(world, job);
    const last = progress[progress.length - 1];
    expect(last.status).toBe('ok');
    expect(last.counts.requests).toBeGreaterThan(250);
    expect(last.counts.rateLimited).toBe(0);
    expect(world.sandbox.log.filter((l) => l.status === 429)).toHaveLength(0);
  });

  it('rides out a 429 storm, 5xx errors, truncated and malformed bodies and dropped connections', () => {
    const world = connectedWorld({
      sandbox: {
        seed: 5,
        opportunities: 250,
        faults: [
          { kind: 'status-429', from: 4, count: 6 },
          { kind: 'status-503', from: 20, count: 2 },
          { kind: 'status-500', from: 40, count: 1 },
          { kind: 'truncated', from: 60, count: 1 },
          { kind: 'malformed', from: 80, count: 1 },
          { kind: 'reset', from: 100, count: 1 },
        ],
      },
    });
    const job = saveJob(world, { object: 'interviews', sheetName: 'Interviews' });
    const progress = runToEnd(world, job);
    const last = progress[progress.length - 1];
    expect(last.status).toBe('ok');
    expect(last.counts.retries).toBeGreaterThanOrEqual(12);
    expect(last.counts.rateLimited).toBeGreaterThanOrEqual(6);
    const expected = visibleOpportunities(world).flatMap((o) => world.sandbox.data.children.interviews.get(o.id as string) ?? []);
    expect(sheetObjects(world.host.spreadsheet.tab('Interviews'))).toHaveLength(expected.length);
  });

  it('when Lever stays down, the run fails with a plain message and resumes later from its checkpoint', () => {
    const world = connectedWorld({ sandbox: { seed: 9, opportunities: 250 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'Pipeline', fields: ['id', 'name'] });
    world.sandbox.injectFaults([{ kind: 'status-503', from: 2, count: 50 }]);
    const progress = runToEnd(world, job);
    const failed = progress[progress.length - 1];
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toMatch(/Lever is not answering right now/);
    const partial = sheetObjects(world.host.spreadsheet.tab('Pipeline')).length;
    expect(partial).toBeGreaterThan(90); // the first page (less any anonymised candidates)
    expect(partial).toBeLessThanOrEqual(100);
    world.sandbox.faults.clear();
    const resumed = runToEnd(world, job);
    expect(resumed[resumed.length - 1].status).toBe('ok');
    const rows = sheetObjects(world.host.spreadsheet.tab('Pipeline'));
    expect(rows.map((r) => r['Opportunity ID']).sort()).toEqual(
      upsertedOpportunities(world)
        .map((o) => o.id)
        .sort(),
    );
  });

  it('respects a sheet the user sorted, whose columns they moved, and where they added a notes column', () => {
    const world = connectedWorld();
    const job = saveJob(world, { object: 'opportunities', sheetName: 'Pipeline', fields: ['id', 'name', 'stage', 'updatedAt'] });
    runToEnd(world, job);
    const tab = world.host.spreadsheet.tab('Pipeline')!;
    // The user: sorts rows by name (descending), swaps Name and Stage columns, adds "My notes" in between.
    const [header, ...rows] = tab.rows.slice(0, tab.lastRow()).map((r) => [...r]);
    rows.sort((a, b) => String(b[1]).localeCompare(String(a[1])));
    const reorder = (r: unknown[], note: unknown) => [r[0], r[2], note, r[1], r[3]];
    tab.rows = [reorder(header, 'My notes'), ...rows.map((r, i) => reorder(r, `note ${i}`))] as typeof tab.rows;
    const noteById = new Map(tab.rows.slice(1).map((r) => [r[0], r[2]]));

    const opps = upsertedOpportunities(world).filter((o) => o.archived === null);
    const t0 = world.clock.now();
    world.clock.advance(3600_000);
    for (const o of opps.slice(0, 5)) world.sandbox.activity.advance(o, t0 + 1000);
    const fresh = world.sandbox.activity.create(t0 + 2000);
    runToEnd(world, job);

    const after = sheetObjects(tab);
    expect(Object.keys(after[0])).toEqual(['Opportunity ID', 'Stage ID', 'My notes', 'Name', 'Updated at']);
    for (const o of opps.slice(0, 5)) {
      const row = after.find((r) => r['Opportunity ID'] === o.id)!;
      expect(row['Stage ID']).toBe(o.stage);
      expect(row['Updated at']).toEqual(expectedCell(o, 'updatedAt', 'date'));
      expect(row['My notes']).toBe(noteById.get(o.id as string));
    }
    const added = after.find((r) => r['Opportunity ID'] === fresh.id)!;
    expect(added).toMatchObject({ Name: fresh.name, 'My notes': '' });
    // Every note still sits next to its own candidate.
    for (const r of after) if (r['Opportunity ID'] !== fresh.id) expect(r['My notes']).toBe(noteById.get(r['Opportunity ID'] as string));
    expect(after).toHaveLength(upsertedOpportunities(world).length);
  });
});

describe('odd tabs the user already has', () => {
  it('writes into an existing tab shrunk to one row and three columns', () => {
    const world = connectedWorld({ sandbox: { seed: 4, opportunities: 60 } });
    world.host.spreadsheet.sheets.push(new EmuSheet(world.host.spreadsheet, 'Tiny', 1, 3));
    const job = saveJob(world, { object: 'opportunities', sheetName: 'Tiny', fields: ['id', 'name', 'createdAt', 'urls.show'] });
    const progress = runToEnd(world, job);
    expect(progress[progress.length - 1].status).toBe('ok');
    expect(sheetObjects(world.host.spreadsheet.tab('Tiny'))).toHaveLength(upsertedOpportunities(world).length);
    const tiny = world.host.spreadsheet.tab('Tiny')!;
    expect(tiny.styles.get(2, 3).format).toBe('yyyy-mm-dd hh:mm');
    expect(tiny.styles.get(tiny.lastRow(), 3).format).toBe('yyyy-mm-dd hh:mm');
  });
});

describe('the daily UrlFetch quota', () => {
  it('spent mid-run: the run pauses with its own message, no retries, no alert mail, no other job tried; it goes on after the reset', () => {
    const world = connectedWorld({ sandbox: { seed: 12, opportunities: 300 } });
    const jobs = [
      saveJob(world, { object: 'opportunities', sheetName: 'Pipeline', fields: ['id', 'name'], schedule: { every: 'hour' } }),
      saveJob(world, { object: 'interviews', sheetName: 'Interviews', schedule: { every: 'hour' } }),
    ];
    world.host.urlFetch.exhaustAfter(2);
    world.host.runHours(1);
    const log = sheetObjects(world.host.spreadsheet.tab('Sync log'));
    expect(log).toHaveLength(1);
    expect(log[0].Error).toMatch(/as many requests to other services today as Google allows .* Nothing is lost/);
    expect(world.sandbox.log.length).toBe(2);
    expect(world.host.outbox).toEqual([]);
    world.host.urlFetch.dailyQuota = 20_000; // the next day
    world.host.runHours(3);
    const views = world.host.call<SidebarState>('getSidebarState').jobs;
    for (const job of jobs) expect(views.find((v) => v.job.id === job.id)!.lastRun).toMatchObject({ status: 'ok' });
    expect(sheetObjects(world.host.spreadsheet.tab('Pipeline')).length).toBe(upsertedOpportunities(world).length);
    expect(world.host.outbox).toEqual([]);
  });
});

describe('the request budget Lever Sync plans within', () => {
  it('a day whose share is nearly spent: the run pauses before a request would pass it, with no failed run and no mail, and ends equal to an unpaused run', () => {
    const make = () => connectedWorld({ sandbox: { seed: 14, opportunities: 400 } });
    const world = make();
    const twin = make();
    const hour = Math.floor(world.clock.now() / 3600_000);
    // Other spreadsheets of this user spent 17,900 calls this hour: 100 are left of 18,000 (90% of 20,000).
    world.host.userProps.setProperty('schedule.ledger', JSON.stringify({ hours: { [hour]: [17_900, 0] } }));
    const input = { object: 'interviews', sheetName: 'Interviews', schedule: { every: 'hour' } } as const;
    saveJob(world, input);
    saveJob(twin, input);
    const before = world.sandbox.requestCount;
    const results = world.host.runHours(3);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(world.sandbox.requestCount - before).toBeLessThanOrEqual(100);
    const progress = world.host.call<SidebarState>('getSidebarState').jobs[0];
    expect(progress.lastRun).toBeNull(); // paused, not failed
    expect(progress.running).not.toBeNull();
    expect(world.host.spreadsheet.tab('Sync log')).toBeUndefined();
    // Run now from the sidebar says so instead of failing.
    const slice = world.host.call<SliceProgress>('runJobSlice', progress.job.id);
    expect(slice.done).toBe(false);
    expect(slice.paused?.message).toMatch(/used today's share .* goes on by itself/);
    world.host.runHours(24);
    expect(world.host.outbox).toEqual([]);
    twin.host.runHours(27);
    const rows = (w: typeof world) =>
      sheetObjects(w.host.spreadsheet.tab('Interviews'))
        .map((r) => r['Interview ID'])
        .sort();
    expect(rows(world).length).toBeGreaterThan(100);
    expect(rows(world)).toEqual(rows(twin));
    expect(world.host.call<SidebarState>('getSidebarState').jobs[0].lastRun).toMatchObject({ status: 'ok' });
  });
});

describe('rows left by a run that never finished', () => {
  it('a cancelled first run, then a candidate deleted in Lever: the next full run removes the row it left', () => {
    // More than one write's worth of candidates (pages are read ahead and written 1,000 at a time).
    const world = connectedWorld({ sandbox: { seed: 13, opportunities: 1500 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', fields: ['id', 'name'] });
    let pages = 0;
    world.host.spreadsheet.onCall = (method) => {
      if (method === 'DeveloperMetadata.setValue' && ++pages === 2) world.clock.killAtNextCall();
    };
    expect(world.host.execute('runJobSlice', [job.id]).killed).toBe(true);
    world.host.spreadsheet.onCall = null;
    world.clock.advance(7 * 60_000);
    expect(world.host.call('cancelRun', job.id)).toBe(true);
    // Said in the Sync log and on the job's card; no alert.
    expect(sheetObjects(world.host.spreadsheet.tab('Sync log')).pop()).toMatchObject({ Status: 'cancelled' });
    expect(world.host.call<SidebarState>('getSidebarState').jobs[0]).toMatchObject({ running: null, lastRun: { status: 'cancelled' } });
    expect(world.host.outbox).toEqual([]);
    const written = sheetObjects(world.host.spreadsheet.tab('P')).map((r) => String(r['Opportunity ID']));
    expect(written.length).toBeGreaterThan(50);
    const doomed = world.sandbox.data.opportunities.get(written[3])!;
    world.clock.advance(60_000);
    world.sandbox.activity.remove(doomed, world.clock.now());
    world.clock.advance(60_000);
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const ids = sheetObjects(world.host.spreadsheet.tab('P')).map((r) => r['Opportunity ID']);
    expect(ids).not.toContain(doomed.id);
    expect([...ids].sort()).toEqual(
      upsertedOpportunities(world)
        .map((o) => o.id)
        .sort(),
    );
  });
});

describe('replace mode whose staging tab went away mid-run', () => {
  it('starts the run over instead of swapping in a tab missing what was staged before', () => {
    // Three pages of candidates: a save after each page's children, so the third comes mid-run.
    const world = connectedWorld({ sandbox: { seed: 14, opportunities: 300 } });
    const job = saveJob(world, { object: 'interviews', mode: 'replace', sheetName: 'Roster' });
    let saves = 0;
    world.host.spreadsheet.onCall = (method) => {
      if (method === 'DeveloperMetadata.setValue' && ++saves === 3) world.clock.killAtNextCall();
    };
    expect(world.host.execute('runJobSlice', [job.id]).killed).toBe(true);
    world.host.spreadsheet.onCall = null;
    const staging = world.host.spreadsheet.tab('~staging Roster')!;
    expect(staging.lastRow()).toBeGreaterThan(1);
    world.host.spreadsheet.deleteSheet(staging); // gone: swapped by an execution that could not save, or deleted
    world.clock.advance(7 * 60_000);
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const expected = visibleOpportunities(world).flatMap((o) => world.sandbox.data.children.interviews.get(o.id as string) ?? []);
    expect(
      sheetObjects(world.host.spreadsheet.tab('Roster'))
        .map((r) => r['Interview ID'])
        .sort(),
    ).toEqual(expected.map((i) => i.id).sort());
  });
});
