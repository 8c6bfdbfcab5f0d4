import { resumeDownload } from './files';
import { parseQuery } from './query';
import type { WireRequest, WireResponse } from './types';
import { Faults, type FaultRule } from './faults';
import { Paginator, InvalidToken } from './paginate';
import { Rng } from './random';
import { HttpError, route } from './routes';
import { Generator, seedData } from './seed';
import type { KeyPolicy, SandboxData } from './types';
import { Activity } from './activity';
import { TokenBuckets } from './rate-limit';

/** The sandbox speaks the same exchange the host's UrlFetchApp sends, in process or over HTTP. */
export type SandboxRequest = WireRequest;
export type SandboxResponse = WireResponse;

export interface SandboxOptions {
  seed?: number;
  opportunities?: number;
  /** The sandbox's clock (ms). The local Apps Script host passes its virtual clock. */
  clock?: () => number;
  /** API keys and what each may read. */
  keys?: Record<string, KeyPolicy>;
  /** Out-of-range `limit`: Lever's behaviour is unconfirmed, so both are offered. */
  limitMode?: 'error' | 'clamp';
  /** Lever documents no Retry-After; switch it on to test clients that honour it. */
  retryAfter?: boolean;
  rateLimit?: boolean;
  faults?: FaultRule[];
  /** Page tokens stop working this long after they were issued (never, by default). */
  tokenTtlMs?: number;
  /** Latency varies (lognormal around 120 ms, seeded) instead of a fixed 120 ms. */
  jitter?: boolean;
}

/** The key `npm start`, the tests and the sandbox server use unless told otherwise. */
export const SANDBOX_KEY = 'sbx_demo_4f8a2c9e1b7d3a6f0e5c';
/** A key without confidential access that may not read offers. */
export const LIMITED_KEY = 'sbx_limited_9d2e7b1c4a8f6e3d0b5a';

export const SANDBOX_EPOCH = Date.UTC(2026, 10, 1, 9, 0, 0);

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', server: 'lever-data-api' };

/** Paging faults: a page that repeats the token it was read with, or promises more with no token. */
function brokenPaging(body: string, qs: string, faults: FaultRule[]): string {
  const page = JSON.parse(body) as { data: unknown[]; hasNext?: boolean; next?: string };
  if (faults.some((f) => f.kind === 'missing-next')) {
    page.hasNext = true;
    delete page.next;
  } else {
    const offset = parseQuery(qs).get('offset')?.[0];
    page.hasNext = true;
    page.next = offset ?? page.next ?? 'token-that-repeats';
  }
  return JSON.stringify(page);
}

/**
 * An emulator of Lever's Data API v1 (read side): Basic auth, keyset pagination with query-bound
 * tokens, filters, expand/include, a per-key token bucket and deterministic faults, over seeded data.
 */
export class LeverSandbox {
  readonly data: SandboxData;
  readonly faults: Faults;
  readonly activity: Activity;
  readonly keys: Record<string, KeyPolicy>;
  readonly log: Array<{ n: number; path: string; status: number; at: number }> = [];
  private readonly paginator: Paginator;
  private readonly buckets: TokenBuckets;
  private requests = 0;
  readonly clock: () => number;

  constructor(readonly options: SandboxOptions = {}) {
    const seed = options.seed ?? 1;
    this.clock = options.clock ?? (() => Date.now());
    const now = this.clock();
    this.paginator = new Paginator(this.clock, options.tokenTtlMs);
    this.latencyRng = new Rng(seed * 104_729 + 3);
    this.data = seedData({ seed, opportunities: options.opportunities ?? 200, now });
    this.keys = options.keys ?? {
      [SANDBOX_KEY]: { confidential: true, forbidden: [] },
      [LIMITED_KEY]: { confidential: false, forbidden: ['offers'] },
    };
    this.faults = new Faults(seed);
    if (options.faults) this.faults.set(options.faults);
    const gen = new Generator(new Rng(seed * 7919 + 17), now);
    gen.data = this.data;
    this.activity = new Activity(gen);
    this.buckets = new TokenBuckets();
  }

  /** Number of requests served so far. */
  get requestCount(): number {
    return this.requests;
  }

  /** Counts from here, as if no request had come yet (tests: what connecting cost is not the scenario's). */
  resetCounts(): void {
    this.requests = 0;
    this.log.length = 0;
  }

  // eslint-disable-next-line max-lines-per-function -- Lever's request pipeline in its order: auth, rate limit, faults, route, body faults
  handle(req: SandboxRequest): SandboxResponse {
    const n = ++this.requests;
    const now = this.clock();
    const [rawPath, qs = ''] = req.url.replace(/^https?:\/\/[^/]+/, '').split('?');
    const path = rawPath.replace(/^\/v1(?=\/)/, '');
    const faults = this.faults.pick(n, path);
    const latency = this.baseLatency() + faults.filter((f) => f.kind === 'slow').reduce((s, f) => s + (f.delayMs ?? 5000), 0);
    const respond = (status: number, body: unknown, extra: Record<string, string> = {}): SandboxResponse => {
      this.log.push({ n, path, status, at: now });
      return { status, headers: { ...JSON_HEADERS, ...extra }, body: JSON.stringify(body), latencyMs: latency };
    };
    if (faults.some((f) => f.kind === 'reset')) {
      this.log.push({ n, path, status: 0, at: now });
      return { status: 0, headers: {}, body: '', latencyMs: latency, reset: true };
    }
    if (req.method.toUpperCase() !== 'GET')
      return respond(405, { code: 'MethodNotAllowed', message: 'The sandbox serves the read API only' });
    if (!rawPath.startsWith('/v1/')) return respond(404, { code: 'ResourceNotFound', message: `Unknown path ${rawPath}` });
    const apiKey = this.authenticate(req.headers);
    const policy = apiKey ? this.keys[apiKey] : undefined;
    if (!policy) return respond(401, { code: 'UnauthorizedError', message: 'The request requires authentication.' });
    if (this.options.rateLimit !== false && !this.buckets.take(apiKey as string, now)) {
      return respond(
        429,
        { code: 'TooManyRequests', message: 'Rate limit exceeded' },
        this.options.retryAfter ? { 'retry-after': '1' } : {},
      );
    }
    for (const f of faults) {
      if (f.kind === 'status-429')
        return respond(
          429,
          { code: 'TooManyRequests', message: 'Rate limit exceeded' },
          this.options.retryAfter ? { 'retry-after': '1' } : {},
        );
      if (f.kind.startsWith('status-')) {
        const status = Number(f.kind.slice(7));
        return respond(status, { code: status === 503 ? 'ServiceUnavailable' : 'InternalServerError', message: 'Something went wrong' });
      }
      if (f.kind === 'echo-auth') {
        const auth = Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1] ?? '';
        const key = Buffer.from(auth.replace(/^Basic\s+/i, ''), 'base64')
          .toString('utf8')
          .replace(/:$/, '');
        return respond(400, {
          code: 'BadRequestError',
          message: `Rejected request with Authorization: ${auth} for token=${encodeURIComponent(key)}`,
        });
      }
      if (f.kind === 'invalid-token' && qs.includes('offset='))
        return respond(400, { code: 'BadRequestError', message: 'Invalid offset token: Offset token is invalid for sort' });
    }
    const resource = path.split('/')[1] === 'opportunities' && path.split('/').length > 3 ? path.split('/')[3] : path.split('/')[1];
    if (policy.forbidden.includes(resource))
      return respond(403, { code: 'Forbidden', message: `This API key does not have access to ${resource}` });
    const download = /^\/opportunities\/([^/]+)\/resumes\/([^/]+)\/download$/.exec(path);
    if (download) {
      try {
        const file = resumeDownload(this.data, policy, download[1], download[2]);
        this.log.push({ n, path, status: 200, at: now });
        const headers = { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.name}"` };
        return {
          status: 200,
          headers,
          body: Buffer.from(file.bytes).toString('utf8'),
          bytes: file.bytes,
          latencyMs: latency + file.bytes.length / 1000,
        };
      } catch (e) {
        if (e instanceof HttpError) return respond(e.status, { code: e.code, message: e.message });
        throw e;
      }
    }
    const found = route(path);
    if (!found) return respond(404, { code: 'ResourceNotFound', message: `Unknown path ${rawPath}` });
    let res: SandboxResponse;
    try {
      const body = found.handler({
        data: this.data,
        query: parseQuery(qs),
        params: found.params,
        key: policy,
        paginator: this.paginator,
        limitMode: this.options.limitMode ?? 'error',
      });
      res = respond(200, body);
      res.latencyMs += Array.isArray(body.data) ? body.data.length * 2 : 0;
    } catch (e) {
      if (e instanceof HttpError) return respond(e.status, { code: e.code, message: e.message });
      if (e instanceof InvalidToken) return respond(400, { code: 'BadRequestError', message: e.message });
      throw e;
    }
    if (faults.some((f) => f.kind === 'repeated-token' || f.kind === 'missing-next')) res.body = brokenPaging(res.body, qs, faults);
    if (faults.some((f) => f.kind === 'truncated')) res.body = res.body.slice(0, Math.floor(res.body.length / 2));
    if (faults.some((f) => f.kind === 'malformed')) res.body = `<html><body>502 Bad Gateway</body></html>`;
    return res;
  }

  private readonly latencyRng: Rng;

  /** 120 ms, or with jitter a lognormal draw with that median (σ 0.5: one answer in 20 over 270 ms). */
  private baseLatency(): number {
    if (!this.options.jitter) return 120;
    const [u, v] = [Math.max(1e-9, this.latencyRng.next()), this.latencyRng.next()];
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.round(120 * Math.exp(0.5 * normal));
  }

  private authenticate(headers: Record<string, string>): string | null {
    const h = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1] ?? '';
    const basic = /^Basic\s+(.+)$/i.exec(h);
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      return colon < 0 ? null : decoded.slice(0, colon);
    }
    const bearer = /^Bearer\s+(.+)$/i.exec(h);
    return bearer ? bearer[1] : null;
  }

  /** Applies `fault` to upcoming requests: a convenience for tests and demos. */
  injectFaults(rules: FaultRule[]): void {
    for (const r of rules) this.faults.add({ ...r, from: r.from !== undefined ? this.requests + r.from : undefined });
  }
}
