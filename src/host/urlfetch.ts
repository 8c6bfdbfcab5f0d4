import { execFileSync } from 'node:child_process';
import type { VirtualClock } from './clock';
import { EmuBlob } from './blob';
import type { ScopeChecker } from './scopes';

/**
 * UrlFetchApp refuses longer URLs. Quotas page: "URL Fetch URL length: 2 KB"; the figure 2,082
 * characters is the one public reports of the error give (../shared/reference/apps-script.md,
 * 2026-11-30 audit). The stricter of the two, 2,048, is enforced.
 */
export const URL_MAX_CHARS = 2048;

import type { WireRequest, WireResponse } from './wire';

export type { WireRequest, WireResponse };

/** Something that answers HTTP requests for a URL prefix: the in-process sandbox, or the network. */
export interface Transport {
  handle(req: WireRequest): WireResponse;
}

const NETWORK_SCRIPT = `
let input = '';
process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', async () => {
  const reqs = JSON.parse(input);
  const out = await Promise.all(reqs.map(async (r) => {
    const t0 = Date.now();
    try {
      const res = await fetch(r.url, { method: r.method, headers: r.headers, body: r.body ? Buffer.from(r.body, 'base64') : undefined, signal: AbortSignal.timeout(60000) });
      return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text(), latencyMs: Date.now() - t0 };
    } catch (e) {
      return { status: 0, headers: {}, body: String(e && e.message || e), latencyMs: Date.now() - t0, reset: true };
    }
  }));
  process.stdout.write(JSON.stringify(out));
});`;

/**
 * Real HTTPS for a real Lever account. Apps Script's UrlFetchApp is synchronous, so each call
 * (or fetchAll batch) runs in a short child process that the host waits for.
 */
export const networkTransport = {
  handleAll(reqs: WireRequest[]): WireResponse[] {
    const out = execFileSync(process.execPath, ['-e', NETWORK_SCRIPT], {
      input: JSON.stringify(reqs.map((r) => ({ ...r, body: r.body === undefined ? undefined : Buffer.from(r.body).toString('base64') }))),
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(out.toString('utf8')) as WireResponse[];
  },
  handle(req: WireRequest): WireResponse {
    return this.handleAll([req])[0];
  },
};

const LOOPBACK_SCRIPT = `
const http = require('node:http');
let input = '';
process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', async () => {
  const { port, reqs } = JSON.parse(input);
  const out = await Promise.all(reqs.map((r) => new Promise((resolve) => {
    const t0 = Date.now();
    const u = new URL(r.url);
    const body = r.body ? Buffer.from(r.body, 'base64') : undefined;
    const headers = { ...r.headers, Host: u.host };
    if (body) headers['Content-Length'] = body.length;
    const req = http.request({ host: '127.0.0.1', port, method: r.method, path: u.pathname + u.search, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), latencyMs: Date.now() - t0 }));
    });
    req.on('error', (e) => resolve({ status: 0, headers: {}, body: String(e.message), latencyMs: Date.now() - t0, reset: true }));
    if (body) req.write(body);
    req.end();
  })));
  process.stdout.write(JSON.stringify(out));
});`;

/**
 * A local server standing in for a cloud host (Azurite for *.blob.core.windows.net, say): requests
 * for that host go to 127.0.0.1:`port` over plain HTTP with their Host header kept, as DNS and a
 * TLS terminator would deliver them, so the server sees the production-style URL the add-on signed.
 * The allowlist is checked on the real URL first, as Apps Script does.
 */
export function loopbackTransport(port: number): Transport {
  return {
    handle(req: WireRequest): WireResponse {
      const out = execFileSync(process.execPath, ['-e', LOOPBACK_SCRIPT], {
        input: JSON.stringify({
          port,
          reqs: [{ ...req, body: req.body === undefined ? undefined : Buffer.from(req.body).toString('base64') }],
        }),
        maxBuffer: 64 * 1024 * 1024,
      });
      return (JSON.parse(out.toString('utf8')) as WireResponse[])[0];
    },
  };
}

export interface FetchParams {
  method?: string;
  payload?: string | number[];
  contentType?: string;
  headers?: Record<string, string>;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  url?: string;
}

/** UrlFetchApp's methods (UrlFetchApp reference, "method": get, delete, patch, post, put). */
const METHODS = ['get', 'delete', 'patch', 'post', 'put'];

function wireRequest(url: string, params: FetchParams): WireRequest {
  const method = (params.method ?? 'get').toLowerCase();
  if (!METHODS.includes(method)) throw new Error(`Exception: Invalid argument: method (${params.method})`);
  const headers = { ...(params.headers ?? {}) };
  if (params.contentType) headers['Content-Type'] = params.contentType;
  const out: WireRequest = { method: method.toUpperCase(), url, headers };
  if (params.payload !== undefined)
    out.body = typeof params.payload === 'string' ? params.payload : Uint8Array.from(params.payload, (b) => (b + 256) % 256);
  return out;
}

class EmuHttpResponse {
  constructor(private readonly res: WireResponse) {}
  getResponseCode() {
    return this.res.status;
  }
  getContentText() {
    return this.res.body;
  }
  /** Byte[] as Apps Script gives it: Java bytes, -128 to 127. */
  getContent() {
    const bytes = this.res.bytes ?? new Uint8Array(Buffer.from(this.res.body, 'utf8'));
    return Array.from(bytes, (b) => (b > 127 ? b - 256 : b));
  }
  getHeaders() {
    return { ...this.res.headers };
  }
  getAllHeaders() {
    return { ...this.res.headers };
  }
  getBlob() {
    return EmuBlob.from(this.res.bytes ?? this.res.body, this.res.headers['content-type'] ?? undefined);
  }
}

/** UrlFetchApp over transports, with the manifest's allowlist and the daily call quota. */
export class EmuUrlFetch {
  calls = 0;
  private dayStart: number;
  private today = 0;

  constructor(
    private readonly clock: VirtualClock,
    private readonly routes: Array<{ prefix: string; transport: Transport }>,
    private readonly allowlist: string[],
    private readonly scopes: ScopeChecker,
    /** Calls a day (consumer accounts: 20,000). */
    public dailyQuota = 20_000,
  ) {
    this.dayStart = clock.now();
  }

  private transportFor(url: string): Transport {
    if (url.length > URL_MAX_CHARS) throw new Error(`Exception: Limit Exceeded: URLFetch URL Length.`);
    if (this.allowlist.length && !this.allowlist.some((p) => allowedBy(p, url))) {
      throw new Error(`Exception: UrlFetch calls to ${url} are not permitted by the manifest's urlFetchWhitelist.`);
    }
    const route = this.routes.find((r) => url.startsWith(r.prefix) || (r.prefix.includes('*') && allowedBy(r.prefix, url)));
    if (!route) throw new Error(`Exception: DNS error: ${url}`);
    return route.transport;
  }

  /** Test fault: the daily quota runs out after `n` more calls (until the next day). */
  exhaustAfter(n: number): void {
    this.dailyQuota = this.today + n;
  }

  private count(n: number): void {
    if (this.clock.now() - this.dayStart >= 86_400_000) {
      this.dayStart = this.clock.now();
      this.today = 0;
    }
    if (this.today + n > this.dailyQuota) throw new Error('Exception: Service invoked too many times for one day: urlfetch.');
    this.today += n;
    this.calls += n;
  }

  private finish(url: string, res: WireResponse, mute: boolean): EmuHttpResponse {
    if (res.reset) throw new Error(`Exception: Address unavailable: ${url.split('?')[0]}`);
    if (!mute && res.status >= 400) {
      throw new Error(
        `Exception: Request failed for ${url.split('/').slice(0, 3).join('/')} returned code ${res.status}. Truncated server response: ${res.body.slice(0, 100)} (use muteHttpExceptions option to examine full response)`,
      );
    }
    return new EmuHttpResponse(res);
  }

  fetch(url: string, params: FetchParams = {}) {
    this.scopes.require('UrlFetchApp.fetch');
    this.clock.spend(0);
    const transport = this.transportFor(url);
    this.count(1);
    const res = transport.handle(wireRequest(url, params));
    this.clock.spend(res.latencyMs);
    return this.finish(url, res, !!params.muteHttpExceptions);
  }

  /** Requests run concurrently: the call takes as long as the slowest one. */
  fetchAll(requests: Array<FetchParams & { url: string }>) {
    this.scopes.require('UrlFetchApp.fetchAll');
    this.clock.spend(0);
    const transports = requests.map((r) => this.transportFor(r.url));
    this.count(requests.length);
    const wire = requests.map((r) => wireRequest(r.url, r));
    const responses =
      transports.every((t) => t === (networkTransport as Transport)) && wire.length > 0
        ? networkTransport.handleAll(wire)
        : wire.map((w, i) => transports[i].handle(w));
    this.clock.spend(Math.max(0, ...responses.map((r) => r.latencyMs)));
    return responses.map((res, i) => this.finish(requests[i].url, res, !!requests[i].muteHttpExceptions));
  }
}

/**
 * Whether a manifest allowlist prefix admits a URL (Apps Script manifest reference, "Allowlist
 * URLs"): the URL is the prefix or a child of it (`https://example.com/foo` admits `/foo/bar`,
 * `/foo?bar`, `/foo#bar`, not `/foobar`); paths match case-sensitively; a single leading `*`
 * matches subdomains. Whether it matches more than one label is not said: here it matches
 * exactly one (`https://*.blob.core.windows.net/` admits `acct.blob.core.windows.net`, not
 * `a.b.blob.core.windows.net`), the stricter reading.
 */
export function allowedBy(prefix: string, url: string): boolean {
  const p = /^https:\/\/(\*\.)?([^/]+)(\/.*)$/.exec(prefix);
  const u = /^https:\/\/([^/?#]+)([/?#].*)?$/.exec(url);
  if (!p || !u) return false;
  const host = u[1].toLowerCase();
  const base = p[2].toLowerCase();
  const hostOk = p[1] ? host.endsWith(`.${base}`) && !host.slice(0, -base.length - 1).includes('.') : host === base;
  if (!hostOk) return false;
  const path = u[2] ?? '/';
  const want = p[3];
  return path === want || (path.startsWith(want) && (want.endsWith('/') || '/?#'.includes(path[want.length])));
}
