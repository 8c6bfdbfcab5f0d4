import {
  AuthError,
  BadRequestError,
  LeverUnavailableError,
  MalformedResponseError,
  NetworkError,
  PermissionError,
  RateLimitedError,
  SkippableError,
} from '../../src/core/errors';
import { InvalidOffsetError, LeverClient } from '../../src/core/lever/client';
import { Pacer } from '../../src/core/lever/pacer';
import { DEFAULT_RETRY, parseRetryAfter, retryDelay } from '../../src/core/lever/retry';
import { FakeClock, FakeHttp, json } from '../helpers/fakes';

const KEY = 'test_key_0123456789abcdef';
const noJitter = { ...DEFAULT_RETRY, random: () => 0.5 };

function client(answer: ConstructorParameters<typeof FakeHttp>[0], clock = new FakeClock()) {
  const http = new FakeHttp(answer);
  return { http, clock, c: new LeverClient({ apiKey: KEY, baseUrl: 'https://api.lever.co/v1', http, clock, retry: noJitter }) };
}

describe('Lever client: status → error', () => {
  it.each([
    [401, AuthError, /did not accept the API key/],
    [403, PermissionError, /not allowed to read opportunities.*Super Admin/],
    [404, SkippableError, /was not found/],
    [400, BadRequestError, /refused GET \/opportunities \(status 400\)/],
    [422, BadRequestError, /status 422/],
  ])('%i → %p, not retried', (status, type, message) => {
    const { c, http } = client(() => json(status, { code: 'X', message: 'detail' }));
    expect(() => c.list('/opportunities', {})).toThrow(type);
    expect(() => c.list('/opportunities', {})).toThrow(message);
    expect(http.requests).toHaveLength(2);
  });

  it.each([
    [429, RateLimitedError],
    [500, LeverUnavailableError],
    [502, LeverUnavailableError],
    [503, LeverUnavailableError],
  ])('%i → %p, retried with backoff up to the attempt limit', (status, type) => {
    const { c, http, clock } = client(() => json(status, {}));
    expect(() => c.list('/opportunities', {})).toThrow(type);
    expect(http.requests).toHaveLength(DEFAULT_RETRY.maxAttempts);
    expect(clock.slept.filter((s) => s >= 750)).toEqual([750, 1500, 3000, 6000, 12000]);
  });

  it('retries a truncated body and a dropped connection, then succeeds', () => {
    const { c, http } = client((_r, n) => {
      if (n === 1) return { status: 200, headers: {}, body: '{"data": [' };
      if (n === 2) throw new NetworkError('reset');
      return json(200, { data: [{ id: 'a' }], hasNext: false });
    });
    expect(c.list('/opportunities', {}).data).toEqual([{ id: 'a' }]);
    expect(http.requests).toHaveLength(3);
    expect(c.stats).toMatchObject({ requests: 3, retries: 2 });
  });

  it('treats a body without a data list as malformed', () => {
    const { c } = client(() => json(200, { oops: true }));
    expect(() => c.list('/x', {})).toThrow(MalformedResponseError);
  });

  it('sends Basic auth with the key as user name, and honours Retry-After without jitter', () => {
    const { c, http, clock } = client((_r, n) =>
      n === 1 ? json(429, {}, { 'Retry-After': '3' }) : json(200, { data: [], hasNext: false }),
    );
    c.list('/opportunities', { limit: 100, tag: ['a b', 'c'] });
    expect(http.requests[0].headers.Authorization).toBe(`Basic ${Buffer.from(`${KEY}:`).toString('base64')}`);
    expect(http.requests[0].url).toBe('https://api.lever.co/v1/opportunities?limit=100&tag=a%20b&tag=c');
    expect(clock.slept).toContain(3000);
    expect(c.stats.rateLimited).toBe(1);
  });

  it('recognises a stale offset token', () => {
    const { c } = client(() => json(400, { code: 'BadRequestError', message: 'Invalid offset token: Offset token is invalid for sort' }));
    expect(() => c.list('/opportunities', {}, 'tok')).toThrow(InvalidOffsetError);
  });

  it('never puts the key in an error message', () => {
    const { c } = client(() => {
      throw new Error(`socket hang up for ${KEY}`);
    });
    try {
      c.list('/x', {});
    } catch (e) {
      expect((e as Error).message).not.toContain(KEY);
      return;
    }
    throw new Error('expected a failure');
  });

  it('listMany: parallel first pages, 404 children become null, failed ones are retried alone', () => {
    let failures = 0;
    const { c, http } = client((req) => {
      if (req.url.includes('/gone/')) return json(404, { code: 'ResourceNotFound', message: 'gone' });
      if (req.url.includes('/flaky/') && failures++ < 2) return json(503, {});
      return json(200, { data: [{ id: req.url }], hasNext: false });
    });
    const pages = c.listMany(['/opportunities/a/interviews', '/opportunities/gone/interviews', '/opportunities/flaky/interviews'], {
      limit: 100,
    });
    expect(pages[0]!.data).toHaveLength(1);
    expect(pages[1]).toBeNull();
    expect(pages[2]!.data).toHaveLength(1);
    expect(http.requests.filter((r) => r.url.includes('/a/'))).toHaveLength(1);
    expect(http.requests.filter((r) => r.url.includes('/flaky/'))).toHaveLength(3);
  });
});

describe('retry policy and pacer', () => {
  it('retries only retriable errors, within maxAttempts, with jitter between half and full backoff', () => {
    const err = new LeverUnavailableError('x');
    expect(retryDelay(new AuthError('x'), 1, DEFAULT_RETRY)).toBeNull();
    expect(retryDelay(new Error('bug'), 1, DEFAULT_RETRY)).toBeNull();
    expect(retryDelay(err, DEFAULT_RETRY.maxAttempts, DEFAULT_RETRY)).toBeNull();
    expect(retryDelay(err, 3, { ...DEFAULT_RETRY, random: () => 0 })).toBe(2000);
    expect(retryDelay(err, 3, { ...DEFAULT_RETRY, random: () => 0.999999 })).toBe(4000);
    expect(retryDelay(err, 20 - 15, { ...DEFAULT_RETRY, maxAttempts: 99, random: () => 1 })).toBeLessThanOrEqual(DEFAULT_RETRY.maxDelayMs);
  });

  it('reads Retry-After seconds and ignores malformed values', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('keeps a steady rate: 100 requests take at least (100 - burst) / rate seconds', () => {
    const clock = new FakeClock(0);
    const pacer = new Pacer(clock, 8, 10);
    for (let i = 0; i < 100; i++) pacer.take(1);
    expect(clock.now()).toBeGreaterThanOrEqual(((100 - 10) / 8) * 1000 - 1);
    expect(clock.now()).toBeLessThan(((100 - 10) / 8) * 1000 + 200);
  });

  it('a new execution starts from the bucket the last one left, not from a full burst', () => {
    const clock = new FakeClock(10_000);
    const before = new Pacer(clock);
    before.take(10);
    const handed = before.state();
    clock.sleep(100); // the next execution starts 0.1 s later
    const next = new Pacer(clock, undefined, undefined, JSON.parse(JSON.stringify(handed)));
    next.take(10);
    // 0.95 tokens came back in 0.1 s: the other 9.05 take 9.05 / 9.5 s.
    expect(clock.now() - 10_100).toBe(Math.ceil((9.05 / 9.5) * 1000));
    // Nonsense (or a state from the future) counts as no state.
    expect(new Pacer(clock, undefined, undefined, { tokens: NaN, at: 0 }).state().tokens).toBe(10);
    expect(new Pacer(clock, undefined, undefined, { tokens: 0, at: clock.now() + 5000 }).state().tokens).toBe(10);
  });

  it('a batch takes one token per request and waits for the whole batch', () => {
    const clock = new FakeClock(0);
    const pacer = new Pacer(clock, 8, 10);
    pacer.take(10);
    pacer.take(10);
    expect(clock.now()).toBe(1250);
  });
});
