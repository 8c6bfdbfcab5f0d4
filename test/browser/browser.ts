import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { startPlayground, type Playground, type PlaygroundOptions } from '../../src/cli/playground-server';
import { createLocalWorld, type LocalWorld } from '../../src/cli/local-world';
import { SANDBOX_KEY } from '../../src/sandbox/sandbox';

/** Debian's Chromium (installed by .ci/run); playwright's own browser downloads are not reachable here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install Debian's chromium package (.ci/run does) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Root in CI needs --no-sandbox; the rest keeps Chromium off the (closed) network.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Chromium on the playground of a world, as the browser tests drive it. */
export interface PlaygroundPage {
  browser: Browser;
  page: Page;
  pg: Playground;
  sidebar: FrameLocator;
  close(): Promise<void>;
}

export async function openPlayground(
  world: LocalWorld,
  opts: PlaygroundOptions & { answerDialogs: 'accept' | 'dismiss'; dialogs: string[]; fakeClock?: boolean },
): Promise<PlaygroundPage> {
  const pg = await startPlayground(world, opts);
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // CI machines are busy running other suites in parallel: allow slow steps.
  page.setDefaultTimeout(Number(process.env.BROWSER_STEP_MS ?? 45_000));
  page.on('dialog', (d) => {
    opts.dialogs.push(d.message());
    void (opts.answerDialogs === 'accept' ? d.accept() : d.dismiss());
  });
  if (opts.fakeClock) await page.clock.install();
  return {
    browser,
    page,
    pg,
    sidebar: page.frameLocator('#sidebar'),
    close: async () => {
      await browser.close();
      await pg.close();
    },
  };
}

/**
 * A world connected to the sandbox (then prepared by `setUp`), on the playground in Chromium with
 * the page open; `artifacts` is the folder under test-artifacts/ its screenshots go to.
 */
export async function connectedPlayground(opts: {
  seed: number;
  opportunities: number;
  artifacts: string;
  fakeClock?: boolean;
  setUp?: (world: LocalWorld) => void;
  /** Hosts served by local servers (Azurite…). */
  loopback?: Array<{ prefix: string; port: number }>;
}): Promise<{ world: LocalWorld; ui: PlaygroundPage; artifacts: string }> {
  const artifacts = join(__dirname, '..', '..', 'test-artifacts', opts.artifacts);
  mkdirSync(artifacts, { recursive: true });
  const world = createLocalWorld({ sandbox: { seed: opts.seed, opportunities: opts.opportunities }, loopback: opts.loopback });
  world.host.call('saveConnection', { apiKey: SANDBOX_KEY, environment: 'sandbox' });
  opts.setUp?.(world);
  const ui = await openPlayground(world, { answerDialogs: 'accept', dialogs: [], fakeClock: opts.fakeClock });
  await ui.page.goto(ui.pg.url);
  return { world, ui, artifacts };
}
