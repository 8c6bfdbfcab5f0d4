import { CATALOG } from '../catalog/objects';
import { CACHE_KEYS, USER_KEYS } from '../store/schema';
import { AuthError, ConfigError, PermissionError, SyncError, asSyncError, redact } from '../errors';
import type { RpcError } from '../../shared/errors';
import { LEVER_BASE_URLS, LeverClient, type LeverEnvironment } from '../lever/client';
import { Pacer, type PacerState } from '../lever/pacer';
import type { ConnectionInfo, ConnectionInput, ConnectionTest } from '../../shared/rpc';
import type { CachePort } from '../ports';
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

export function connectionInfo(p: Platform): ConnectionInfo {
  const key = p.userStore.get(KEY);
  return {
    connected: !!key,
    environment: (p.userStore.get(ENV) as LeverEnvironment | null) ?? null,
    keyHint: key ? `…${key.slice(-4)}` : null,
  };
}

/** Stores the key in this user's properties only. */
export function saveConnection(p: Platform, input: ConnectionInput): ConnectionInfo {
  if (!input || typeof input !== 'object') throw new ConfigError('connection', 'send {apiKey, environment}.');
  // An empty key with one already saved keeps it (only the environment changes).
  const apiKey = (typeof input.apiKey === 'string' ? input.apiKey.trim() : '') || (p.userStore.get(KEY) ?? '');
  if (!apiKey) throw new ConfigError('apiKey', 'is empty: paste the key from Lever (Settings → Integrations and API → API credentials).');
  if (/\s/.test(apiKey) || apiKey.length < 16 || apiKey.length > 200) {
    throw new ConfigError('apiKey', 'does not look like a Lever API key (it should be one word of letters and digits). Paste it again.');
  }
  if (input.environment !== 'production' && input.environment !== 'sandbox') {
    throw new ConfigError('environment', 'must be production or sandbox.');
  }
  p.userStore.set(KEY, apiKey);
  p.userStore.set(ENV, input.environment);
  return connectionInfo(p);
}

export function apiKeyOf(p: UserPlatform): string | null {
  return p.userStore.get(KEY);
}

/** A client for this user's key; throws a clear error when no key is saved. */
export function leverClient(p: Platform): LeverClient {
  const apiKey = p.userStore.get(KEY);
  if (!apiKey) throw new AuthError('No Lever API key is saved for you in this spreadsheet. Open the sidebar and connect to Lever first.');
  const env = (p.userStore.get(ENV) as LeverEnvironment | null) ?? 'production';
  return new LeverClient({
    apiKey,
    baseUrl: LEVER_BASE_URLS[env],
    http: meteredHttp(p.http, ledgerOf(p), budgetOf(accountKind(p.userStore))),
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

/** Reads one record of each top-level list to show what the key may read. */
export function testConnection(p: Platform): ConnectionTest {
  const client = leverClient(p);
  const lists = Object.values(CATALOG).flatMap((e) => (e.source.kind === 'list' ? [e.source] : []));
  const readable: string[] = [];
  const forbidden: string[] = [];
  try {
    for (const src of lists) {
      try {
        client.list(src.path, { limit: 1 });
        readable.push(src.path.slice(1));
      } catch (e) {
        if (e instanceof PermissionError) forbidden.push(src.path.slice(1));
        else throw e;
      }
    }
    let confidentialAccess: boolean | null = null;
    if (readable.includes('opportunities')) {
      // Lever hides confidential records from keys without access instead of refusing: seeing one proves access.
      try {
        confidentialAccess = client.list('/opportunities', { limit: 1, confidentiality: 'confidential' }).data.length > 0 ? true : null;
      } catch (e) {
        if (e instanceof PermissionError) confidentialAccess = false;
        else throw e;
      }
    }
    const ok = readable.length > 0;
    const message = ok
      ? `Connected to Lever (${connectionInfo(p).environment}). The key can read ${readable.join(', ')}${forbidden.length ? `; it cannot read ${forbidden.join(', ')}` : ''}.`
      : `The key cannot read any Lever object this add-on needs (${forbidden.join(', ')}).`;
    return { ok, message, readable, forbidden, confidentialAccess };
  } catch (e) {
    const message = e instanceof SyncError ? userMessage(p, e) : `Unexpected error: ${userMessage(p, e)}`;
    return { ok: false, message, readable, forbidden, confidentialAccess: null };
  }
}
