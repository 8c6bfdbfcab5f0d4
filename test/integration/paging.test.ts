/**
 * Broken paging from Lever: a page that does not advance, or promises more with no token. Each
 * walk of a list (the records, the tombstones, child lists, name tables) stops with a message
 * instead of looping or silently ending, and the next run, once Lever behaves, ends as a run that
 * never saw the fault.
 */
import type { LocalWorld } from '../../src/cli/local-world';
import type { FaultRule } from '../../src/sandbox/faults';
import { connectedWorld, documentStore, runToEnd, saveJob, sheetObjects } from '../helpers/world';

const HOUR = 3600_000;
const FIELDS = ['id', 'name', 'stage@text'];

function watermark(world: LocalWorld, jobId: string): number | null {
  return JSON.parse(documentStore(world).get(`state:${jobId}`) ?? '{"watermark":null}').watermark;
}

function rows(world: LocalWorld, tab: string): Array<Record<string, unknown>> {
  return sheetObjects(world.host.spreadsheet.tab(tab)).sort((a, b) =>
    String(a['Opportunity ID']).localeCompare(String(b['Opportunity ID'])),
  );
}

/**
 * A full run, an hour of activity, an incremental run: with `fault` injected before the `at`-th
 * run (which must fail with `message`), then cleared and the run repeated.
 */
function scenario(fault: FaultRule, at: 'full' | 'incremental', message: RegExp): { faulty: LocalWorld; clean: LocalWorld } {
  const worlds = [
    connectedWorld({ sandbox: { seed: 4, opportunities: 350 } }),
    connectedWorld({ sandbox: { seed: 4, opportunities: 350 } }),
  ];
  const [faulty, clean] = worlds;
  const jobs = worlds.map((w) => saveJob(w, { object: 'opportunities', sheetName: 'P', fields: FIELDS }));
  const run = (i: number, withFault: boolean) => {
    if (!withFault) return expect(runToEnd(worlds[i], jobs[i]).pop()!.status).toBe('ok');
    const before = watermark(worlds[i], jobs[i].id);
    worlds[i].sandbox.injectFaults([fault]);
    const failed = runToEnd(worlds[i], jobs[i]).pop()!;
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toMatch(message);
    expect(watermark(worlds[i], jobs[i].id)).toBe(before);
    worlds[i].sandbox.faults.clear();
    worlds[i].clock.advance(60_000);
    expect(runToEnd(worlds[i], jobs[i]).pop()!.status).toBe('ok');
  };
  run(0, at === 'full');
  run(1, false);
  const t0 = faulty.clock.now();
  for (const w of worlds) {
    w.clock.advance(2 * HOUR);
    w.sandbox.activity.simulate(t0, w.clock.now(), 40);
  }
  run(0, at === 'incremental');
  run(1, false);
  return { faulty, clean };
}

describe('paging faults on the records list', () => {
  it('a page that does not advance (a full run): stops with a message, and the retry ends equal to a fault-free run', () => {
    const { faulty, clean } = scenario(
      { kind: 'repeated-token', path: '/opportunities', from: 1, count: 10_000 },
      'full',
      /same page token twice for \/opportunities/,
    );
    expect(rows(faulty, 'P')).toEqual(rows(clean, 'P'));
  });

  it('a page that promises more with no token (an incremental run): the watermark stays, the retry catches up', () => {
    const { faulty, clean } = scenario(
      { kind: 'missing-next', path: '/opportunities', from: 1, count: 1 },
      'incremental',
      /more pages of \/opportunities follow but gave no token/,
    );
    expect(rows(faulty, 'P')).toEqual(rows(clean, 'P'));
  });
});

describe('paging faults elsewhere: a message each time, never a silent stop', () => {
  it('the tombstones', () => {
    const world = connectedWorld({ sandbox: { seed: 4, opportunities: 120 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', fields: FIELDS });
    runToEnd(world, job);
    world.clock.advance(HOUR);
    world.sandbox.injectFaults([{ kind: 'missing-next', path: '/opportunities/deleted', from: 1, count: 10_000 }]);
    expect(runToEnd(world, job).pop()!.error?.message).toMatch(/more pages of \/opportunities\/deleted follow/);
  });

  it('a child list', () => {
    const world = connectedWorld({ sandbox: { seed: 4, opportunities: 60 } });
    const job = saveJob(world, { object: 'notes', sheetName: 'N' });
    world.sandbox.injectFaults([{ kind: 'missing-next', path: '/notes', from: 1, count: 10_000 }]);
    expect(runToEnd(world, job).pop()!.error?.message).toMatch(/more pages of \/opportunities\/[\w-]+\/notes follow/);
  });

  it('a table of names (users), which used to stop silently', () => {
    const world = connectedWorld({ sandbox: { seed: 4, opportunities: 60 } });
    const job = saveJob(world, { object: 'opportunities', sheetName: 'P', fields: ['id', 'owner@name'] });
    world.sandbox.injectFaults([{ kind: 'missing-next', path: '/users', from: 1, count: 10_000 }]);
    expect(runToEnd(world, job).pop()!.error?.message).toMatch(/more pages of \/users follow but gave no token/);
  });
});

describe('page tokens that expire between executions', () => {
  it('a first sync longer than one execution, resumed an hour later each time, finishes equal to a run without expiry', () => {
    const make = (tokenTtlMs?: number) =>
      connectedWorld({
        sandbox: { seed: 8, opportunities: 1500, tokenTtlMs, faults: [{ kind: 'slow', path: '/opportunities', delayMs: 6000 }] },
      });
    const [faulty, clean] = [make(30 * 60_000), make()];
    const jobs = [faulty, clean].map((w) => saveJob(w, { object: 'opportunities', sheetName: 'P', fields: FIELDS }));
    let executions = 0;
    for (let done = false; !done && executions < 60; executions++) {
      const res = faulty.host.execute<{ done: boolean; status: string }>('runJobSlice', [jobs[0].id]);
      if (!res.ok) throw new Error(res.error);
      done = res.value!.done;
      expect(res.value!.status).not.toBe('failed');
      faulty.clock.advance(HOUR); // the next hourly trigger: every token handed out is stale by then
    }
    expect(executions).toBeGreaterThan(3);
    expect(executions).toBeLessThan(60);
    expect(faulty.sandbox.log.some((l) => l.status === 400)).toBe(true);
    expect(runToEnd(clean, jobs[1]).pop()!.status).toBe('ok');
    expect(rows(faulty, 'P')).toEqual(rows(clean, 'P'));
  });
});
