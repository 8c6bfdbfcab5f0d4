/**
 * Live mode: while the sidebar is open, the live jobs are checked every minute (a page clock the
 * test moves), and new applications show up in the tab and in the sidebar's line.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalWorld, type LocalWorld } from '../../src/cli/local-world';
import { SANDBOX_KEY } from '../../src/sandbox/sandbox';
import type { Job, SidebarState } from '../../src/shared/rpc';
import { runToEnd } from '../helpers/world';
import { openPlayground, type PlaygroundPage } from './browser';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'live');

let world: LocalWorld;
let ui: PlaygroundPage;

jest.setTimeout(120_000);

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  world = createLocalWorld({ sandbox: { seed: 12, opportunities: 100 } });
  world.host.call('saveConnection', { apiKey: SANDBOX_KEY, environment: 'sandbox' });
  runToEnd(world, world.host.call<Job>('saveJobFromTemplate', 'applications_triage', {}));
  ui = await openPlayground(world, { answerDialogs: 'accept', dialogs: [], fakeClock: true });
  await ui.page.goto(ui.pg.url);
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
    await live.check();
    await sidebar.getByText(/^Live: last checked \d\d:\d\d:\d\d, 0 new$/).waitFor();
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
