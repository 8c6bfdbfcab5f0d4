/**
 * maxRowsPerRun through the shipped bundle: a run stops at the end of the page that reached the
 * limit with its checkpoint kept, says so in the Sync log and the sidebar, waits for the next
 * scheduled turn (not the next trigger execution), and the parts add up to what a run without a
 * limit writes: no row lost or written twice.
 */
import type { SidebarState, SliceProgress } from '../../src/shared/rpc';
import { connectedWorld, rpcErrorOf, runToEnd, saveJob, sheetObjects } from '../helpers/world';

function ids(world: ReturnType<typeof connectedWorld>, tab: string): string[] {
  return sheetObjects(world.host.spreadsheet.tab(tab)).map((r) => String(r['Opportunity ID']));
}

describe('maxRowsPerRun', () => {
  it('stops each part at the limit, goes on at the next scheduled turn, and ends with every row once', () => {
    const world = connectedWorld({ sandbox: { seed: 21, opportunities: 430 } });
    const job = saveJob(world, {
      object: 'opportunities',
      sheetName: 'Pipeline',
      fields: ['name', 'id'],
      maxRowsPerRun: 150,
      schedule: { every: 'hour' },
    });
    expect(job.maxRowsPerRun).toBe(150);

    // Run now: one part, then the sidebar stops asking (held is like a pause).
    let last: SliceProgress;
    for (let i = 0; ; i++) {
      last = world.host.call<SliceProgress>('runJobSlice', job.id);
      if (last.done || last.held || i > 50) break;
    }
    expect(last.done).toBe(false);
    expect(last.held).toMatch(
      /^Stopped after [\d,]+ rows, this job's limit per run \(maxRowsPerRun 150\); the rest continues at the next scheduled run/,
    );
    const firstPart = ids(world, 'Pipeline').length;
    expect(firstPart).toBeGreaterThanOrEqual(150);
    expect(firstPart).toBeLessThan(250); // one page past the limit at most
    let log = sheetObjects(world.host.spreadsheet.tab('Sync log'));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ Job: job.name, Status: 'partial', 'Rows added': firstPart });
    expect(String(log[0].Error)).toBe(last.held);
    const view = world.host.call<SidebarState>('getSidebarState').jobs[0];
    expect(view.running).not.toBeNull();
    expect(view.held).toBe(last.held);

    // The sidebar's Live check leaves it for its turn.
    const live = world.host.call<SliceProgress>('runJobSlice', job.id, { live: true });
    expect(live.held).toBe(last.held);
    expect(ids(world, 'Pipeline')).toHaveLength(firstPart);

    // The trigger fires 40 minutes later: not this job's turn yet (its last part stopped this hour).
    world.clock.advance(40 * 60_000);
    world.host.call('runScheduledSyncs', [{}]);
    expect(ids(world, 'Pipeline')).toHaveLength(firstPart);

    // Then hour by hour, one part each, until the run ends.
    for (let h = 0; h < 6 && world.host.call<SidebarState>('getSidebarState').jobs[0].running; h++) world.host.runHours(1);
    log = sheetObjects(world.host.spreadsheet.tab('Sync log'));
    const statuses = log.map((r) => r.Status);
    expect(statuses.filter((s) => s === 'partial').length).toBeGreaterThanOrEqual(2);
    expect(statuses).toContain('ok');
    const done = ids(world, 'Pipeline');
    expect(new Set(done).size).toBe(done.length);

    // The same data without a limit: the same rows.
    const plain = connectedWorld({ sandbox: { seed: 21, opportunities: 430 } });
    const other = saveJob(plain, { object: 'opportunities', sheetName: 'Pipeline', fields: ['name', 'id'] });
    runToEnd(plain, other);
    expect([...done].sort()).toEqual([...ids(plain, 'Pipeline')].sort());
  });

  it('a bad limit says what to fix; the editor leaves it out when empty', () => {
    const world = connectedWorld({ sandbox: { seed: 2, opportunities: 10 } });
    expect(rpcErrorOf(() => world.host.call('saveJob', { object: 'users', sheetName: 'U', maxRowsPerRun: 50 })).message).toBe(
      'maxRowsPerRun: must be a whole number from 100 to 5000000 (got 50).',
    );
    expect(saveJob(world, { object: 'users', sheetName: 'U' }).maxRowsPerRun).toBeUndefined();
  });
});
