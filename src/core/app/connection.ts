import { CACHE_KEYS, USER_KEYS } from '../store/schema';
import { AuthError, ConfigError, SyncError, asSyncError, redact } from '../errors';
import { checkKey } from './key-check';
import type { RpcError } from '../../shared/errors';
import { LEVER_BASE_URLS, LeverClient, type LeverEnvironment } from '../lever/client';
import { Pacer, type PacerState } from '../lever/pacer';
import type { ConnectionInfo, ConnectionInput, ConnectionTest } from '../../shared/rpc';
import type { CachePort, HttpPort } from '../ports';
import type { RetryPolicy } from '../lever/retry';
import type { Platform, UserPlatform } from './platform';
import { QuotaLedger, accountKind, budgetOf, meteredHttp } from './quota';

const ledgers = new WeakMap<object, QuotaLedger>();

/** The user's quota ledger, one per execution (every client and the trigger share it). */
export function ledgerOf(p: UserPlatform): QuotaLedger {
  let ledger = ledgers.get(p.userStore);
  if (!ledger) ledgers.set(p.userStore, (ledger = new QuotaLedger(p.userStore, p.clock)));
  return ledger;
}

const KEY = USER_KEYS.apiKey;
const ENV = USER_KEYS.environment;

interface KeyStatus {
  ok: boolean;
  at: number;
  cannotRead: string[];
}

function keyStatus(p: UserPlatform): KeyStatus | null {
  try {
    return JSON.parse(p.userStore.get(USER_KEYS.keyStatus) ?? 'null') as KeyStatus | null;
  } catch {
    return null;
  }
}

/** What Lever last said of the saved key: when a run or a check finds it accepted or refused. */
export function noteKeyStatus(p: UserPlatform, ok: boolean, cannotRead?: string[]): void {
  const before = keyStatus(p);
  if (before?.ok === ok && cannotRead === undefined) return;
  p.userStore.set(USER_KEYS.keyStatus, JSON.stringify({ ok, at: p.clock.now(), cannotRead: cannotRead ?? before?.cannotRead ?? [] }));
}

export function connectionInfo(p: Platform): ConnectionInfo {
  const key = p.userStore.get(KEY);
  const status = key ? keyStatus(p) : null;
  return {
    connected: !!key,
    status: !key ? 'not connected' : status?.ok === false ? 'rejected' : 'connected',
    environment: (p.userStore.get(ENV) as LeverEnvironment | null) ?? null,
    keyHint: key ? `…${key.slice(-4)}` : null,
    cannotRead: status?.cannotRead ?? [],
  };
}

/** Forgets this user's key (and what Lever said of it); scheduled syncs that use it stop. */
export function disconnect(p: Platform): ConnectionInfo {
  for (const k of [KEY, ENV, USER_KEYS.keyStatus]) p.userStore.delete(k);
  return connectionInfo(p);
}

/**
 * Stores the key in this user's properties only, once Lever has accepted it: a key Lever refuses
 * (a typo while changing a working one, say) is not stored, and the key in use stays.
 */
export function saveConnection(p: Platform, input: ConnectionInput): ConnectionInfo & { message: string } {
  if (!input || typeof input !== 'object') throw new ConfigError('connection', 'send {apiKey, environment}.');
  // An empty key with one already saved keeps it (only the environment changes).
  const saved = p.userStore.get(KEY);
  const apiKey = (typeof input.apiKey === 'string' ? input.apiKey.trim() : '') || (saved ?? '');
  if (!apiKey) throw new ConfigError('apiKey', 'is empty: paste the key from Lever (Settings → Integrations and API → API credentials).');
  if (/\s/.test(apiKey) || apiKey.length < 16 || apiKey.length > 200) {
    throw new ConfigError('apiKey', 'does not look like a Lever API key (it should be one word of letters and digits). Paste it again.');
  }
  if (input.environment !== 'production' && input.environment !== 'sandbox') {
    throw new ConfigError('environment', 'must be production or sandbox.');
  }
  const kept = saved ? ` Nothing was changed: Lever Sync still uses your saved key ending ${saved.slice(-4)}.` : ' No key was saved.';
  let test: ConnectionTest;
  try {
    test = checkKey(clientFor(p, apiKey, input.environment), input.environment);
  } catch (e) {
    const err = asSyncError(e);
    const why = err instanceof AuthError ? err.message : `Lever Sync could not check the key with Lever: ${userMessage(p, err)}`;
    throw new AuthError(`${redact(why, [apiKey])}${kept}`);
  }
  if (!test.ok) throw new AuthError(`${test.message}${kept}`);
  p.userStore.set(KEY, apiKey);
  p.userStore.set(ENV, input.environment);
  noteKeyStatus(p, true, test.forbidden);
  return { ...connectionInfo(p), message: test.message };
}

export function apiKeyOf(p: UserPlatform): string | null {
  return p.userStore.get(KEY);
}

/** A client for this user's key; throws a clear error when no key is saved. */
export function leverClient(p: Platform, retry?: RetryPolicy): LeverClient {
  const apiKey = p.userStore.get(KEY);
  if (!apiKey) throw new AuthError('No Lever API key is saved for you in this spreadsheet. Open the sidebar and connect to Lever first.');
  return clientFor(p, apiKey, (p.userStore.get(ENV) as LeverEnvironment | null) ?? 'production', retry);
}

/** UrlFetch through the quota meter: every call counts against the user's day, whoever it goes to. */
export function meteredFetch(p: UserPlatform): HttpPort {
  return meteredHttp(p.http, ledgerOf(p), budgetOf(accountKind(p.userStore)));
}

function clientFor(p: Platform, apiKey: string, env: LeverEnvironment, retry?: RetryPolicy): LeverClient {
  return new LeverClient({
    ...(retry ? { retry } : {}),
    apiKey,
    baseUrl: LEVER_BASE_URLS[env],
    http: meteredFetch(p),
    clock: p.clock,
    pacer: new Pacer(p.clock, undefined, undefined, pacerState(p, apiKey)),
  });
}

function pacerState(p: UserPlatform, apiKey: string): PacerState | null {
  try {
    const raw = p.cache?.get(pacerKey(p, apiKey));
    return raw ? (JSON.parse(raw) as PacerState) : null;
  } catch {
    return null; // a cache that fails costs a full first burst, nothing more
  }
}

function pacerKey(p: UserPlatform, apiKey: string): string {
  return CACHE_KEYS.pacer(p.crypto.sha256Hex(apiKey).slice(0, 16));
}

/** At the end of an entry point: the requests it made are counted in the stored ledger. */
export function flushLedger(p: UserPlatform): void {
  try {
    ledgers.get(p.userStore)?.flush();
  } catch {
    // Google's own quota error remains the backstop.
  }
}

/** Hands the pacer's bucket to the next execution (of any spreadsheet) that uses this key. */
export function savePacer(p: UserPlatform, client: LeverClient): void {
  try {
    ledgerOf(p).save();
  } catch {
    // Counted again from the next save; Google's own quota error is the backstop.
  }
  const apiKey = p.userStore.get(KEY);
  if (!apiKey || !p.cache) return;
  try {
    p.cache.put(pacerKey(p, apiKey), JSON.stringify(client.pacer.state()), 600);
  } catch {
    // Only pacing is lost; the next execution starts with a full bucket.
  }
}

/**
 * The cache for Lever reference tables (names of stages, users…): the user's cache, keyed by the
 * Lever environment, so switching between sandbox and production never shows the other's names.
 */
export function lookupCache(p: UserPlatform): CachePort | null {
  const cache = p.cache;
  if (!cache) return null;
  const env = p.userStore.get(ENV) ?? 'production';
  return { get: (k) => cache.get(`${env}:${k}`), put: (k, v, ttl) => cache.put(`${env}:${k}`, v, ttl) };
}

/** Errors as the user sees them: the key never appears, even inside an echoed URL. */
export function userMessage(p: UserPlatform | null, e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  let key: string | null;
  try {
    key = p ? apiKeyOf(p) : null;
  } catch {
    // The key could not be read to take it out of the text (the properties service failing):
    // then the text is not shown at all, rather than shown unchecked.
    return 'Something went wrong, and Google did not let Lever Sync check the details for secrets, so they are not shown. Try again in a minute.';
  }
  return redact(msg, key ? [key] : []);
}

/** A failure as the sidebar gets it: its code, the message without secrets, the field at fault. */
export function rpcError(p: UserPlatform | null, e: unknown): RpcError {
  const err = asSyncError(e);
  // Whatever happened, the sidebar gets a message a person can read, not a megabyte.
  const out: RpcError = { code: err.code, message: userMessage(p, err).slice(0, 2000) };
  if (err instanceof ConfigError) out.field = err.field.slice(0, 200);
  return out;
}

/** Asks Lever what the saved key may read, and notes whether Lever accepted it. */
export function testConnection(p: Platform): ConnectionTest {
  const env = connectionInfo(p).environment ?? 'production';
  try {
    const test = checkKey(leverClient(p), env);
    noteKeyStatus(p, test.ok, test.forbidden);
    return test;
  } catch (e) {
    if (e instanceof AuthError && p.userStore.get(KEY)) noteKeyStatus(p, false);
    const message = e instanceof SyncError ? userMessage(p, e) : `Unexpected error: ${userMessage(p, e)}`;
    return { ok: false, message, readable: [], forbidden: [], confidentialAccess: null };
  }
}
