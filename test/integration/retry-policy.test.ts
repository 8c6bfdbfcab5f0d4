/**
 * A job's own retry policy: how many tries and how long between them after a passing error of
 * Lever's (or of a copy's destination). The default rides out three 503s in a row; a job that
 * asks for two tries gives up, and the Sync log says so and why.
 */
import type { Job, SidebarState } from '../../src/shared/rpc';
import { connectedWorld, rpcErrorOf, runToEnd, sheetObjects } from '../helpers/world';

const unavailable = (world: ReturnType<typeof connectedWorld>) =>
  world.sandbox.faults.set([{ kind: 'status-503', path: '/opportunities', from: world.sandbox.requestCount + 1, count: 3 }]);

describe('retry policy per job', () => {
  it('the default rides out three 503s; two tries give up, and the log says after how many and whose policy', () => {
    const world = connectedWorld({ sandbox: { seed: 9, opportunities: 30 } });
    const patient = world.host.call<Job>('saveJob', { object: 'opportunities', sheetName: 'Patient', fields: ['name', 'id'] });
    expect(patient.retry).toBeUndefined();
    unavailable(world);
    expect(runToEnd(world, patient).pop()!.status).toBe('ok');

    const hasty = world.host.call<Job>('saveJob', {
      object: 'opportunities',
      sheetName: 'Hasty',
      fields: ['name', 'id'],
      retry: { maxAttempts: 2, maxWaitSeconds: 1 },
    });
    expect(hasty.retry).toEqual({ maxAttempts: 2, maxWaitSeconds: 1 });
    unavailable(world);
    expect(runToEnd(world, hasty).pop()!.status).toBe('failed');
    const run = world.host.call<SidebarState>('getSidebarState').jobs.find((j) => j.job.id === hasty.id)!.lastRun!;
    expect(run.error!.code).toBe('LEVER_UNAVAILABLE');
    expect(run.error!.message).toMatch(
      /Gave up after 2 tries, waiting up to 1 s between them \(the job's retry policy\); the next run goes on from where this one stopped\.$/,
    );
    expect(sheetObjects(world.host.spreadsheet.tab('Sync log')).pop()!.Error).toBe(run.error!.message);
  });

  it('says what to fix, and a policy equal to the default is no policy', () => {
    const world = connectedWorld({ sandbox: { seed: 9, opportunities: 10 } });
    let n = 0;
    const save = (retry: unknown) => world.host.call<Job>('saveJob', { object: 'users', sheetName: `U${++n}`, retry });
    expect(save({ maxAttempts: 6, maxWaitSeconds: 30 }).retry).toBeUndefined();
    expect(save({ maxAttempts: 3 }).retry).toEqual({ maxAttempts: 3, maxWaitSeconds: 30 });
    expect(rpcErrorOf(() => save({ maxAttempts: 0 })).message).toMatch(/^retry\.maxAttempts: /);
    expect(rpcErrorOf(() => save({ maxWaitSeconds: 600 })).message).toMatch(/^retry\.maxWaitSeconds: /);
    expect(rpcErrorOf(() => save({ tries: 3 })).message).toBe('retry.tries: is not a setting. Allowed: maxAttempts, maxWaitSeconds.');
  });
});
