/**
 * Live mode: while the sidebar is open, the live jobs are checked every minute (a page clock the
 * test moves), and new applications show up in the tab and in the sidebar's line.
 */
import { join } from 'node:path';
import type { LocalWorld } from '../../src/cli/local-world';
import type { Job, SidebarState } from '../../src/shared/rpc';
import { runToEnd } from '../helpers/world';
import { connectedPlayground, type PlaygroundPage } from './browser';

let world: LocalWorld;
let ui: PlaygroundPage;
let ARTIFACTS: string;

jest.setTimeout(120_000);

beforeAll(async () => {
  ({
    world,
    ui,
    artifacts: ARTIFACTS,
  } = await connectedPlayground({
    seed: 12,
    opportunities: 100,
    artifacts: 'live',
    fakeClock: true,
    setUp: (w) => void runToEnd(w, w.host.call<Job>('saveJobFromTemplate', 'applications_triage', {})),
  }));
});

afterAll(async () => {
  await ui?.close();
});

function triageRows(): number {
  return world.host.spreadsheet.tab('Triage')!.lastRow() - 1;
}

describe('live mode', () => {
  it('checks every minute while open: new applications arrive, and the line says when and how many', async () => {
    const { sidebar, page } = ui;
    const live = sidebar.getByRole('switch', { name: /^Live: check Applications triage every minute/ });
    const logRows = () => world.host.spreadsheet.tab('Sync log')!.lastRow();
    const logged = logRows();
    await live.check();
    await sidebar.getByText(/^Live: last checked \d\d:\d\d:\d\d, 0 new$/).waitFor();
    // A check that changed nothing is not a line in the Sync log (60 an hour otherwise).
    expect(logRows()).toBe(logged);
    // Candidates apply in Lever meanwhile.
    const before = triageRows();
    let created = 0;
    while (created === 0) {
      const t0 = world.clock.now();
      world.clock.advance(10 * 60_000);
      created = world.sandbox.activity.simulate(t0, world.clock.now(), 30).created;
    }
    await page.clock.fastForward(61_000);
    const line = sidebar.getByText(/^Live: last checked \d\d:\d\d:\d\d, [1-9]\d* new$/);
    await line.waitFor();
    const added = Number((await line.textContent())!.match(/, (\d+) new$/)![1]);
    // The minute's run: what it added is what the line says (candidates archived meanwhile left).
    const last = world.host.call<SidebarState>('getSidebarState').jobs[0].lastRun!;
    expect(last.counts.rowsAdded).toBe(added);
    expect(logRows()).toBe(logged + 1);
    expect(triageRows()).toBe(before + added - last.counts.rowsDeleted);
    await page.screenshot({ path: join(ARTIFACTS, '01-live.png') });
    // Switched off, nothing more is asked of the server.
    await live.uncheck();
    const runs = world.host.call<SidebarState>('getSidebarState').jobs[0].lastRun!.startedAt;
    world.clock.advance(10 * 60_000);
    await page.clock.fastForward(125_000);
    expect(world.host.call<SidebarState>('getSidebarState').jobs[0].lastRun!.startedAt).toBe(runs);
  });
});
