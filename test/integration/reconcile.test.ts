import { connectedWorld, runToEnd, saveJob, sheetObjects, visibleOpportunities } from '../helpers/world';

describe('the rotating reconcile of a child job', () => {
  it('hourly runs re-read one share of the candidates each: a day of runs catches interviews added without touching the candidate, with no whole re-read', () => {
    const world = connectedWorld({ sandbox: { seed: 23, opportunities: 240 } });
    const job = saveJob(world, { object: 'interviews', sheetName: 'Interviews', schedule: { every: 'hour' }, reconcile: 'daily' });
    expect(runToEnd(world, job).pop()!.status).toBe('ok');
    const interviews = () =>
      visibleOpportunities(world)
        .flatMap((o) => world.sandbox.data.children.interviews.get(o.id as string) ?? [])
        .map((i) => String(i.id))
        .sort();
    const inTab = () =>
      sheetObjects(world.host.spreadsheet.tab('Interviews'))
        .map((r) => String(r['Interview ID']))
        .sort();
    expect(inTab()).toEqual(interviews());
    // Interviews scheduled for 30 candidates spread over the account, none of them touched.
    const opps = visibleOpportunities(world);
    for (let i = 0; i < 30; i++) world.sandbox.activity.interview(opps[i * 7], world.clock.now());
    const perHour: number[] = [];
    for (let h = 0; h < 26; h++) {
      const before = world.sandbox.requestCount;
      expect(world.host.runHours(1).every((r) => r.ok)).toBe(true);
      perHour.push(world.sandbox.requestCount - before);
    }
    expect(inTab()).toEqual(interviews());
    const log = sheetObjects(world.host.spreadsheet.tab('Sync log')).slice(1);
    expect(log.length).toBeGreaterThanOrEqual(24);
    expect(log.every((r) => r.Kind === 'incremental')).toBe(true);
    // A share is about 1/24 of the candidates (uneven by creation time), never all of them at once.
    expect(Math.max(...perHour)).toBeLessThan(opps.length / 3);
    expect(perHour.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(opps.length);
  });
});
