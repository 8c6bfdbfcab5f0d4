import {
  AuthError,
  BadRequestError,
  LeverUnavailableError,
  MalformedResponseError,
  NetworkError,
  PermissionError,
  RateLimitedError,
  RetriableError,
  SkippableError,
  SyncError,
  redact,
  urlFetchQuotaError,
  QuotaError,
} from '../errors';
import type { ClockPort, HttpPort, HttpRequest, HttpResponse } from '../ports';
import { base64 } from '../util/base64';
import { buildQuery, type QueryValue } from '../util/query';
import { Pacer } from './pacer';
import { DEFAULT_RETRY, parseRetryAfter, retryDelay, triesSpent, type RetryPolicy } from './retry';

export type LeverEnvironment = 'production' | 'sandbox';

export const LEVER_BASE_URLS: Record<LeverEnvironment, string> = {
  production: 'https://api.lever.co/v1',
  sandbox: 'https://api.sandbox.lever.co/v1',
};

export interface LeverPage<T = Record<string, unknown>> {
  data: T[];
  hasNext: boolean;
  next?: string;
}

export interface RequestStats {
  requests: number;
  retries: number;
  rateLimited: number;
}

/**
 * UrlFetchApp refuses URLs over 2 KB (quotas page, "URL Fetch URL length"; public reports say
 * 2,082 characters: the stricter figure is used). Lever's `offset` tokens need room too.
 */
export const URL_MAX_CHARS = 2048;
export const OFFSET_TOKEN_ROOM = 400;

/** The longest URL a request for `path` with `params` can have, offset token included. */
export function maxUrlLength(path: string, params: Record<string, QueryValue>): number {
  const base = Math.max(...Object.values(LEVER_BASE_URLS).map((u) => u.length));
  return base + path.length + 1 + buildQuery(params).length + OFFSET_TOKEN_ROOM;
}

/** Thrown when a saved offset token no longer fits its query; the list must restart. */
export class InvalidOffsetError extends BadRequestError {}

export interface LeverClientOptions {
  apiKey: string;
  baseUrl: string;
  http: HttpPort;
  clock: ClockPort;
  retry?: RetryPolicy;
  pacer?: Pacer;
}

/** Lever's Data API: Basic auth, paced, retried, with errors a hiring manager can act on. */
export class LeverClient {
  readonly stats: RequestStats = { requests: 0, retries: 0, rateLimited: 0 };
  readonly pacer: Pacer;
  private readonly auth: string;
  private readonly retry: RetryPolicy;

  constructor(private readonly opts: LeverClientOptions) {
    this.auth = `Basic ${base64(`${opts.apiKey}:`)}`;
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.pacer = opts.pacer ?? new Pacer(opts.clock);
  }

  /** One page of a list endpoint. */
  list(path: string, params: Record<string, QueryValue>, offset?: string): LeverPage {
    return this.toPage(this.get(path, { ...params, offset }), path);
  }

  /**
   * The first page of one list per path, fetched in parallel batches. A path whose parent
   * vanished (404) gives null instead of failing the batch.
   */
  listMany(paths: string[], params: Record<string, QueryValue>): Array<LeverPage | null> {
    const reqs = paths.map((p) => this.request(p, params));
    const results: Array<LeverPage | null | undefined> = new Array(paths.length).fill(undefined);
    let pending = paths.map((_, i) => i);
    for (let attempt = 1; pending.length > 0; attempt++) {
      const failed: Array<{ i: number; error: SyncError }> = [];
      for (let start = 0; start < pending.length; start += this.pacer.burst) {
        const chunk = pending.slice(start, start + this.pacer.burst);
        this.pacer.take(chunk.length);
        this.stats.requests += chunk.length;
        const responses = this.sendAll(chunk.map((i) => reqs[i]));
        chunk.forEach((i, k) => {
          try {
            results[i] = this.toPage(this.parse(responses[k], paths[i]), paths[i]);
          } catch (e) {
            if (e instanceof SkippableError) results[i] = null;
            else failed.push({ i, error: e as SyncError });
          }
        });
      }
      if (failed.length === 0) break;
      const delays = failed.map((f) => retryDelay(f.error, attempt, this.retry));
      const fatal = delays.indexOf(null);
      if (fatal >= 0) {
        triesSpent(failed[fatal].error, attempt, this.retry);
        throw failed[fatal].error;
      }
      this.noteRetry(failed.map((f) => f.error));
      this.opts.clock.sleep(Math.max(...(delays as number[])));
      pending = failed.map((f) => f.i);
    }
    return results as Array<LeverPage | null>;
  }

  /**
   * A file Lever serves (a resume's downloadUrl) as bytes, paced and retried like a read. Only from
   * Lever's own address: the key is never sent anywhere else.
   */
  download(url: string): Uint8Array {
    if (!url.startsWith(`${this.opts.baseUrl}/`))
      throw new BadRequestError(
        `A file address outside Lever (${url.split('/')[2] ?? url}) was not fetched: the API key goes to Lever only.`,
      );
    const path = url.slice(this.opts.baseUrl.length);
    const req: HttpRequest = { url, headers: { Authorization: this.auth }, binary: true };
    return this.retried(() => {
      const res = this.send(req);
      if (res.status >= 200 && res.status < 300 && res.bytes) return res.bytes;
      this.parse(res, path.split('?')[0]);
      throw new MalformedResponseError(`Lever answered GET ${path.split('?')[0]} without the file's bytes.`);
    });
  }

  private get(path: string, params: Record<string, QueryValue>): unknown {
    const req = this.request(path, params);
    return this.retried(() => this.parse(this.send(req), path));
  }

  /** One request, paced, tried again as the retry policy says. */
  private retried<T>(attempt: () => T): T {
    for (let n = 1; ; n++) {
      this.pacer.take(1);
      this.stats.requests++;
      try {
        return attempt();
      } catch (e) {
        const delay = retryDelay(e, n, this.retry);
        if (delay === null) {
          triesSpent(e, n, this.retry);
          throw e;
        }
        this.noteRetry([e as SyncError]);
        this.opts.clock.sleep(delay);
      }
    }
  }

  private noteRetry(errors: SyncError[]): void {
    this.stats.retries += errors.length;
    const limited = errors.filter((e) => e instanceof RateLimitedError).length;
    this.stats.rateLimited += limited;
    if (limited > 0) this.pacer.drain();
  }

  private request(path: string, params: Record<string, QueryValue>): HttpRequest {
    const qs = buildQuery(params);
    const url = `${this.opts.baseUrl}${path}${qs ? `?${qs}` : ''}`;
    // Never send what UrlFetchApp would refuse with a cryptic "Limit Exceeded".
    if (url.length > URL_MAX_CHARS)
      throw new BadRequestError(
        `A request to Lever ${path} would be ${url.length} characters long, over Apps Script's limit of ${URL_MAX_CHARS}. Choose fewer filter values.`,
      );
    return {
      url,
      headers: { Authorization: this.auth, Accept: 'application/json' },
    };
  }

  private send(req: HttpRequest): HttpResponse {
    try {
      return this.opts.http.fetch(req);
    } catch (e) {
      throw this.networkError(e);
    }
  }

  private sendAll(reqs: HttpRequest[]): HttpResponse[] {
    try {
      return this.opts.http.fetchAll(reqs);
    } catch (e) {
      // One failed connection fails the whole fetchAll; report each request as a network error.
      const err = this.networkError(e);
      return reqs.map(() => ({ status: 0, headers: {}, body: err.message }));
    }
  }

  private networkError(e: unknown): NetworkError {
    if (e instanceof QuotaError) throw e;
    // Apps Script's own daily limit, not Lever being away.
    const quota = urlFetchQuotaError(e);
    if (quota) throw quota;
    if (e instanceof NetworkError) return e;
    const msg = redact(e instanceof Error ? e.message : String(e), [this.opts.apiKey, this.auth]);
    return new NetworkError(`Could not reach Lever (${msg}).`, { cause: e });
  }

  /** Maps a response to data or to the error class that says what to do next. */
  private parse(res: HttpResponse, path: string): unknown {
    const where = `GET ${path.split('?')[0]}`;
    // What Lever (or a proxy) says goes into messages people read: never with the key in it.
    const secrets = [this.opts.apiKey, this.auth];
    if (res.status === 0) throw new NetworkError(`Could not reach Lever (${where}): ${redact(res.body, secrets).slice(0, 200)}`);
    if (res.status === 200) {
      try {
        return JSON.parse(res.body);
      } catch (e) {
        throw new MalformedResponseError(`Lever sent an incomplete answer to ${where}; it will be retried.`, { cause: e });
      }
    }
    // Only an error's body is read for Lever's message (a page of 100 records is not parsed twice).
    const detail = redact(leverMessage(res.body), secrets);
    if (res.status === 401) {
      throw new AuthError(
        'Lever did not accept the API key. Check that you pasted the whole key, that it is still active in Lever (Settings → Integrations and API → API credentials), and that you chose the right environment (production or sandbox).',
      );
    }
    if (res.status === 403) {
      throw new PermissionError(
        `The Lever API key is not allowed to read ${resourceName(path)}. Ask a Lever Super Admin to enable read access for it in Settings → Integrations and API → API credentials.`,
      );
    }
    if (res.status === 404) throw new SkippableError(`${where} was not found in Lever${detail ? `: ${detail}` : ''}.`);
    if (res.status === 429) {
      const err = new RateLimitedError(`Lever asked us to slow down (${where}).`);
      err.retryAfterMs = parseRetryAfter(header(res, 'retry-after'));
      throw err;
    }
    if (res.status >= 500) {
      const err: RetriableError = new LeverUnavailableError(
        `Lever is not answering right now (status ${res.status} on ${where}). The sync will try again.`,
      );
      err.retryAfterMs = parseRetryAfter(header(res, 'retry-after'));
      throw err;
    }
    if (res.status === 400 && /invalid offset token/i.test(detail)) {
      throw new InvalidOffsetError(`Lever refused a saved page position for ${where}: ${detail}`);
    }
    throw new BadRequestError(`Lever refused ${where} (status ${res.status})${detail ? `: ${detail.slice(0, 300)}` : ''}.`);
  }

  private toPage(body: unknown, path: string): LeverPage {
    const b = body as Partial<LeverPage> | null;
    if (!b || !Array.isArray(b.data)) {
      throw new MalformedResponseError(`Lever answered GET ${path} without a list of records; it will be retried.`);
    }
    return {
      data: b.data as Record<string, unknown>[],
      hasNext: b.hasNext === true,
      next: typeof b.next === 'string' ? b.next : undefined,
    };
  }
}

function header(res: HttpResponse, name: string): string | undefined {
  const k = Object.keys(res.headers).find((h) => h.toLowerCase() === name);
  return k === undefined ? undefined : res.headers[k];
}

function leverMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : '';
  } catch {
    return '';
  }
}

function resourceName(path: string): string {
  const parts = path
    .split('?')[0]
    .split('/')
    .filter((p) => p && !/[0-9a-f]{8}-/.test(p) && p !== 'v1');
  return parts[parts.length - 1] ?? path;
}
