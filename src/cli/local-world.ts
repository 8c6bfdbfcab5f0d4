import { join } from 'node:path';
import { LeverSandbox, SANDBOX_EPOCH, type SandboxOptions } from '../sandbox/sandbox';
import { VirtualClock } from '../host/clock';
import { AppsScriptHost, type Manifest } from '../host/host';
import { loopbackTransport, networkTransport, type Transport } from '../host/urlfetch';
import { S3_REGIONS, WEBHOOK_PREFIXES } from '../shared/job';

export interface LocalWorldOptions {
  bundleDir?: string;
  sandbox?: Omit<SandboxOptions, 'clock'>;
  driveDir?: string;
  timeZone?: string;
  /** Send https://api.sandbox.lever.co/ to the real network too (a real Lever sandbox account). */
  realLever?: boolean;
  start?: number;
  /** Apps Script's is 6 minutes; tests shorten it to cut executions mid-way. */
  executionLimitMs?: number;
  manifest?: Partial<Manifest>;
  /** Spend the add-on's own CPU time on the virtual clock (the benchmark does). */
  chargeCpu?: boolean;
  /** Hosts served by local servers (Azurite…): URL prefix → port on 127.0.0.1. */
  loopback?: Array<{ prefix: string; port: number }>;
}

export interface LocalWorld {
  clock: VirtualClock;
  sandbox: LeverSandbox;
  host: AppsScriptHost;
}

export const DIST = join(__dirname, '..', '..', 'dist');

/**
 * The shipped bundle in the local Apps Script host, talking to the in-process Lever sandbox on one
 * virtual clock. Production Lever (api.lever.co) always goes to the real network.
 */
export function createLocalWorld(opts: LocalWorldOptions = {}): LocalWorld {
  const clock = new VirtualClock(opts.start ?? SANDBOX_EPOCH);
  const sandbox = new LeverSandbox({ ...opts.sandbox, clock: () => clock.now() });
  const local: Transport = { handle: (r) => sandbox.handle(r) };
  const host = new AppsScriptHost({
    bundleDir: opts.bundleDir ?? DIST,
    clock,
    driveDir: opts.driveDir,
    timeZone: opts.timeZone,
    executionLimitMs: opts.executionLimitMs,
    manifest: opts.manifest,
    chargeCpu: opts.chargeCpu,
    transports: [
      ...(opts.loopback ?? []).map((l) => ({ prefix: l.prefix, transport: loopbackTransport(l.port) })),
      { prefix: 'https://api.sandbox.lever.co/', transport: opts.realLever ? networkTransport : local },
      { prefix: 'https://api.lever.co/', transport: networkTransport },
      { prefix: 'https://*.blob.core.windows.net/', transport: networkTransport },
      ...S3_REGIONS.map((r) => ({ prefix: `https://*.s3.${r}.amazonaws.com/`, transport: networkTransport })),
      ...WEBHOOK_PREFIXES.map((prefix) => ({ prefix, transport: networkTransport })),
    ],
  });
  return { clock, sandbox, host };
}
