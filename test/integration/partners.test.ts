import { connectedWorld, saveJob, sheetObjects, visibleOpportunities } from '../helpers/world';
import type { SidebarState } from '../../src/shared/rpc';

/** Interviews in the sandbox for the candidates a job sees. */
function sandboxInterviews(world: ReturnType<typeof connectedWorld>): string[] {
  return visibleOpportunities(world)
    .flatMap((o) => world.sandbox.data.children.interviews.get(o.id as string) ?? [])
    .map((i) => String(i.id))
    .sort();
}

const ids = (world: ReturnType<typeof connectedWorld>, tab: string) =>
  sheetObjects(world.host.spreadsheet.tab(tab))
    .map((r) => String(r['Interview ID']))
    .sort();

describe('one fan-out for jobs that need the same children', () => {
  it('two interviews jobs on the same candidates cost the requests of one, and both tabs are whole, first sync and after', () => {
    const make = () => connectedWorld({ sandbox: { seed: 31, opportunities: 300 } });
    const world = make();
    const alone = make();
    const roster = {
      object: 'interviews',
      sheetName: 'Roster',
      fields: ['id', 'opportunityId', 'date'],
      schedule: { every: 'hour' as const },
    };
    saveJob(world, { object: 'interviews', sheetName: 'Interviews', schedule: { every: 'hour' } });
    saveJob(world, roster);
    saveJob(alone, { object: 'interviews', sheetName: 'Interviews', schedule: { every: 'hour' } });
    const r0 = [world.sandbox.requestCount, alone.sandbox.requestCount];
    world.host.runHours(2);
    alone.host.runHours(2);
    const views = world.host.call<SidebarState>('getSidebarState').jobs;
    expect(views.map((v) => v.lastRun?.status)).toEqual(['ok', 'ok']);
    expect(ids(world, 'Interviews')).toEqual(sandboxInterviews(world));
    expect(ids(world, 'Roster')).toEqual(sandboxInterviews(world));
    expect(world.sandbox.requestCount - r0[0]).toBe(alone.sandbox.requestCount - r0[1]);
    // Later hours: new interviews on touched candidates reach both tabs, still for one job's requests.
    for (const w of [world, alone]) {
      const t = w.clock.now();
      w.clock.advance(3600_000);
      w.sandbox.activity.simulate(t, w.clock.now(), 15);
    }
    const r1 = [world.sandbox.requestCount, alone.sandbox.requestCount];
    world.host.runHours(2);
    alone.host.runHours(2);
    expect(ids(world, 'Roster')).toEqual(ids(world, 'Interviews'));
    expect(ids(world, 'Interviews')).toEqual(ids(alone, 'Interviews'));
    expect(world.sandbox.requestCount - r1[0]).toBe(alone.sandbox.requestCount - r1[1]);
    expect(world.host.outbox).toEqual([]);
  });

  it('a partner whose tab cannot be written leaves the run with its own error; the other job finishes', () => {
    const world = connectedWorld({ sandbox: { seed: 32, opportunities: 150 } });
    saveJob(world, { object: 'interviews', sheetName: 'Interviews', schedule: { every: 'hour' } });
    saveJob(world, { object: 'interviews', sheetName: 'Roster', fields: ['id', 'opportunityId', 'date'], schedule: { every: 'hour' } });
    world.host.runHours(2);
    // The user deletes the Roster's id column: its rows can no longer be matched.
    const roster = world.host.spreadsheet.tab('Roster')!;
    roster.deleteColumns(1, 1);
    world.clock.advance(3600_000);
    world.host.runHours(1);
    const views = world.host.call<SidebarState>('getSidebarState').jobs;
    expect(views.find((v) => v.job.sheetName === 'Interviews')!.lastRun?.status).toBe('ok');
    const failed = views.find((v) => v.job.sheetName === 'Roster')!.lastRun;
    expect(failed?.status).toBe('failed');
    expect(failed?.error?.message).toMatch(/missing from the tab "Roster"/);
    expect(failed?.counts.requests).toBe(0); // it failed as a partner of the Interviews run, not on its own
    // Next hour the same, and still one alert for it; the Interviews tab goes on.
    world.clock.advance(3600_000);
    world.host.runHours(1);
    const again = world.host.call<SidebarState>('getSidebarState').jobs;
    expect(again.map((v) => [v.job.sheetName, v.lastRun?.status])).toEqual([
      ['Interviews', 'ok'],
      ['Roster', 'failed'],
    ]);
    expect(world.host.outbox.map((m) => m.subject)).toEqual(['Lever sync failed: Interviews → Roster']);
  });
});
