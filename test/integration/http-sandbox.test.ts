import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { AppsScriptHost } from '../../src/host/host';
import { VirtualClock } from '../../src/host/clock';
import { networkTransport, type Transport } from '../../src/host/urlfetch';
import { SANDBOX_KEY } from '../../src/sandbox/sandbox';
import type { Job, SliceProgress } from '../../src/shared/rpc';

const root = join(__dirname, '..', '..');
let child: ChildProcess;
let baseUrl = '';

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/sandbox.ts', '--port', '0', '--seed', '3', '--opportunities', '250'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  baseUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
  });
}, 90_000);

afterAll(() => {
  child?.kill('SIGTERM');
});

describe('the sandbox as a real HTTP server on loopback', () => {
  it('answers curl-style requests: 401 without a key, pages with a key, next omitted on the last page', async () => {
    const auth = { Authorization: `Basic ${Buffer.from(`${SANDBOX_KEY}:`).toString('base64')}` };
    expect((await fetch(`${baseUrl}/opportunities`)).status).toBe(401);
    const first = (await (await fetch(`${baseUrl}/opportunities?limit=100`, { headers: auth })).json()) as {
      data: unknown[];
      hasNext: boolean;
      next?: string;
    };
    expect(first.data).toHaveLength(100);
    expect(first.hasNext).toBe(true);
    let next = first.next;
    let last: { hasNext: boolean; next?: string } = first;
    while (next) {
      last = (await (await fetch(`${baseUrl}/opportunities?limit=100&offset=${next}`, { headers: auth })).json()) as typeof last;
      next = last.next;
    }
    expect(last).toMatchObject({ hasNext: false });
    expect('next' in last).toBe(false);
  });

  it('the shipped bundle syncs from it through the host’s real network transport', () => {
    // The bundle talks to https://api.sandbox.lever.co/; point that prefix at the loopback server.
    const rewrite: Transport = {
      handle: (r) => networkTransport.handle({ ...r, url: r.url.replace('https://api.sandbox.lever.co/v1', baseUrl) }),
    };
    const host = new AppsScriptHost({
      bundleDir: join(root, 'dist'),
      clock: new VirtualClock(Date.now()),
      transports: [{ prefix: 'https://api.sandbox.lever.co/', transport: rewrite }],
    });
    host.call('saveConnection', { apiKey: SANDBOX_KEY, environment: 'sandbox' });
    const job = host.call<Job>('saveJob', { object: 'opportunities', sheetName: 'Pipeline', fields: ['id', 'name'] });
    let p: SliceProgress | null = null;
    for (let i = 0; i < 10 && !p?.done; i++) p = host.call<SliceProgress>('runJobSlice', job.id);
    expect(p).toMatchObject({ done: true, status: 'ok' });
    expect(p!.counts.records).toBeGreaterThan(200);
    expect(host.spreadsheet.tab('Pipeline')!.lastRow()).toBe(p!.counts.records + 1);
  });
});
